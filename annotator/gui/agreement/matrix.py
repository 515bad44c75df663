"""Tables with the same names along both sides, as the pairwise heatmap (annotators ×
annotators) and the label confusion (labels × labels) show them: one cell chosen at a
time, a click or Enter on a cell asks for what is behind it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

_ROOT = QModelIndex()


class SquareModel(QAbstractTableModel):
    """``names`` along the rows and the columns; subclasses give the cells."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.names: Sequence[str] = ()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.names)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.names)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.names):
            return self.names[section]
        return None

    def cell(self, row: str, column: str) -> QModelIndex:
        return self.index(self.names.index(row), self.names.index(column))


class MatrixPanel(QWidget):
    """Shows ``model`` in ``table`` (named ``table_name``); ``on_cell`` hears a click or
    Enter on a cell."""

    def __init__(self, model: SquareModel, table_name: str, parent=None):
        super().__init__(parent)
        model.setParent(self)
        self.model = model
        self.table = QTableView()
        self.table.setObjectName(table_name)
        self.table.setModel(model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.clicked.connect(self.on_cell)
        self.table.activated.connect(self.on_cell)

    def cell(self, row: str, column: str) -> QModelIndex:
        return self.model.cell(row, column)

    def on_cell(self, index: QModelIndex) -> None:
        raise NotImplementedError
