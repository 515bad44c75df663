"""Documents shown before, kept so that going back to one reads nothing.

A kept document is as its owner last showed it, brought up to date by every change the
owner heard of (or dropped when one may have changed it). What other processes committed
since the owner last looked is asked at the return (`unheard`, from gui.live): until the
next poll those changes would otherwise not be heard of, and a stale view is a bug.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from annotator.services.changes import ANNOTATORS, CODEBOOK, CONCEPTS, REVIEW, Changes

T = TypeVar("T")

# what changes every document as shown (labels' names and colours, concepts, roles)
EVERY_DOCUMENT = frozenset({CODEBOOK, CONCEPTS, ANNOTATORS})


def touched(changes: Changes) -> frozenset[str] | None:
    """The documents `changes` may change (None: any)."""
    if not changes.documents or changes.tables & EVERY_DOCUMENT:
        return None
    return changes.documents


def touched_layer(changes: Changes) -> frozenset[str] | None:
    """As `touched`, for one annotator's own layer, which a reviewer's decisions and gold
    leave as it was."""
    if changes.tables and changes.tables <= REVIEW:
        return frozenset()
    return touched(changes)


class KeptDocuments(Generic[T]):
    """Up to `limit` documents by id, the one left longest ago dropped first. Without an
    `unheard` (no one hears of other processes' changes) nothing is kept."""

    def __init__(self, limit: int,
                 touched: Callable[[Changes], frozenset[str] | None] = touched):
        self.limit = limit
        self.touched = touched
        # what other processes changed since the owner last heard (None: anything may have)
        self.unheard: Callable[[], Changes | None] | None = None
        self._kept: OrderedDict[str, T] = OrderedDict()

    def __contains__(self, doc_id: str) -> bool:
        """Kept (it may still prove stale: `get`)."""
        return doc_id in self._kept

    def keep(self, doc_id: str, document: T) -> None:
        if self.unheard is None:
            return
        self._kept[doc_id] = document
        self._kept.move_to_end(doc_id)
        while len(self._kept) > self.limit:
            self._kept.popitem(last=False)

    def get(self, doc_id: str) -> T | None:
        """The kept document as it stands now; None when it has to be read (not kept, or
        another process may have changed it since the owner last heard)."""
        if doc_id not in self._kept:
            return None
        unheard = self.unheard() if self.unheard is not None else None
        if unheard is None or (unheard and self._may_change(unheard, doc_id)):
            del self._kept[doc_id]
            return None
        return self._kept[doc_id]

    def take(self, doc_id: str) -> T | None:
        """`get`, no longer kept (it is shown again, and kept again when left)."""
        document = self.get(doc_id)
        self._kept.pop(doc_id, None)
        return document

    def drop(self, doc_id: str) -> None:
        self._kept.pop(doc_id, None)

    def forget(self, changes: Changes) -> None:
        """What `changes` may have changed is read again when next shown."""
        if not changes or not self._kept:
            return
        docs = self.touched(changes)
        if docs is None:
            self._kept.clear()
        else:
            for doc_id in docs:
                self._kept.pop(doc_id, None)

    def clear(self) -> None:
        self._kept.clear()

    def _may_change(self, changes: Changes, doc_id: str) -> bool:
        docs = self.touched(changes)
        return docs is None or doc_id in docs
