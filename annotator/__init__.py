"""Framing annotator: mark media framing and bias in news, measure agreement, adjudicate."""

__version__ = "0.1.0"
