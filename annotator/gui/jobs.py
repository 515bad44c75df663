"""Long work off the GUI thread, with a progress dialog that can cancel.

A job is a function taking a progress callback (services.progress). It runs on Qt's
thread pool (the database engine hands each thread its own SQLite connection); its
progress, result or failure come back to the GUI thread as queued signals. Cancel makes
the next progress call raise Cancelled, so the service rolls its transaction back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.gui.errors import plain_message
from annotator.services.progress import Cancelled

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
        job = self.job
        try:
            result = job.fn(job.report)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
            job.signals.failed.emit(exc)
        else:
            job.signals.done.emit(result)


class Job(QObject):
    """One piece of background work; keep a reference until `finished`."""

    finished = Signal()

    def __init__(self, fn: Callable, title: str, parent: QWidget | None = None, *,
                 on_done: Callable[[object], None] | None = None,
                 on_error: Callable[[str], None] | None = None,
                 on_cancel: Callable[[], None] | None = None, dialog: bool = True):
        super().__init__(parent)
        self.fn = fn
        self.title = title
        self.cancel_event = threading.Event()
        self.on_done = on_done
        self.on_error = on_error
        self.on_cancel = on_cancel
        self.running = False
        self.outcome: str | None = None  # done | failed | cancelled
        self.signals = _Signals()
        self.signals.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self.signals.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.dialog: QProgressDialog | None = None
        if dialog:
            self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
            self.dialog.setObjectName("job_progress")
            self.dialog.setWindowTitle(title)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(SHOW_AFTER_MS)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)
            self.dialog.reset()  # stays hidden until the first progress, or SHOW_AFTER_MS
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show)

    def start(self) -> Job:
        self.running = True
        if self.dialog is not None:
            self._show_timer.start(SHOW_AFTER_MS)
        QThreadPool.globalInstance().start(_Runnable(self))
        return self

    def cancel(self) -> None:
        self.cancel_event.set()
        if self.dialog is not None:
            self.dialog.setLabelText("Cancelling…")

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
        dialog = self.dialog
        if dialog is None or self.cancel_event.is_set():
            return
        if message:
            dialog.setLabelText(message)
        dialog.setMaximum(max(total, 0))
        # last: once shown, a window-modal dialog's setValue processes events, and the job
        # may finish (its dialog gone) inside it
        dialog.setValue(min(done, total) if total else 0)

    def _finish(self, outcome: str) -> None:
        self.running = False
        self.outcome = outcome
        self._show_timer.stop()
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        self.finished.emit()

    def _done(self, result) -> None:
        self._finish("done")
        if self.on_done is not None:
            self.on_done(result)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self._finish("cancelled")
            if self.on_cancel is not None:
                self.on_cancel()
            return
        self._finish("failed")
        message = plain_message(exc)
        if self.on_error is not None:
            self.on_error(message)
