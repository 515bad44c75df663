"""One-line cells painted from a model's answers look exactly as Qt's own delegate paints
them: the same pixels, whatever the cell holds (texts wider than their column, numbers
aligned right, fonts, colours, tints, a colour's swatch, characters from another font)
and whatever state it is in (selected, focused, greyed)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QRawFont,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QTableView

from annotator.gui.one_line_cells import OneLineCells

ROLE = Qt.ItemDataRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _cells_model() -> QStandardItemModel:
    bold, struck = QFont(), QFont()
    bold.setBold(True)
    struck.setStrikeOut(True)
    rows = [
        ("open", 12, 345678, "a short text", "Word choice"),
        ("accepted", 7, 19, "Zürich façade naïve, Москва", "Attribution"),
        ("rejected", 1000, 1020, "much longer words than the column has room for, so "
                                 "elided at the right", "Economic"),
        ("open", 3, 4, "北京 western 伙伴关系", "Political"),
        ("open", 5, 6, "😀 president ⚡ china", "Morality"),
        ("edited", 8, 9, "", "Loaded language"),
    ]
    model = QStandardItemModel(len(rows), 5)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QStandardItem()
            item.setData(value, ROLE.DisplayRole)
            model.setItem(r, c, item)
        model.item(r, 0).setData(bold, ROLE.FontRole)
        model.item(r, 0).setData(QBrush(QColor("#b35806")), ROLE.ForegroundRole)
        model.item(r, 1).setData(RIGHT, ROLE.TextAlignmentRole)
        model.item(r, 2).setData(RIGHT, ROLE.TextAlignmentRole)
        model.item(r, 4).setData(QColor.fromHsv(r * 50, 200, 220), ROLE.DecorationRole)
        if values[0] == "rejected":
            model.item(r, 3).setData(struck, ROLE.FontRole)
            model.item(r, 3).setData(QBrush(QColor("#8a8a8a")), ROLE.ForegroundRole)
        if values[0] in ("accepted", "edited"):
            model.item(r, 3).setData(QBrush(QColor(230, 200, 120)), ROLE.BackgroundRole)
    return model


def _answers(model: QStandardItemModel):
    """cell(row, column) as a model of ours answers it: role -> answer."""
    return lambda row, column: model.itemData(model.index(row, column))


def _table(qtbot, model) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for column, width in enumerate((80, 60, 70, 150, 120)):
        view.setColumnWidth(column, width)
    view.resize(560, 260)
    view.show()
    qtbot.waitExposed(view)
    return view


def _painted(view: QTableView, delegate) -> bytes:
    view.setItemDelegate(delegate)
    image = view.viewport().grab().toImage()
    return bytes(image.constBits())


def test_cells_paint_the_pixels_qt_paints(qtbot):
    model = _cells_model()
    view = _table(qtbot, model)
    qts = QStyledItemDelegate(view)
    ours = OneLineCells(view, _answers(model))

    def same() -> None:
        ours.forget()
        assert _painted(view, ours) == _painted(view, qts)
        assert _painted(view, ours) == _painted(view, qts)  # kept measures, same pixels

    same()
    # the painter's own cells (it measures their texts): all but the text its font lacks
    measured = {text for _font, text, _width in ours._drawn}
    assert {"open", "12", "345678", "a short text", "Loaded language"} <= measured
    if not QRawFont.fromFont(view.font()).supportsCharacter(ord("北")):
        assert "北京 western 伙伴关系" not in measured
    view.selectRow(2)
    view.setFocus()
    same()
    view.setColumnWidth(3, 60)  # more texts elided
    same()
    view.setEnabled(False)  # greyed
    same()
    view.setEnabled(True)
    view.clearSelection()
    view.setCurrentIndex(QModelIndex())
    font = QFont(view.font())
    font.setPointSize(font.pointSize() + 3)
    view.setFont(font)  # a new font: new metrics, places and heights
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    same()
