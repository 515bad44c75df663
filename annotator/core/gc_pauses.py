"""Turning Python's cyclic garbage collector off around work that allocates many small
objects without cycles (reading a document, importing a corpus): each automatic full
collection walks every object alive, and such work sets off many of them."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
