"""The reviewer's and the annotators' reads of adjudication (services.adjudication_view)
on a real project: verdicts only on finished documents and only on one's own spans, the
decision log and its CSV."""

from __future__ import annotations

import csv

from annotator.core.model import DONE
from annotator.services import adjudicate as ad
from annotator.services import adjudication_view as av
from annotator.services import annotate as an

D1, D2 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246"
WC, POL = "Word choice", "Political"


def reviewed(p):
    for who in ("alice", "bob"):
        an.add_span(p, who, D1, 0, 5, WC)
    an.add_span(p, "bob", D1, 10, 20, POL)
    an.add_annotator(p, "dana", role="reviewer")
    ad.accept(p, "dana", D1, (0, 5, WC))
    ad.reject(p, "dana", D1, (10, 20, POL))
    return p


def test_verdicts_wait_for_the_annotators_done_and_are_their_own(seeded_project):
    p = reviewed(seeded_project)
    assert av.judgements(p, "bob") == []  # still annotating: the gold would steer him
    an.set_status(p, "bob", D1, DONE)
    (doc,) = av.judgements(p, "bob")
    assert doc.doc_id == D1
    assert {(j.span.key, j.verdict) for j in doc.judgements} == {
        (("bob", 0, 5, WC), "accepted"), (("bob", 10, 20, POL), "rejected")}
    assert (doc.count("accepted"), doc.count("rejected"), doc.count("pending")) == (1, 1, 0)
    assert av.judgements(p, "alice") == []  # alice has finished nothing


def test_the_decision_log_and_its_csv(seeded_project, tmp_path):
    p = reviewed(seeded_project)
    text = av.open_adjudication(p, "dana", D1).document.text
    log = av.decision_log(p)
    assert [(e.doc_id, e.decision.kind, e.decision.reviewer) for e in log] == [
        (D1, "accept", "dana"), (D1, "reject", "dana")]
    assert [e.text for e in log] == [text[0:5], text[10:20]]
    assert log[0].gold == (0, 5, WC) and log[1].gold is None
    assert av.decision_log(p, [D2]) == []
    out = tmp_path / "decisions.csv"
    assert av.write_decisions_csv(p, out) == 2
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == av.CSV_COLUMNS
    assert [(r["document"], r["decision"], r["start"], r["end"], r["label"], r["text"],
             r["annotators"], r["gold_label"]) for r in rows] == [
        (D1, "accept", "0", "5", WC, text[0:5], "alice;bob", WC),
        (D1, "reject", "10", "20", POL, text[10:20], "bob", "")]


def test_the_document_list_summary_counts_what_is_open(seeded_project):
    p = seeded_project
    for who in ("alice", "bob"):
        an.add_span(p, who, D1, 0, 5, WC)
    an.add_span(p, "bob", D1, 10, 20, POL)
    an.add_annotator(p, "dana", role="reviewer")
    before = av.summaries(p, "dana")[D1]
    ad.accept(p, "dana", D1, (0, 5, WC))
    after = av.summaries(p, "dana")[D1]
    assert av.can_review(p, "dana") and not av.can_review(p, "bob")
    assert (before.participants, before.candidates, before.open, before.gold) == (2, 2, 2, 0)
    assert (after.open, after.gold, after.adjudicated) == (1, 1, False)
    assert av.summaries(p, "dana", [D2]).keys() == {D2}


def test_summaries_the_caller_already_holds_are_not_read_again(seeded_project, monkeypatch):
    p = reviewed(seeded_project)
    whole = av.summaries(p, "dana")
    shown = av.open_adjudication(p, "dana", D1).summary
    assert shown == whole[D1]
    read = []
    real = av.load

    def spy(conn, codebook, doc_ids=None):
        read.extend(doc_ids if doc_ids is not None else ["*"])
        return real(conn, codebook, doc_ids)
    monkeypatch.setattr(av, "load", spy)
    monkeypatch.setattr(av, "SUMMARY_BATCH", 2)  # the others in more than one batch
    got = av.summaries(p, "dana", known={D1: shown})
    assert D1 not in read and sorted(read) == sorted(set(whole) - {D1})
    assert list(got) == list(whole)  # import order
    assert got[D1] is shown and got == whole
    read.clear()
    assert av.summaries(p, "dana", [D2], known={D1: shown}) == {D2: whole[D2]}
    assert read == [D2]
