"""Concepts on a real project: create, rename, merge, delete and link, each one undoable
action; blind rules (links are each annotator's own, merging is for reviewers); the other
occurrences of a linked phrase offered for linking; gold keeps the links."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.services import adjudicate, annotate, concepts
from annotator.services.concepts import ADD, LINK, LINKED, RELINK
from annotator.services.exporting import load_corpus
from annotator.services.layer import read_document


def spans_of(project, doc, who):
    return read_document(project, doc, who).layer.spans()


def gold_of(project, doc):
    return load_corpus(project, [doc]).documents[0].gold


D0, D1, D2 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246", "002_3c10f19e7635cd43"
D3 = "003_940de6414bf24cb7"
EVENT = "putin-china-2024"


def text_of(project, doc):
    return read_document(project, doc, None).document.text


def place(project, doc, phrase, nth=0):
    text = text_of(project, doc)
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def span(project, who, doc, phrase, label="Word choice", nth=0, **kw):
    start, end = place(project, doc, phrase, nth)
    annotate.add_span(project, who, doc, start, end, label, **kw)
    return next(s for s in spans_of(project, doc, who)
                if (s.start, s.end, s.label) == (start, end, label))


def ids(project, event=EVENT):
    return [c.id for c in concepts.concepts(project, event)]


def test_create_per_event_unique_ids_and_undo(seeded_project):
    p = seeded_project
    cid, changes = concepts.create(p, "alice", "The election", event=EVENT)
    assert cid == "the-election" and "concepts" in changes.tables
    assert concepts.create(p, "bob", "the  election!")[0] == "the-election-2"
    assert concepts.create(p, "bob", "Other event", event="another")[0] == "other-event"
    assert concepts.create(p, "bob", "Everywhere")[0] == "everywhere"
    # the event's own concept (from the manifest), its concepts, and those of no event
    assert ids(p) == [EVENT, "the-election", "the-election-2", "everywhere"]
    assert "other-event" in ids(p, None)
    with pytest.raises(InputError, match="needs a name"):
        concepts.create(p, "alice", "   ")
    with pytest.raises(InputError, match="already a concept"):
        concepts.create(p, "alice", "x", concept_id="the-election")
    annotate.undo(p, "alice")
    assert "the-election" not in ids(p)


def test_rename_and_undo(seeded_project):
    p = seeded_project
    cid, _ = concepts.create(p, "alice", "the vote", event=EVENT)
    changes = concepts.rename(p, "bob", cid, "  the   election ")
    assert changes.description == "Rename concept 'the vote' to 'the election'"
    assert {c.id: c.name for c in concepts.concepts(p)}[cid] == "the election"
    annotate.undo(p, "bob")
    assert {c.id: c.name for c in concepts.concepts(p)}[cid] == "the vote"
    annotate.redo(p, "bob")
    assert {c.id: c.name for c in concepts.concepts(p)}[cid] == "the election"
    with pytest.raises(InputError, match="no concept 'gone'"):
        concepts.rename(p, "bob", "gone", "x")


def test_link_only_ones_own_spans_and_undo(seeded_project):
    p = seeded_project
    cid, _ = concepts.create(p, "alice", "the election", event=EVENT)
    mine = span(p, "alice", D1, "sham election")
    theirs = span(p, "bob", D1, "sham election")
    changes = concepts.link(p, "alice", [mine.id], cid)
    assert changes.documents == {D1} and changes.span_ids == (mine.id,)
    assert spans_of(p, D1, "alice")[0].concept == cid
    with pytest.raises(InputError, match="another annotator's"):
        concepts.link(p, "alice", [theirs.id], cid)
    assert spans_of(p, D1, "bob")[0].concept is None
    annotate.undo(p, "alice")
    assert spans_of(p, D1, "alice")[0].concept is None


def test_delete_only_an_unused_concept(seeded_project):
    p = seeded_project
    cid, _ = concepts.create(p, "alice", "the election", event=EVENT)
    s = span(p, "bob", D1, "sham election", concept=cid)
    with pytest.raises(InputError, match="still linked from spans: unlink"):
        concepts.delete(p, "alice", cid)
    with pytest.raises(InputError, match=r"\(1 of them yours\)"):
        concepts.delete(p, "bob", cid)
    concepts.link(p, "bob", [s.id], None)
    concepts.delete(p, "alice", cid)
    assert cid not in ids(p)
    annotate.undo(p, "alice")
    assert cid in ids(p)


def test_merge_relinks_everyones_spans_and_gold_for_reviewers_only(seeded_project):
    p = seeded_project
    annotate.add_annotator(p, "dana", "reviewer")
    vote, _ = concepts.create(p, "alice", "the vote", event=EVENT)
    election, _ = concepts.create(p, "alice", "the election", event=EVENT)
    a = span(p, "alice", D1, "sham election", concept=vote)
    span(p, "bob", D1, "sham election", concept=vote)
    span(p, "carol", D2, "The plebiscite", concept=election)
    adjudicate.accept(p, "dana", D1, (a.start, a.end, a.label))
    assert gold_of(p, D1)[0].concept == vote
    with pytest.raises(InputError, match="for reviewers"):
        concepts.merge(p, "alice", vote, election)
    changes = concepts.merge(p, "dana", vote, election)
    assert changes.description == "Merge concept 'the vote' into 'the election'"
    assert changes.documents == {D1} and {"spans", "gold_spans", "concepts"} <= changes.tables
    assert vote not in ids(p)
    assert {s.concept for w in ("alice", "bob") for s in spans_of(p, D1, w)} == {election}
    assert gold_of(p, D1)[0].concept == election
    annotate.undo(p, "dana")
    assert vote in ids(p)
    assert {s.concept for w in ("alice", "bob") for s in spans_of(p, D1, w)} == {vote}
    assert gold_of(p, D1)[0].concept == vote
    with pytest.raises(InputError, match="into itself"):
        concepts.merge(p, "dana", vote, vote)


def test_accepting_a_candidate_carries_the_annotators_concept_into_gold(seeded_project):
    p = seeded_project
    annotate.add_annotator(p, "dana", "reviewer")
    election, _ = concepts.create(p, "alice", "the election", event=EVENT)
    vote, _ = concepts.create(p, "alice", "the vote", event=EVENT)
    s = span(p, "alice", D1, "sham election", concept=election)
    span(p, "bob", D1, "sham election", concept=election)
    span(p, "carol", D1, "sham election", concept=vote)
    adjudicate.accept(p, "dana", D1, (s.start, s.end, s.label))
    assert gold_of(p, D1)[0].concept == election


def test_other_occurrences_are_offered_with_what_linking_would_do(seeded_project):
    p = seeded_project
    cid, _ = concepts.create(p, "alice", "China's role", event=EVENT)
    other, _ = concepts.create(p, "alice", "the economy", event=EVENT)
    first = span(p, "alice", D0, "crucial economic lifeline", "Loaded language",
                 attributes={"polarity": "negative"}, concept=cid)
    # the second occurrence: alice has a span there linked to another concept
    span(p, "alice", D0, "crucial economic lifeline", "Loaded language", nth=1, concept=other)
    # bob's spans are never looked at (blind)
    span(p, "bob", D0, "crucial economic lifeline", "Loaded language", nth=1)
    got = concepts.suggest(p, "alice", first.id)
    assert (got.phrase, got.label, dict(got.attributes)) == (
        "crucial economic lifeline", "Loaded language", {"polarity": "negative"})
    assert [(s.doc_id, s.action, s.current) for s in got.items] == [(D0, RELINK, other)]

    # case and inflection: "sanctions" finds "Sanctions" (a title) and "to sanction"
    word = span(p, "alice", D0, "sanctions", concept=cid)
    unlinked = span(p, "alice", D0, "sanctions", nth=1)
    got = concepts.suggest(p, "alice", word.id)
    by_place = {(s.doc_id, s.start): s for s in got.items}
    assert by_place[(D0, unlinked.start)].action == LINK
    assert by_place[(D0, unlinked.start)].span_ids == (unlinked.id,)
    assert (D0, word.start) not in by_place
    texts = {s.text for s in got.items}
    assert {"sanctions", "Sanctions", "sanction"} <= texts
    assert {s.doc_id for s in got.items} == {D0, D1, D2, D3, "004_be22123d1ed1708f"}
    assert {s.action for s in got.items} == {ADD, LINK}


def test_inflection_and_quotes_are_ignored(seeded_project):
    p = seeded_project
    cid, _ = concepts.create(p, "alice", "partnership", event=EVENT)
    # 000 writes "no limits" in straight quotes, 001 in curly ones
    s = span(p, "alice", D0, '"no limits" partnership', concept=cid)
    got = concepts.suggest(p, "alice", s.id)
    found = {(x.doc_id, x.text) for x in got.items}
    assert (D1, "“no limits” partnership") in found
    assert (D2, '"no limits" partnership') in found
    ally = span(p, "alice", D2, "its ally", concept=cid)
    found = {x.text for x in concepts.suggest(p, "alice", ally.id).items}
    assert "its allies" in found  # "the U.S. and its allies"


def test_applying_is_one_action_that_undo_takes_back(seeded_project):
    p = seeded_project
    cid, _ = concepts.create(p, "alice", "China's role", event=EVENT)
    first = span(p, "alice", D0, "crucial economic lifeline", "Loaded language",
                 attributes={"polarity": "negative"}, concept=cid)
    got = concepts.suggest(p, "alice", first.id)
    assert [s.action for s in got.offered] == [ADD]
    changes = concepts.apply(p, "alice", got, got.offered)
    assert changes.description == "Link 1 occurrence to \"China's role\""
    added = [s for s in spans_of(p, D0, "alice") if s.id in changes.span_ids]
    assert [(s.label, dict(s.attributes), s.concept) for s in added] == [
        ("Loaded language", {"polarity": "negative"}, cid)]
    again = concepts.suggest(p, "alice", first.id)
    assert [s.action for s in again.items] == [LINKED] and again.offered == ()
    annotate.undo(p, "alice")
    assert len(spans_of(p, D0, "alice")) == 1


def test_suggestions_need_ones_own_linked_span(seeded_project):
    p = seeded_project
    s = span(p, "bob", D1, "sham election")
    with pytest.raises(InputError, match="another annotator's"):
        concepts.suggest(p, "alice", s.id)
    with pytest.raises(InputError, match="link the span to a concept first"):
        concepts.suggest(p, "bob", s.id)


def test_uses_are_blind_for_annotators(demo_project):
    p = demo_project
    bob = {u.concept.id: u for u in concepts.uses(p, "bob", EVENT)}
    dana = {u.concept.id: u for u in concepts.uses(p, "dana", EVENT)}
    assert bob["election"].everyone is None and bob["election"].own > 0
    mine = sum(1 for d in (D0, D1, D2, D3, "004_be22123d1ed1708f")
               for s in spans_of(p, d, "bob") if s.concept == "election")
    assert bob["election"].own == mine
    gold = sum(1 for d in (D1, D2) for g in gold_of(p, d) if g.concept == "election")
    everyone = sum(1 for d in (D0, D1, D2, D3, "004_be22123d1ed1708f")
                   for s in spans_of(p, d, None) if s.concept == "election")
    assert dana["election"].everyone == everyone + gold and dana["election"].own == 0
