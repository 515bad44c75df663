"""Changes made by other processes reach a window's Watch (services.watching), on both
backends, filtered by the blind rules; the window's own writes are not reported twice."""

from __future__ import annotations

import time

import pytest

from annotator.services import adjudicate as ad
from annotator.services import annotate as an
from annotator.services import watching
from annotator.services.changes import (
    ANNOTATORS,
    DOCUMENTS,
    GOLD,
    NOTHING,
    SPANS,
    STATUSES,
)
from annotator.services.importing import import_paths
from annotator.services.project import open_project

D1, D2 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246"
WC = "Word choice"


def next_changes(watch, deadline=10.0):
    """The first non-empty poll: a notification travels to the listener on its own time."""
    end = time.monotonic() + deadline
    while True:
        got = watch.poll()
        if got or time.monotonic() > end:
            return got
        time.sleep(0.02)


@pytest.fixture
def other(seeded_project):
    """The same project opened by another process (another Store)."""
    p = open_project(seeded_project.target)
    yield p
    p.close()


def test_an_import_elsewhere_is_seen_and_own_writes_are_not(seeded_project, other,
                                                             write_jsonl):
    with watching.Watch(seeded_project, "alice") as watch:
        assert watch.poll() == NOTHING
        an.add_span(seeded_project, "alice", D1, 0, 5, WC)  # the window's own: known already
        import_paths(other, [write_jsonl({"id": "new", "text": "A new article."})])
        got = next_changes(watch)
        assert DOCUMENTS in got.tables and got.documents == {"new"} and not got.complete
        assert SPANS not in got.tables
        assert watch.poll() == NOTHING


def test_an_annotator_hears_only_of_their_own_work(seeded_project, other):
    an.set_status(seeded_project, "alice", D1, "done")
    an.add_annotator(seeded_project, "dana", role="reviewer")
    with watching.Watch(seeded_project, "alice") as alice, \
            watching.Watch(seeded_project, "dana") as dana:
        an.add_span(other, "bob", D1, 0, 5, WC)
        an.add_span(other, "bob", D2, 0, 5, WC)
        seen = next_changes(dana)
        assert SPANS in seen.tables and seen.documents == {D1, D2}
        assert seen.annotators == {"bob"}
        an.add_span(other, "alice", D2, 6, 9, WC)  # alice in another window
        mine = next_changes(alice)
        assert mine.tables == {SPANS, ANNOTATORS} and mine.documents == {D2}  # bob is new
        assert mine.annotators == {"alice"}


def test_gold_reaches_an_annotator_only_on_documents_she_marked_done(seeded_project, other):
    p = seeded_project
    for who in ("alice", "bob"):
        for doc in (D1, D2):
            an.add_span(p, who, doc, 0, 5, WC)
    an.set_status(p, "alice", D1, "done")
    an.add_annotator(p, "dana", role="reviewer")
    start = watching.position(p)
    ad.accept(other, "dana", D1, (0, 5, WC))
    ad.accept(other, "dana", D2, (0, 5, WC))
    heard, now = watching.changes_since(p, start, "alice")
    assert GOLD in heard.tables and heard.documents == {D1}
    assert now == watching.position(p) > start
    everything, _ = watching.changes_since(p, start, None)
    assert everything.documents == {D1, D2}


def test_a_position_older_than_the_journal_means_everything(seeded_project):
    from datetime import UTC, datetime, timedelta

    from annotator.store import journal

    an.add_span(seeded_project, "alice", D1, 0, 5, WC)
    later = (datetime.now(UTC) + timedelta(days=journal.KEEP_DAYS + 1)).isoformat()
    with seeded_project.store.write() as conn:
        journal._prune(conn, later)
    an.add_span(seeded_project, "alice", D1, 6, 9, WC)
    got, _ = watching.changes_since(seeded_project, 0, "alice")
    assert got.tables >= {DOCUMENTS, SPANS, STATUSES, ANNOTATORS} and len(got.documents) == 5
    assert got.annotators == {"alice"} and not got.complete
