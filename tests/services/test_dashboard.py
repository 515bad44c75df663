"""The progress dashboard's figures on a prepared project, against hand-computed values:
queues, label shares against the group (with the adjusted residual), active time with
the idle-gap rule, documents waiting for adjudication; the CSV; reviewers only."""

from __future__ import annotations

import csv
import math

import pytest

from annotator.core.errors import InputError
from annotator.services import annotate, assignments, dashboard
from tests.services.study_seed import D0, D1, D2, D3, D4, LL, WC, prepare


@pytest.fixture
def prepared(seeded_project):
    return prepare(seeded_project)


def test_queues_done_against_assigned(prepared):
    f = dashboard.figures(prepared, "dana")
    q = {x.annotator: x for x in f.queues}
    assert (q["alice"].queue, q["alice"].done, q["alice"].in_progress,
            q["alice"].not_started) == (2, 1, 1, 0)
    assert (q["bob"].queue, q["bob"].done, q["bob"].not_started) == (2, 2, 0)
    assert q["alice"].spans == 4 and q["bob"].spans == 4


def test_active_time_leaves_out_pauses_over_two_minutes(prepared):
    f = dashboard.figures(prepared, "dana")
    times = {(t.doc_id, t.annotator): t.seconds for t in f.times}
    assert times == {(D0, "alice"): 120.0, (D1, "alice"): 100.0, (D1, "bob"): 120.0,
                     (D2, "bob"): 60.0}
    q = {x.annotator: x for x in f.queues}
    assert q["alice"].seconds == 220.0 and q["bob"].seconds == 180.0
    assert q["alice"].median_done == 120.0  # D0, her one finished document
    assert q["bob"].median_done == 90.0  # D1 120 s, D2 60 s


def test_label_shares_against_the_group(prepared):
    f = dashboard.figures(prepared, "dana")
    use = {(u.annotator, u.label): u for u in f.labels}
    assert (use["alice", WC].spans, use["alice", WC].share, use["alice", WC].group_share
            ) == (3, 0.75, 0.5)
    assert (use["bob", WC].share, use["bob", LL].share) == (0.25, 0.75)
    # 2x2 table [[3, 1], [1, 3]]: (O - E) / sqrt(E (1 - 1/2)(1 - 1/2)) = 1 / sqrt(0.5)
    assert use["alice", WC].residual == pytest.approx(math.sqrt(2))
    assert use["bob", WC].residual == pytest.approx(-math.sqrt(2))
    assert use["alice", WC].notable is None  # within +-2


def test_documents_waiting_for_adjudication(prepared):
    f = dashboard.figures(prepared, "dana")
    state = {d.doc_id: d.state for d in f.documents}
    assert state == {D0: "waiting", D1: "annotating", D2: "adjudicated",
                     D3: "unassigned", D4: "unassigned"}
    assert [(d.doc_id, d.open_candidates) for d in f.waiting] == [(D0, 3)]


def test_only_reviewers_see_it(prepared):
    with pytest.raises(InputError, match="only a reviewer"):
        dashboard.figures(prepared, "alice")


def test_the_csv_has_one_figure_a_row(prepared, tmp_path):
    out = tmp_path / "progress.csv"
    n = dashboard.write_csv(dashboard.figures(prepared), out)
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == n and list(rows[0]) == list(dashboard.CSV_COLUMNS)
    got = {(r["section"], r["annotator"], r["document"], r["label"], r["measure"]): r["value"]
           for r in rows}
    assert got["queues", "alice", "", "", "done"] == "1"
    assert got["time", "bob", D1, "", "active_seconds"] == "120.0"
    assert got["labels", "alice", "", WC, "share"] == "0.75"
    assert got["documents", "", D0, "", "state"] == "waiting"


def test_csv_cells_follow_the_spreadsheet_rule(seeded_project, tmp_path):
    assignments.assign_by_hand(seeded_project, [D0], ["=cmd|' /C calc'!A0"],
                               add_annotators=True)
    out = tmp_path / "p.csv"
    dashboard.write_csv(dashboard.figures(seeded_project), out)
    text = out.read_text(encoding="utf-8")
    assert "'=cmd" in text and "\n=cmd" not in text and ",=cmd" not in text


def test_work_without_a_status_counts_as_in_progress(prepared):
    """A document the annotator has spans on but never marked counts as in progress, in
    the queues and the dashboard alike, as their document header shows it."""
    assignments.assign_by_hand(prepared, [D3, D4], ["alice"])
    annotate.add_span(prepared, "alice", D3, 0, 5, WC)
    q = {x.annotator: x for x in dashboard.figures(prepared, "dana").queues}
    assert (q["alice"].queue, q["alice"].done, q["alice"].in_progress,
            q["alice"].not_started) == (4, 1, 2, 1)
    alice = {x.annotator: x for x in assignments.overview(prepared).queues}["alice"]
    assert [i.status for i in alice.items] == ["done", "in_progress", "in_progress", None]
