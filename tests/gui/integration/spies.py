"""Counting what the window reads (the real function wrapped, not replaced) and what it
paints."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


def documents_read(monkeypatch, owner, name: str, doc_arg: int) -> list[str]:
    """The documents `owner.name` is called for (argument `doc_arg`), in order; the real
    function still does the reading."""
    reads = []
    real = getattr(owner, name)

    def counted(*args):
        reads.append(args[doc_arg])
        return real(*args)

    monkeypatch.setattr(owner, name, counted)
    return reads


class Paints(QObject):
    """The paint events a widget receives, seen from outside the app (`count`)."""

    def __init__(self, widget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False
