"""A flat table model whose columns are declared once, as data.

The GUI's lists (documents, spans) are flat tables: their header, their column count and
the repaint of one whole row all follow from the tuple of column titles (and, where a
header explains itself, a tooltip per column). Subclasses say what their rows are
(rowCount, data); this base answers the rest. `show_model` puts a model (or its filter)
in a view under those titles; `filtered` (a filter box and its proxy) and `select_row`
are the one way a list is filtered and follows its model's current row.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QWidget,
)

from annotator.gui.qt_namespace import CASE_INSENSITIVE, set_enum_property


class ColumnModel(QAbstractTableModel):
    """Columns from `columns` (header titles) and `header_tips` (column -> tooltip)."""

    columns: tuple[str, ...] = ()
    header_tips: Mapping[int, str] = {}

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    # No headerData: Qt would call it with a Qt.Orientation, which makes PySide build the
    # Qt namespace (gui/qt_namespace) before the first paint. The titles are a model of
    # Qt's own, which the view's header reads instead (show_model).
    def titles(self, parent: QWidget) -> QStandardItemModel:
        """The header's model: a title, and a tooltip where there is one, per column."""
        titles = QStandardItemModel(0, len(self.columns), parent)
        for col, title in enumerate(self.columns):
            item = QStandardItem(title)
            if col in self.header_tips:
                item.setToolTip(self.header_tips[col])
            titles.setHorizontalHeaderItem(col, item)
        return titles

    def row_changed(self, row: int) -> None:
        """Every cell of one row repaints."""
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def column_changed(self, column: int) -> None:
        """Every cell of one column repaints."""
        if self.rowCount():
            self.dataChanged.emit(self.index(0, column),
                                  self.index(self.rowCount() - 1, column))

    def reset(self) -> None:
        """The rows are new: views read them again."""
        self.beginResetModel()
        self.endResetModel()


def show_model(view: QTableView, shown: QAbstractItemModel, model: ColumnModel) -> None:
    """Show `shown` (`model`, or a proxy of it) in `view`, headed by `model`'s titles."""
    view.setModel(shown)  # which gives the header the same model: the titles after it
    view.horizontalHeader().setModel(model.titles(view))


def filtered(model: QAbstractItemModel, parent: QWidget,
             placeholder: str) -> tuple[QSortFilterProxyModel, QLineEdit]:
    """A filter box and the model it filters: a row is kept when any of its cells holds
    the box's text, in any case."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    set_enum_property(proxy, "filterCaseSensitivity", CASE_INSENSITIVE)
    box = QLineEdit(parent)
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    box.textChanged.connect(proxy.setFilterFixedString)
    return proxy, box


def select_row(view: QAbstractItemView, proxy: QSortFilterProxyModel,
               index: QModelIndex) -> None:
    """Make the row of a source model's index the view's one selection and scroll to it
    (nothing, when the filter hides it)."""
    shown = proxy.mapFromSource(index)
    if shown.isValid():
        view.selectionModel().setCurrentIndex(
            shown, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        view.scrollTo(shown)


def row_table(name: str, font_of: QWidget, *, alternating: bool = False) -> QTableView:
    """A table shown as a list of rows: whole rows selected one at a time, no grid, no
    row numbers, every row one line of `font_of`'s font high.

    A table, not a tree: a tree view lays out every row whenever its model resets or its
    current row moves, asking each (through a filter proxy, a Python call or two a row)
    whether it has children: 30 ms for a document's 10,000 spans, 100 ms for a list of
    10,000 documents. A table with rows of one height asks only the rows it shows."""
    view = QTableView()
    view.setObjectName(name)
    view.setAlternatingRowColors(alternating)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(font_of.fontMetrics().height() + 6)
    view.horizontalHeader().setHighlightSections(False)
    return view
