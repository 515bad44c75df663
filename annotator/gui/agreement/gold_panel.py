"""Each annotator against gold, over all labels or one, with what the numbers are about."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from annotator.core.agreement import AnnotatorGold
from annotator.gui.agreement.tables import ALL, GoldTable

ABOUT = ("Each annotator's spans against the gold layer, on the adjudicated documents they "
         "took part in.")
NOTHING = ("No document is adjudicated yet: adjudicate documents (View ▸ Adjudication) to "
           "compare each annotator with the gold layer.")


class GoldPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("gold_panel")
        self.gold: Mapping[str, AnnotatorGold] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        top.addWidget(self.caption, 1)
        self.label = QComboBox()
        self.label.setObjectName("gold_label")
        self.label.setToolTip("Over all labels, or over one label")
        self.label.currentIndexChanged.connect(self._refill)
        top.addWidget(self.label)
        layout.addLayout(top)
        self.table = GoldTable()
        layout.addWidget(self.table, 1)
        self.show_gold({})

    def show_gold(self, gold: Mapping[str, AnnotatorGold]) -> None:
        self.gold = gold
        keep = self.label.currentText()
        self.label.blockSignals(True)
        self.label.clear()
        self.label.addItems([ALL, *sorted({label for g in gold.values() for label in g.labels})])
        self.label.setCurrentIndex(max(self.label.findText(keep), 0))
        self.label.blockSignals(False)
        self._refill()

    def _refill(self) -> None:
        label = self.label.currentText()
        self.table.show_gold(self.gold, None if label in (ALL, "") else label)
        self.caption.setText(ABOUT if self.gold else NOTHING)
