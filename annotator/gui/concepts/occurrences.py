"""The other occurrences of a linked span's words, offered for linking: each says what
linking it does (link your span there, add a span with the same label, re-link a span
linked elsewhere, unticked); places already linked are shown but not offered. Applying is
one action (one Ctrl+Z undoes it all), as "label every occurrence" is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
)

from annotator.core.wording import count
from annotator.gui.dialog_buttons import apply_buttons
from annotator.gui.shell_dialog import ShellDialog
from annotator.gui.tick_list import add_tick_all_buttons, tick_offered
from annotator.services import concepts
from annotator.services.concepts import ADD, LINK, LINKED, RELINK

if TYPE_CHECKING:
    from annotator.gui.shell import Shell


def what_happens(s: concepts.Suggestion, label: str) -> str:
    return {ADD: f"add a span ‘{label}’",
            LINK: "link your span",
            RELINK: f"re-link your span (now “{s.current}”)",
            LINKED: "already linked"}[s.action]


class LinkOccurrencesDialog(ShellDialog):
    def __init__(self, window: Shell, suggestions: concepts.Suggestions, name: str):
        super().__init__(window, "link_occurrences_dialog", "Link other occurrences", 820, 460)
        self.suggestions = suggestions
        layout = self.parts
        n = len(suggestions.offered)
        head = QLabel(f"“{suggestions.phrase}” occurs {count(n, 'more time')} in this event's "
                      f"documents. Link the ticked ones to “{name}”?")
        head.setWordWrap(True)
        layout.addWidget(head)
        self.tree = QTreeWidget()
        self.tree.setObjectName("link_matches")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(["", "Document", "Context", "Linking it will"])
        self.tree.setColumnWidth(0, 28)
        self.tree.setColumnWidth(1, 190)
        self.tree.setColumnWidth(2, 380)
        for k, s in enumerate(suggestions.items):
            item = QTreeWidgetItem(["", s.title or s.doc_id, f"…{s.before}[{s.text}]{s.after}…",
                                    what_happens(s, suggestions.label)])
            item.setData(0, Qt.ItemDataRole.UserRole, k)
            item.setToolTip(1, s.doc_id)
            if s.offered:
                item.setCheckState(0, Qt.CheckState.Unchecked if s.action == RELINK
                                   else Qt.CheckState.Checked)
            else:
                item.setText(0, "✔")
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(item)
        self.tree.itemChanged.connect(lambda *_a: self._count())
        self.tree.itemDoubleClicked.connect(self._open)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.offer = QCheckBox("Offer this whenever I link a span")
        self.offer.setObjectName("offer_links")
        self.offer.setChecked(window.settings.offer_links())
        self.offer.toggled.connect(window.settings.set_offer_links)
        row.addWidget(self.offer, 1)
        add_tick_all_buttons(row, self._tick_all)
        layout.addLayout(row)
        buttons, self.apply_button = apply_buttons("Link", self.apply, self.reject)
        self.apply_button.setObjectName("link_apply")
        layout.addWidget(buttons)
        self._count()

    def _rows(self):
        for k in range(self.tree.topLevelItemCount()):
            yield self.tree.topLevelItem(k), self.suggestions.items[k]

    def chosen(self) -> list[concepts.Suggestion]:
        return [s for item, s in self._rows()
                if s.offered and item.checkState(0) == Qt.CheckState.Checked]

    def _tick_all(self, on: bool) -> None:
        tick_offered(self.tree, (s.offered for s in self.suggestions.items), on)
        self._count()

    def _count(self) -> None:
        n = len(self.chosen())
        self.apply_button.setText(f"Link {count(n, 'occurrence')}")
        self.apply_button.setEnabled(n > 0)

    def _open(self, item: QTreeWidgetItem, _column: int) -> None:
        s = self.suggestions.items[item.data(0, Qt.ItemDataRole.UserRole)]
        self.main.show_match(s.doc_id, s.start, s.end)

    def apply(self) -> None:
        chosen = self.chosen()
        if not chosen:
            return
        session = self.session
        changes = session.write(concepts.apply, session.project, session.me, self.suggestions,
                                chosen)
        if changes is None:
            return
        session.absorb(changes)
        session.message.emit(changes.description)
        self.accept()
