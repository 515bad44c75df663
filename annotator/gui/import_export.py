"""File ▸ Import and File ▸ Export: choose, then run in the background with a progress
dialog that can cancel. A cancelled or refused import leaves the project as it was.

The export dialog lists whatever formats.registry.WRITERS holds, so new formats appear
without touching this module.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import REVIEWER
from annotator.gui.errors import show_error, show_info
from annotator.gui.jobs import Job
from annotator.gui.session import Session
from annotator.services import exporting, file_formats, importing
from annotator.services.file_formats import ANNOTATIONS, GOLD, ExportOptions


class ImportDialog(QDialog):
    """Files and folders to import, and whether to add labels the codebook lacks."""

    def __init__(self, paths: list[str], parent=None, user: str | None = None):
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.setWindowTitle("Import")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Import these into the project (nothing is changed if any "
                                "of them has a problem):"))
        self.files = QListWidget()
        self.files.addItems(paths)
        layout.addWidget(self.files)
        row = QHBoxLayout()
        more = QPushButton("Add files…")
        more.clicked.connect(self._more_files)
        folder = QPushButton("Add folder…")
        folder.clicked.connect(self._more_folder)
        row.addWidget(more)
        row.addWidget(folder)
        row.addStretch(1)
        layout.addLayout(row)
        self.add_labels = QCheckBox("Add labels the project's codebook lacks")
        self.add_labels.setObjectName("import_add_labels")
        layout.addWidget(self.add_labels)
        # brat, SemEval, XMI (and some doccano / Label Studio files) name no annotator
        form = QFormLayout()
        self.owner = QLineEdit(user or "")
        self.owner.setObjectName("import_annotator")
        self.owner.setPlaceholderText("the format's name (brat, semeval, xmi, …)")
        self.owner.setToolTip("Whose layer gets the spans of files that do not name their "
                              "annotator. Files that name one keep it.")
        form.addRow("Spans without an annotator go to", self.owner)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def paths(self) -> list[str]:
        return [self.files.item(k).text() for k in range(self.files.count())]

    def _more_files(self) -> None:
        got, _ = QFileDialog.getOpenFileNames(self, "Import files", "", file_filter())
        self.files.addItems(got)

    def _more_folder(self) -> None:
        got = QFileDialog.getExistingDirectory(self, "Import a folder")
        if got:
            self.files.addItem(got)


def file_filter() -> str:
    exts = " ".join(f"*{e}" for e in file_formats.import_extensions())
    return f"Documents and annotations ({exts});;All files (*)"


class ExportDialog(QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle("Export")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.format = QComboBox()
        self.format.setObjectName("export_format")
        for name, description in file_formats.export_formats().items():
            self.format.addItem(f"{name} — {description}", name)
        form.addRow("Format", self.format)
        self.layer = QComboBox()
        for text, value in (("the format's default", None), ("annotations", ANNOTATIONS),
                            ("gold standard", GOLD)):
            self.layer.addItem(text, value)
        form.addRow("Layer", self.layer)
        self.who = QComboBox()
        me = session.user.name if session.user else None
        if me:
            self.who.addItem(f"my annotations ({me})", me)
        if session.user is None or session.user.role == REVIEWER:
            self.who.addItem("everyone's", None)
        form.addRow("Whose", self.who)
        where = QHBoxLayout()
        self.out = QLineEdit()
        self.out.setObjectName("export_path")
        self.out.setPlaceholderText("file or folder to write")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        where.addWidget(self.out, 1)
        where.addWidget(browse)
        form.addRow("Write to", where)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def fmt(self) -> str:
        return self.format.currentData()

    def options(self) -> ExportOptions:
        return ExportOptions(layer=self.layer.currentData(), annotator=self.who.currentData())

    def _browse(self) -> None:
        got, _ = QFileDialog.getSaveFileName(self, "Export to", f"export.{self.fmt()}")
        if got:
            self.out.setText(got)

    def _accept(self) -> None:
        if self.out.text().strip():
            self.accept()


class ImportExport(QWidget):
    """Runs imports and exports for the main window; keeps the running job."""

    imported = Signal(object)  # ImportSummary

    def __init__(self, session: Session, window: QWidget):
        super().__init__(window)
        self.session = session
        self.window_ = window
        self.job: Job | None = None
        self.hide()

    def ask_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window_, "Import files", "",
                                                file_filter())
        if not paths:
            return
        user = self.session.user.name if self.session.user else None
        dialog = ImportDialog(paths, self.window_, user)
        dialog.accepted.connect(lambda: self.run_import(
            dialog.paths(), dialog.add_labels.isChecked(),
            annotator=dialog.owner.text().strip() or None))
        dialog.open()

    def run_import(self, paths: list[str], add_labels: bool = False, start: bool = True,
                   annotator: str | None = None) -> Job:
        project = self.session.project
        actor = self.session.user.name if self.session.user else None

        def work(progress):
            return importing.import_paths(project, paths, add_labels=add_labels,
                                          actor=actor, progress=progress,
                                          annotator=annotator)

        self.job = Job(work, "Importing", self.window_, on_done=self._imported,
                       on_error=lambda m: show_error(self.window_, m, "Import refused"),
                       on_cancel=lambda: self.session.message.emit(
                           "Import cancelled; the project is unchanged."))
        return self.job.start() if start else self.job

    def _imported(self, summary) -> None:
        self.session.project.forget_codebook()
        self.session.refresh_documents()
        self.session.message.emit(summary.describe())
        self.imported.emit(summary)
        show_info(self.window_, summary.describe(), "Import finished")

    def ask_export(self) -> None:
        dialog = ExportDialog(self.session, self.window_)
        dialog.accepted.connect(lambda: self.run_export(dialog.fmt(), dialog.out.text(),
                                                        dialog.options()))
        dialog.open()

    def run_export(self, fmt: str, out: str, options: ExportOptions | None = None) -> Job:
        project = self.session.project

        def work(progress):
            return exporting.export(project, fmt, out, options, progress=progress)

        def done(result) -> None:
            text = f"Exported {result.documents} documents to {Path(out).name}."
            if result.warnings:
                text += "\n\n" + "\n".join(result.warnings[:10])
            self.session.message.emit(text.splitlines()[0])
            show_info(self.window_, text, "Export finished")

        self.job = Job(work, "Exporting", self.window_, on_done=done,
                       on_error=lambda m: show_error(self.window_, m, "Export failed"),
                       on_cancel=lambda: self.session.message.emit(
                           "Export cancelled; nothing was written."))
        return self.job.start()
