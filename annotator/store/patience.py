"""How a writer waits for the project's write lock (store.engine takes it): kept apart
from the engine so that the GUI can name it without loading the database library."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from annotator.core.errors import ProjectError


class Busy(ProjectError):
    """Another writer held the project's write lock for longer than the writer would wait."""


@dataclass(frozen=True)
class Patience:
    """How a writer waits for the write lock another process holds.

    `waiting(seconds)` is called about 20 times a second while it waits; it may raise
    (e.g. services.progress.Cancelled) to give up: nothing has been written then.
    `timeout`: seconds before giving up with Busy (None: wait until `waiting` raises).
    """

    timeout: float | None = 60.0
    waiting: Callable[[float], None] | None = None


_DEFAULT = Patience()
_PATIENCE: ContextVar[Patience | None] = ContextVar("annotator_patience", default=None)


@contextmanager
def patience(how: Patience) -> Iterator[None]:
    """Writes made inside this block (in this thread) wait for the lock as `how` says."""
    token = _PATIENCE.set(how)
    try:
        yield
    finally:
        _PATIENCE.reset(token)


def current() -> Patience:
    """How writes in this thread wait now."""
    return _PATIENCE.get() or _DEFAULT
