"""File ▸ Import and File ▸ Export: choose, then run in the background with a progress
dialog that can cancel. A cancelled or refused import leaves the project as it was.

The export dialog lists every format services.file_formats offers, so new formats appear
without touching this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
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
from annotator.gui.dialog_buttons import apply_buttons
from annotator.gui.errors import show_error, show_info
from annotator.gui.jobs import Job
from annotator.gui.session import Session
from annotator.services import reading

if TYPE_CHECKING:
    from annotator.services.file_formats import ExportOptions


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
        self.add_labels = QCheckBox(CHECKBOX)
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
        buttons, self.go = apply_buttons("Import", self.accept, self.reject)
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


INTERCHANGE = "jsonl"  # the lossless interchange: the whole project

# what the command line's messages say, as this window says it
CHECKBOX = "Add labels the project's codebook lacks"
IN_THE_WINDOW = {"import with --add-labels": f"tick “{CHECKBOX}” in the Import dialog",
                 "export --annotator NAME": "export one annotator's (Whose)",
                 "--layer gold": "the gold standard (Spans)"}


def in_the_window(message: str) -> str:
    for cli, here in IN_THE_WINDOW.items():
        message = message.replace(cli, here)
    return message


def file_filter() -> str:
    from annotator.services import file_formats  # every format's declaration: when asked

    exts = " ".join(f"*{e}" for e in file_formats.import_extensions())
    return f"Documents and annotations ({exts});;All files (*)"


class ExportDialog(QDialog):
    """What to write, whose, and where; a line says in words which spans go out. A
    reviewer exporting everyone's work chooses between the gold standard and every
    annotator's spans (the gold standard first when there is one); an annotator exports
    their own work only (blind)."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle("Export")
        self.setMinimumWidth(520)
        from annotator.services import file_formats

        held = reading.counts(session.project)
        self._gold = held["gold_spans"]
        self._gold_layer = file_formats.GOLD
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.format = QComboBox()
        self.format.setObjectName("export_format")
        for name, description in file_formats.export_formats().items():
            self.format.addItem(f"{name} — {description}", name)
        form.addRow("Format", self.format)
        self.who = QComboBox()
        self.who.setObjectName("export_whose")
        me = session.user.name if session.user else None
        if me:
            self.who.addItem(f"my annotations ({me})", me)
        if session.user is None or session.user.role == REVIEWER:
            self.who.addItem("everyone's", None)
        form.addRow("Whose", self.who)
        self.layer = QComboBox()
        self.layer.setObjectName("export_layer")
        for text, value in (("the gold standard", file_formats.GOLD),
                            ("every annotator's spans", file_formats.ANNOTATIONS)):
            self.layer.addItem(text, value)
        self.layer.setCurrentIndex(0 if self._gold else 1)
        form.addRow("Spans", self.layer)
        self.writes = QLabel()
        self.writes.setObjectName("export_writes")
        self.writes.setWordWrap(True)
        form.addRow("", self.writes)
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
        buttons, self.go = apply_buttons("Export", self._accept, self.reject)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._explain)
        self.who.currentIndexChanged.connect(self._explain)
        self.layer.currentIndexChanged.connect(self._explain)
        self.out.textChanged.connect(self._explain)
        self._explain()

    def fmt(self) -> str:
        return self.format.currentData()

    def everyone(self) -> bool:
        return self.who.currentData() is None

    def whole_project(self) -> bool:
        """Everyone's work in the interchange: all of it, whatever the layer."""
        return self.everyone() and self.fmt() == INTERCHANGE

    def options(self) -> ExportOptions:
        from annotator.services.file_formats import ExportOptions

        if not self.everyone():
            return ExportOptions(annotator=self.who.currentData())
        if self.whole_project():
            return ExportOptions()
        return ExportOptions(layer=self.layer.currentData())

    def _explain(self) -> None:
        self.layer.setEnabled(self.everyone() and not self.whole_project())
        if not self.everyone():
            text = (f"Writes {self.who.currentData()}'s own spans, document labels and "
                    "statuses.")
        elif self.whole_project():
            text = ("Writes the whole project: every annotator's spans, labels and "
                    "statuses, and the gold standard with the decisions behind it.")
        elif self.layer.currentData() == self._gold_layer:
            text = ("Writes the gold standard: the spans a reviewer accepted or added "
                    f"({self._gold:,} so far), not the annotators' own.")
            if not self._gold:
                text = ("There is no gold standard yet (nothing adjudicated): choose "
                        "every annotator's spans, or adjudicate first.")
        else:
            text = "Writes every annotator's spans, each under its annotator's name."
        self.writes.setText(text)
        path = bool(self.out.text().strip())
        self.go.setEnabled(path and not (self.layer.isEnabled()
                                         and self.layer.currentData() == self._gold_layer
                                         and not self._gold))
        self.go.setToolTip("" if path else "Choose where to write the export first")

    def _browse(self) -> None:
        got, _ = QFileDialog.getSaveFileName(self, "Export to", f"export.{self.fmt()}")
        if got:
            self.out.setText(got)

    def _accept(self) -> None:
        if self.go.isEnabled():
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
        if paths:
            self.import_dialog(paths).open()

    def import_dialog(self, paths: list[str]) -> ImportDialog:
        """The Import dialog for these files. Spans of files that name no annotator go
        by default to the user when they annotate; never to a reviewer (a reviewer's
        spans do not count in agreement), whose default is the format's name."""
        user = self.session.user
        owner = user.name if user is not None and not self.session.is_reviewer() else None
        dialog = ImportDialog(paths, self.window_, owner)
        dialog.accepted.connect(lambda: self.run_import(
            dialog.paths(), dialog.add_labels.isChecked(),
            annotator=dialog.owner.text().strip() or None))
        return dialog

    def run_import(self, paths: list[str], add_labels: bool = False, start: bool = True,
                   annotator: str | None = None) -> Job:
        project = self.session.project
        actor = self.session.user.name if self.session.user else None

        from annotator.services import importing  # when first used: the window starts without

        def work(progress):
            return importing.import_paths(project, paths, add_labels=add_labels,
                                          actor=actor, progress=progress,
                                          annotator=annotator)

        # in the session's queue of writes: after the edits before it, waiting (with
        # Cancel in its dialog) while another program writes
        self.job = self.session.writes.submit(
            work, "Importing", on_done=self._imported,
            on_error=lambda m: show_error(self.window_, in_the_window(m), "Import refused"),
            on_cancel=lambda: self.session.message.emit(
                "Import cancelled; the project is unchanged."), start=start)
        return self.job

    def _imported(self, summary) -> None:
        self.session.project.forget_codebook()
        self.session.refresh_documents()
        self.session.absorb(summary.changes)  # the open document shows what came in
        self.session.message.emit(summary.describe())
        self.imported.emit(summary)
        show_info(self.window_, summary.describe(), "Import finished")

    def ask_export(self) -> None:
        dialog = ExportDialog(self.session, self.window_)
        dialog.accepted.connect(lambda: self.run_export(dialog.fmt(), dialog.out.text(),
                                                        dialog.options()))
        dialog.open()

    def run_export(self, fmt: str, out: str, options: ExportOptions | None = None) -> Job:
        from annotator.services import exporting

        project = self.session.project

        def work(progress):
            return exporting.export(project, fmt, out, options, progress=progress)

        def done(result) -> None:
            what = f" ({result.layer})" if result.layer else ""
            text = f"Exported {result.documents} documents{what} to {Path(out).name}."
            if result.warnings:
                text += "\n\n" + "\n".join(result.warnings[:10])
            self.session.message.emit(text.splitlines()[0])
            show_info(self.window_, text, "Export finished")

        self.job = Job(work, "Exporting", self.window_, on_done=done,
                       on_error=lambda m: show_error(self.window_, in_the_window(m),
                                                     "Export failed"),
                       on_cancel=lambda: self.session.message.emit(
                           "Export cancelled; nothing was written."))
        return self.job.start()
