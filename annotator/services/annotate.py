"""What an annotator does: add, change and delete spans; document labels, status and
note; undo and redo. Each call is one transaction, logged for undo, returning
Changes. Every check is made inside that transaction, against the project as it is then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from annotator.core.codebook import check_codebook
from annotator.core.errors import InputError
from annotator.core.model import ANNOTATOR, DONE, ROLES, STATUSES, Codebook, Span
from annotator.core.span_checks import attribute_problem, check_offsets
from annotator.services import changes as ch
from annotator.services.changes import NOTHING, Changes
from annotator.services.progress import Progress, no_progress
from annotator.services.project import Project

if TYPE_CHECKING:
    from annotator.store import history

KEEP = object()  # "leave this field as it is" for update_span


def check_span(codebook: Codebook, length: int, start: int, end: int, label: str,
                attributes: Mapping[str, str], chosen: bool = True) -> None:
    """`chosen`: the label is being given now (a span that keeps a retired label stays
    valid; a retired label is given to no span)."""
    problem = check_offsets(length, start, end)
    if problem:
        raise InputError(problem)
    found = codebook.label(label)
    if found is None:
        raise InputError(f"the codebook has no label {label!r}")
    if found.retired and chosen:
        raise InputError(f"label {label!r} is retired: the spans that have it keep it, but "
                         "it is given to no new span")
    problem = attribute_problem(codebook, Span("", start, end, label, attributes))
    if problem:
        raise InputError(problem)


def add_span(project: Project, annotator: str, doc_id: str, start: int, end: int, label: str,
             attributes: Mapping[str, str] | None = None, concept: str | None = None,
             note: str | None = None) -> Changes:
    """Add a span; adding an exact duplicate (same start, end, label) changes nothing."""
    from annotator.store import annotation_rows, history
    from annotator.store.annotator_rows import actor as actor_id
    from annotator.store.lookups import document_pk_length

    attributes = dict(attributes or {})
    with project.store.write() as conn:
        pk, length = document_pk_length(conn, doc_id)
        check_span(project.codebook_in(conn), length, start, end, label, attributes)
        actor = actor_id(conn, annotator)
        if annotation_rows.add_span(conn, pk, actor, start, end, label, attributes, concept,
                                    note) is None:
            return NOTHING
        return history.finish(conn, actor, "add_span", f"Add {label!r}", pk)


@dataclass(frozen=True)
class Occurrence:
    doc_id: str
    start: int
    end: int


def add_spans(project: Project, annotator: str, label: str, places: Sequence[Occurrence],
              attributes: Mapping[str, str] | None = None,
              progress: Progress = no_progress) -> Changes:
    """Label many places at once (label every occurrence): one undoable action. Progress
    is reported by document; cancelled (Cancelled from `progress`), nothing is written."""
    from annotator.store import annotation_rows, history
    from annotator.store.annotator_rows import actor as actor_id
    from annotator.store.lookups import document_length, document_pk

    attributes = dict(attributes or {})
    by_doc: dict[str, list[tuple[int, int]]] = {}
    for place in places:
        by_doc.setdefault(place.doc_id, []).append((place.start, place.end))
    total = len(places)
    with project.store.write() as conn:
        progress(0, total, f"Labelling {total:,} places…")
        codebook = project.codebook_in(conn)
        actor = actor_id(conn, annotator)
        added, pks, done = 0, [], 0
        for doc_id, spots in by_doc.items():
            pks.append(document_pk(conn, doc_id))
            length = document_length(conn, pks[-1])
            for start, end in spots:
                check_span(codebook, length, start, end, label, attributes)
            added += annotation_rows.add_spans(conn, pks[-1], actor, spots, label, attributes)
            done += len(spots)
            progress(done, total, f"Labelled {done:,} of {total:,} places…")
        doc_pk = pks[0] if len(pks) == 1 else None
        changes = history.finish(conn, actor, "add_spans",
                                 f"Label {added} occurrences {label!r}", doc_pk)
        progress(total, total, "Saving…")  # the last moment to cancel: nothing is in yet
        return changes


def update_span(project: Project, annotator: str, span_id: int, *, start=KEEP, end=KEEP,
                label=KEEP, attributes=KEEP, concept=KEEP, note=KEEP) -> Changes:
    """Change a span of one's own; fields not given stay as they are."""
    from annotator.store import annotation_rows, history
    from annotator.store.annotator_rows import actor as actor_id
    from annotator.store.lookups import document_length

    with project.store.write() as conn:
        pk, span = annotation_rows.stored_span(conn, span_id)
        actor = actor_id(conn, annotator)
        if span.annotator != annotator:
            raise InputError("this span is another annotator's")
        codebook = project.codebook_in(conn)
        new_label = span.label if label is KEEP else label
        new_start = span.start if start is KEEP else start
        new_end = span.end if end is KEEP else end
        new_attrs = dict(span.attributes) if attributes is KEEP else dict(attributes or {})
        if label is not KEEP and attributes is KEEP:
            # attributes the new label does not carry are dropped, not kept invalid
            allowed = {a.name for a in codebook.attributes_for(new_label)}
            new_attrs = {k: v for k, v in new_attrs.items() if k in allowed}
        check_span(codebook, document_length(conn, pk), new_start, new_end, new_label,
                    new_attrs, chosen=new_label != span.label)
        extra = {k: v for k, v in (("concept", concept), ("note", note)) if v is not KEEP}
        annotation_rows.update_span(conn, span_id, start=new_start, end=new_end,
                                    label=new_label, attributes=new_attrs, **extra)
        return history.finish(conn, actor, "update_span", f"Change {new_label!r}", pk)


def delete_span(project: Project, annotator: str, span_id: int) -> Changes:
    from annotator.store import annotation_rows, history
    from annotator.store.annotator_rows import actor as actor_id

    with project.store.write() as conn:
        pk, span = annotation_rows.stored_span(conn, span_id)
        actor = actor_id(conn, annotator)
        if span.annotator != annotator:
            raise InputError("this span is another annotator's")
        annotation_rows.delete_span(conn, span_id)
        return history.finish(conn, actor, "delete_span", "Delete span", pk)


def set_doc_label(project: Project, annotator: str, doc_id: str, name: str,
                  value: str | None) -> Changes:
    """Set (or with None, clear) a document-level label."""
    from annotator.store import annotation_rows, history
    from annotator.store.annotator_rows import actor as actor_id
    from annotator.store.lookups import document_pk

    with project.store.write() as conn:
        scheme = project.codebook_in(conn).doc_label(name)
        if scheme is None:
            raise InputError(f"the codebook has no document label {name!r}")
        if value is not None and scheme.values and value not in scheme.values:
            raise InputError(f"{value!r} is not one of {', '.join(scheme.values)}")
        pk = document_pk(conn, doc_id)
        actor = actor_id(conn, annotator)
        annotation_rows.set_doc_label(conn, pk, actor, name, value)
        return history.finish(conn, actor, "set_doc_label", f"Set {name}", pk)


def set_status(project: Project, annotator: str, doc_id: str, status: str | None) -> Changes:
    """Mark a document done or in progress (None: not started)."""
    from annotator.store import annotation_rows, history
    from annotator.store.annotator_rows import actor as actor_id
    from annotator.store.lookups import document_pk

    if status is not None and status not in STATUSES:
        raise InputError(f"a status is one of {', '.join(STATUSES)}")
    with project.store.write() as conn:
        pk = document_pk(conn, doc_id)
        actor = actor_id(conn, annotator)
        annotation_rows.set_status(conn, pk, actor, status)
        return history.finish(conn, actor, "set_status",
                              "Mark done" if status == DONE else "Reopen", pk)


def set_document_note(project: Project, annotator: str, doc_id: str, note: str) -> Changes:
    from annotator.store import annotation_rows, history
    from annotator.store.annotator_rows import actor as actor_id
    from annotator.store.lookups import document_pk

    with project.store.write() as conn:
        pk = document_pk(conn, doc_id)
        actor = actor_id(conn, annotator)
        annotation_rows.set_note(conn, pk, actor, note or None)
        return history.finish(conn, actor, "set_note", "Edit document note", pk)


# ---------------------------------------------------------------- undo and redo

_WHAT = {ch.SPANS: "a span", ch.GOLD: "a gold span", ch.DECISIONS: "a decision",
         ch.DOC_LABELS: "a document label", ch.STATUSES: "the document's status",
         ch.NOTES: "the document note", ch.CONCEPTS: "a concept",
         ch.GOLD_DOC_LABELS: "a gold document label"}


def replay(project: Project, annotator: str, redo: bool, reviewer: bool = False) -> Changes:
    """Undo the annotator's newest action, or redo the one undone last. Refused, with
    nothing written, when a row it would touch has changed since. `reviewer`: only
    someone with the reviewer role may (InputError otherwise)."""
    from annotator.store import history, written
    from annotator.store.annotator_rows import annotator_id, reviewer_id

    verb = "redo" if redo else "undo"
    with project.store.write() as conn:
        actor = reviewer_id(conn, annotator) if reviewer else annotator_id(conn, annotator)
        if actor is None:
            return NOTHING
        try:
            action = (history.redo if redo else history.undo)(conn, actor)
        except history.Conflict as conflict:
            raise InputError(_refusal(verb, conflict, annotator)) from None
        if action is None:
            return NOTHING
        what = f"{verb.capitalize()} {action['summary'] or action['kind']}"
        changes = written.changes(conn, what)
        if changes.touches(ch.CODEBOOK):
            after_codebook_replay(conn, actor, verb, what)
        return changes


def after_codebook_replay(conn, actor: int, verb: str, what: str) -> None:
    """Undoing or redoing a codebook change is a change too: the codebook it brings back
    must still be valid (a label's key may have gone to another label since), and it is
    the next version."""
    from annotator.store.codebook_rows import load_codebook
    from annotator.store.codebook_versions import record_version

    try:
        check_codebook(load_codebook(conn))
    except InputError as exc:
        raise InputError(f"cannot {verb} that: the codebook would then be invalid "
                         f"({exc.problem}); nothing was {verb}ne") from None
    record_version(conn, actor, what, [{"op": verb}])


def _refusal(verb: str, conflict: history.Conflict, me: str) -> str:
    if conflict.depends:
        return f"cannot {verb} that: other work in the project now depends on it"
    what = _WHAT.get(conflict.kind, "a row")
    since = "changed since"
    if conflict.who:
        since += " by " + ("you (in another window)" if conflict.who == me else conflict.who)
    if conflict.at:
        since += " at " + datetime.fromisoformat(conflict.at).astimezone().strftime("%H:%M")
    return f"cannot {verb} that: {what} it touched was {since}; nothing was {verb}ne"


def undo(project: Project, annotator: str) -> Changes:
    return replay(project, annotator, redo=False)


def redo(project: Project, annotator: str) -> Changes:
    return replay(project, annotator, redo=True)


def undo_redo_texts(project: Project, annotator: str) -> tuple[str | None, str | None]:
    """What undo and redo would do next, for the Edit menu (None: nothing)."""
    from annotator.store import history
    from annotator.store.annotator_rows import annotator_id

    with project.store.read() as conn:
        actor = annotator_id(conn, annotator)
        if actor is None:
            return None, None
        last, nxt = history.peek(conn, actor)
    return (last["summary"] if last else None), (nxt["summary"] if nxt else None)


# ---------------------------------------------------------------- people

def add_annotator(project: Project, name: str, role: str = ANNOTATOR) -> Changes:
    """Add a person to the project. Someone already there keeps their role: asking for
    another one is refused, since a role changes only through set_role (confirmed and
    logged), never by the way."""
    from annotator.store import written
    from annotator.store.annotator_rows import annotator_roles
    from annotator.store.annotator_rows import set_role as store_role

    name = name.strip()
    if not name:
        raise InputError("an annotator needs a name")
    if role not in ROLES:
        raise InputError(f"a role is one of {', '.join(ROLES)}")
    with project.store.write() as conn:
        current = annotator_roles(conn).get(name)
        if current is not None and current != role:
            raise InputError(f"{name} is already in the project as {_a(current)}; a role "
                             "changes only on its own (set_role)")
        store_role(conn, name, role)  # adds them; someone already there has it already
        return written.changes(conn, f"Add {name} as {role}")


def set_role(project: Project, actor: str, name: str, role: str) -> Changes:
    """Change an existing person's role; the audit log says who did it and when. Not
    undoable: it is undone by changing the role back, logged in turn."""
    from annotator.store import history, written
    from annotator.store.annotator_rows import actor as actor_id
    from annotator.store.annotator_rows import annotator_roles
    from annotator.store.annotator_rows import set_role as store_role

    if role not in ROLES:
        raise InputError(f"a role is one of {', '.join(ROLES)}")
    with project.store.write() as conn:
        current = annotator_roles(conn).get(name)
        if current is None:
            raise InputError(f"{name!r} is not in the project")
        if current == role:
            return NOTHING
        store_role(conn, name, role)
        description = f"{name} is now {_a(role)} (was {_a(current)})"
        history.log_event(conn, actor_id(conn, actor), "role", f"{actor}: {description}")
        return written.changes(conn, description)


def _a(role: str) -> str:
    return f"an {role}" if role[0] in "aeiou" else f"a {role}"


def list_annotators(project: Project) -> list[tuple[str, str]]:
    """(name, role) of everyone in the project, by name."""
    if project.first_look is not None:
        return list(project.first_look.roles.items())
    from annotator.store.annotator_rows import annotator_roles

    with project.store.read() as conn:
        return list(annotator_roles(conn).items())
