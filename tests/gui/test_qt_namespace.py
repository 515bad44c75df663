"""gui/qt_namespace: the ints the first window uses stand for the members of Qt's
namespace they name, and an enum property set from one takes."""

from __future__ import annotations

import os
import subprocess
import sys

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



PROBE = """
import sys
from PySide6 import QtCore
from annotator.gui import main_window
from annotator.gui.app import application, open_window
from annotator.gui.settings import Settings
from annotator.services.project import open_project

made_before = []
make_now = main_window.make_now
def noting():  # the window's own making of it, at the turn after its first paint
    made_before.append("Qt" in QtCore.__dict__)
    make_now()
main_window.make_now = noting

app = application()
window = open_window(open_project(sys.argv[1]), Settings(sys.argv[2]))
window.set_identity("alice", "annotator")
window.show()
while not made_before:
    app.processEvents()
print("made before the paint" if made_before[0] else "made after the paint")
window.close()
"""


def test_a_window_with_a_remembered_layout_paints_before_the_namespace_is_made(tmp_path):
    from annotator.services.project import init_project

    init_project(tmp_path / "p.db").close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    argv = [sys.executable, "-c", PROBE, str(tmp_path / "p.db"), str(tmp_path / "s.ini")]
    first = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600,
                           check=True)  # no layout to restore: the docks' areas need it
    assert first.stdout.strip().splitlines()[-1] == "made before the paint"
    again = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600,
                           check=True)
    assert again.stdout.strip().splitlines()[-1] == "made after the paint"
