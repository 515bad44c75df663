"""A small chooser for a concept: type to filter the event's concepts, Enter to take the
highlighted one (the first match); a name no concept has becomes a new concept (“New
concept …”: first when nothing matches, else after the matches)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from annotator.core.model import Concept

NEW = "new"  # the data role of the “New concept” row: ("new", name)


class ConceptPicker(QDialog):
    """Emits `picked(kind, value)`: ("concept", id) or ("new", name)."""

    picked = Signal(str, str)

    def __init__(self, concepts: list[Concept], *, current: str | None = None,
                 name: str = "", what: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("concept_picker")
        self.setWindowTitle("Link to a concept")
        self.resize(420, 380)
        self.concepts = concepts
        layout = QVBoxLayout(self)
        if what:
            quote = QLabel(what)
            quote.setWordWrap(True)
            layout.addWidget(quote)
        self.filter = QLineEdit(name)
        self.filter.setObjectName("picker_filter")
        self.filter.setPlaceholderText("Type to find a concept, or a new concept's name")
        layout.addWidget(self.filter)
        self.list = QListWidget()
        self.list.setObjectName("picker_list")
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._fill)
        self.filter.returnPressed.connect(self._accept)
        self.list.itemActivated.connect(lambda _item: self._accept())
        self._current = current
        self._fill(name)
        self.filter.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        # arrows move in the list while the filter keeps the focus
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.list.count():
            row = self.list.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
            self.list.setCurrentRow(max(0, min(self.list.count() - 1, row)))
            return
        super().keyPressEvent(event)

    def _fill(self, text: str) -> None:
        wanted = " ".join(text.split())
        needle = wanted.casefold()
        self.list.clear()
        shown = [c for c in self.concepts
                 if not needle or needle in (c.name or c.id).casefold() or needle in c.id]
        exact = any((c.name or c.id).casefold() == needle or c.id == needle for c in shown)
        for c in shown:
            item = QListWidgetItem(c.name or c.id)
            item.setToolTip(c.description or c.id)
            item.setData(Qt.ItemDataRole.UserRole, ("concept", c.id))
            self.list.addItem(item)
        if wanted and not exact:  # first when nothing matches, else after the matches
            item = QListWidgetItem(f"New concept “{wanted}”")
            item.setData(Qt.ItemDataRole.UserRole, (NEW, wanted))
            self.list.insertItem(0 if not shown else self.list.count(), item)
        row = 0
        if not wanted and self._current is not None:
            row = next((k for k in range(self.list.count()) if self.list.item(k).data(
                Qt.ItemDataRole.UserRole) == ("concept", self._current)), 0)
        elif exact:
            row = next(k for k in range(self.list.count())
                       if (self.list.item(k).text().casefold() == needle
                           or self.list.item(k).data(Qt.ItemDataRole.UserRole)[1] == needle))
        if self.list.count():
            self.list.setCurrentRow(row)

    def _accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        kind, value = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
        self.picked.emit(kind, value)
