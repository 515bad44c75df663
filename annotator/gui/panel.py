"""A panel of the workbench: a widget that follows the session, named (tests and style
sheets find it by name), its parts standing top to bottom in one column. The document
list, the span list, the document's labels and the corpus search are panels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

if TYPE_CHECKING:
    from annotator.gui.session import Session


class Panel(QWidget):
    """`parts` is the column: a subclass adds its widgets to it, in order."""

    def __init__(self, session: Session, name: str, parent: QWidget | None = None, *,
                 margin: int = 4, spacing: int | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName(name)
        self.parts = QVBoxLayout(self)
        self.parts.setContentsMargins(margin, margin, margin, margin)
        if spacing is not None:  # else the style's
            self.parts.setSpacing(spacing)
