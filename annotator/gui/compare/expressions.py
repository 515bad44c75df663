"""How an expression is shown in an outlet's column: the words in bold, then in a smaller
line its label (with the label's colour), spans, who marked it and the polarity."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from annotator.core.compare import Expression
from annotator.core.wording import count

POLARITY = {"negative": ("−", "#b22222"), "neutral": ("○", "#777777"),
            "positive": ("+", "#2e7d32")}
BAR = 5  # the label's colour down the left edge
PAD = 4


def expression_html(e: Expression, gold: bool, color: str) -> str:
    who = "gold" if gold else count(len(e.annotators), "annotator")
    pol = " ".join(f'<span style="color:{POLARITY.get(v, ("", "#777"))[1]}">'
                   f'{POLARITY.get(v, (escape(v), ""))[0]}{n}</span>'
                   for v, n in e.polarity.items())
    meta = f'<span style="color:{color}">■</span> {escape(e.label)} · ' \
           f'{count(e.count, "span")} · {escape(who)}' + (f" · {pol}" if pol else "")
    return f'<b>{escape(e.text)}</b><br><small>{meta}</small>'


class ExpressionDelegate(QStyledItemDelegate):
    """Paints an item's rich text (its `Qt.UserRole + 1`), wrapped to the column."""

    ROLE = Qt.ItemDataRole.UserRole + 1

    def _document(self, option: QStyleOptionViewItem, index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(self.ROLE) or escape(index.data() or ""))
        doc.setTextWidth(max(40, option.rect.width() - BAR - 2 * PAD))
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else None
        opt.text = ""
        opt.icon = opt.icon.__class__()
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.left() + BAR + PAD, option.rect.top() + PAD)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        ctx.clip = QRectF(0, 0, option.rect.width(), option.rect.height())
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        width = option.rect.width() if option.rect.width() > 0 else 220
        opt = QStyleOptionViewItem(option)
        opt.rect.setWidth(width)
        doc = self._document(opt, index)
        return QSize(width, int(doc.size().height()) + 2 * PAD)
