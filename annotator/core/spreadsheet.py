"""The one rule every CSV the project writes follows, so that it is safe to open in a
spreadsheet (OWASP "CSV injection").

A text cell that starts with = + - @, a tab or a carriage return would be run as a
formula, so it is written with a single quote in front. A text cell that starts with a
quote gets one more, so that dropping one leading quote from every cell that has one
(``unsafe``) gives back the exact value. Numbers are written as numbers (a negative number
is not a formula), and None as an empty cell. Labels, names, ids and article text are all
text: the rule goes by the cell's type, never by its column, so no writer can forget one.
Every CSV writer uses ``writer``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value: str) -> str:
    if value.startswith(FORMULA_STARTS) or value.startswith("'"):
        return "'" + value
    return value


def unsafe(value: str) -> str:
    """What `safe` wrote, back as it was."""
    return value[1:] if value.startswith("'") else value


def cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    return safe(str(value))


class SafeWriter:
    """A ``csv.writer`` whose every cell goes through `cell`."""

    def __init__(self, fh: IO[str], **fmtparams: Any):
        self._writer = csv.writer(fh, **fmtparams)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(fh: IO[str], **fmtparams: Any) -> SafeWriter:
    """The writer for every CSV the project writes (``fmtparams`` as ``csv.writer``'s)."""
    return SafeWriter(fh, **fmtparams)
