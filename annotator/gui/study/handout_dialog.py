"""File ▸ Hand out… (reviewers): pick annotators, then a file (one) or a folder (several,
one NAME.annot each); packages are written in the background (services.handout)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import ANNOTATOR
from annotator.gui.dialog_buttons import apply_buttons
from annotator.gui.session import Session
from annotator.services import annotate, assignments

NAME = Qt.ItemDataRole.UserRole + 1


class HandOutDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("handout_dialog")
        self.setWindowTitle("Hand out")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        text = QLabel("A package is a project file of its own for one annotator: the "
                      "codebook, their documents and their own work so far, nobody else's. "
                      "They open it with the app on their computer and send it back; "
                      "File ▸ Collect… brings their work in.")
        text.setWordWrap(True)
        layout.addWidget(text)
        self.people = QListWidget()
        self.people.setObjectName("handout_annotators")
        queues = {q.annotator: len(q.items)
                  for q in assignments.overview(session.project).queues}
        for name, role in annotate.list_annotators(session.project):
            if role != ANNOTATOR:
                continue
            n = queues.get(name, 0)
            item = QListWidgetItem(f"{name}  ({n} document{'s' if n != 1 else ''})")
            item.setData(NAME, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            if not n:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip("Nothing assigned to them yet")
            self.people.addItem(item)
        layout.addWidget(self.people)
        buttons, self.go = apply_buttons("Hand out…", self.accept, self.reject)
        layout.addWidget(buttons)
        self.people.itemChanged.connect(lambda _i: self.go.setEnabled(bool(self.chosen())))
        self.go.setEnabled(False)

    def chosen(self) -> list[str]:
        return [self.people.item(k).data(NAME) for k in range(self.people.count())
                if self.people.item(k).checkState() == Qt.CheckState.Checked]

    def choose(self, names: list[str]) -> None:
        for k in range(self.people.count()):
            item = self.people.item(k)
            item.setCheckState(Qt.CheckState.Checked if item.data(NAME) in names
                               else Qt.CheckState.Unchecked)
