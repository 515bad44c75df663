"""The progress dashboard (core.dashboard) for reviewers, and its CSV.

Blind: it shows everyone's progress, label use and time, so only a reviewer (or the
command line, which has the whole file anyway) reads it.
"""

from __future__ import annotations

import os
from pathlib import Path

from annotator.core import adjudication as adj
from annotator.core import dashboard as core
from annotator.core import spreadsheet
from annotator.core.errors import InputError
from annotator.core.model import REVIEWER
from annotator.services import output
from annotator.services.assignments import overview
from annotator.services.project import Project
from annotator.store import activity_rows
from annotator.store.adjudication_rows import load
from annotator.store.annotator_rows import annotator_roles

CSV_COLUMNS = ("section", "annotator", "document", "label", "measure", "value")


def figures(project: Project, viewer: str | None = None) -> core.Figures:
    """Everything the dashboard shows. `viewer`: who asks (must be a reviewer); None
    from the command line."""
    with project.store.read() as conn:
        if viewer is not None and annotator_roles(conn).get(viewer) != REVIEWER:
            raise InputError("only a reviewer sees the progress dashboard: it shows "
                             "everyone's work")
        loaded = load(conn, project.codebook)
        stretches = activity_rows.stretches(conn)
    queues = overview(project)
    summaries = {d.doc_id: adj.summarise(d.candidates, d.states, len(d.record.gold))
                 for d in loaded}
    return core.figures([d.record for d in loaded],
                        {q.annotator: [(i.doc_id, i.status) for i in q.items]
                         for q in queues.queues},
                        [s for s in stretches if s.annotator in {q.annotator for q in
                                                                 queues.queues}],
                        summaries, queues.assigned)


def rows(f: core.Figures) -> list[tuple]:
    """The figures as long-format rows (CSV_COLUMNS): one number per row, easy to pivot."""
    out: list[tuple] = []
    for q in f.queues:
        for measure, value in (("queue", q.queue), ("done", q.done),
                               ("in_progress", q.in_progress),
                               ("not_started", q.not_started), ("spans", q.spans),
                               ("active_seconds", q.seconds),
                               ("median_seconds_per_done_document", q.median_done)):
            out.append(("queues", q.annotator, None, None, measure, value))
    for u in f.labels:
        out.append(("labels", u.annotator, None, u.label, "spans", u.spans))
        out.append(("labels", u.annotator, None, u.label, "share", round(u.share, 4)))
        out.append(("labels", u.annotator, None, u.label, "group_share",
                    round(u.group_share, 4)))
        if u.residual is not None:
            out.append(("labels", u.annotator, None, u.label, "adjusted_residual",
                        round(u.residual, 3)))
    for t in f.times:
        out.append(("time", t.annotator, t.doc_id, None, "active_seconds", t.seconds))
    for d in f.documents:
        out.append(("documents", None, d.doc_id, None, "state", d.state))
        out.append(("documents", None, d.doc_id, None, "annotators", len(d.coders)))
        out.append(("documents", None, d.doc_id, None, "done", len(d.done)))
        out.append(("documents", None, d.doc_id, None, "open_candidates",
                    d.open_candidates))
    return out


def write_csv(f: core.Figures, out: str | os.PathLike, project: str | None = None) -> int:
    """The figures as CSV (the project's cell rule) to `out`, through the one output
    writer (services.output; `project`'s own files are refused); returns the rows."""
    data = rows(f)

    def fill(path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            write_rows(fh, data)

    output.write(out, fill, project=project)
    return len(data)


def write_rows(fh, data: list[tuple]) -> None:
    out = spreadsheet.writer(fh)
    out.writerow(CSV_COLUMNS)
    out.writerows(data)
