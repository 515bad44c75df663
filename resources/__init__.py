"""The codebooks, icons and styles the annotator ships (read through annotator.data)."""
