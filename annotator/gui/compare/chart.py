"""Counts per source as grouped bars (one group per source, one bar per label, in the
label's colour), drawn with QPainter; hover shows the number. `rows` holds what is drawn
(for tests and tooltips)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QToolTip

from annotator.gui.chart_painting import Chart

LEFT, BOTTOM, TOP, LEGEND = 44, 46, 12, 200


class GroupedBars(Chart):
    def __init__(self, parent=None):
        super().__init__("compare_chart", parent)
        self.groups: list[str] = []
        self.series: list[str] = []
        self.values: dict[tuple[str, str], int] = {}
        self.colors: dict[str, QColor] = {}
        self._bars: list[tuple[QRectF, str, str, int]] = []

    def set_data(self, table: Mapping[str, Mapping[str, int]], groups: Sequence[str],
                 colors: Mapping[str, QColor]) -> None:
        """`table`: group (source) → series (label) → count."""
        self.groups = list(groups)
        self.series = sorted({s for per in table.values() for s in per})
        self.values = {(g, s): int(table.get(g, {}).get(s, 0))
                       for g in self.groups for s in self.series}
        self.colors = dict(colors)
        self.update()

    @property
    def rows(self) -> list[tuple[str, str, int]]:
        return [(g, s, self.values[(g, s)]) for g in self.groups for s in self.series]

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(720, 320)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, 220)

    def draw(self, p: QPainter) -> None:
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        grid = pal.color(QPalette.ColorRole.Mid)
        self._bars = []
        if not self.groups or not self.series:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No spans to count.")
            return
        plot = QRectF(LEFT, TOP, max(10, self.width() - LEFT - LEGEND - 10),
                      max(10, self.height() - TOP - BOTTOM))
        top = max(self.values.values()) or 1
        step = _nice_step(top)
        ceiling = step * (-(-top // step))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        p.setFont(small)
        k = 0
        while k <= ceiling:
            y = plot.bottom() - plot.height() * k / ceiling
            p.setPen(QPen(grid, 0.5, Qt.PenStyle.DotLine))
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.setPen(text)
            p.drawText(QRectF(0, y - 8, LEFT - 6, 16),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(k))
            k += step
        width = plot.width() / len(self.groups)
        bar = width * 0.8 / len(self.series)
        for gi, group in enumerate(self.groups):
            x0 = plot.left() + gi * width + width * 0.1
            for si, series in enumerate(self.series):
                n = self.values[(group, series)]
                h = plot.height() * n / ceiling
                rect = QRectF(x0 + si * bar, plot.bottom() - h, max(1.0, bar - 1), h)
                p.fillRect(rect, self.colors.get(series, grid))
                self._bars.append((rect.adjusted(0, -4, 0, 0), group, series, n))
            p.setPen(text)
            name = group if len(group) <= 24 else group[:22] + "…"
            p.drawText(QRectF(plot.left() + gi * width, plot.bottom() + 4, width, BOTTOM - 6),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                       | Qt.TextFlag.TextWordWrap, name)
        y = plot.top()
        for series in self.series:
            p.fillRect(QRectF(plot.right() + 14, y + 3, 10, 10), self.colors.get(series, grid))
            p.setPen(text)
            p.drawText(QRectF(plot.right() + 30, y, LEGEND - 34, 16),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, series)
            y += 17

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        pos = event.position()
        for rect, group, series, n in self._bars:
            if rect.contains(pos):
                QToolTip.showText(event.globalPosition().toPoint(), f"{group}: {series}, {n}",
                                  self)
                return
        QToolTip.hideText()


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 6:
            return step
    return max(1, top // 5)
