"""A writer that finds the project's write lock taken waits as its Patience says: it
reports the wait, can be cancelled or time out with nothing written, and goes on once the
lock is free. On both backends."""

from __future__ import annotations

import pytest

from annotator.services import annotate as an
from annotator.services.layer import read_document
from annotator.services.progress import Cancelled
from annotator.services.project import open_project
from annotator.services.waiting import Busy, Patience, patience

D1 = "000_d2e00c955d6db165"


@pytest.fixture
def held(seeded_project):
    """Another process's connection holding the write lock, and a way to let it go."""
    other = open_project(seeded_project.target)
    writing = other.store.write()
    writing.__enter__()
    state = {"held": True}

    def release():
        if state["held"]:
            state["held"] = False
            writing.__exit__(None, None, None)

    yield release
    release()
    other.close()


def spans(project):
    return read_document(project, D1, "alice").layer.spans()


def test_a_waiting_writer_can_be_cancelled_with_nothing_written(seeded_project, held):
    waits = []

    def report(seconds):
        waits.append(seconds)
        if len(waits) == 3:
            raise Cancelled

    with patience(Patience(timeout=None, waiting=report)), pytest.raises(Cancelled):
        an.add_span(seeded_project, "alice", D1, 0, 5, "Word choice")
    assert len(waits) == 3 and waits == sorted(waits)
    held()
    assert spans(seeded_project) == []


def test_a_writer_gives_up_after_its_timeout(seeded_project, held):
    with patience(Patience(timeout=0.2)), pytest.raises(Busy, match="busy"):
        an.add_span(seeded_project, "alice", D1, 0, 5, "Word choice")
    held()
    assert spans(seeded_project) == []


def test_a_writer_goes_on_once_the_lock_is_free(seeded_project, held):
    def report(seconds):
        held()  # the other writer commits while this one waits

    with patience(Patience(timeout=None, waiting=report)):
        assert an.add_span(seeded_project, "alice", D1, 0, 5, "Word choice")
    assert len(spans(seeded_project)) == 1


def test_readers_never_wait_for_a_writer(seeded_project, held):
    def report(seconds):
        raise AssertionError("a read waited for the write lock")

    with patience(Patience(timeout=None, waiting=report)):
        assert read_document(seeded_project, D1, "alice").document.id == D1
