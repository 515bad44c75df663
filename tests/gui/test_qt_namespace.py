"""gui/qt_namespace: the ints the first window uses stand for the members of Qt's
namespace they name, and an enum property set from one takes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLabel

from annotator.gui import qt_namespace as qt

NAMED = {
    "DISPLAY_ROLE": Qt.ItemDataRole.DisplayRole,
    "DECORATION_ROLE": Qt.ItemDataRole.DecorationRole,
    "TOOLTIP_ROLE": Qt.ItemDataRole.ToolTipRole,
    "FONT_ROLE": Qt.ItemDataRole.FontRole,
    "TEXT_ALIGNMENT_ROLE": Qt.ItemDataRole.TextAlignmentRole,
    "FOREGROUND_ROLE": Qt.ItemDataRole.ForegroundRole,
    "USER_ROLE": Qt.ItemDataRole.UserRole,
    "ALIGN_LEFT": Qt.AlignmentFlag.AlignLeft,
    "ALIGN_RIGHT": Qt.AlignmentFlag.AlignRight,
    "ALIGN_TOP": Qt.AlignmentFlag.AlignTop,
    "ALIGN_VCENTER": Qt.AlignmentFlag.AlignVCenter,
    "ALIGN_CENTER": Qt.AlignmentFlag.AlignCenter,
    "LEFT_DOCK": Qt.DockWidgetArea.LeftDockWidgetArea,
    "RIGHT_DOCK": Qt.DockWidgetArea.RightDockWidgetArea,
    "BOTTOM_DOCK": Qt.DockWidgetArea.BottomDockWidgetArea,
    "NO_FOCUS": Qt.FocusPolicy.NoFocus,
    "RICH_TEXT": Qt.TextFormat.RichText,
    "SELECTABLE_BY_MOUSE": Qt.TextInteractionFlag.TextSelectableByMouse,
    "SELECTABLE_BY_KEYBOARD": Qt.TextInteractionFlag.TextSelectableByKeyboard,
    "CASE_INSENSITIVE": Qt.CaseSensitivity.CaseInsensitive,
    "SCROLL_BAR_ALWAYS_OFF": Qt.ScrollBarPolicy.ScrollBarAlwaysOff,
}


def test_each_int_is_the_value_of_the_member_it_names():
    ints = {name for name, value in vars(qt).items()
            if name.isupper() and isinstance(value, int)}
    assert ints == set(NAMED)
    for name, member in NAMED.items():
        assert getattr(qt, name) == member.value, name


def test_the_namespace_reads_as_qts_own():
    assert qt.Qt.Key.Key_Escape is Qt.Key.Key_Escape
    assert qt.Qt.AlignmentFlag.AlignCenter == qt.ALIGN_CENTER


def test_an_enum_property_set_from_its_int_takes(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    qt.set_enum_property(label, "alignment", qt.ALIGN_RIGHT | qt.ALIGN_TOP)
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
    qt.set_enum_property(label, "focusPolicy", qt.NO_FOCUS)
    assert label.focusPolicy() == Qt.FocusPolicy.NoFocus
    proxy = QSortFilterProxyModel()
    qt.set_enum_property(proxy, "filterCaseSensitivity", qt.CASE_INSENSITIVE)
    assert proxy.filterCaseSensitivity() == Qt.CaseSensitivity.CaseInsensitive
    with pytest.raises(AttributeError, match="alignement"):
        qt.set_enum_property(label, "alignement", qt.ALIGN_TOP)  # a typo is not a property

