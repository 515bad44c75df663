"""Why a measure has no value, and how a caller stops a long computation."""

from __future__ import annotations


class Undefined(ArithmeticError):
    """A measure that the data cannot define (no pair, one category, nothing to compare).

    The report turns it into ``null`` with ``reason`` in its notes, never into a made-up
    0 or 1.
    """

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Cancelled(Exception):
    """Raise it from a progress callback to stop building a report.

    Any exception raised by the callback propagates unchanged; this one merely gives
    callers a name to raise and catch.
    """
