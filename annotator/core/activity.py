"""Active annotation time: stretches of work on one document with no pause longer than
the idle limit.

The workbench reports every input event (a key, a click, a scroll) with the document that
is open; `ActivityClock` folds them into stretches as they come, so only a few rows a
document reach the database. A stretch runs from its first event to its last; a pause of
more than IDLE_SECONDS between two events ends it, and the pause itself is not counted
(the annotator went for coffee with the document open). A pause up to the limit is
counted whole: reading without touching anything for a minute is work. A lone event
counts nothing: there is no interval to measure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

IDLE_SECONDS = 120.0


@dataclass(frozen=True)
class Stretch:
    doc_id: str
    annotator: str
    started: str  # ISO 8601, UTC, milliseconds
    ended: str
    seconds: float


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="milliseconds")


class ActivityClock:
    """Folds (document, time) events into stretches; times in seconds (time.time())."""

    def __init__(self, annotator: str, idle: float = IDLE_SECONDS):
        self.annotator = annotator
        self.idle = idle
        self.doc: str | None = None
        self.start = 0.0
        self.last = 0.0

    def event(self, doc_id: str | None, t: float) -> Stretch | None:
        """An input event at `t` with `doc_id` open (None: no document). Returns the
        stretch this event ended, if it ended one with time in it."""
        if doc_id is not None and doc_id == self.doc and 0 <= t - self.last <= self.idle:
            self.last = t
            return None
        ended = self.stop()
        if doc_id is not None:
            self.doc, self.start, self.last = doc_id, t, t
        return ended

    def stop(self) -> Stretch | None:
        """End the current stretch (the document closed, the window left); it is returned
        when it has time in it."""
        ended = self.current()
        self.doc = None
        return ended

    def current(self) -> Stretch | None:
        """The stretch still running, as far as it goes (saved now and again so that a
        crash loses little; saving it again later extends the same row)."""
        if self.doc is None or self.last <= self.start:
            return None
        return Stretch(self.doc, self.annotator, iso(self.start), iso(self.last),
                       round(self.last - self.start, 3))
