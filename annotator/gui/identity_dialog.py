"""Who is annotating: pick a name from the project or add one (remembered next time).

In annotator mode the window then shows only that person's work (blind).

The Role box is for someone new. Someone already in the project keeps their role: the
box shows it, greyed out, and "Change role…" changes it on its own, after asking, and the
project's log records it. Typing a name never changes anybody's role by the way (a
reviewer's spans drop out of agreement, and a reviewer sees everyone's work).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from annotator.core.model import ANNOTATOR, REVIEWER
from annotator.services import annotate
from annotator.services.project import Project

ROLE_TEXT = {ANNOTATOR: "annotator", REVIEWER: "reviewer"}
WHAT_IT_MEANS = {
    REVIEWER: "A reviewer sees everyone's work and adjudicates it into the gold standard; "
              "their own spans no longer count in agreement.",
    ANNOTATOR: "An annotator works blind to the others and no longer adjudicates; their "
               "spans count in agreement.",
}


class IdentityDialog(QDialog):
    chosen = Signal(str, str)  # name, role

    def __init__(self, project: Project, current: str | None = None, parent=None,
                 change_role: Callable[[str, str], bool] | None = None):
        """`change_role(name, role)` changes an existing person's role (the session's);
        without it the dialog offers no role change."""
        super().__init__(parent)
        self.setObjectName("identity_dialog")
        self.setWindowTitle("Who is annotating?")
        self.setMinimumWidth(420)
        self.project = project
        self._change_role = change_role
        self.confirm: QMessageBox | None = None  # the open question, if any
        layout = QVBoxLayout(self)
        intro = QLabel("Choose your name, or add it. You will see only your own spans, "
                       "labels and statuses: annotators work blind to each other.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.people = QListWidget()
        self.people.setObjectName("identity_list")
        self.roles: dict[str, str] = {}
        self.people.itemDoubleClicked.connect(lambda _i: self._accept())
        self.people.currentItemChanged.connect(self._picked)
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
        self.change = QPushButton("Change role…")
        self.change.setObjectName("identity_change_role")
        self.change.setToolTip("Give this person the other role (asks first; the project's "
                               "log records it)")
        self.change.clicked.connect(self.ask_role_change)
        row = QHBoxLayout()
        row.addWidget(self.role, 1)
        row.addWidget(self.change)
        form.addRow("Role", row)
        self.role_note = QLabel()
        self.role_note.setObjectName("identity_role_note")
        self.role_note.setWordWrap(True)
        self.role_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        form.addRow("", self.role_note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        self.name.textChanged.connect(self._typed)
        self._fill_people(current)
        if current:
            self.name.setText(current)
        self._typed(self.name.text())
        self.name.setFocus()

    def _fill_people(self, select: str | None) -> None:
        self.people.blockSignals(True)
        self.people.clear()
        self.roles = dict(annotate.list_annotators(self.project))
        for name, role in self.roles.items():
            item = QListWidgetItem(f"{name}" + (" (reviewer)" if role == REVIEWER else ""))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.people.addItem(item)
            if name == select:
                self.people.setCurrentItem(item)
        self.people.blockSignals(False)
        self.people.setVisible(self.people.count() > 0)

    def _set_role(self, role: str) -> None:
        self.role.setCurrentIndex(max(0, self.role.findData(role)))

    def existing_role(self) -> str | None:
        """The role of the person whose name is typed, when they are in the project."""
        return self.roles.get(self.name.text().strip())

    def _typed(self, text: str) -> None:
        name = text.strip()
        self.ok.setEnabled(bool(name))
        role = self.roles.get(name)
        self.role.setEnabled(role is None)
        self.change.setVisible(role is not None and self._change_role is not None)
        if role is None:
            self.role_note.setText("New to the project: choose their role." if name else "")
            return
        self._set_role(role)
        self.role_note.setText(f"{name} is {_a(role)} in this project.")
        for k in range(self.people.count()):  # the list follows the name typed
            item = self.people.item(k)
            if item.data(Qt.ItemDataRole.UserRole) == name and item is not \
                    self.people.currentItem():
                self.people.blockSignals(True)
                self.people.setCurrentItem(item)
                self.people.blockSignals(False)

    def _picked(self, item: QListWidgetItem | None, _old=None) -> None:
        if item is not None:
            self.name.setText(item.data(Qt.ItemDataRole.UserRole))

    def ask_role_change(self) -> QMessageBox | None:
        """Ask before giving the typed person the other role (non-blocking)."""
        name, current = self.name.text().strip(), self.existing_role()
        if current is None or self._change_role is None:
            return None
        new = ANNOTATOR if current == REVIEWER else REVIEWER
        box = QMessageBox(QMessageBox.Icon.Question, "Change role",
                          f"Make {name} {_a(new)}?"
                          f"\n\n{WHAT_IT_MEANS[new]}\n\nThe project's log records the change.",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("identity_confirm_role")
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(f"Make {name} {_a(new)}")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.buttonClicked.connect(lambda b: self._apply_role(name, new)
                                  if box.standardButton(b) == box.StandardButton.Yes
                                  else None)
        box.finished.connect(lambda _r: setattr(self, "confirm", None))
        box.finished.connect(box.deleteLater)
        self.confirm = box
        box.open()
        return box

    def _apply_role(self, name: str, role: str) -> None:
        if self._change_role(name, role):
            self._fill_people(name)
            self._typed(self.name.text())

    def _accept(self) -> None:
        name = self.name.text().strip()
        if not name:
            return
        self.chosen.emit(name, self.existing_role() or self.role.currentData())
        self.accept()


def _a(role: str) -> str:
    return "a reviewer" if role == REVIEWER else "an annotator"
