"""Active annotation time from the workbench: every key, click and scroll in the window
(while it is active, a document is open and the user annotates, not adjudicates) feeds
core.activity's clock; stretches are saved when they end, and the one running every
half minute, through the window's queue of writes (gui.writes: off the GUI thread, after
the edits before them, never a dialog of their own). Pointer moves count at most once a
second, so following the text with the mouse is activity without a write storm."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.activity import ActivityClock, Stretch
from annotator.gui.jobs import Job
from annotator.gui.session import Session
from annotator.services import activity

SAVE_EVERY_MS = 30_000
SAVE_ENDED_AFTER_MS = 2_000  # a stretch ended by entering reviewer mode
MOVE_EVERY = 1.0  # seconds between pointer moves that count
# What counts: keys, presses, double clicks, wheels, and pointer moves. The filter sees
# every event of the application (a hundred or more for one new span, thousands while the
# first window is built and painted): the event's class sorts out the few that can be
# input first, since asking any event its type makes a Python enum member of it (≈ 1 µs
# each); the type is then compared by identity (each enum member is one object), not
# looked up in a set, which hashes the member in Python.
_INPUT = (QKeyEvent, QMouseEvent, QWheelEvent)
_KEY, _PRESS, _WHEEL, _DOUBLE = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                                 QEvent.Type.Wheel, QEvent.Type.MouseButtonDblClick)
_MOVE, _LEFT = QEvent.Type.MouseMove, QEvent.Type.WindowDeactivate


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
        self.watching = False  # the application's events are wanted (watch)
        self.ended = False  # shut down: nothing is watched again
        self.adjudicating = False  # reviewer mode: its events are not filtered
        self._installed = False  # the application's filter is in place
        self._ended: list[Stretch] = []  # stretches ended, to save in a moment
        self._platform_window: QWindow | None = None  # see bridge
        session.identity_changed.connect(self._identity_changed)
        session.document_opened.connect(self._document_opened)
        self._identity_changed()

    def bridge(self, platform_window: QWindow | None) -> None:
        """At the window's first paint: count the input the system delivers to the
        window's platform window until `watch` takes over. A key pressed as soon as the
        window shows can come before that turn; this filter sees only the platform
        window's few events, not the paint of every widget in it."""
        if (platform_window is None or self.ended or self.watching
                or self._platform_window is not None):
            return
        self._platform_window = platform_window
        platform_window.installEventFilter(self)

    def watch(self) -> None:
        """Start filtering the application's events, once: at the turn after the
        window's first paint (MainWindow._after_first_paint). Installed earlier, the
        filter would see the window's building and painting, and its first events make
        PySide build the Python type of every Qt class it has not met (enums and all)
        that the first paint would wait for."""
        if self.ended or self.watching:
            return
        self._unbridge()
        if QApplication.instance() is not None:
            self.watching = True
            self._filter()

    def set_adjudicating(self, on: bool) -> None:
        """Reviewer mode (ReviewMode.adjudicating): no input there is annotation time, so
        the application's events go unfiltered while it is entered and shown (entering
        alone sends some 2,000 events through Python, each switch of document 200). The
        running stretch ends as entering begins, at its last event, as the first input in
        reviewer mode ended it before."""
        if on == self.adjudicating:
            return
        self.adjudicating = on
        ended = self.clock.stop() if on and self.clock is not None else None
        if ended is not None:  # saved once the view has come: not a write beside its read
            self._ended.append(ended)
            QTimer.singleShot(SAVE_ENDED_AFTER_MS, self, self._save_ended)
        self._filter()

    def _save_ended(self) -> None:
        if self._ended:
            ended, self._ended = self._ended, []
            self._save(ended)

    def _filter(self) -> None:
        """Install or remove the application's filter as watching and the mode want."""
        app = QApplication.instance()
        wanted = self.watching and not self.adjudicating and not self.ended
        if app is None or wanted == self._installed:
            return
        self._installed = wanted
        if wanted:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def _unbridge(self) -> None:
        if self._platform_window is not None:
            self._platform_window.removeEventFilter(self)
            self._platform_window = None

    # ---------------------------------------------------------------- events

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if isinstance(event, _INPUT):
            self._input(obj, event.type())
        elif obj is self.window and event.type() is _LEFT:
            self.stop()
        return False

    def _input(self, obj, kind: QEvent.Type) -> None:
        """A key, mouse or wheel event: counted if it is one that counts, in this window
        (or, bridged, in its platform window)."""
        if not (kind is _MOVE or kind is _KEY or kind is _PRESS or kind is _WHEEL
                or kind is _DOUBLE):
            return
        if obj is not self._platform_window and not (
                isinstance(obj, QWidget) and obj.window() is self.window):
            return
        t = self.now()
        if kind is not _MOVE or t - self._last_move >= MOVE_EVERY:
            self._last_move = t
            self.event_at(t)

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
        self.ended = True
        self._unbridge()
        self.watching = False
        self._filter()
        ended, self._ended = self._ended, []
        if self.clock is not None:
            ended += filter(None, [self.clock.stop()])
        if ended:
            # closing must not fail over a lost minute of time
            with contextlib.suppress(Exception):
                activity.record(self.session.project, ended)
