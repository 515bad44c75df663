"""Help ▸ About: the version, where the project, the log and the settings live, and the
licences of the main libraries the program is built on (read from their installed
metadata, so they are those of the versions actually in use)."""

from __future__ import annotations

import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator import __version__
from annotator.gui.errors import log_path
from annotator.gui.settings import settings_path
from annotator.services.sample_project import default_project_path

# The distributions the program is built on, in the order a reader cares about.
MAIN_DEPENDENCIES = ("PySide6-Essentials", "shiboken6", "SQLAlchemy", "alembic", "numpy",
                     "matplotlib", "ruamel.yaml", "trafilatura", "lxml", "platformdirs")
ABOUT = ("Annotate media framing and bias in news: several annotators, agreement, "
         "adjudication into a gold standard, export to NLP formats.")


def licence(meta) -> str:
    """A distribution's licence in a few words: its SPDX expression, a short License
    field, or its trove classifiers (some packages put the whole text in License)."""
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 80:
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    return "see the package's own files"


def dependency_licences() -> list[tuple[str, str, str]]:
    """(name, version, licence) of each main dependency that is installed."""
    rows = []
    for name in MAIN_DEPENDENCIES:
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue
        rows.append((meta["Name"], meta["Version"], licence(meta)))
    return rows


def places(project_target: str | None) -> list[tuple[str, str]]:
    log = log_path()
    # the log is written on the first unexpected error: a path that is not there yet
    # would send whoever looks for it on a search
    return [("Project", project_target or "none open"),
            ("Log file", str(log) if log.exists() else f"{log} (not written yet)"),
            ("Settings", str(settings_path())),
            ("Sample project", str(default_project_path()))]


def details(project_target: str | None) -> str:
    """Everything the dialog shows, as text to paste into a bug report."""
    lines = [f"Framing annotator {__version__}",
             f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {pyside_version}, "
             f"{platform.system()} {platform.release()}"]
    lines += [f"{what}: {where}" for what, where in places(project_target)]
    lines += [f"{name} {version}: {lic}" for name, version, lic in dependency_licences()]
    return "\n".join(lines)


class AboutDialog(QDialog):
    def __init__(self, project_target: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle("About Framing annotator")
        self.project_target = project_target
        layout = QVBoxLayout(self)

        head = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(QGuiApplication.windowIcon().pixmap(64, 64))
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<h2>Framing annotator {__version__}</h2><p>{ABOUT}</p>")
        title.setObjectName("about_title")
        title.setWordWrap(True)
        head.addWidget(title, 1)
        layout.addLayout(head)

        form = QFormLayout()
        for what, where in places(project_target):
            value = QLabel(where)
            value.setObjectName(f"about_{what.lower().replace(' ', '_')}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{what}:", value)
        form.addRow("Built with:", QLabel(
            f"Python {platform.python_version()}, Qt {qVersion()} (PySide6 {pyside_version})"))
        layout.addLayout(form)

        layout.addWidget(QLabel("Licences of the libraries it is built on:"))
        rows = dependency_licences()
        table = QTableWidget(len(rows), 3)
        table.setObjectName("about_licences")
        table.setHorizontalHeaderLabels(["Library", "Version", "Licence"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(table, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        copy.setObjectName("about_copy")
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(details(self.project_target))


def show_about(window) -> AboutDialog:
    dialog = AboutDialog(window.session.project.target, window)
    window.dialog = dialog
    dialog.open()
    return dialog
