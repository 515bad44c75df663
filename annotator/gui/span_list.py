"""The open document's spans in text order: label, covered text, attributes, and once
the document is done and reviewed, how the reviewer judged each (the Review column, shown
only then). Filterable; clicking a row selects the span and scrolls the text to it.

The model reads the session's index directly and follows its changes row by row, so
adding a span to a document with 10,000 of them costs one row, not a reload.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
)

from annotator.gui import qt_namespace as qt
from annotator.gui.colors import LabelColors
from annotator.gui.column_model import (
    ColumnModel,
    filtered,
    row_table,
    select_row,
    show_model,
)
from annotator.gui.inspector import color_icon
from annotator.gui.lifetime import connect_for
from annotator.gui.names import fields_text
from annotator.gui.panel import Panel
from annotator.gui.session import Session
from annotator.gui.verdicts import ACCEPTED, COLORS, PENDING, REJECTED, TEXT, Verdicts

COLUMNS = ("Label", "Text", "Attributes", "Review")
REVIEW = 3  # shown beside the label (moved there in the header), only when reviewed
SPAN_ID = qt.USER_ROLE + 1
# The roles `data` answers, as ints (gui/qt_namespace). Qt asks for seven or so for each
# cell it paints (the table repaints its rows at each new span), and naming a member of
# Qt's enums (Qt.ItemDataRole.DisplayRole) takes 1-3 us each time: the rest are turned
# away by one look, not four.
DISPLAY, DECORATION, TOOLTIP, FOREGROUND = (
    qt.DISPLAY_ROLE, qt.DECORATION_ROLE, qt.TOOLTIP_ROLE, qt.FOREGROUND_ROLE)
ANSWERED = frozenset((DISPLAY, DECORATION, TOOLTIP, FOREGROUND, SPAN_ID))
QUOTE = 80  # characters of covered text shown in a row


class SpanListModel(ColumnModel):
    columns = COLUMNS

    def __init__(self, session: Session, verdicts: Verdicts | None = None, parent=None):
        super().__init__(parent)
        self.session = session
        self.verdicts = verdicts
        self._icons: dict[str, object] = {}
        # colours, not QBrushes, as in the document list (DocumentListModel)
        self._verdict_colors = {k: QColor(c) for k, c in COLORS.items()}
        self.colors = LabelColors(session.codebook, self._palette())
        session.document_opened.connect(self.reset)
        connect_for(self, session.codebook_changed, self._recolour)
        session.spans_changed.connect(self._changed)
        if verdicts is not None:
            verdicts.changed.connect(self._verdicts_changed)

    def _recolour(self) -> None:
        self.colors = LabelColors(self.session.codebook, self._palette())
        self._icons.clear()
        self.reset()

    @staticmethod
    def _palette():
        from PySide6.QtWidgets import QApplication

        return QApplication.palette()

    @property
    def index_(self):
        doc = self.session.doc
        return doc.index if doc is not None else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        # asked some 160 times for each new span (the view, its header, the proxy)
        doc = self.session.doc
        return 0 if doc is None or parent.isValid() else len(doc.index)

    def item(self, row: int):
        return self.index_.at_row(row)

    def data(self, index: QModelIndex, role=DISPLAY):
        if role not in ANSWERED or not index.isValid() or self.index_ is None:
            return None
        item = self.index_.at_row(index.row())
        col = index.column()
        if col == REVIEW:
            return self._review_data(item.id, role)
        if role == DISPLAY:
            if col == 0:
                return item.label
            if col == 1:
                text = self.session.doc.text[item.start:item.end]
                text = " ".join(text.split())
                return text if len(text) <= QUOTE else text[:QUOTE - 1] + "…"
            return fields_text(item.attributes, item.concept, item.note)
        if role == DECORATION and col == 0:
            icon = self._icons.get(item.label)
            if icon is None:
                icon = self._icons[item.label] = color_icon(self.colors.color(item.label))
            return icon
        if role == TOOLTIP and col == 1:
            return self.session.doc.text[item.start:item.end]
        if role == SPAN_ID:
            return item.id
        return None

    def _review_data(self, span_id: int, role):
        judged = self.verdicts.of(span_id) if self.verdicts is not None else None
        if judged is None:
            return span_id if role == SPAN_ID else None
        if role == DISPLAY:
            return TEXT[judged.verdict]
        if role == FOREGROUND:
            return self._verdict_colors[judged.verdict]
        if role == TOOLTIP:
            return verdict_tip(judged, self.session.doc.text)
        if role == SPAN_ID:
            return span_id
        return None

    def _verdicts_changed(self) -> None:
        self.column_changed(REVIEW)

    def _changed(self, delta) -> None:
        if delta.reset or len(delta.ops) > 1:
            self.reset()
            return
        for op, row in delta.ops:
            # The index has already changed: only the insert reads data, and by then the
            # index holds exactly what the insert describes.
            if op == "insert":
                self.beginInsertRows(QModelIndex(), row, row)
                self.endInsertRows()
            elif op == "remove":
                self.beginRemoveRows(QModelIndex(), row, row)
                self.endRemoveRows()
            else:
                self.row_changed(row)


def verdict_tip(judged, text: str) -> str:
    """What the reviewer decided, in words (and what gold holds instead, if changed)."""
    by = f" by {judged.reviewer}" if judged.reviewer else ""
    when = f" on {judged.at[:10]}" if judged.at else ""
    if judged.verdict == PENDING:
        return "The reviewer has not decided on this span yet."
    if judged.verdict == REJECTED:
        return f"Rejected{by}{when}: the gold standard leaves this span out."
    if judged.verdict == ACCEPTED:
        return f"Accepted{by}{when}: the gold standard holds it as you marked it."
    g = judged.gold
    if g is None:
        return f"Changed{by}{when}."
    fields = fields_text(g.attributes, g.concept)
    return (f"Changed{by}{when}. The gold standard holds:\n{g.label}: "
            f"“{text[g.start:g.end]}”" + ("\n" + fields if fields else ""))


class SpanList(Panel):
    span_activated = Signal(int)

    def __init__(self, session: Session, verdicts: Verdicts | None = None, parent=None):
        super().__init__(session, "span_list", parent, spacing=4)
        layout = self.parts
        self.model = SpanListModel(session, verdicts, self)
        self.proxy, self.filter = filtered(
            self.model, self, "Filter spans by label, text or attribute…")
        self.filter.setObjectName("span_filter")
        self.filter.textChanged.connect(self._update_count)  # after the proxy filtered
        layout.addWidget(self.filter)
        self.view = row_table("span_table", self, alternating=True)
        show_model(self.view, self.proxy, self.model)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 150)
        header.resizeSection(1, 220)
        header.resizeSection(REVIEW, 100)
        header.moveSection(REVIEW, 1)
        self._show_review()
        if verdicts is not None:
            verdicts.changed.connect(self._show_review)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        layout.addWidget(self.view)
        self.count = QLabel()
        self.count.setObjectName("span_count")
        layout.addWidget(self.count)
        session.selection_changed.connect(self._follow)
        session.document_opened.connect(self._update_count)
        connect_for(self, session.spans_changed, lambda _d: self._update_count())
        self._update_count()

    def _show_review(self) -> None:
        verdicts = self.model.verdicts
        self.view.setColumnHidden(REVIEW, verdicts is None or not verdicts.judged())

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        self.count.setText(f"{total} spans" if shown == total else f"{shown} of {total} spans")

    def _clicked(self, index: QModelIndex) -> None:
        span_id = index.data(SPAN_ID)
        if span_id is not None:
            self.session.select(span_id)
            self.span_activated.emit(span_id)

    def _follow(self, span_id) -> None:
        if span_id is None or self.session.doc is None:
            self.view.selectionModel().clearSelection()
            return
        if span_id not in self.session.doc.index.by_id:
            return
        row = self.session.doc.index.row_of(span_id)
        select_row(self.view, self.proxy, self.model.index(row, 0))
