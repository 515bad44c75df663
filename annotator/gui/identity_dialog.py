"""Who is annotating: pick a name from the project or add one (remembered next time).

In annotator mode the window then shows only that person's work (blind).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from annotator.core.model import ANNOTATOR, REVIEWER
from annotator.services import annotate
from annotator.services.project import Project

ROLE_TEXT = {ANNOTATOR: "annotator", REVIEWER: "reviewer"}


class IdentityDialog(QDialog):
    chosen = Signal(str, str)  # name, role

    def __init__(self, project: Project, current: str | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("identity_dialog")
        self.setWindowTitle("Who is annotating?")
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        intro = QLabel("Choose your name, or add it. You will see only your own spans, "
                       "labels and statuses: annotators work blind to each other.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.people = QListWidget()
        self.people.setObjectName("identity_list")
        self.roles: dict[str, str] = {}
        for name, role in annotate.list_annotators(project):
            self.roles[name] = role
            item = QListWidgetItem(f"{name}" + (" (reviewer)" if role == REVIEWER else ""))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.people.addItem(item)
            if name == current:
                self.people.setCurrentItem(item)
        self.people.itemDoubleClicked.connect(lambda _i: self._accept())
        self.people.currentItemChanged.connect(self._picked)
        self.people.setVisible(self.people.count() > 0)
        layout.addWidget(self.people)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("identity_name")
        self.name.setPlaceholderText("your name, e.g. alice")
        form.addRow("Name", self.name)
        self.role = QComboBox()
        self.role.setObjectName("identity_role")
        for role, text in ROLE_TEXT.items():
            self.role.addItem(text, role)
        form.addRow("Role", self.role)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        self.name.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        if current:
            self.name.setText(current)
            self._set_role(self.roles.get(current, ANNOTATOR))
        self.ok.setEnabled(bool(self.name.text().strip()))
        self.name.setFocus()

    def _set_role(self, role: str) -> None:
        self.role.setCurrentIndex(max(0, self.role.findData(role)))

    def _picked(self, item: QListWidgetItem | None, _old=None) -> None:
        if item is not None:
            name = item.data(Qt.ItemDataRole.UserRole)
            self.name.setText(name)
            self._set_role(self.roles.get(name, ANNOTATOR))

    def _accept(self) -> None:
        name = self.name.text().strip()
        if not name:
            return
        self.chosen.emit(name, self.role.currentData())
        self.accept()
