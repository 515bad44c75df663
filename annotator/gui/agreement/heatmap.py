"""Annotators × annotators: one pairwise measure (Cohen's kappa, exact or partial span F1)
over all labels or one, as coloured cells; clicking a cell asks for the spans behind it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import AgreementReport, PairMeasures
from annotator.gui.agreement.matrix import MatrixPanel, SquareModel
from annotator.gui.agreement.measures import PAIR, Measure, measure, measure_box
from annotator.gui.agreement.style import heat, ink_on, num, viridis
from annotator.gui.chart_painting import Painted

VALUE = Qt.ItemDataRole.UserRole  # the unrounded value (None: undefined or the diagonal)
ALL_LABELS = "All labels"


class PairModel(SquareModel):
    """Annotators along both sides."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pairs: dict[tuple[str, str], PairMeasures] = {}
        self.measure: Measure = PAIR[0]
        self.low = 0.0

    def set_pairs(self, annotators: Sequence[str], pairs: Sequence[PairMeasures],
                  shown: Measure) -> None:
        self.beginResetModel()
        self.names = list(annotators)
        self.pairs = {}
        for p in pairs:
            self.pairs[(p.a, p.b)] = self.pairs[(p.b, p.a)] = p
        self.measure = shown
        values = [v for v in map(shown.value, pairs) if v is not None]
        self.low = min([0.0, *values])  # the report's scale: from min(0, lowest) to 1
        self.endResetModel()

    def pair(self, index: QModelIndex) -> PairMeasures | None:
        if not index.isValid() or index.row() == index.column():
            return None
        return self.pairs.get((self.names[index.row()], self.names[index.column()]))

    def flags(self, index):
        if index.row() == index.column():
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        diagonal = index.row() == index.column()
        pair = self.pair(index)
        value = self.measure.value(pair) if pair else None
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if diagonal else num(value)
        if role == VALUE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if diagonal:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QPalette().color(QPalette.ColorRole.Window)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return heat(value, self.low, QPalette())
        if role == Qt.ItemDataRole.ForegroundRole:
            return ink_on(heat(value, self.low, QPalette()))
        if role == Qt.ItemDataRole.ToolTipRole and pair is not None:
            shown = "undefined (see the notes)" if value is None else f"{value:.4f}"
            return (f"{pair.a} and {pair.b}: {self.measure.name} {shown}\n"
                    f"{pair.documents} documents both took part in\n"
                    "Click for the spans behind the number")
        return None


class HeatDelegate(QStyledItemDelegate):
    """Paints a cell in its own colour, selected or not (the style would paint the
    selection colour over it), with a frame around the selected one."""

    def paint(self, painter: QPainter, option, index) -> None:
        painter.save()
        rect = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5)
        back = index.data(Qt.ItemDataRole.BackgroundRole)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(back if back is not None else QColor(0, 0, 0, 0))
        painter.drawRoundedRect(rect, 3, 3)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text:
            painter.setPen(index.data(Qt.ItemDataRole.ForegroundRole)
                           or option.palette.color(QPalette.ColorRole.Text))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if (selected or hovered) and index.flags() & Qt.ItemFlag.ItemIsSelectable:
            ink = option.palette.color(QPalette.ColorRole.Text)
            if not selected:
                ink.setAlphaF(0.45)
            painter.setPen(QPen(ink, 2.5 if selected else 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
        painter.restore()


class ColorScale(Painted):
    """The heatmap's scale: viridis from the lowest value shown (or 0) to 1."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.low = 0.0
        self.setMinimumHeight(30)

    def set_low(self, low: float) -> None:
        self.low = low
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(220, 30)

    def draw(self, p: QPainter) -> None:
        fm = p.fontMetrics()
        bar = QRectF(4, 2, self.width() - 8, 10)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for k in range(11):
            gradient.setColorAt(k / 10, viridis(k / 10))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(gradient)
        p.drawRoundedRect(bar, 3, 3)
        p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        y = bar.bottom() + fm.ascent() + 2
        p.drawText(int(bar.left()), int(y), f"{self.low:.1f}")
        right = "1.0"
        p.drawText(int(bar.right() - fm.horizontalAdvance(right)), int(y), right)
        if self.low < 0.5:
            mid = 0.5
            x = bar.left() + (mid - self.low) / (1.0 - self.low) * bar.width()
            text = "0.5"
            p.drawText(int(x - fm.horizontalAdvance(text) / 2), int(y), text)


class PairHeatmap(MatrixPanel):
    """Emits ``pair_clicked(a, b, label)`` (label "" for all labels)."""

    pair_clicked = Signal(str, str, str)

    def __init__(self, parent=None):
        super().__init__(PairModel(), "pair_heatmap", parent)
        self.report: AgreementReport | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Pairs of annotators</b>"))
        top = QHBoxLayout()
        self.measure = measure_box("pair_measure", PAIR)
        self.scope = QComboBox()
        self.scope.setObjectName("pair_scope")
        self.scope.setToolTip("The pairs' numbers over all labels, or over one label")
        for combo in (self.measure, self.scope):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            top.addWidget(combo, 1)
        layout.addLayout(top)

        self.table.setShowGrid(False)
        self.table.setCornerButtonEnabled(False)
        self.table.setMouseTracking(True)
        self.table.setItemDelegate(HeatDelegate(self.table))
        self.table.setFrameShape(QTableView.Shape.NoFrame)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.viewport().setAutoFillBackground(False)
        self.table.setStyleSheet("QTableView, QHeaderView { background: transparent; }"
                                 "QHeaderView::section { background: transparent; border: none;"
                                 " padding: 0 6px; }"
                                 "QTableCornerButton::section { background: transparent;"
                                 " border: none; }")
        for header in (self.table.horizontalHeader(), self.table.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setHighlightSections(False)
        self.table.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        # The cells grow to fill the space (squares, up to a limit), centred in it.
        self.area = QWidget()
        area = QVBoxLayout(self.area)
        area.setContentsMargins(0, 0, 0, 0)
        area.addWidget(self.table, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.area, 1)
        self.scale = ColorScale()
        layout.addWidget(self.scale)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.caption)

        self.measure.currentIndexChanged.connect(self._refill)
        self.scope.currentIndexChanged.connect(self._refill)

    @property
    def label(self) -> str:
        """The label the cells are about, "" for all labels."""
        data = self.scope.currentData()
        return data or ""

    @property
    def shown(self) -> Measure:
        """The pairwise measure the cells show."""
        return measure(self.measure.currentData(), PAIR)

    def show_report(self, report: AgreementReport | None) -> None:
        self.report = report
        keep = self.label
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(ALL_LABELS, "")
        for name in report.labels if report else ():
            self.scope.addItem(name, name)
        at = self.scope.findData(keep)
        self.scope.setCurrentIndex(max(at, 0))
        self.scope.blockSignals(False)
        self._refill()

    def set_label(self, label: str) -> None:
        at = self.scope.findData(label)
        if at >= 0:
            self.scope.setCurrentIndex(at)

    def set_measure(self, key: str) -> None:
        self.measure.setCurrentIndex(self.measure.findData(key))

    def _refill(self) -> None:
        report = self.report
        if report is None:
            self.model.set_pairs([], [], self.shown)
            self.caption.setText("")
            return
        self.model.set_pairs(report.annotators, report.pairs_of(self.label or None),
                             self.shown)
        self.scale.set_low(self.model.low)
        self._fit()
        if len(report.annotators) < 2:
            self.caption.setText("Fewer than two annotators: no pair to compare.")
        else:
            self.caption.setText("Click a cell for the documents and spans behind it; "
                                 "– marks a value the data leave undefined.")

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        n = max(len(self.model.names), 1)
        vh, hh = self.table.verticalHeader(), self.table.horizontalHeader()
        label_w = max([vh.fontMetrics().horizontalAdvance(a) for a in self.model.names]
                      + [20]) + 16
        label_h = hh.fontMetrics().height() + 10
        room_w = self.area.width() - label_w - 4
        room_h = self.area.height() - label_h - 4
        side = int(max(44, min(96, room_w / n, room_h / n)))
        vh.setDefaultSectionSize(side)
        hh.setDefaultSectionSize(side)
        vh.setFixedWidth(label_w)
        hh.setFixedHeight(label_h)
        self.table.setFixedSize(min(label_w + side * n + 4, max(self.area.width(), 100)),
                                min(label_h + side * n + 4, max(self.area.height(), 100)))

    def on_cell(self, index: QModelIndex) -> None:
        pair = self.model.pair(index)
        if pair is not None:
            self.pair_clicked.emit(pair.a, pair.b, self.label)
