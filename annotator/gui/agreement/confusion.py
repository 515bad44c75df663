"""The label confusion matrix: one annotator's label (rows) against another's (columns),
over tokens or over spans that meet; clicking a cell asks for the spans behind it, which
the panel shows beside it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QVBoxLayout,
)

from annotator.core.agreement import NONE, SPANS, TOKENS, Confusion
from annotator.core.model import Codebook
from annotator.gui.agreement.details import DetailPanel
from annotator.gui.agreement.matrix import MatrixPanel, SquareModel
from annotator.gui.agreement.style import ink_on
from annotator.gui.colors import mix

COUNT = Qt.ItemDataRole.UserRole  # the cell's count
LEVELS = ((SPANS, "Spans that meet"), (TOKENS, "Tokens"))


class ConfusionModel(SquareModel):
    """Labels along both sides."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts: tuple[tuple[int, ...], ...] = ()
        self.top = 1

    def set_counts(self, labels: tuple[str, ...], counts: tuple[tuple[int, ...], ...]) -> None:
        self.beginResetModel()
        self.names, self.counts = labels, counts
        # shades relative to the largest cell but "O against O" (no news)
        last = len(labels) - 1
        self.top = max((v for i, row in enumerate(counts) for j, v in enumerate(row)
                        if not i == j == last), default=0) or 1
        self.endResetModel()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.ToolTipRole and 0 <= section < len(self.names):
            side = "one annotator" if orientation == Qt.Orientation.Vertical else "the other"
            name = self.names[section]
            return f"{side}: {'nothing marked' if name == NONE else name}"
        return super().headerData(section, orientation, role)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.counts[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:,}"
        if role == COUNT:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            base = QPalette().color(QPalette.ColorRole.Base)
            last = len(self.names) - 1
            plain = not value or index.row() == index.column() == last
            share = min(value / self.top, 1.0)
            back = base if plain else mix(base, QColor("#1f77b4"), 0.08 + 0.6 * share)
            return back if role == Qt.ItemDataRole.BackgroundRole else ink_on(back)
        if role == Qt.ItemDataRole.ToolTipRole:
            row, col = self.names[index.row()], self.names[index.column()]
            return (f"{value:,}: one annotator {'marked nothing' if row == NONE else row}, "
                    f"the other {'nothing' if col == NONE else col}\n"
                    "Click for the spans behind it")
        return None


class ConfusionMatrix(MatrixPanel):
    """Emits ``cell_clicked(row label, column label, level)``."""

    cell_clicked = Signal(str, str, str)

    def __init__(self, parent=None):
        super().__init__(ConfusionModel(), "confusion_table", parent)
        self.setObjectName("confusion_matrix")
        self.confusion: Confusion | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>Label confusion</b>"))
        top.addStretch(1)
        self.level = QComboBox()
        self.level.setObjectName("confusion_level")
        for key, name in LEVELS:
            self.level.addItem(name, key)
        self.level.setToolTip("Spans that share a character, or tokens (each token once per "
                              "label of each annotator)")
        top.addWidget(self.level)
        layout.addLayout(top)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        caption = QLabel("Rows: one annotator's label; columns: the other's, summed over both "
                         "orders of every pair. Off the diagonal: where labels blur; O: the "
                         "other marked nothing there.")
        caption.setWordWrap(True)
        caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(caption)
        self.level.currentIndexChanged.connect(self._refill)

    @property
    def shown_level(self) -> str:
        return self.level.currentData()

    def show_confusion(self, confusion: Confusion | None) -> None:
        self.confusion = confusion
        self._refill()

    def set_level(self, level: str) -> None:
        self.level.setCurrentIndex(self.level.findData(level))

    def _refill(self) -> None:
        c = self.confusion
        if c is None:
            self.model.set_counts((), ())
            return
        self.model.set_counts(c.labels, c.spans if self.shown_level == SPANS else c.tokens)

    def on_cell(self, index: QModelIndex) -> None:
        if index.isValid():
            labels = self.model.names
            self.cell_clicked.emit(labels[index.row()], labels[index.column()],
                                   self.shown_level)


class ConfusionPanel(QSplitter):
    """The matrix beside the spans behind the cell last clicked (``details``)."""

    def __init__(self, codebook: Codebook, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("confusion_panel")
        self.setChildrenCollapsible(False)
        self.matrix = ConfusionMatrix()
        self.details = DetailPanel(codebook)
        self.details.setObjectName("confusion_details")
        self.details.say("Click a cell for the spans behind it.")
        self.addWidget(self.matrix)
        self.addWidget(self.details)
        self.setSizes([520, 700])

    def count(self, row: str, column: str, level: str) -> int:
        c = self.matrix.confusion
        if c is None:
            return 0
        matrix = c.tokens if level == TOKENS else c.spans
        return matrix[c.labels.index(row)][c.labels.index(column)]
