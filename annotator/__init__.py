"""Framing annotator: annotate media framing and bias in news, measure agreement, adjudicate, export."""

__version__ = "0.1.0"
