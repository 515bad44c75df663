"""Edit ▸ Concepts…: the event's concepts with how often they are linked (your links; a
reviewer sees everyone's), and the vocabulary's verbs: new, rename, merge into another
(reviewers), delete an unused one. Each is one undoable action."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
)

from annotator.gui.dialog_buttons import button_row
from annotator.gui.shell_dialog import ShellDialog
from annotator.services import concepts
from annotator.services.changes import CONCEPTS

if TYPE_CHECKING:
    from annotator.gui.shell import Shell

MERGE_TIP = ("Re-links every annotator's spans and the gold layer to the other concept, then "
             "deletes this one (reviewers)")


class ConceptsDialog(ShellDialog):
    def __init__(self, window: Shell, event: str | None):
        super().__init__(window, "concepts_dialog", "Concepts", 640, 420)
        self.event_id = event
        reviewer = self.session.is_reviewer()
        layout = self.parts
        about = QLabel("Concepts are what the articles talk about (“the election”, “China's "
                       "role”), shared by every annotator; which span is linked to which is "
                       "each annotator's own work." + ("" if reviewer else
                                                       " Counts are your own links."))
        about.setWordWrap(True)
        layout.addWidget(about)
        self.tree = QTreeWidget()
        self.tree.setObjectName("concepts_list")
        self.tree.setRootIsDecorated(False)
        heads = ["Concept", "Id", "Type", "Your links"] + (["All links"] if reviewer else [])
        self.tree.setHeaderLabels(heads)
        self.tree.setColumnWidth(0, 220)
        self.tree.itemSelectionChanged.connect(self._sync)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.buttons = button_row(row, "concepts", (
            ("new", "New…", self.new), ("rename", "Rename…", self.rename),
            ("merge", "Merge into…", self.merge), ("delete", "Delete", self.delete)))
        self.buttons["merge"].setToolTip(MERGE_TIP)
        self.buttons["merge"].setVisible(reviewer)
        row.addStretch(1)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.session.changed.connect(self._changed)
        self.finished.connect(lambda _r: self.session.changed.disconnect(self._changed))
        self.refresh()

    def refresh(self, keep: str | None = None) -> None:
        keep = keep or self.current()
        self.uses = self.session._run(concepts.uses, self.session.project, self.session.me,
                                      self.event_id) or []
        self.tree.clear()
        for use in self.uses:
            c = use.concept
            cells = [c.name or c.id, c.id, c.type or "", str(use.own)]
            if use.everyone is not None:
                cells.append(str(use.everyone))
            item = QTreeWidgetItem(cells)
            item.setData(0, Qt.ItemDataRole.UserRole, c.id)
            item.setToolTip(0, c.description or "")
            self.tree.addTopLevelItem(item)
            if c.id == keep:
                self.tree.setCurrentItem(item)
        self._sync()

    def current(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _use(self, concept_id: str | None):
        return next((u for u in self.uses if u.concept.id == concept_id), None)

    def _sync(self) -> None:
        chosen = self._use(self.current())
        for key in ("rename", "merge", "delete"):
            self.buttons[key].setEnabled(chosen is not None)
        if chosen is not None and chosen.everyone:
            self.buttons["delete"].setToolTip("In use: merge it into another concept instead")

    def _changed(self, changes) -> None:
        if CONCEPTS in changes.tables or "spans" in changes.tables:
            self.refresh()

    def _apply(self, fn, *args) -> bool:
        changes = self.session.write(fn, self.session.project, self.session.me, *args)
        if changes is None:
            return False
        self.session.absorb(changes)
        self.session.message.emit(changes.description)
        return True

    def new(self) -> None:
        name, ok = QInputDialog.getText(self, "New concept", "What the articles talk about, "
                                        "the same for every outlet:")
        if ok and name.strip():
            cid = self.session.add_concept(name)
            if cid is not None:
                self.refresh(cid)

    def rename(self) -> None:
        use = self._use(self.current())
        if use is None:
            return
        name, ok = QInputDialog.getText(self, "Rename concept", "New name:",
                                        text=use.concept.name or use.concept.id)
        if ok and name.strip():
            self._apply(concepts.rename, use.concept.id, name)

    def merge(self) -> None:
        use = self._use(self.current())
        if use is None:
            return
        others = [u.concept for u in self.uses if u.concept.id != use.concept.id]
        names = [f"{c.name or c.id} ({c.id})" for c in others]
        if not names:
            return
        name, ok = QInputDialog.getItem(self, "Merge concept", f"Merge “{use.concept.name}” "
                                        "into:", names, 0, False)
        if ok:
            target = others[names.index(name)]
            self._apply(concepts.merge, use.concept.id, target.id)

    def delete(self) -> None:
        use = self._use(self.current())
        if use is not None:
            self._apply(concepts.delete, use.concept.id)
