"""PySide6's `Qt` namespace, made when first used, and the few of its values the first
window needs as plain ints.

PySide makes a class's Python type, with every enum type in it, the first time anything
touches the class: `from PySide6.QtCore import Qt` makes the namespace's 93 enum types
(20-35 ms here, a sixth of a bare window's whole start). So the window is built without
it: modules take `Qt` from here, which makes the namespace at its first use, not at
import; what runs before the first paint uses the ints below where Qt's API takes an int
(an item's role and alignment in a model's data, QPainter.drawText's flags, a widget's
enum property through `set_enum_property`); the docks are placed by the remembered layout
(main_window). The window makes the namespace at the turn after its first paint
(`make_now`), before it handles any input.
A call whose overloads PySide tells apart by one of the namespace's enums makes it too,
whatever is passed: QAction.setShortcut (setShortcuts does not), QPainter.setPen and
setBrush, QPen(colour), QBrush(colour), and a Python headerData, which Qt calls with a
Qt.Orientation. tests/gui/test_qt_namespace.py checks each int against Qt's, and that a
window with a remembered layout paints before the namespace is made.
"""

from __future__ import annotations

from PySide6 import QtCore

# Qt.ItemDataRole
DISPLAY_ROLE = 0
DECORATION_ROLE = 1
TOOLTIP_ROLE = 3
FONT_ROLE = 6
TEXT_ALIGNMENT_ROLE = 7
FOREGROUND_ROLE = 9
USER_ROLE = 256
# Qt.AlignmentFlag
ALIGN_LEFT = 0x1
ALIGN_RIGHT = 0x2
ALIGN_TOP = 0x20
ALIGN_VCENTER = 0x80
ALIGN_CENTER = 0x84
# Qt.DockWidgetArea
LEFT_DOCK = 0x1
RIGHT_DOCK = 0x2
BOTTOM_DOCK = 0x8
# Qt.FocusPolicy, Qt.TextFormat, Qt.TextInteractionFlag, Qt.CaseSensitivity
NO_FOCUS = 0
RICH_TEXT = 1
SELECTABLE_BY_MOUSE = 0x1
SELECTABLE_BY_KEYBOARD = 0x2
CASE_INSENSITIVE = 0
# Qt.ScrollBarPolicy
SCROLL_BAR_ALWAYS_OFF = 1


class _Namespace:
    """Stands for QtCore.Qt: `Qt.Key.Key_Escape` makes the namespace if it is not made
    yet (its first use), then reads it as usual."""

    def __getattr__(self, name: str):
        return getattr(QtCore.Qt, name)


Qt = _Namespace()


def set_enum_property(obj, name: str, value: int) -> None:
    """Set a property of `obj` whose type is one of Qt's enums or flags from its int value
    (Qt converts it), where its setter wants a member of the namespace."""
    if not obj.setProperty(name, value):  # False: not a property of its class (a typo)
        raise AttributeError(f"{type(obj).__name__} has no property {name!r}")


def make_now() -> None:
    """Make the namespace (at idle, after the first paint): the first key press or
    mouse click would wait for it otherwise."""
    QtCore.Qt  # noqa: B018 (touching it is what makes it)
