"""Progress reports and cancellation for long work (import, export, agreement, adjudication).

A progress callback is called as ``progress(done, total, message)``; raising Cancelled
from it stops the work, and the work's transaction is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The user cancelled; nothing was written."""


def no_progress(done: int, total: int, message: str = "") -> None:
    return None
