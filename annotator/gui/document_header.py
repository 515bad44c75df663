"""Above the text: the document's title, outlet, date and event, and where you are; once
your finished document was reviewed, how your spans were judged."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from annotator.core.model import DONE
from annotator.gui.lifetime import connect_for
from annotator.gui.qt_namespace import ALIGN_RIGHT, ALIGN_TOP, RICH_TEXT, set_enum_property
from annotator.gui.session import Session
from annotator.gui.verdicts import COLORS, ORDER, PENDING, Verdicts


class DocumentHeader(QWidget):
    def __init__(self, session: Session, verdicts: Verdicts | None = None,
                 own_status: bool = True, parent=None):
        """`own_status`: show the user's status on the document (not for a reviewer
        adjudicating it, whose own status there means nothing)."""
        super().__init__(parent)
        self.session = session
        self.verdicts = verdicts
        self.own_status = own_status
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
        self.review = QLabel()
        self.review.setObjectName("doc_review")
        set_enum_property(self.review, "textFormat", RICH_TEXT)
        self.review.hide()
        text.addWidget(self.title)
        text.addWidget(self.meta)
        text.addWidget(self.review)
        outer.addLayout(text, 1)
        self.status = QLabel()
        self.status.setObjectName("doc_status")
        set_enum_property(self.status, "alignment", ALIGN_RIGHT | ALIGN_TOP)
        outer.addWidget(self.status)
        session.document_opened.connect(self.fill)
        session.document_state_changed.connect(self.fill)
        session.documents_changed.connect(self.fill)
        connect_for(self, session.spans_changed, lambda _d: self.fill())
        if verdicts is not None:
            verdicts.changed.connect(self._fill_review)
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
        if not self.own_status:
            self.status.setText(f"<span style='color:gray'>{where}</span>")
            return
        if doc.status == DONE:
            chip = "<span style='color:#2e9d4f; font-weight:600'>✔ done</span>"
        else:
            chip = "<span>in progress</span>" if len(doc.index) else "<span>not started</span>"
        self.status.setText(f"{chip}<br><span style='color:gray'>{where}</span>")

    def _fill_review(self) -> None:
        """'Adjudicated: 5 accepted, 1 changed, 2 rejected' (pending ones after)."""
        verdicts = self.verdicts
        if verdicts is None or not verdicts.judged():
            self.review.hide()
            return
        counts = verdicts.counts()
        parts = [f"<span style='color:{COLORS[v]}'><b>{counts[v]}</b> {v}</span>"
                 for v in ORDER if counts[v] and v != PENDING]
        text = "Adjudicated: " + ", ".join(parts)
        if counts[PENDING]:
            text += f" <span style='color:gray'>· {counts[PENDING]} not decided yet</span>"
        self.review.setText(text)
        self.review.setToolTip("How the reviewer judged your spans on this document; the "
                               "Review column of the span list has each one.")
        self.review.show()
