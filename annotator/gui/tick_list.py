"""What the dialogs that offer a list of places to tick share: the Tick all / Untick all
buttons and ticking every offered row at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QPushButton, QTreeWidget


def add_tick_all_buttons(row: QBoxLayout, tick_all: Callable[[bool], None]) -> None:
    for text, on in (("Tick all", True), ("Untick all", False)):
        b = QPushButton(text)
        b.clicked.connect(lambda _=False, v=on: tick_all(v))
        row.addWidget(b)


def tick_offered(tree: QTreeWidget, offered: Iterable[bool], on: bool) -> None:
    """Tick (or untick) the top-level rows whose ``offered`` is true, as one change: the
    tree's itemChanged is silenced so that the caller recounts once."""
    state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
    tree.blockSignals(True)
    for k, is_offered in zip(range(tree.topLevelItemCount()), offered, strict=False):
        if is_offered:
            tree.topLevelItem(k).setCheckState(0, state)
    tree.blockSignals(False)

