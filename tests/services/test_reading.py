"""The document list and concepts, through services.reading, on both backends (blind)."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.services import adjudicate as ad
from annotator.services import annotate as an
from annotator.services import concepts, reading

D1, D2 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246"


def test_the_list_is_in_import_order_with_ones_own_counts(seeded_project):
    p = seeded_project
    an.add_span(p, "alice", D1, 0, 5, "Word choice")
    an.add_span(p, "alice", D1, 6, 15, "Political")
    an.add_span(p, "bob", D2, 0, 5, "Word choice")
    an.set_status(p, "alice", D1, "done")
    mine = reading.documents(p, "alice")
    assert [d.id for d in mine][:2] == [D1, D2] and len(mine) == 5
    assert (mine[0].spans, mine[0].status, mine[1].spans, mine[1].status) == (2, "done", 0, None)
    assert mine[0].length > 0 and mine[0].title
    assert [d.spans for d in reading.documents(p, None)] == [0] * 5  # a reviewer's list


def test_gold_counts_are_everyones(seeded_project):
    p = seeded_project
    for who in ("alice", "bob"):
        an.add_span(p, who, D1, 0, 5, "Word choice")
    an.add_annotator(p, "dana", role="reviewer")
    ad.accept(p, "dana", D1, (0, 5, "Word choice"))
    assert reading.documents(p, "alice")[0].gold == 1


def test_check_documents_and_concepts(seeded_project):
    reading.check_documents(seeded_project, [D1, D2])
    reading.check_documents(seeded_project, None)
    with pytest.raises(InputError, match="no document 'nope'"):
        reading.check_documents(seeded_project, [D1, "nope"])
    before = [c.id for c in reading.concepts(seeded_project)]  # the seeds' event
    concepts.create(seeded_project, "alice", "The vote")
    assert [c.id for c in reading.concepts(seeded_project)] == [*before, "the-vote"]
