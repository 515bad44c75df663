"""The documents and spans behind a number: for a pair, per document both took part in,
the spans both marked and those only one did; for a label, each of its spans with who
marked it and who, having taken part, did not. Double-clicking a span asks to show it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import NONE, SPANS, TOKENS, LabelMeasures
from annotator.core.model import Codebook
from annotator.gui.agreement.style import num
from annotator.gui.colors import is_dark, mix
from annotator.services.agreement import ConfusionSpans, LabelSpan, PairDetail

SPAN = Qt.ItemDataRole.UserRole  # (document, start, end) of a span row
_AGREED = Qt.ItemDataRole.UserRole + 1  # a span row everyone concerned marked alike
_EXPAND = Qt.ItemDataRole.UserRole + 2  # a document row to show open

_AGREE, _BOUNDARY, _ALONE = "#2ca02c", "#e6a100", "#d62728"


def _tint(palette: QPalette, color: str) -> QBrush:
    base = palette.color(QPalette.ColorRole.Base)
    return QBrush(mix(base, QColor(color), 0.22 if is_dark(palette) else 0.13))


class DetailPanel(QWidget):
    """Shows a ``PairDetail`` or a label's ``LabelSpan``s; ``blind`` shows neither."""

    span_activated = Signal(str, int, int)

    def __init__(self, codebook: Codebook, parent: QWidget | None = None):
        super().__init__(parent)
        self.codebook = codebook
        self.showing: tuple | None = None  # ("pair", a, b, label) or ("label", name)
        self._icons: dict[str, QIcon] = {}
        self._tints: dict[str, QBrush] = {}
        self._pending: list[QTreeWidgetItem] = []
        self._hidden = False  # some span rows are hidden by "only disagreements"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("detail_heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        top.addWidget(self.heading, 1)
        self.only_disagreements = QCheckBox("Only disagreements")
        self.only_disagreements.setToolTip("Hide the spans everyone concerned marked alike")
        self.only_disagreements.toggled.connect(self._apply_filter)
        top.addWidget(self.only_disagreements, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.stack = QStackedWidget()
        self.message = QLabel()
        self.message.setObjectName("detail_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.tree = QTreeWidget()
        self.tree.setObjectName("detail_tree")
        self.tree.setAlternatingRowColors(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(True)
        self.tree.itemActivated.connect(self._activated)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.tree)
        layout.addWidget(self.stack, 1)
        self.say("Click a pair of annotators in the heatmap, or a label in the chart, to see "
                 "the documents and spans behind its number.")

    # ---------------------------------------------------------------- states

    def say(self, text: str, heading: str = "") -> None:
        self.showing = None
        self.heading.setText(heading)
        self.message.setText(text)
        self.only_disagreements.setVisible(False)
        self.stack.setCurrentWidget(self.message)

    def _icon(self, label: str) -> QIcon:
        icon = self._icons.get(label)
        if icon is None:
            lab = self.codebook.label(label)
            pix = QPixmap(10, 10)
            pix.fill(QColor(lab.color if lab and lab.color else "#888888"))
            icon = self._icons[label] = QIcon(pix)
        return icon

    def _start(self, columns: list[str]) -> None:
        self.tree.clear()
        self._hidden = False
        self.tree.setColumnCount(len(columns))
        self.tree.setHeaderLabels(columns)
        header = self.tree.header()
        header.setStretchLastSection(False)
        # Sized once, after filling: sizing to contents on every insertion took a minute
        # for 50,000 rows.
        for c in range(len(columns)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        self.only_disagreements.setVisible(True)
        self.stack.setCurrentWidget(self.tree)
        self._pending = []
        pal = self.tree.palette()
        self._tints = {c: _tint(pal, c) for c in (_AGREE, _BOUNDARY, _ALONE)}

    def _finish(self) -> None:
        self.tree.addTopLevelItems(self._pending)
        for item in self._pending:
            item.setFirstColumnSpanned(True)
            item.setExpanded(bool(item.data(0, _EXPAND)))
        self._pending = []
        header = self.tree.header()
        for c in range(1, self.tree.columnCount()):
            self.tree.resizeColumnToContents(c)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _document_item(self, doc: str, title: str | None, summary: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        self._pending.append(item)
        item.setText(0, f"{title or doc}   ·   {summary}")
        item.setToolTip(0, f"{title or ''}\n{doc}".strip())
        bold = QFont(self.tree.font())
        bold.setWeight(QFont.Weight.DemiBold)
        item.setFont(0, bold)
        return item

    def _span_item(self, parent: QTreeWidgetItem, doc: str, start: int, end: int, label: str,
                   text: str, agreed: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent)
        item.setText(0, f"“{' '.join(text.split())}”")
        item.setToolTip(0, f"{text}\n{doc} {start}–{end}; double-click to show it")
        item.setText(1, label)
        item.setIcon(1, self._icon(label))
        item.setData(0, SPAN, (doc, start, end))
        item.setData(0, _AGREED, agreed)
        return item

    # ---------------------------------------------------------------- a pair

    def show_pair(self, detail: PairDetail, value: float | None, measure: str) -> None:
        a, b = detail.a, detail.b
        self.showing = ("pair", a, b, detail.label)
        both, only_a, only_b = detail.counts
        scope = escape(detail.label) if detail.label else "all labels"
        self.heading.setText(
            f"<b>{escape(a)}</b> and <b>{escape(b)}</b>, {scope}: {escape(measure)} "
            f"<b>{num(value)}</b> over {len(detail.documents)} documents both took part "
            f"in. {both} spans both marked, {only_a} only {escape(a)}, {only_b} only "
            f"{escape(b)}.")
        if not detail.documents:
            self.say("These two annotators took part in no document together: there is "
                     "nothing to compare.", self.heading.text())
            return
        self._start(["Span", "Label", a, b, "Where"])
        for d in detail.documents:
            parts = [f"{len(d.both)} both"]
            parts += [f"{len(d.only_a)} only {a}", f"{len(d.only_b)} only {b}"]
            doc_item = self._document_item(d.document, d.title, ", ".join(parts))
            rows = ([(s, True, True) for s in d.both] + [(s, True, False) for s in d.only_a]
                    + [(s, False, True) for s in d.only_b])
            rows.sort(key=lambda r: (r[0].start, r[0].end, r[0].label))
            for s, by_a, by_b in rows:
                agreed = by_a and by_b
                item = self._span_item(doc_item, d.document, s.start, s.end, s.label, s.text,
                                       agreed)
                for col, marked in ((2, by_a), (3, by_b)):
                    if marked:
                        item.setText(col, "✓")
                    elif s.overlapped:
                        item.setText(col, "≈")
                        item.setToolTip(col, "marked an overlapping span of this label "
                                             "(a boundary disagreement)")
                    else:
                        item.setText(col, "–")
                    item.setTextAlignment(col, Qt.AlignmentFlag.AlignCenter)
                item.setText(4, f"{s.start}–{s.end}")
                color = _AGREE if agreed else _BOUNDARY if s.overlapped else _ALONE
                for col in range(5):
                    item.setBackground(col, self._tints[color])
            doc_item.setData(0, _EXPAND, d.disagreements > 0)
        self._finish()
        self._apply_filter()

    # ---------------------------------------------------------------- a label

    def show_label(self, label: str, spans: list[LabelSpan], entry: LabelMeasures | None,
                   measure: str, value: float | None) -> None:
        self.showing = ("label", label)
        agreed = sum(1 for s in spans if not s.not_marked_by)
        support = entry.support if entry else 0
        self.heading.setText(
            f"<b>{escape(label)}</b>: {escape(measure)} <b>{num(value)}</b>; {support} spans, "
            f"{len(spans)} distinct places, {agreed} marked by everyone who took part.")
        if not spans:
            self.say("Nobody marked a span with this label in the documents the report "
                     "covers.", self.heading.text())
            return
        self._start(["Span", "Label", "Marked by", "Not marked by", "Agreement", "Where"])
        by_doc: dict[str, list[LabelSpan]] = {}
        for s in spans:
            by_doc.setdefault(s.document, []).append(s)
        for doc, items in by_doc.items():
            split = sum(1 for s in items if s.not_marked_by)
            doc_item = self._document_item(
                doc, items[0].title,
                f"{len(items)} span{'s' if len(items) != 1 else ''}, {split} not unanimous")
            for s in items:
                m = len(s.marked_by) + len(s.not_marked_by)
                item = self._span_item(doc_item, doc, s.start, s.end, s.label, s.text,
                                       not s.not_marked_by)
                item.setText(2, ", ".join(s.marked_by))
                missing = [f"{n} (≈)" if n in s.overlapping else n for n in s.not_marked_by]
                item.setText(3, ", ".join(missing) or "–")
                if s.overlapping:
                    item.setToolTip(3, "≈ marked an overlapping span of this label "
                                       "(a boundary disagreement)")
                item.setText(4, f"{len(s.marked_by)} of {m}")
                item.setTextAlignment(4, Qt.AlignmentFlag.AlignCenter)
                item.setText(5, f"{s.start}–{s.end}")
                color = (_AGREE if not s.not_marked_by else
                         _BOUNDARY if s.overlapping else _ALONE)
                for col in range(6):
                    item.setBackground(col, self._tints[color])
            doc_item.setData(0, _EXPAND, split > 0)
        self._finish()
        self._apply_filter()

    # ---------------------------------------------------------------- a confusion cell

    def show_confusion(self, row: str, column: str, level: str, count: int,
                       items: list[ConfusionSpans]) -> None:
        """The spans behind the cell (``row``, ``column``) of the label confusion."""
        self.showing = ("confusion", row, column, level)
        alone = NONE in (row, column)
        unit = "tokens" if level == TOKENS else "spans" if alone else "meetings of spans"
        found = (f"{len(items)} span{'s' if len(items) != 1 else ''}" if alone else
                 f"{len(items)} pair{'s' if len(items) != 1 else ''} of spans")
        other = "nothing" if column == NONE else f"<b>{escape(column)}</b>"
        self.heading.setText(
            f"One annotator <b>{escape(row)}</b>, the other {other}: {count:,} {unit}; "
            f"{found} behind them.")
        if row == NONE and column == NONE:
            self.say("Text nobody marked: no span is behind this cell.", self.heading.text())
            return
        if not items:
            self.say("No span is behind this cell.", self.heading.text())
            return
        self._start(["Span", "Label", "By", "Meets", "Their label", "By", "Where"])
        by_doc: dict[str, list[ConfusionSpans]] = {}
        for item in items:
            by_doc.setdefault(item.meeting.document, []).append(item)
        agreed = row == column
        for doc, found in by_doc.items():
            doc_item = self._document_item(doc, found[0].title,
                                           f"{len(found)} pair{'s' if len(found) != 1 else ''}")
            for x in found:
                m = x.meeting
                start, end, label, text = m.first_span
                item = self._span_item(doc_item, doc, start, end, label, text, agreed)
                item.setText(2, m.first)
                if m.second_span is None:
                    item.setText(3, "— nothing of theirs" if level == SPANS
                                 else "— tokens they left unmarked")
                else:
                    s2, e2, label2, text2 = m.second_span
                    item.setText(3, f"“{' '.join(text2.split())}”")
                    item.setText(4, label2)
                    item.setIcon(4, self._icon(label2))
                item.setText(5, m.second)
                item.setText(6, f"{start}–{end}")
                color = _AGREE if agreed else _ALONE if m.second_span is None else _BOUNDARY
                for col in range(7):
                    item.setBackground(col, self._tints[color])
            doc_item.setData(0, _EXPAND, True)
        self._finish()
        self._apply_filter()

    # ---------------------------------------------------------------- helpers

    def span_items(self) -> list[QTreeWidgetItem]:
        """Every span row (for tests and for reading the panel back)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out += [top.child(j) for j in range(top.childCount())]
        return out

    def _apply_filter(self) -> None:
        hide = self.only_disagreements.isChecked()
        if not hide and not self._hidden:
            return
        self._hidden = hide
        for item in self.span_items():
            item.setHidden(hide and bool(item.data(0, _AGREED)))

    def _activated(self, item: QTreeWidgetItem, column: int) -> None:
        place = item.data(0, SPAN)
        if place is not None:
            self.span_activated.emit(*place)
