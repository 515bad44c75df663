"""Work that waits for a pause: each start of the timer puts it off again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def debounced(parent: QObject, ms: int, slot: Callable[[], object]) -> QTimer:
    """A single-shot timer that runs ``slot`` ``ms`` after its last ``start()``."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
