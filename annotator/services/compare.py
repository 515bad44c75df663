"""Comparing sources (outlets): the words each chose for the same concept, side by side,
with the statistics (core/compare). One read transaction.

Which spans: `layer="gold"` the gold layer; `layer="annotations"` the annotators' spans
(every annotator's, reviewers' own spans left out as in agreement, or the named ones').
Without a layer: gold when every document compared has gold spans, else the annotators'
(a partly adjudicated corpus would set adjudicated outlets against empty ones).

Blind: a `viewer` who is not a reviewer sees only their own layer, whatever is asked.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from annotator.core import compare as core
from annotator.core.errors import InputError
from annotator.core.model import REVIEWER, Concept
from annotator.core.wording import count
from annotator.services import output
from annotator.services.agreement import format_for
from annotator.services.project import Project
from annotator.store import compare_rows as rows
from annotator.store.annotator_rows import annotator_roles
from annotator.store.concept_rows import concepts_of_event

LAYERS = (core.GOLD, core.ANNOTATIONS)


@dataclass(frozen=True)
class Event:
    id: str | None  # None: the documents that name no event
    name: str | None  # the name of the event's own concept, where there is one
    documents: int

    @property
    def title(self) -> str:
        if self.id is None:
            return "(documents of no event)"
        return f"{self.name} ({self.id})" if self.name and self.name != self.id else self.id


def events(project: Project) -> list[Event]:
    with project.store.read() as conn:
        found = rows.events(conn)
        names = {c.id: c.name for c in concepts_of_event(conn, None)}
    return [Event(e, names.get(e) if e else None, n) for e, n in found]


def concept_event(concept: Concept, event_ids: set[str | None]) -> str | None:
    """The event a concept belongs to; an event's own concept belongs to that event."""
    if concept.event is not None:
        return concept.event
    return concept.id if concept.id in event_ids else None


def compare(project: Project, *, event: str | None = None, all_events: bool = False,
            concepts: Sequence[str] | None = None, layer: str | None = None,
            annotators: Sequence[str] = (), viewer: str | None = None) -> core.Comparison:
    """Compare the sources of an event's documents (`all_events`: of every document).

    `concepts`: ids of the concepts to show (default: every concept of the event that a
    compared span links to). `annotators`: whose spans (annotations layer only).
    """
    if layer is not None and layer not in LAYERS:
        raise InputError(f"a layer is {' or '.join(LAYERS)}, not {layer!r}")
    with project.store.read() as conn:
        roles = annotator_roles(conn)
        notes: list[str] = []
        if annotators and layer == core.GOLD:
            raise InputError("--annotator chooses among the annotators' spans; the gold "
                             "layer is the reviewers'")
        unknown = [a for a in annotators if a not in roles]
        if unknown:
            raise InputError(f"no annotator {unknown[0]!r} in the project (known: "
                             f"{', '.join(roles) or 'none yet'})")
        if viewer is not None and roles.get(viewer) != REVIEWER:
            # blind: one's own layer only
            layer, annotators = core.ANNOTATIONS, [viewer]
        if not all_events and event is not None and event not in {
                e for e, _ in rows.events(conn)}:
            raise InputError(f"no documents of event {event!r} in the project")
        docs = rows.source_documents(conn, event, all_events)
        pks = [pk for pk, _ in docs]
        if layer is None:
            with_gold = rows.documents_with_gold(conn, pks)
            layer = core.GOLD if pks and with_gold == set(pks) else core.ANNOTATIONS
            if with_gold and layer == core.ANNOTATIONS:
                notes.append(
                    f"The annotators' spans are compared: only {len(with_gold)} of "
                    f"{count(len(pks), 'document')} have gold spans (--layer gold compares "
                    "those alone).")
        if layer == core.GOLD:
            spans = rows.gold_spans(conn, pks)
            labels = rows.gold_doc_labels(conn, pks)
            who: tuple[str, ...] = ()
        else:
            who = tuple(sorted(annotators)) if annotators else tuple(
                a for a, role in roles.items() if role != REVIEWER)
            if not annotators:
                left_out = [a for a, role in roles.items() if role == REVIEWER]
                if left_out:
                    notes.append("Not counted (reviewers): " + ", ".join(left_out) + ".")
            spans = rows.annotator_spans(conn, pks, who)
            labels = rows.annotator_doc_labels(conn, pks, who)
        event_ids = {e for e, _ in rows.events(conn)}
        known = concepts_of_event(conn, None if all_events else event)
        if all_events:
            notes.append("Documents of every event are compared together.")
    by_id = {c.id: c for c in known}
    if concepts:
        missing = [c for c in concepts if c not in by_id]
        if missing:
            raise InputError(f"no concept {missing[0]!r} for this event (known: "
                             f"{', '.join(by_id) or 'none'})")
        shown = [by_id[c] for c in concepts]
    else:
        used = {s.concept for s in spans if s.concept}
        shown = [c for c in known if c.id in used]
    shown = [Concept(c.id, c.name, c.type, concept_event(c, event_ids), c.description)
             for c in shown]
    return core.build([d for _, d in docs], spans, shown, labels, event=event,
                      layer=layer, annotators=who, notes=notes)


# ------------------------------------------------------------------ reports

def write(comparison: core.Comparison, fmt: str, out: str | os.PathLike,
          colors: Mapping[str, str] | None = None, title: str | None = None, *,
          project: str | None = None) -> Path:
    """Write the comparison as json, csv or html to `out` atomically (services/output.py):
    a failure leaves no file, or the older one. `project`: the project's target, whose
    files are refused as `out`."""
    from annotator.reports.compare_csv import write_compare_csv
    from annotator.reports.compare_html import write_compare_html
    from annotator.reports.compare_json import write_compare_json

    fmt = format_for(out, fmt)

    def fill(tmp: Path) -> None:
        if fmt == "json":
            write_compare_json(comparison, tmp)
        elif fmt == "csv":
            write_compare_csv(comparison, tmp)
        else:
            write_compare_html(comparison, tmp, colors=colors or {},
                               title=title or "How the sources framed it")

    output.write(out, fill, project=project)
    return Path(out)


def dump(comparison: core.Comparison, fmt: str, stream: IO[str]) -> None:
    """Write the comparison as CSV, else JSON, to an open text stream (standard output)."""
    from annotator.reports.compare_csv import write_compare_csv
    from annotator.reports.compare_json import write_compare_json

    (write_compare_csv if fmt == "csv" else write_compare_json)(comparison, stream)


def report_title(project: Project, event: str | None) -> str:
    if event is None:
        return "How the sources framed it"
    found = next((e for e in events(project) if e.id == event), None)
    return f"How the sources framed it: {found.name if found and found.name else event}"


def label_colors(project: Project) -> dict[str, str]:
    return {lab.name: lab.color for lab in project.codebook.labels if lab.color}
