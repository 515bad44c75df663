"""The button box of a dialog that does one thing: Cancel and the button that does it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QPushButton


def apply_buttons(text: str, accepted: Callable[[], object],
                  rejected: Callable[[], object]) -> tuple[QDialogButtonBox, QPushButton]:
    """Cancel and one accepting button named ``text`` (returned, to enable or name)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    go = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.accepted.connect(accepted)
    buttons.rejected.connect(rejected)
    return buttons, go
