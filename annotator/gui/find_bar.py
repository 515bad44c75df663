"""Find in the open document (Ctrl+F): each match is selected in the text, so a label's
key labels it; "Label all…" reviews every occurrence before labelling them.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from annotator.gui.lifetime import connect_for
from annotator.gui.session import Session
from annotator.gui.text_view import TextView
from annotator.services.search import find_in_text


class FindBar(QWidget):
    label_all = Signal(str)  # the phrase to review for "label every occurrence"

    def __init__(self, session: Session, view: TextView, parent=None):
        super().__init__(parent)
        self.session = session
        self.view = view
        self.setObjectName("find_bar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.field = QLineEdit()
        self.field.setObjectName("find_field")
        self.field.setPlaceholderText("Find in this document")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self.search)
        # Enter hands the match to the text, so the next key press can label it.
        self.field.returnPressed.connect(self._enter)
        layout.addWidget(self.field, 1)
        self.case = QCheckBox("Match case")
        self.words = QCheckBox("Whole words")
        self.words.setChecked(True)
        for box in (self.case, self.words):
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.toggled.connect(lambda _on: self.search(self.field.text()))
            layout.addWidget(box)
        self.count = QLabel()
        self.count.setObjectName("find_count")
        self.count.setMinimumWidth(90)
        layout.addWidget(self.count)
        for text, tip, step in (("▲", "Previous match (Shift+F3)", -1),
                                ("▼", "Next match (F3)", 1)):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, s=step: self.step(s))
            layout.addWidget(b)
        self.all_button = QToolButton()
        self.all_button.setObjectName("find_label_all")
        self.all_button.setText("Label all…")
        self.all_button.setToolTip("Review every occurrence and label them (Ctrl+Shift+L)")
        self.all_button.clicked.connect(lambda: self.label_all.emit(self.field.text()))
        layout.addWidget(self.all_button)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        self.matches: list[tuple[int, int]] = []  # UTF-16
        self.current = -1
        connect_for(self, session.document_opened, lambda: self.search(self.field.text())
                    if self.isVisible() else None)
        self.hide()

    def open_bar(self) -> None:
        got = self.view.selection_range()
        if got is not None and self.session.doc is not None:
            s, e = self.session.doc.to_codepoints(*got)
            phrase = self.session.doc.text[s:e]
            if phrase.strip() and "\n" not in phrase:
                self.field.setText(phrase)
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.search(self.field.text())

    def _enter(self) -> None:
        if self.matches:
            self.view.setFocus()

    def close_bar(self) -> None:
        self.hide()
        self.view.setFocus()

    def search(self, phrase: str) -> None:
        doc = self.session.doc
        self.matches = []
        self.current = -1
        if doc is not None and phrase.strip():
            to16 = doc.index.u16.to_utf16
            self.matches = [(to16(s), to16(e)) for s, e in find_in_text(
                doc.text, phrase, whole_words=self.words.isChecked(),
                case_sensitive=self.case.isChecked())]
        if self.matches:
            cursor = self.view.textCursor().selectionStart()
            self.current = bisect_left(self.matches, (cursor, 0)) % len(self.matches) - 1
            self.step(1)
        else:
            self.count.setText("no matches" if phrase.strip() else "")

    def step(self, direction: int) -> None:
        if not self.matches:
            return
        self.current = (self.current + direction) % len(self.matches)
        s, e = self.matches[self.current]
        self.view.select_range(s, e)
        self.count.setText(f"{self.current + 1} of {len(self.matches)}")
