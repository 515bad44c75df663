"""The sample corpus (read through annotator.data; not a document to import)."""
