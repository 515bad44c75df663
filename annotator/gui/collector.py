"""Python's cyclic garbage collector, run on the GUI thread only.

Left automatic, the collector runs on whichever thread happens to allocate past its
threshold, a Job's worker thread too. A reference cycle it frees there may hold QObjects
of the GUI thread (a window, a session, a job and the lambdas connected to them), which
are then destroyed on the worker while the GUI thread may be processing their events:
Qt crashes (segfaults in the GUI tests). So automatic collection is turned off while the
app runs, and a timer on the GUI thread collects the generations that Python itself
would have collected by now, by the same thresholds. Objects without cycles are freed by
their reference counts as always; cycles wait at most one tick.

A view reading a document to show (tens of thousands of new objects, on a job's thread)
`hold`s collection until the document is painted: a tick that comes meanwhile is skipped,
since a collection on the GUI thread takes Python's lock from the read for its whole
length (20-40 ms for the first generation, over 100 ms when it was the second). Collecting
is never put off for long: a tick collects once HELD_AT_MOST_MS have passed since the last
collection, held or not, and a hold not released by then (its view gone) counts no more.
"""

from __future__ import annotations

import gc
import itertools
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer

TICK_MS = 1000
HELD_AT_MOST_MS = 3 * TICK_MS


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
        self._holds: dict[int, float] = {}  # hold -> when it began (time.monotonic)
        self._numbers = itertools.count()
        self._collected_at = time.monotonic()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        gc.disable()
        self._timer.start(tick_ms)
        self.destroyed.connect(_enable_if(self._was_enabled))
        _made.append(self)

    def tick(self) -> int | None:
        """What the timer runs: `collect_due`, unless a hold puts it off (None)."""
        if self.held():
            return None
        return self.collect_due()

    def held(self) -> bool:
        """Whether a hold puts collecting off now (never HELD_AT_MOST_MS after the last
        collection, nor for a hold that began that long ago)."""
        now = time.monotonic()
        limit = HELD_AT_MOST_MS / 1000
        if self._holds:
            self._holds = {k: t for k, t in self._holds.items() if now - t < limit}
        return bool(self._holds) and now - self._collected_at < limit

    def collect_due(self) -> int | None:
        self._collected_at = time.monotonic()
        generation = due_generation(gc.get_count(), self._thresholds)
        if generation is not None:
            gc.collect(generation)
        return generation

    def hold(self) -> Callable[[], None]:
        """Put collecting off until the function returned is called (more than once does
        no harm), within HELD_AT_MOST_MS."""
        number = next(self._numbers)
        self._holds[number] = time.monotonic()
        return lambda: self._holds.pop(number, None)

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


def hold() -> Callable[[], None]:
    """Put the application's collecting off until the function returned is called (see
    `GuiThreadCollector`)."""
    found = _of(QCoreApplication.instance())
    return found.hold() if found is not None else not_held


def not_held() -> None:
    """The release of a hold never taken."""


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """The application's collector (made once; the app owns it)."""
    found = _of(app)
    return found if found is not None else GuiThreadCollector(app)
