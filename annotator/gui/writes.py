"""The window's one queue of service calls that write, run in order off the GUI thread.

Every write the workbench makes goes here as a Job (gui.jobs) on a pool of one thread, so
calls run one at a time, in the order they were made, each its own transaction. While
another connection holds the project's write lock a call waits (services.waiting):
`waiting` says for how long, and the window shows it (status bar, busy cursor); if the
wait goes on, the job's dialog offers Cancel, which gives up with nothing written.

`call` hands the result back like a plain function call, so the session's verbs keep
their shape. Meanwhile the GUI thread runs a local event loop: the window repaints and
its timers run, while keys and clicks are held back and delivered, in order, once the
call has returned, so that no second edit starts from a view the first has not updated.
Once the dialog shows, the window behind it is modal-blocked as for any long job.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QObject, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QWidget

from annotator.gui.jobs import Job
from annotator.services.progress import Cancelled
from annotator.services.waiting import Patience, patience

SHOW_WAITING_AFTER_S = 0.2  # shorter waits come and go unnoticed
DIALOG_AFTER_MS = 3_000  # a call still waiting or working then offers Cancel
LOOK_AGAIN_MS = 100  # how often a held call looks whether its dialog is up
TIMEOUT_S = 60.0  # without a window to offer Cancel in: then Busy, nothing written


class _Raised:
    """What the work raised, handed back to the caller's thread to be raised there."""

    def __init__(self, exc: BaseException):
        self.exc = exc


class Writes(QObject):
    waiting = Signal(float)  # seconds this call has waited for another writer so far
    waited = Signal()  # the wait is over: the call went ahead, failed or was cancelled

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one at a time, in the order submitted
        self.window: QWidget | None = None  # the dialogs' parent, once there is one
        self.pending = 0  # calls submitted and not yet ended

    @property
    def busy(self) -> bool:
        return self.pending > 0

    def submit(self, fn: Callable, title: str, *, on_done=None, on_error=None,
               on_cancel=None, show_after_ms: int | None = None, start: bool = True,
               dialog: bool = True) -> Job:
        """Queue `fn(progress)` behind the calls before it (`start` False: the caller
        starts the Job; `dialog` False: work the user did not ask for, which never shows
        a dialog and, waiting too long, fails as Busy)."""
        dialog = dialog and self.window is not None

        def work(report):
            def wait(seconds: float) -> None:
                if seconds >= SHOW_WAITING_AFTER_S:
                    self.waiting.emit(seconds)  # queued to the GUI thread
                report(0, 0, f"Waiting: another program is writing to the project "
                             f"({seconds:.0f} s)…")

            with patience(Patience(timeout=None if dialog else TIMEOUT_S, waiting=wait)):
                return fn(report)

        extra = {} if show_after_ms is None else {"show_after_ms": show_after_ms}
        job = Job(work, title, self.window if dialog else None, on_done=on_done,
                  on_error=on_error, on_cancel=on_cancel, dialog=dialog, pool=self.pool,
                  **extra)
        if not dialog:
            job.setParent(self)
        self.pending += 1
        job.finished.connect(self._ended)
        return job.start() if start else job

    def call(self, fn: Callable, *args, **kwargs):
        """`fn(*args, **kwargs)` on the queue's thread; its result, or what it raised
        (Cancelled when the user gave up waiting)."""
        return self.run(lambda _progress: fn(*args, **kwargs))

    def run(self, fn: Callable, title: str = "Saving", *,
            dialog_after_ms: int = DIALOG_AFTER_MS):
        """`fn(progress)` on the queue's thread, returning like `call`. Its progress
        shows in the job's dialog, which comes up after `dialog_after_ms` with Cancel
        (an action whose users wait for it asks sooner than the 3 s of a plain save)."""

        def work(report):
            try:
                return fn(report)
            except Cancelled:
                raise
            except BaseException as exc:  # noqa: BLE001 - raised again on the GUI thread
                return _Raised(exc)

        got: list = []
        job = self.submit(work, title, on_done=got.append,
                          on_cancel=lambda: got.append(_Raised(Cancelled())),
                          show_after_ms=dialog_after_ms, start=False)
        loop = QEventLoop()
        job.finished.connect(loop.quit)
        look = QTimer()
        look.setInterval(LOOK_AGAIN_MS)
        look.timeout.connect(loop.quit)
        look.start()
        # Everything is ready before the work starts, and the loop is entered at once:
        # Python run here while the work runs would take turns with it for the
        # interpreter lock (a short edit's save took twice as long).
        job.start()
        held = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
        loop.exec(held)  # no dialog before the first look
        while job.outcome is None:
            if job.dialog_shown():
                loop.exec()  # the dialog is modal: Cancel is the one thing to press
            else:
                loop.exec(held)
        look.stop()
        job.deleteLater()
        result = got[0] if got else _Raised(Cancelled())
        if isinstance(result, _Raised):
            raise result.exc
        return result

    def _ended(self) -> None:
        self.pending -= 1
        self.waited.emit()
