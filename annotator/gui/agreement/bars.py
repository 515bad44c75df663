"""Per label, one measure as a horizontal bar (alpha with its bootstrap interval), against
the reading's lines at 0.667 and 0.800; clicking a label asks for its spans."""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QToolTip

from annotator.core.agreement import Interval, LabelMeasures
from annotator.gui.agreement.measures import ALPHA, Measure
from annotator.gui.agreement.style import RELIABLE_LINE, TENTATIVE_LINE, bar_color, num
from annotator.gui.chart_painting import Chart
from annotator.reports import alpha_reading
from annotator.reports.html_cells import RELIABLE, TENTATIVE

ROW = 26  # the least height of a row; rows grow to fill the space, up to MAX_ROW
MAX_ROW = 40
TOP = 34  # room for the reading's captions
BOTTOM = 22  # room for the axis ticks
NAME_WIDTH = 190
VALUE_WIDTH = 64


class LabelBars(Chart):
    """Emits ``label_clicked(name)``. ``rows`` holds what is drawn, one per label:
    ``(name, support, value, interval)``, for tests and tooltips."""

    label_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__("label_bars", parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.measure: Measure = ALPHA
        self.rows: list[tuple[str, int, float | None, Interval | None]] = []
        self.selected: str | None = None
        self._hover = -1
        self.low = 0.0

    def show_labels(self, labels: Mapping[str, LabelMeasures], measure: Measure) -> None:
        self.measure = measure
        self.rows = [(name, entry.support, measure.value(entry.measures),
                      entry.measures.krippendorff_alpha_ci95 if measure is ALPHA else None)
                     for name, entry in labels.items()]
        values = [v for _, _, v, _ in self.rows if v is not None]
        values += [ci.low for *_, ci in self.rows if ci is not None]
        self.low = min(0.0, math.floor(min(values, default=0.0) * 5) / 5)
        if self.selected not in {r[0] for r in self.rows}:
            self.selected = None
        self.setMinimumHeight(self.sizeHint().height())
        self.update()

    def select(self, name: str | None) -> None:
        self.selected = name
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(NAME_WIDTH + VALUE_WIDTH + 300, TOP + BOTTOM + ROW * max(len(self.rows), 1))

    # ---------------------------------------------------------------- geometry

    @property
    def row_height(self) -> float:
        n = max(len(self.rows), 1)
        return max(ROW, min(MAX_ROW, (self.height() - TOP - BOTTOM) / n))

    def _plot(self) -> QRectF:
        return QRectF(NAME_WIDTH, TOP, max(60, self.width() - NAME_WIDTH - VALUE_WIDTH - 8),
                      self.row_height * len(self.rows))

    def _x(self, value: float) -> float:
        plot = self._plot()
        return plot.left() + (value - self.low) / (1.0 - self.low) * plot.width()

    def row_at(self, y: float) -> int:
        i = int((y - TOP) // self.row_height)
        return i if 0 <= i < len(self.rows) and y >= TOP else -1

    def row_rect(self, i: int) -> QRectF:
        return QRectF(0, TOP + i * self.row_height, self.width(), self.row_height)

    # ---------------------------------------------------------------- drawing

    def draw(self, p: QPainter) -> None:
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.Text)
        faint = pal.color(QPalette.ColorRole.PlaceholderText)
        fm = p.fontMetrics()
        if not self.rows:
            p.setPen(faint)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No label has a span yet.")
            return
        plot = self._plot()
        # hovered and selected rows
        for i, (name, *_rest) in enumerate(self.rows):
            if name == self.selected:
                shade = QColor(pal.color(QPalette.ColorRole.Highlight))
                shade.setAlphaF(0.22)
                p.fillRect(self.row_rect(i), shade)
            elif i == self._hover:
                shade = QColor(text)
                shade.setAlphaF(0.06)
                p.fillRect(self.row_rect(i), shade)
        # grid and axis
        grid_pen = QPen(faint, 1)
        grid_pen.setColor(QColor(faint.red(), faint.green(), faint.blue(), 60))
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        p.setFont(small)
        sfm = p.fontMetrics()
        tick = self.low
        while tick <= 1.0001:
            x = self._x(tick)
            p.setPen(grid_pen)
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            p.setPen(faint)
            label = f"{tick:.1f}"
            p.drawText(QPointF(x - sfm.horizontalAdvance(label) / 2,
                               plot.bottom() + sfm.ascent() + 4), label)
            tick = round(tick + 0.2, 6)
        if self.low < 0:
            p.setPen(QPen(faint, 1))
            p.drawLine(QPointF(self._x(0), plot.top()), QPointF(self._x(0), plot.bottom()))
        # the reading's thresholds
        for value, color, caption in ((TENTATIVE, TENTATIVE_LINE, "0.667 tentative"),
                                      (RELIABLE, RELIABLE_LINE, "0.800 reliable")):
            x = self._x(value)
            pen = QPen(color, 1.2, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(x, plot.top() - 4), QPointF(x, plot.bottom()))
            p.setPen(color)
            w = sfm.horizontalAdvance(caption)
            left = x - w - 3 if value == TENTATIVE else x + 3
            p.drawText(QPointF(left, plot.top() - 8), caption)
        p.setPen(faint)
        p.drawText(QRectF(NAME_WIDTH - 60, 0, 50, TOP - 4),
                   Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignRight, "spans")
        p.setFont(self.font())
        # bars
        row = self.row_height
        height = min(row * 0.6, 18)
        for i, (name, support, value, ci) in enumerate(self.rows):
            top = TOP + i * row
            mid = top + row / 2
            p.setPen(text)
            shown = fm.elidedText(name, Qt.TextElideMode.ElideRight, NAME_WIDTH - 60)
            p.drawText(QRectF(8, top, NAME_WIDTH - 60, row),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)
            p.setPen(faint)
            p.setFont(small)
            p.drawText(QRectF(NAME_WIDTH - 60, top, 50, row),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                       f"{support:,}")
            p.setFont(self.font())
            if value is None:
                p.setPen(faint)
                italic = QFont(self.font())
                italic.setItalic(True)
                p.setFont(italic)
                p.drawText(QRectF(self._x(0.0) + 6, top, 200, row),
                           Qt.AlignmentFlag.AlignVCenter, "undefined")
                p.setFont(self.font())
                continue
            x0, x1 = sorted((self._x(0.0), self._x(value)))
            color = bar_color(value, self.measure.reading, pal)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRoundedRect(QRectF(x0, mid - height / 2, max(x1 - x0, 1.5), height), 2, 2)
            if ci is not None:
                p.setPen(QPen(text, 1.2))
                lo, hi = self._x(ci.low), self._x(ci.high)
                p.drawLine(QPointF(lo, mid), QPointF(hi, mid))
                for x in (lo, hi):
                    p.drawLine(QPointF(x, mid - 4), QPointF(x, mid + 4))
            p.setPen(text)
            p.drawText(QRectF(plot.right() + 6, top, VALUE_WIDTH, row),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, num(value))

    # ---------------------------------------------------------------- interaction

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        i = self.row_at(event.position().y())
        if i != self._hover:
            self._hover = i
            self.setCursor(Qt.CursorShape.PointingHandCursor if i >= 0
                           else Qt.CursorShape.ArrowCursor)
            self.update()

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._hover = -1
        self.update()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        i = self.row_at(event.position().y())
        if i >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self._choose(i)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        names = [r[0] for r in self.rows]
        if not names:
            return super().keyPressEvent(event)
        at = names.index(self.selected) if self.selected in names else -1
        if event.key() == Qt.Key.Key_Down:
            self._choose(min(at + 1, len(names) - 1))
        elif event.key() == Qt.Key.Key_Up:
            self._choose(max(at - 1, 0))
        else:
            super().keyPressEvent(event)

    def _choose(self, i: int) -> None:
        self.select(self.rows[i][0])
        self.label_clicked.emit(self.rows[i][0])

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            i = self.row_at(event.pos().y())
            if i >= 0:
                QToolTip.showText(event.globalPos(), self.tooltip(i), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip(self, i: int) -> str:
        name, support, value, ci = self.rows[i]
        lines = [f"{name}: {support:,} spans", f"{self.measure.name}: "
                 + ("undefined (see the notes)" if value is None else f"{value:.4f}")]
        if self.measure.reading and value is not None:
            lines.append(f"Reading: {alpha_reading(value)}")
        if ci is not None:
            lines.append(f"95 % CI {ci.low:.3f} – {ci.high:.3f}")
        lines.append("Click for this label's spans")
        return "\n".join(lines)
