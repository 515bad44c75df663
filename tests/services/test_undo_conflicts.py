"""Undo and redo never destroy someone else's work: a row changed since the action is
refused in plain words with nothing written. On both backends."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from annotator.core.errors import InputError
from annotator.services import adjudicate as ad
from annotator.services import adjudication_view as av
from annotator.services import annotate as an
from annotator.services import concepts
from annotator.services.layer import read_document
from annotator.store.tables import T

D1 = "000_d2e00c955d6db165"
WC = "Word choice"
KEY = (0, 5, WC)


def dump(project):
    """Every row of the tables an undo could touch."""
    with project.store.read() as conn:
        return {t: sorted(map(repr, conn.execute(select(T[t])).all()))
                for t in ("gold_spans", "decisions", "spans", "actions")}


@pytest.fixture
def two_reviewers(seeded_project):
    p = seeded_project
    for who in ("alice", "bob"):
        an.add_span(p, who, D1, 0, 5, WC, attributes={"polarity": "negative"})
    for who in ("rita", "sam"):
        an.add_annotator(p, who, role="reviewer")
    return p


def test_an_undo_does_not_take_back_another_reviewers_edit(two_reviewers):
    p = two_reviewers
    ad.accept(p, "rita", D1, KEY)
    ad.accept_with_edit(p, "sam", D1, KEY, attributes={"polarity": "neutral"},
                        note="softer than it looks")
    before = dump(p)
    with pytest.raises(InputError) as refused:
        ad.undo(p, "rita")
    assert re.fullmatch(r"cannot undo that: a gold span it touched was changed since by sam "
                        r"at \d\d:\d\d; nothing was undone", str(refused.value))
    assert dump(p) == before  # nothing written
    (gold,) = av.open_adjudication(p, "rita", D1).gold
    assert gold.attributes == {"polarity": "neutral"} and gold.note == "softer than it looks"
    # sam's own undo works, and then rita's does
    ad.undo(p, "sam")
    (gold,) = av.open_adjudication(p, "rita", D1).gold
    assert gold.attributes == {"polarity": "negative"} and gold.decided_by == "rita"
    ad.undo(p, "rita")
    assert av.open_adjudication(p, "rita", D1).gold == ()


def test_a_redo_over_a_changed_row_is_refused(two_reviewers):
    p = two_reviewers
    ad.accept(p, "rita", D1, KEY)
    ad.undo(p, "rita")
    ad.accept(p, "sam", D1, KEY)
    before = dump(p)
    with pytest.raises(InputError, match="cannot redo that"):
        ad.redo(p, "rita")
    assert dump(p) == before


def test_a_removed_gold_span_clears_the_decisions_link_and_undo_restores_it(two_reviewers):
    p = two_reviewers
    ad.accept(p, "rita", D1, KEY)
    (gold,) = av.open_adjudication(p, "rita", D1).gold
    ad.remove_gold(p, "rita", D1, gold.id)
    links = {d.kind: d.gold_span_id for d in av.open_adjudication(p, "rita", D1).decisions}
    assert links == {"accept": None, "reject": None}  # no link to a row that is gone
    ad.undo(p, "rita")
    view = av.open_adjudication(p, "rita", D1)
    assert [d.gold_span_id for d in view.decisions] == [gold.id]
    assert view.row(KEY).state == "accepted"


def test_an_annotators_undo_after_a_change_in_another_window(seeded_project):
    """Two windows of one annotator: the older window's view of the undo stack is stale,
    but the stack is in the database, so undo takes back the newest action."""
    p = seeded_project
    an.add_span(p, "alice", D1, 0, 5, WC)
    (span,) = read_document(p, D1, "alice").layer.ids
    an.update_span(p, "alice", span, end=9)
    assert an.undo(p, "alice").description == "Undo Change 'Word choice'"
    assert an.undo(p, "alice").description == "Undo Add 'Word choice'"


def test_undoing_a_concept_someone_has_used_since_is_refused(seeded_project):
    p = seeded_project
    cid, _ = concepts.create(p, "alice", "The election")
    an.add_span(p, "bob", D1, 0, 5, WC, concept=cid)
    before = dump(p)
    with pytest.raises(InputError, match="depends on it"):
        an.undo(p, "alice")
    assert dump(p) == before
