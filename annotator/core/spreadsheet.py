"""Text cells that are safe to open in a spreadsheet (OWASP "CSV injection"): a cell that
starts with = + - @, a tab or a carriage return would be run as a formula, so it is
written with a single quote in front; a cell that starts with a quote gets one more, so
that dropping one leading quote from every cell that has one gives back the exact value."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value: str) -> str:
    if value.startswith(FORMULA_STARTS) or value.startswith("'"):
        return "'" + value
    return value


def unsafe(value: str) -> str:
    """What `safe` wrote, back as it was."""
    return value[1:] if value.startswith("'") else value
