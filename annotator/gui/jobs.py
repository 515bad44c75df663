"""Long work off the GUI thread, with a progress dialog that can cancel.

A job is a function taking a progress callback (services.progress). It runs on Qt's
thread pool (the database engine hands each thread its own SQLite connection); its
progress, result or failure come back to the GUI thread as queued signals. Cancel makes
the next progress call raise Cancelled, so the service rolls its transaction back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.gui.errors import plain_message
from annotator.gui.qt_namespace import Qt
from annotator.services.progress import Cancelled

WORKER_LETS_GO_S = 1.0  # the worker is past its last emit: this takes microseconds
SHOW_AFTER_MS = 300  # quick jobs finish without a dialog flashing up


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        # The worker lets go of the job before it says it is done, and the GUI thread
        # waits for that before it lets go itself: the job and its signals (QObjects of
        # the GUI thread) are then never freed on this thread, which crashed Qt.
        job, self.job = self.job, None
        finished = job.worker_done
        try:
            try:
                result = job.fn(job.report)
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
                _back(job.signals, job.signals.failed, exc)
                del exc
            else:
                _back(job.signals, job.signals.done, result)
                del result
        finally:
            del job
            finished.set()


def _back(signals, signal, value) -> None:
    """Hand the end to the GUI thread, unless the job's owner (and the job's signals with
    it) went away meanwhile: then nothing is called back."""
    if not shiboken6.isValid(signals):
        return
    try:
        signal.emit(value)
    except RuntimeError:
        if shiboken6.isValid(signals):  # not the signals gone: our bug
            raise


class Job(QObject):
    """One piece of background work; keep a reference until `finished`.

    Safe against the re-entrancy of a window-modal progress dialog, whose setValue
    processes events: the queued progress, result or failure can then arrive
    inside it. A progress report that arrives while one is being shown is kept and shown
    next; the end can come at any time, after which nothing touches the dialog again; a
    job that ended stays ended (a cancel after its work was done changes nothing: the
    work is in, and `outcome` says "done"). If the widget that owns the job goes away,
    the work is cancelled and nothing is called back.
    """

    finished = Signal()

    def __init__(self, fn: Callable, title: str, parent: QWidget | None = None, *,
                 on_done: Callable[[object], None] | None = None,
                 on_error: Callable[[str], None] | None = None,
                 on_cancel: Callable[[], None] | None = None, dialog: bool = True,
                 pool: QThreadPool | None = None, show_after_ms: int = SHOW_AFTER_MS):
        super().__init__(parent)
        self.pool = pool  # None: Qt's global pool (gui.writes has a pool of one thread)
        self.show_after_ms = show_after_ms
        self.fn = fn
        self.title = title
        self.cancel_event = threading.Event()
        self.on_done = on_done
        self.on_error = on_error
        self.on_cancel = on_cancel
        self.running = False
        self.outcome: str | None = None  # done | failed | cancelled
        self._showing = False  # inside _progress (and the dialog's setValue)
        self._pending: tuple[int, int, str] | None = None  # arrived meanwhile
        self.worker_done = threading.Event()  # the work has returned (or raised)
        self.signals = _Signals()
        self.signals.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self.signals.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        cancel_event = self.cancel_event  # not self: the job is being destroyed
        self.destroyed.connect(lambda *_a: cancel_event.set())
        self._wants_dialog = dialog  # made when first needed, a child of the job's parent
        self._dialog: QProgressDialog | None = None
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show)

    @property
    def dialog(self) -> QProgressDialog | None:
        """The progress dialog (None without one, or once the job has ended). It is made
        when first needed: a job that ends before reporting progress or showing it (a
        save of one edit) never builds the dozen widgets of one."""
        if self._dialog is None and self._wants_dialog and self.outcome is None:
            parent = self.parent()  # not kept: a reference would make a cycle with the owner
            if not isinstance(parent, QWidget):
                parent = None
            title = self.title
            dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
            dialog.setObjectName("job_progress")
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(self.show_after_ms)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(self.cancel)
            dialog.reset()  # stays hidden until the first progress, or SHOW_AFTER_MS
            if self.cancel_event.is_set():
                dialog.setLabelText("Cancelling…")
            self._dialog = dialog
        return self._dialog

    def dialog_shown(self) -> bool:
        """Whether the progress dialog is on screen (without making one)."""
        return self._dialog is not None and self._dialog.isVisible()

    def start(self) -> Job:
        self.running = True
        if self._wants_dialog:
            self._show_timer.start(self.show_after_ms)
        (self.pool or QThreadPool.globalInstance()).start(_Runnable(self))
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report (its transaction rolls back)."""
        if not self.running:
            return
        self.cancel_event.set()
        if self._dialog is not None:
            self._dialog.setLabelText("Cancelling…")

    def wait(self) -> None:
        """Block until the work has returned, e.g. a cancelled one before the window
        closes (a thread left running would take the process down with it)."""
        if self.running or self.outcome is not None:  # started
            self.worker_done.wait()

    def report(self, done: int, total: int, message: str = "") -> None:
        """The progress callback the service calls, on the worker thread."""
        if self.cancel_event.is_set():
            raise Cancelled()
        self.signals.progress.emit(done, total, message)

    def _show(self) -> None:
        if self.running and self.dialog is not None and not self.dialog.isVisible():
            self.dialog.setRange(0, 0)
            self.dialog.show()

    def _progress(self, done: int, total: int, message: str) -> None:
        if self._showing:  # called from inside setValue below: shown when it returns
            self._pending = (done, total, message)
            return
        self._showing = True
        try:
            while self.running and self.dialog is not None and not self.cancel_event.is_set():
                dialog = self.dialog
                if message:
                    dialog.setLabelText(message)
                dialog.setMaximum(max(total, 0))
                # last: it may process events, and the job may end inside it
                dialog.setValue(min(done, total) if total else 0)
                if self._pending is None:
                    break
                (done, total, message), self._pending = self._pending, None
        finally:
            self._showing = False
            self._pending = None

    def _finish(self, outcome: str) -> bool:
        """End the job once; False if it had ended already."""
        if self.outcome is not None:
            return False
        self.running = False
        self.outcome = outcome
        self._show_timer.stop()
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            # reset first: a first progress at the minimum started the dialog's own timer
            # that shows it after minimumDuration, and hide() does not stop that timer
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
        self.finished.emit()
        return True

    def _let_go(self) -> tuple:
        """The callbacks, dropped from the ended job. They and the work often hold the
        job's owner (a session, a window), whose child the job is: a reference cycle
        that only the garbage collector frees, and it runs on whichever thread happens
        to allocate, a worker's too, where destroying QObjects of the GUI thread while
        that thread is processing their events crashed Qt."""
        callbacks = self.on_done, self.on_error, self.on_cancel
        self.fn = self.on_done = self.on_error = self.on_cancel = None
        return callbacks

    def _done(self, result) -> None:
        self.worker_done.wait(WORKER_LETS_GO_S)
        if self._finish("done"):
            on_done, _, _ = self._let_go()
            if on_done is not None:
                on_done(result)

    def _failed(self, exc: BaseException) -> None:
        self.worker_done.wait(WORKER_LETS_GO_S)
        if isinstance(exc, Cancelled):
            if self._finish("cancelled"):
                _, _, on_cancel = self._let_go()
                if on_cancel is not None:
                    on_cancel()
            return
        if self._finish("failed"):
            _, on_error, _ = self._let_go()
            message = plain_message(exc)  # an unexpected error is logged here
            if on_error is not None:
                on_error(message)
