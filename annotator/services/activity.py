"""Recording active annotation time (core.activity): the workbench hands over stretches of
work as they end, and the one still running now and again; one small transaction each.

Blind: only the annotator's own time is recorded under their name, and only reviewers'
views (the progress dashboard) read anyone's.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.activity import Stretch
from annotator.services.changes import NOTHING, Changes
from annotator.services.project import Project


def record(project: Project, stretches: Sequence[Stretch]) -> Changes:
    """Store stretches; the same stretch handed over again later (it has grown) extends
    its row, so handing over twice changes nothing. No view shows time as it grows, so
    the Changes is NOTHING (the dashboard reads it when asked)."""
    from annotator.store import activity_rows, written
    from annotator.store.annotator_rows import ensure_annotators
    from annotator.store.lookups import document_pk

    stretches = [s for s in stretches if s.seconds > 0]
    if not stretches:
        return NOTHING
    with project.store.write() as conn:
        ids = ensure_annotators(conn, {s.annotator for s in stretches})
        pks = {s.doc_id: document_pk(conn, s.doc_id) for s in stretches}
        activity_rows.record(conn, stretches, pks, ids)
        return written.changes(conn)
