"""Connections that last as long as the widget that made them.

Qt drops a connection when its receiver is destroyed, and PySide6 treats a bound method
of a QObject as such a receiver. A lambda or any other plain callable has no receiver:
connected to a longer-lived object (the session, the window), it outlives the widget it
updates, and the next signal calls into a deleted C++ object (RuntimeError). Here such
a callable gets a receiver of its own, a child of the widget, which dies with it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, SignalInstance


class _Relay(QObject):
    def __init__(self, owner: QObject, fn: Callable):
        super().__init__(owner)
        self._fn = fn

    def call(self, *args) -> None:
        self._fn(*args)


def connect_for(owner: QObject, signal: SignalInstance, fn: Callable) -> None:
    """Connect `signal` to `fn` for as long as `owner` lives.

    `fn` takes the signal's arguments. Kept alive by `owner` (its Qt child), so a
    lambda needs no other reference."""
    signal.connect(_Relay(owner, fn).call)
