"""The buttons of dialogs: the box of a dialog that does one thing (Cancel and the button
that does it), and a row of named push buttons, each calling its slot."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QBoxLayout, QDialogButtonBox, QPushButton


def apply_buttons(text: str, accepted: Callable[[], object],
                  rejected: Callable[[], object]) -> tuple[QDialogButtonBox, QPushButton]:
    """Cancel and one accepting button named ``text`` (returned, to enable or name)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    go = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.accepted.connect(accepted)
    buttons.rejected.connect(rejected)
    return buttons, go


def button_row(row: QBoxLayout, prefix: str,
               entries: Iterable[tuple[str, str, Callable[[], object]]]
               ) -> dict[str, QPushButton]:
    """A push button per (key, text, slot), named ``{prefix}_{key}``, added to ``row``;
    returned by key (to show, enable or give a tip)."""
    made = {}
    for key, text, slot in entries:
        b = QPushButton(text)
        b.setObjectName(f"{prefix}_{key}")
        b.clicked.connect(lambda _=False, f=slot: f())
        row.addWidget(b)
        made[key] = b
    return made
