"""Comparing sources on the demo project: the columns, the layer chosen, blind rules and
refusals (the numbers themselves are tested in tests/core/compare)."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.services import compare

EVENT = "putin-china-2024"
NTD, NEWSWEEK = "NTD", "Newsweek (reposted)"


def expressions(c, concept, source):
    cc = next(x for x in c.concepts if x.concept.id == concept)
    return {(e.text, e.label): e for e in cc.sources[source]}


def test_the_annotators_spans_side_by_side(demo_project):
    c = compare.compare(demo_project, event=EVENT)
    assert c.layer == "annotations" and c.annotators == ("alice", "bob", "carol")
    assert c.source_keys == ("000_d2e00c955d6db165", NTD, NEWSWEEK,
                             "003_940de6414bf24cb7", "004_be22123d1ed1708f")
    assert any("only 2 of 5 documents have gold" in n for n in c.notes)
    assert "Not counted (reviewers): dana." in c.notes
    assert any(n.startswith("3 documents have no source") for n in c.notes)
    ntd = expressions(c, "election", NTD)
    sham = ntd[("sham election", "Word choice")]
    assert (sham.count, sham.annotators, dict(sham.polarity)) == (2, ("alice", "carol"),
                                                                  {"negative": 2})
    assert ("a sham election", "Word choice") in ntd  # bob's boundaries
    newsweek = expressions(c, "election", NEWSWEEK)
    assert ("coasted to his fifth term", "Word choice") in newsweek
    lifeline = expressions(c, "china-role", "000_d2e00c955d6db165")
    assert lifeline[("crucial economic lifeline", "Loaded language")].count == 3
    assert sum(c.labels_by_source[NTD].values()) == 48
    # the event's own concept belongs to the event
    visit = next(x for x in c.concepts if x.concept.id == EVENT)
    assert visit.concept.event == EVENT


def test_the_gold_layer_and_whose_spans(demo_project):
    c = compare.compare(demo_project, event=EVENT, layer="gold")
    assert c.layer == "gold" and c.annotators == ()
    regime = expressions(c, "china-role", NTD)[("Chinese regime", "Word choice")]
    assert regime.annotators == ("carol",)  # the annotator it was accepted from
    assert sum(sum(v.values()) for v in c.labels_by_source.values()) == 30
    assert c.doc_labels["primary_frame"][NTD] == {"Political": 1}
    bob = compare.compare(demo_project, event=EVENT, annotators=["bob"])
    assert bob.annotators == ("bob",)
    assert all(p.by == "bob" for cc in bob.concepts for exprs in cc.sources.values()
               for e in exprs for p in e.places)
    one = compare.compare(demo_project, event=EVENT, concepts=["election"])
    assert [x.concept.id for x in one.concepts] == ["election"]


def test_an_annotator_sees_only_their_own_layer(demo_project):
    c = compare.compare(demo_project, event=EVENT, layer="gold", viewer="bob")
    assert c.layer == "annotations" and c.annotators == ("bob",)
    assert {p.by for cc in c.concepts for exprs in cc.sources.values() for e in exprs
            for p in e.places} == {"bob"}
    assert not any("dana" in n for n in c.notes)
    reviewer = compare.compare(demo_project, event=EVENT, layer="gold", viewer="dana")
    assert reviewer.layer == "gold"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"layer": "gold", "annotators": ["bob"]}, "gold layer is the reviewers'"),
    ({"annotators": ["zoe"]}, "no annotator 'zoe'"),
    ({"concepts": ["nothing"]}, "no concept 'nothing'"),
    ({"event": "other"}, "no documents of event 'other'"),
    ({"layer": "silver"}, "a layer is gold or annotations"),
])
def test_refusals(demo_project, kwargs, message):
    with pytest.raises(InputError, match=message):
        compare.compare(demo_project, **{"event": EVENT, **kwargs})


def test_a_fully_adjudicated_corpus_is_compared_on_gold_by_default(project, write_jsonl):
    from annotator.services.importing import import_paths

    doc = {"id": "d", "text": "A sham election.", "source": "X", "event": "e",
           "gold": [{"decided_by": "dana", "start": 2, "end": 15, "label": "Word choice"}]}
    import_paths(project, [write_jsonl(doc)])
    assert compare.compare(project, event="e").layer == "gold"
