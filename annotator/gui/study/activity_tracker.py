"""Active annotation time from the workbench: every key, click and scroll in the window
(while it is active, a document is open and the user annotates, not adjudicates) feeds
core.activity's clock; stretches are saved when they end, and the one running every
half minute, through the window's queue of writes (gui.writes: off the GUI thread, after
the edits before them, never a dialog of their own). Pointer moves count at most once a
second, so following the text with the mouse is activity without a write storm.

The input is watched on the window's platform window (its QWindow), through which the
system delivers every key, click and scroll meant for the window before any widget sees
it. A filter on the whole application would be called from Python for every event of
every object — paints and timers included, and objects being torn down."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

from annotator.core.activity import ActivityClock, Stretch
from annotator.gui.jobs import Job
from annotator.gui.session import Session
from annotator.services import activity

SAVE_EVERY_MS = 30_000
MOVE_EVERY = 1.0  # seconds between pointer moves that count
INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
         QEvent.Type.MouseButtonDblClick}
HANDLE_MADE = {QEvent.Type.Show, QEvent.Type.WinIdChange}


class ActivityTracker(QObject):
    def __init__(self, session: Session, window: QWidget,
                 annotating: Callable[[], bool] = lambda: True,
                 now: Callable[[], float] = time.time):
        super().__init__(window)
        self.session = session
        self.window = window
        self.annotating = annotating  # False while the reviewer adjudicates
        self.now = now
        self.clock: ActivityClock | None = None
        self.jobs: list[Job] = []
        self._last_move = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(SAVE_EVERY_MS)
        self.timer.timeout.connect(self.save_running)
        self.timer.start()
        session.identity_changed.connect(self._identity_changed)
        session.document_opened.connect(self._document_opened)
        self.handle: QWindow | None = None
        window.installEventFilter(self)  # its deactivation, and its platform window
        self._watch_handle()
        self._identity_changed()

    # ---------------------------------------------------------------- events

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        kind = event.type()
        if obj is self.handle:
            if kind in INPUT or kind == QEvent.Type.MouseMove:
                t = self.now()
                if kind != QEvent.Type.MouseMove or t - self._last_move >= MOVE_EVERY:
                    self._last_move = t
                    self.event_at(t)
        elif kind == QEvent.Type.WindowDeactivate:
            self.stop()
        elif kind in HANDLE_MADE:
            self._watch_handle()
        return False

    def _watch_handle(self) -> None:
        """The platform window exists from the first show on, and can be replaced."""
        handle = self.window.windowHandle()
        if handle is not None and handle is not self.handle:
            if self.handle is not None:
                self.handle.removeEventFilter(self)
            handle.installEventFilter(self)
            self.handle = handle

    def event_at(self, t: float) -> None:
        """An input event at `t` (seconds) in the window."""
        if self.clock is None:
            return
        doc = self.session.doc.id if self.session.doc is not None and self.annotating() \
            else None
        ended = self.clock.event(doc, t)
        if ended is not None:
            self._save([ended])

    def _document_opened(self) -> None:
        self.event_at(self.now())

    def _identity_changed(self) -> None:
        self.stop()
        user = self.session.user
        self.clock = ActivityClock(user.name) if user is not None else None

    # ---------------------------------------------------------------- saving

    def stop(self) -> None:
        """End the running stretch (the window left, the identity changed)."""
        if self.clock is not None:
            ended = self.clock.stop()
            if ended is not None:
                self._save([ended])

    def save_running(self) -> None:
        if self.clock is not None:
            running = self.clock.current()
            if running is not None:
                self._save([running])

    def _save(self, stretches: list[Stretch]) -> None:
        project = self.session.project
        job = self.session.writes.submit(lambda _p: activity.record(project, stretches),
                                         "Active time", on_error=self._failed, start=False,
                                         dialog=False)
        self.jobs.append(job)
        job.finished.connect(lambda j=job: self.jobs.remove(j) if j in self.jobs else None)
        job.finished.connect(job.deleteLater)
        job.start()

    def _failed(self, message: str) -> None:
        self.session.message.emit(f"Active time was not saved: {message}")

    def shutdown(self) -> None:
        """The window closes: the running stretch is saved before the project closes."""
        self.timer.stop()
        self.window.removeEventFilter(self)
        if self.handle is not None:
            self.handle.removeEventFilter(self)
            self.handle = None
        if self.clock is not None:
            ended = self.clock.stop()
            if ended is not None:
                # closing must not fail over a lost minute of time
                with contextlib.suppress(Exception):
                    activity.record(self.session.project, [ended])
