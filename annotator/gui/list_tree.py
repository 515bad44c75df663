"""A tree widget used as a list with columns (no branches to open), as the codebook
editor and the comparison show items in rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QTreeWidget


def list_tree(name: str, headers: Sequence[str], widths: Mapping[int, int]) -> QTreeWidget:
    """Named ``name``, with ``headers``; ``widths`` maps a column to its first width."""
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setRootIsDecorated(False)
    tree.setHeaderLabels(list(headers))
    for column, width in widths.items():
        tree.setColumnWidth(column, width)
    return tree
