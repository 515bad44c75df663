"""Calibration rounds and agreement per round; the report says when its spans come from
more than one codebook version. On both backends."""

from __future__ import annotations

import pytest

from annotator.core.codebook_edits import LABEL, Rename
from annotator.core.errors import InputError
from annotator.services import agreement, rounds
from annotator.services import annotate as an
from annotator.services import codebook as cbs

D1, D2, D3 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246", "002_3c10f19e7635cd43"
WC = "Word choice"


@pytest.fixture
def study(seeded_project):
    p = seeded_project
    an.add_annotator(p, "dana", role="reviewer")
    for doc in (D1, D2, D3):
        an.add_span(p, "alice", doc, 0, 5, WC)
        an.add_span(p, "bob", doc, 0, 5, WC)
    return p


def test_a_round_restricts_the_agreement_report(study):
    rounds.start(study, "dana", "pilot", [D1, D2])
    [r] = rounds.list_rounds(study)
    assert (r.name, r.documents, r.by, r.codebook_version) == ("pilot", (D1, D2), "dana", 1)
    whole = agreement.compute(study, bootstrap=0)
    pilot = agreement.analyse(study, bootstrap=0, round="pilot")
    assert {rec.id for rec in pilot.data.records} == {D1, D2}
    assert pilot.report.documents == 2 and whole.documents == 3  # the ones coded
    assert pilot.data.title.endswith(", round pilot")


def test_rounds_refuse_what_makes_no_sense_and_undo(study):
    for call, problem in (
            (lambda: rounds.start(study, "alice", "r", [D1]), "only a reviewer"),
            (lambda: rounds.start(study, "dana", " ", [D1]), "needs a name"),
            (lambda: rounds.start(study, "dana", "r", []), "needs documents"),
            (lambda: rounds.start(study, "dana", "r", [D1, "nope"]), "no document 'nope'"),
            (lambda: agreement.compute(study, bootstrap=0, round="r"), "no round 'r'")):
        with pytest.raises(InputError, match=problem):
            call()
    assert rounds.list_rounds(study) == []
    rounds.start(study, "dana", "r", [D1])
    with pytest.raises(InputError, match="already a round 'r'"):
        rounds.start(study, "dana", "r", [D2])
    an.replay(study, "dana", redo=False, reviewer=True)
    assert rounds.list_rounds(study) == []


def test_the_report_says_when_spans_come_from_several_versions(study):
    assert not any("codebook version" in n for n in agreement.compute(study, bootstrap=0).notes)
    cbs.edit(study, "dana", [Rename(LABEL, "Political", "Politics")])
    an.add_span(study, "carol", D1, 0, 5, WC)
    notes = agreement.compute(study, bootstrap=0).notes
    assert ("the spans were made under more than one codebook version: version 1 (6 spans),"
            " version 2 (1 span)") in " ".join(notes)
    # restricted to alice and bob, the spans are of one version: no note
    assert not any("codebook version" in n for n in
                   agreement.compute(study, ["alice", "bob"], bootstrap=0).notes)
