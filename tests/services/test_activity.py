"""Recording active time (services.activity) on a real project: a stretch handed over again
as it grows extends its row instead of counting twice; empty stretches change nothing; the
dashboard reads what was recorded."""

from __future__ import annotations

from annotator.core.activity import Stretch
from annotator.services import activity, dashboard
from annotator.services.assignments import assign_by_hand
from annotator.services.changes import NOTHING

D1, D2 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246"
START = "2026-01-05T09:00:00.000+00:00"


def times(project) -> dict[tuple[str, str], float]:
    return {(t.doc_id, t.annotator): t.seconds for t in dashboard.figures(project).times}


def test_a_growing_stretch_is_recorded_once(seeded_project):
    p = seeded_project
    assign_by_hand(p, [D1, D2], ["alice"], add_annotators=True)
    assert activity.record(p, [Stretch(D1, "alice", START, START, 0.0)]) == NOTHING
    activity.record(p, [Stretch(D1, "alice", START, "2026-01-05T09:01:00.000+00:00", 60.0)])
    activity.record(p, [Stretch(D1, "alice", START, "2026-01-05T09:02:30.000+00:00", 150.0),
                        Stretch(D2, "alice", "2026-01-05T10:00:00.000+00:00",
                                "2026-01-05T10:00:20.000+00:00", 20.0)])
    assert times(p) == {(D1, "alice"): 150.0, (D2, "alice"): 20.0}
