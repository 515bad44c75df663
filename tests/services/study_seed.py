"""Shared by the study's tests (services, CLI, GUI): a team of three annotators and a
reviewer, queues by annotator, a database dump to compare before and after, and a
prepared study for the dashboard (two annotators with assignments, spans, statuses, one
adjudicated document and active time with idle gaps, whose figures were worked out by
hand: see tests/services/test_dashboard.py)."""

from __future__ import annotations

from annotator.core.activity import ActivityClock
from annotator.services import activity, adjudicate, annotate, assignments
from annotator.services.layer import read_document

D0, D1, D2, D3, D4 = ("000_d2e00c955d6db165", "001_32d5df32ea7c4246",
                      "002_3c10f19e7635cd43", "003_940de6414bf24cb7", "004_be22123d1ed1708f")
WC, LL = "Word choice", "Loaded language"


ABC = ["alice", "bob", "carol"]


def add_team(project):
    """alice, bob and carol annotators, dana the reviewer."""
    for name in ABC:
        annotate.add_annotator(project, name)
    annotate.add_annotator(project, "dana", "reviewer")
    return project


def queues(project) -> dict[str, list[str]]:
    return {q.annotator: [i.doc_id for i in q.items]
            for q in assignments.overview(project).queues}


def dump(project) -> dict[str, list[str]]:
    """Every row of every table, on either backend, to show that nothing changed."""
    from sqlalchemy import select

    from annotator.store.tables import T

    with project.store.read() as conn:
        return {name: sorted(map(repr, conn.execute(select(table)).all()))
                for name, table in T.items()}


def spans_of(project, doc_id: str, who: str) -> list[tuple[int, int, str]]:
    """`who`'s spans on a document as (start, end, label), in order."""
    layer = read_document(project, doc_id, who).layer
    return [(layer.starts[i], layer.ends[i], layer.labels[i]) for i in range(len(layer))]


def work(project, who, events):
    """Feed (doc, seconds) input events through the workbench's clock and record."""
    clock = ActivityClock(who)
    ended = [clock.event(doc, t) for doc, t in events] + [clock.stop()]
    activity.record(project, [s for s in ended if s is not None])


def prepare(p):
    """alice has D0 and D1, bob D1 and D2; dana adjudicated D2."""
    annotate.add_annotator(p, "dana", "reviewer")
    assignments.assign_by_hand(p, [D0, D1], ["alice"], add_annotators=True)
    assignments.assign_by_hand(p, [D1, D2], ["bob"], add_annotators=True)
    for doc, start, label in ((D0, 0, WC), (D0, 10, WC), (D0, 20, LL), (D1, 0, WC)):
        annotate.add_span(p, "alice", doc, start, start + 5, label)
    for doc, start, label in ((D1, 0, WC), (D1, 10, LL), (D2, 0, LL), (D2, 10, LL)):
        annotate.add_span(p, "bob", doc, start, start + 5, label)
    annotate.set_status(p, "alice", D0, "done")
    annotate.set_status(p, "alice", D1, "in_progress")
    annotate.set_status(p, "bob", D1, "done")
    annotate.set_status(p, "bob", D2, "done")
    adjudicate.accept(p, "dana", D2, (0, 5, LL))
    adjudicate.accept(p, "dana", D2, (10, 15, LL))
    # alice: D0 0-90 (gaps 30, 60), a 210 s pause left out, 300-330; D1 1000-1100
    work(p, "alice", [(D0, 0), (D0, 30), (D0, 90), (D0, 300), (D0, 330),
                      (D1, 1000), (D1, 1100)])
    # bob: D1 0-120 (a gap of exactly two minutes counts); on D2 a 121 s gap does not,
    # then 500-560
    work(p, "bob", [(D1, 0), (D1, 120), (D2, 200), (D2, 321), (D2, 500), (D2, 560)])
    return p


