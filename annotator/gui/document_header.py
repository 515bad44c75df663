"""Above the text: the document's title, outlet, date and event, and where you are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from annotator.core.model import DONE
from annotator.gui.session import Session


class DocumentHeader(QWidget):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("document_header")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(18, 12, 18, 6)
        text = QVBoxLayout()
        text.setSpacing(2)
        self.title = QLabel()
        self.title.setObjectName("doc_title")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel()
        self.meta.setObjectName("doc_meta")
        self.meta.setWordWrap(True)
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        text.addWidget(self.title)
        text.addWidget(self.meta)
        outer.addLayout(text, 1)
        self.status = QLabel()
        self.status.setObjectName("doc_status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        outer.addWidget(self.status)
        session.document_opened.connect(self.fill)
        session.document_state_changed.connect(self.fill)
        session.documents_changed.connect(self.fill)
        session.spans_changed.connect(lambda _d: self.fill())
        self.fill()

    def fill(self) -> None:
        doc = self.session.doc
        if doc is None:
            self.title.setText("No document open" if self.session.user else
                               "Say who you are to start (File ▸ Switch annotator…)")
            self.meta.setText("")
            self.status.setText("")
            return
        d = doc.document
        self.title.setText(d.title or d.id)
        parts = [d.source or "unknown source", d.published, d.author,
                 f"event {d.event}" if d.event else None]
        self.meta.setText(" · ".join(p for p in parts if p))
        here = self.session.position()
        where = f"{here + 1} of {len(self.session.summaries)}" if here is not None else ""
        if doc.status == DONE:
            chip = "<span style='color:#2e9d4f; font-weight:600'>✔ done</span>"
        else:
            chip = "<span>in progress</span>" if len(doc.index) else "<span>not started</span>"
        self.status.setText(f"{chip}<br><span style='color:gray'>{where}</span>")
