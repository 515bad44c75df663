"""The column-model base: header and column count from the declared columns, whole-row
and whole-column repaints, the filter and the selection that follows the model; and the
document and span lists built on it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView, QWidget

from annotator.gui.column_model import ColumnModel, filtered, row_table, select_row, show_model

DISPLAY, TIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
HORIZONTAL = Qt.Orientation.Horizontal


class Fruit(ColumnModel):
    columns = ("Name", "Colour", "Taste")
    header_tips = {2: "How it tastes"}

    def __init__(self, rows):
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index, role=DISPLAY):
        return self.rows[index.row()][index.column()] if role == DISPLAY else None


ROWS = [("apple", "red", "sweet"), ("lemon", "Yellow", "sour"), ("lime", "green", "sour")]


def test_header_and_column_count_come_from_the_declared_columns(qtbot):
    model = Fruit(ROWS)
    assert model.columnCount() == 3
    assert model.columnCount(model.index(0, 0)) == 0  # a flat table: no children
    view = QTableView()
    qtbot.addWidget(view)
    proxy, _box = filtered(model, view, "")
    show_model(view, proxy, model)
    assert view.model() is proxy
    header = view.horizontalHeader()
    titles = header.model()  # Qt's own model: no headerData of ours for Qt to call
    assert titles is not proxy and header.count() == 3
    assert [titles.headerData(c, HORIZONTAL) for c in range(3)] == list(Fruit.columns)
    assert [titles.headerData(c, HORIZONTAL, TIP) for c in range(3)] == [
        None, None, "How it tastes"]
    view.setColumnHidden(1, True)  # the view's columns are the header's sections
    assert header.isSectionHidden(1) and view.isColumnHidden(1)


def test_a_row_or_a_column_repaints_whole(qtbot):
    model = Fruit(ROWS)
    got = []
    model.dataChanged.connect(lambda a, b, _roles=(): got.append(
        ((a.row(), a.column()), (b.row(), b.column()))))
    model.row_changed(1)
    model.column_changed(2)
    assert got == [((1, 0), (1, 2)), ((0, 2), (2, 2))]
    empty = Fruit([])
    empty.dataChanged.connect(lambda *a: got.append("empty"))
    empty.column_changed(0)  # no rows: nothing to repaint, no invalid range
    assert "empty" not in got


def test_a_reset_tells_views_to_read_the_rows_again(qtbot):
    model = Fruit(list(ROWS))
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.rows.pop()
        model.reset()
    assert model.rowCount() == 2


def test_the_filter_keeps_rows_with_the_text_in_any_cell_in_any_case(qtbot):
    model = Fruit(ROWS)
    owner = QWidget()
    qtbot.addWidget(owner)
    proxy, box = filtered(model, owner, "Filter fruit…")
    assert box.placeholderText() == "Filter fruit…" and box.isClearButtonEnabled()
    box.setText("SOUR")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["lemon", "lime"]
    box.setText("yellow")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["lemon"]


def test_selecting_a_row_selects_it_whole_and_skips_what_the_filter_hides(qtbot):
    model = Fruit(ROWS)
    view = QTableView()
    qtbot.addWidget(view)
    proxy, box = filtered(model, view, "")
    view.setModel(proxy)
    select_row(view, proxy, model.index(2, 1))
    rows = view.selectionModel().selectedRows()
    assert [i.data() for i in rows] == ["lime"]
    assert len(view.selectionModel().selectedIndexes()) == 3
    box.setText("sweet")
    select_row(view, proxy, model.index(1, 0))  # hidden: the selection stays as it was
    assert view.selectionModel().currentIndex().data() != "lemon"


class Counted(Fruit):
    """Counts how often the view (through the proxy) asks how many rows there are: a
    Python call each, made for every row a view lays out."""

    asked = 0

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        self.asked += 1
        return super().rowCount(parent)


def test_a_long_list_shown_asks_about_the_rows_on_screen_not_every_row(qtbot):
    rows = [(f"fruit {k}", "red", "sweet") for k in range(5000)]
    model = Counted(rows)
    holder = QWidget()
    qtbot.addWidget(holder)
    proxy, _box = filtered(model, holder, "Filter")
    view = row_table("fruit_table", holder)
    view.setParent(holder)
    view.setModel(proxy)
    holder.resize(400, 300)
    holder.show()
    qtbot.waitExposed(holder)
    assert view.objectName() == "fruit_table" and view.verticalHeader().isHidden()
    model.asked = 0
    model.reset()  # the list read again, then its current row followed to the end
    select_row(view, proxy, model.index(4000, 0))
    view.viewport().repaint()
    # a tree view asked 10,000 times here (twice a row); a table, about the rows it shows
    assert model.asked < 500
    assert view.selectionModel().isRowSelected(proxy.mapFromSource(model.index(4000, 0)).row())
    assert view.rowAt(view.viewport().height() // 2) > 3900  # scrolled to it
