"""An automatic policy over the whole corpus, off the GUI thread, with a progress dialog
that can cancel.

The service runs in one transaction; cancelling raises Cancelled from its progress
callback, so the database is left as it was.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.services import adjudicate
from annotator.services.progress import Cancelled
from annotator.services.project import Project


class BulkRun(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)  # adjudicate.AutoRun
    failed = Signal(str)  # a message for the reviewer
    cancelled = Signal()

    def __init__(self, project: Project, reviewer: str, policy: str, parent=None):
        super().__init__(parent)
        self.project = project
        self.reviewer = reviewer
        self.policy = policy
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def _progress(self, done: int, total: int, message: str = "") -> None:
        if self._stop.is_set():
            raise Cancelled()
        self.progressed.emit(done, total, message)

    def run(self) -> None:
        try:
            result = adjudicate.auto(self.project, self.reviewer, self.policy,
                                     progress=self._progress)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # shown to the reviewer; the transaction rolled back
            self.failed.emit(str(exc))
        else:
            self.succeeded.emit(result)


class CorpusRun(QObject):
    """One corpus run with its progress dialog; `ended(run_or_None, message, error)`."""

    ended = Signal(object, str, bool)

    def __init__(self, project: Project, reviewer: str, policy: str, parent: QWidget):
        super().__init__(parent)
        self.thread = BulkRun(project, reviewer, policy, self)
        self.dialog = QProgressDialog(f"Accepting all {policy} candidates…", "Cancel", 0, 0,
                                      parent)
        self.dialog.setWindowTitle("Adjudicating the corpus")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.thread.cancel)
        self.thread.progressed.connect(self._progressed)
        self.thread.succeeded.connect(lambda run: self._end(run, "", False))
        self.thread.failed.connect(lambda message: self._end(None, message, True))
        self.thread.cancelled.connect(
            lambda: self._end(None, "Cancelled; nothing changed.", False))

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.thread.cancel()

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        self.dialog.setLabelText(message)

    def _end(self, run, message: str, error: bool) -> None:
        self.thread.wait()
        self.dialog.reset()
        self.dialog.deleteLater()
        self.ended.emit(run, message, error)
        self.deleteLater()
