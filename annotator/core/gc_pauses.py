"""Keeping Python's cyclic garbage collector out of the way: off around work that allocates
many small objects without cycles (reading a document, importing a corpus), since each
automatic full collection walks every object alive and such work sets off many of them;
and what a process loads once (its modules, the database library) frozen out of every
later collection."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_frozen = False


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Reference counts still free what the work drops; collection comes back on at the
    end only if it was on (the GUI turns it off for good: gui/collector.py)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextmanager
def loading_modules() -> Iterator[None]:
    """Imports without collections, what they made then frozen (as by `freeze_loaded`):
    imports only make objects that live as long as the process (modules, classes,
    functions), yet every 700 of them set off a collection of the young ones (the app's
    and PySide's modules: about 45 collections, 10-20 ms of CPU before the first window,
    for nothing). Frozen, they are not walked by a later collection either; the few cycles
    an import leaves behind stay."""
    with no_gc_pauses():
        yield
        gc.freeze()


def freeze_loaded() -> bool:
    """Move every object made so far (the modules, their classes, SQLAlchemy's tables and
    caches) into the collector's permanent generation, once per process (True the first
    time): full collections stop walking them again (measured: an export of 100,000 spans
    spent an eighth of its CPU there). Reference counts still free these objects; only a
    cycle among them would now stay, and when a program has just loaded its modules there
    are next to none."""
    global _frozen
    if _frozen:
        return False
    _frozen = True
    gc.freeze()
    return True
