"""What an annotator does: add, change and delete spans; document labels, status and
note; undo and redo. Each call is one transaction, logged for undo, returning Changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from annotator.core.batch import attribute_problem, check_offsets
from annotator.core.errors import InputError
from annotator.core.model import ANNOTATOR, ROLES, STATUSES, Span
from annotator.services.changes import NOTHING, Changes, Collected, from_log
from annotator.services.project import Project
from annotator.store import history
from annotator.store.corpus_rows import ensure_annotators
from annotator.store.lookups import (
    annotator_id,
    annotator_roles,
    concept_pk,
    document_length,
    document_pk,
    label_id,
    span_row,
)
from annotator.store.tables import T

KEEP = object()  # "leave this field as it is" for update_span


def _actor(conn: Connection, name: str) -> int:
    if not name:
        raise InputError("say who you are first (an annotator name)")
    return ensure_annotators(conn, [name])[name]


def _doc_id(conn: Connection, pk: int) -> str:
    return conn.execute(select(T["documents"].c.id).where(T["documents"].c.pk == pk)).scalar()


def _check_span(project: Project, conn: Connection, doc_pk: int, start: int, end: int,
                label: str, attributes: Mapping[str, str]) -> None:
    problem = check_offsets(document_length(conn, doc_pk), start, end)
    if problem:
        raise InputError(problem)
    if project.codebook.label(label) is None:
        raise InputError(f"the codebook has no label {label!r}")
    problem = attribute_problem(project.codebook, Span("", start, end, label, attributes))
    if problem:
        raise InputError(problem)


def _finish(conn: Connection, actor: int, kind: str, collected: Collected, doc_pk: int | None,
            description: str, span_ids: tuple[int, ...] = ()) -> Changes:
    history.log_action(conn, actor, kind, collected.rows, doc_pk, description)
    return from_log(collected.rows, collected.documents, description, span_ids)


def add_span(project: Project, annotator: str, doc_id: str, start: int, end: int, label: str,
             attributes: Mapping[str, str] | None = None, concept: str | None = None,
             note: str | None = None) -> Changes:
    """Add a span; adding an exact duplicate (same start, end, label) changes nothing."""
    attributes = dict(attributes or {})
    with project.store.write() as conn:
        doc_pk = document_pk(conn, doc_id)
        _check_span(project, conn, doc_pk, start, end, label, attributes)
        actor = _actor(conn, annotator)
        lid = label_id(conn, label)
        s = T["spans"]
        exists = conn.execute(select(s.c.id).where(
            s.c.document_pk == doc_pk, s.c.annotator_id == actor, s.c.start == start,
            s.c.end == end, s.c.label_id == lid)).scalar()
        if exists is not None:
            return NOTHING
        got = Collected()
        change = history.insert_row(conn, "spans", {
            "document_pk": doc_pk, "annotator_id": actor, "start": start, "end": end,
            "label_id": lid, "attributes": attributes or None,
            "concept_pk": concept_pk(conn, concept), "note": note or None})
        got.add(change, doc_id)
        return _finish(conn, actor, "add_span", got, doc_pk, f"Add {label!r}",
                       (change["after"]["id"],))


@dataclass(frozen=True)
class Occurrence:
    doc_id: str
    start: int
    end: int


def add_spans(project: Project, annotator: str, label: str, places: Sequence[Occurrence],
              attributes: Mapping[str, str] | None = None) -> Changes:
    """Label many places at once (label every occurrence): one undoable action."""
    attributes = dict(attributes or {})
    with project.store.write() as conn:
        actor = _actor(conn, annotator)
        lid = label_id(conn, label)
        s = T["spans"]
        got = Collected()
        ids = []
        pks: dict[str, int] = {}
        for place in places:
            pk = pks.get(place.doc_id) or pks.setdefault(place.doc_id,
                                                         document_pk(conn, place.doc_id))
            _check_span(project, conn, pk, place.start, place.end, label, attributes)
            exists = conn.execute(select(s.c.id).where(
                s.c.document_pk == pk, s.c.annotator_id == actor, s.c.start == place.start,
                s.c.end == place.end, s.c.label_id == lid)).scalar()
            if exists is not None:
                continue
            change = history.insert_row(conn, "spans", {
                "document_pk": pk, "annotator_id": actor, "start": place.start,
                "end": place.end, "label_id": lid, "attributes": attributes or None,
                "concept_pk": None, "note": None})
            got.add(change, place.doc_id)
            ids.append(change["after"]["id"])
        doc_pk = next(iter(pks.values())) if len(pks) == 1 else None
        return _finish(conn, actor, "add_spans", got, doc_pk,
                       f"Label {len(ids)} occurrences {label!r}", tuple(ids))


def update_span(project: Project, annotator: str, span_id: int, *, start=KEEP, end=KEEP,
                label=KEEP, attributes=KEEP, concept=KEEP, note=KEEP) -> Changes:
    """Change a span of one's own; fields not given stay as they are."""
    with project.store.write() as conn:
        row = span_row(conn, span_id)
        actor = _actor(conn, annotator)
        if row.annotator_id != actor:
            raise InputError("this span is another annotator's")
        labels = dict(conn.execute(select(T["labels"].c.id, T["labels"].c.name)).all())
        new_label = labels[row.label_id] if label is KEEP else label
        new_start = row.start if start is KEEP else start
        new_end = row.end if end is KEEP else end
        new_attrs = dict(row.attributes or {}) if attributes is KEEP else dict(attributes or {})
        if label is not KEEP and attributes is KEEP:
            # attributes the new label does not carry are dropped, not kept invalid
            allowed = {a.name for a in project.codebook.attributes_for(new_label)}
            new_attrs = {k: v for k, v in new_attrs.items() if k in allowed}
        _check_span(project, conn, row.document_pk, new_start, new_end, new_label, new_attrs)
        values = {"start": new_start, "end": new_end, "label_id": label_id(conn, new_label),
                  "attributes": new_attrs or None}
        if concept is not KEEP:
            values["concept_pk"] = concept_pk(conn, concept or None)
        if note is not KEEP:
            values["note"] = note or None
        s = T["spans"]
        clash = conn.execute(select(s.c.id).where(
            s.c.document_pk == row.document_pk, s.c.annotator_id == actor,
            s.c.start == new_start, s.c.end == new_end, s.c.label_id == values["label_id"],
            s.c.id != span_id)).scalar()
        if clash is not None:
            raise InputError("you already have a span with that label at that place")
        got = Collected()
        got.add(history.update_row(conn, "spans", {"id": span_id}, values),
                _doc_id(conn, row.document_pk))
        return _finish(conn, actor, "update_span", got, row.document_pk,
                       f"Change {new_label!r}", (span_id,))


def delete_span(project: Project, annotator: str, span_id: int) -> Changes:
    with project.store.write() as conn:
        row = span_row(conn, span_id)
        actor = _actor(conn, annotator)
        if row.annotator_id != actor:
            raise InputError("this span is another annotator's")
        got = Collected()
        got.add(history.delete_row(conn, "spans", {"id": span_id}),
                _doc_id(conn, row.document_pk))
        return _finish(conn, actor, "delete_span", got, row.document_pk, "Delete span")


def set_doc_label(project: Project, annotator: str, doc_id: str, name: str,
                  value: str | None) -> Changes:
    """Set (or with None, clear) a document-level label."""
    scheme = project.codebook.doc_label(name)
    if scheme is None:
        raise InputError(f"the codebook has no document label {name!r}")
    if value is not None and scheme.values and value not in scheme.values:
        raise InputError(f"{value!r} is not one of {', '.join(scheme.values)}")
    with project.store.write() as conn:
        pk = document_pk(conn, doc_id)
        actor = _actor(conn, annotator)
        d = T["doc_labels"]
        row = conn.execute(select(d.c.id).where(d.c.document_pk == pk,
                                                d.c.annotator_id == actor,
                                                d.c.name == name)).scalar()
        got = Collected()
        if value is None:
            if row is not None:
                got.add(history.delete_row(conn, "doc_labels", {"id": row}), doc_id)
        elif row is None:
            got.add(history.insert_row(conn, "doc_labels", {
                "document_pk": pk, "annotator_id": actor, "name": name, "value": value}),
                doc_id)
        else:
            got.add(history.update_row(conn, "doc_labels", {"id": row}, {"value": value}),
                    doc_id)
        return _finish(conn, actor, "set_doc_label", got, pk, f"Set {name}")


def _set_keyed(conn: Connection, table: str, column: str, pk: int, actor: int,
               value: str | None, doc_id: str) -> Collected:
    """Upsert or delete the one row of (document, annotator) in statuses or notes."""
    key = {"document_pk": pk, "annotator_id": actor}
    tab = T[table]
    exists = conn.execute(select(tab.c[column]).where(
        tab.c.document_pk == pk, tab.c.annotator_id == actor)).first()
    got = Collected()
    if value is None:
        if exists is not None:
            got.add(history.delete_row(conn, table, key), doc_id)
    elif exists is None:
        got.add(history.insert_row(conn, table, {**key, column: value}), doc_id)
    else:
        got.add(history.update_row(conn, table, key, {column: value}), doc_id)
    return got


def set_status(project: Project, annotator: str, doc_id: str, status: str | None) -> Changes:
    """Mark a document done or in progress (None: not started)."""
    if status is not None and status not in STATUSES:
        raise InputError(f"a status is one of {', '.join(STATUSES)}")
    with project.store.write() as conn:
        pk = document_pk(conn, doc_id)
        actor = _actor(conn, annotator)
        got = _set_keyed(conn, "statuses", "status", pk, actor, status, doc_id)
        return _finish(conn, actor, "set_status", got, pk,
                       "Mark done" if status == "done" else "Reopen")


def set_document_note(project: Project, annotator: str, doc_id: str, note: str) -> Changes:
    with project.store.write() as conn:
        pk = document_pk(conn, doc_id)
        actor = _actor(conn, annotator)
        got = _set_keyed(conn, "document_notes", "note", pk, actor, note or None, doc_id)
        return _finish(conn, actor, "set_note", got, pk, "Edit document note")


def _replay(project: Project, annotator: str, redo: bool) -> Changes:
    with project.store.write() as conn:
        actor = annotator_id(conn, annotator)
        if actor is None:
            return NOTHING
        try:
            action = (history.redo if redo else history.undo)(conn, actor)
        except IntegrityError:
            # e.g. undoing a concept another annotator has since used: refused whole
            raise InputError(f"cannot {'redo' if redo else 'undo'} that: other work in the "
                             "project now depends on it") from None
        if action is None:
            return NOTHING
        docs = {pk for pk in (c[side]["document_pk"] for c in action["changes"]
                              for side in ("before", "after")
                              if c[side] and "document_pk" in c[side])}
        ids = set(conn.execute(select(T["documents"].c.id)
                               .where(T["documents"].c.pk.in_(docs))).scalars())
        span_ids = tuple(sorted({c[side]["id"] for c in action["changes"]
                                 for side in ("before", "after")
                                 if c[side] and c["t"] in ("spans", "gold_spans")}))
        verb = "Redo" if redo else "Undo"
        return from_log(action["changes"], ids, f"{verb} {action['summary'] or action['kind']}",
                        span_ids)


def undo(project: Project, annotator: str) -> Changes:
    return _replay(project, annotator, redo=False)


def redo(project: Project, annotator: str) -> Changes:
    return _replay(project, annotator, redo=True)


def undo_redo_texts(project: Project, annotator: str) -> tuple[str | None, str | None]:
    """What undo and redo would do next, for the Edit menu (None: nothing)."""
    with project.store.read() as conn:
        actor = annotator_id(conn, annotator)
        if actor is None:
            return None, None
        last, nxt = history.peek(conn, actor)
    return (last["summary"] if last else None), (nxt["summary"] if nxt else None)


def add_annotator(project: Project, name: str, role: str = ANNOTATOR) -> None:
    name = name.strip()
    if not name:
        raise InputError("an annotator needs a name")
    if role not in ROLES:
        raise InputError(f"a role is one of {', '.join(ROLES)}")
    with project.store.write() as conn:
        ensure_annotators(conn, [name])
        a = T["annotators"]
        conn.execute(a.update().where(a.c.name == name).values(role=role))


def list_annotators(project: Project) -> list[tuple[str, str]]:
    """(name, role) of everyone in the project, by name."""
    with project.store.read() as conn:
        return list(annotator_roles(conn).items())
