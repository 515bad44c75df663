"""Python's cyclic garbage collector, run on the GUI thread only.

Left automatic, the collector runs on whichever thread happens to allocate past its
threshold, a Job's worker thread too. A reference cycle it frees there may hold QObjects
of the GUI thread (a window, a session, a job and the lambdas connected to them), which
are then destroyed on the worker while the GUI thread may be processing their events:
Qt crashes (segfaults in the GUI tests). So automatic collection is turned off while the
app runs, and a timer on the GUI thread collects the generations that Python itself
would have collected by now, by the same thresholds. Objects without cycles are freed by
their reference counts as always; cycles wait at most one tick.

A view about to show what a read made (tens of thousands of new objects) may `postpone`
the next tick by one, so that the collection over them falls after the paint rather than
before it; once between two collections, so that collecting is never put off for long.
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer

TICK_MS = 1000


def due_generation(counts: tuple[int, int, int],
                   thresholds: tuple[int, int, int]) -> int | None:
    """The oldest generation whose count has passed its threshold, as Python's automatic
    collection decides (None: nothing is due)."""
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            return generation
    return None


class GuiThreadCollector(QObject):
    """Turns automatic collection off until `stop()` (or until it is destroyed with its
    parent, the application) and collects on its own thread, the GUI thread."""

    def __init__(self, parent: QObject, tick_ms: int = TICK_MS):
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._tick_ms = tick_ms
        self._postponed = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        gc.disable()
        self._timer.start(tick_ms)
        self.destroyed.connect(_enable_if(self._was_enabled))
        _made.append(self)

    def collect_due(self) -> int | None:
        self._postponed = False
        generation = due_generation(gc.get_count(), self._thresholds)
        if generation is not None:
            gc.collect(generation)
        return generation

    def postpone(self) -> bool:
        """The next tick a whole tick from now, unless it was put off once already since
        the last (then it stays when it was: False)."""
        if self._postponed or not self._timer.isActive():
            return False
        self._postponed = True
        self._timer.start(self._tick_ms)
        return True

    def stop(self) -> None:
        """Collect everything now, on this thread, and give collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()


def _enable_if(was_enabled: bool):
    def enable(*_args) -> None:  # not a method: the collector is being destroyed
        if was_enabled:
            gc.enable()
    return enable


# The collectors made, oldest first. The application's is found among them, not with
# `app.findChild`: that hands each child of the application to Python, and those Qt made
# itself (its style, event dispatcher, session manager) make PySide build the Python
# types of QStyle and its kin (≈ 10 ms, before the first window could paint).
_made: list[GuiThreadCollector] = []


def _of(app: QObject | None) -> GuiThreadCollector | None:
    """The application's collector (its first one still there), if it has one."""
    _made[:] = [c for c in _made if shiboken6.isValid(c)]
    return next((c for c in _made if app is not None and c.parent() is app), None)


def postpone() -> None:
    """Put the application's next collection off by a tick (see `GuiThreadCollector`)."""
    found = _of(QCoreApplication.instance())
    if found is not None:
        found.postpone()


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """The application's collector (made once; the app owns it)."""
    found = _of(app)
    return found if found is not None else GuiThreadCollector(app)
