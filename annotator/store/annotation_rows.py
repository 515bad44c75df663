"""An annotator's own work, row by row and undoable: spans, document labels, the status and
the note of a document. Names (labels, concepts) are turned into ids here; the rules of
what may be written are the services'."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, insert, select

from annotator.core.errors import InputError
from annotator.core.model import Span
from annotator.store import history
from annotator.store.annotator_rows import annotator_names
from annotator.store.codebook_rows import concept_pk, label_id, with_names
from annotator.store.codebook_versions import current_version
from annotator.store.tables import T


def _existing_span(conn: Connection, doc_pk: int, actor: int, start: int, end: int,
                   lid: int) -> int | None:
    s = T["spans"]
    return conn.execute(select(s.c.id).where(
        s.c.document_pk == doc_pk, s.c.annotator_id == actor, s.c.start == start,
        s.c.end == end, s.c.label_id == lid)).scalar()


def add_span(conn: Connection, doc_pk: int, actor: int, start: int, end: int, label: str,
             attributes: Mapping[str, str] | None = None, concept: str | None = None,
             note: str | None = None, suggested: Mapping | None = None) -> int | None:
    """The new span's id; None when the actor already has that span (nothing written).
    `suggested`: the suggestion it was accepted from (store.suggestion_rows)."""
    row = history.insert_new_row(conn, "spans", {
        "document_pk": doc_pk, "annotator_id": actor, "start": start, "end": end,
        "label_id": label_id(conn, label), "attributes": dict(attributes or {}) or None,
        "concept_pk": concept_pk(conn, concept), "note": note or None,
        "codebook_version": current_version(conn),
        "suggested": dict(suggested) if suggested else None})
    return row["id"] if row is not None else None


def add_spans(conn: Connection, doc_pk: int, actor: int, places: Sequence[tuple[int, int]],
              label: str, attributes: Mapping[str, str] | None = None) -> int:
    """Spans of one label at many (start, end) places of a document, in one statement;
    places the actor already has (or that repeat) are left out. Returns how many are new."""
    lid = label_id(conn, label)
    s = T["spans"]
    mine = select(s.c.id, s.c.start, s.c.end).where(
        s.c.document_pk == doc_pk, s.c.annotator_id == actor, s.c.label_id == lid)
    have = {(r.start, r.end) for r in conn.execute(mine)}
    rows = []
    for start, end in places:
        if (start, end) in have:
            continue
        have.add((start, end))
        rows.append({"document_pk": doc_pk, "annotator_id": actor, "start": start, "end": end,
                     "label_id": lid, "attributes": dict(attributes or {}) or None,
                     "concept_pk": None, "note": None})
    if not rows:
        return 0
    # Without RETURNING, SQLite inserts them in one go; the places are unique under the
    # write lock, so their ids are read back by place.
    conn.execute(insert(s), rows)
    ids = {(r.start, r.end): r.id for r in conn.execute(mine)}
    history.inserted(conn, "spans", [{"id": ids[r["start"], r["end"]], **r} for r in rows])
    return len(rows)


def stored_span(conn: Connection, span_id: int) -> tuple[int, Span]:
    """The span's document pk and the span."""
    row = conn.execute(with_names("spans").where(T["spans"].c.id == span_id)).first()
    if row is None:
        raise InputError(f"span {span_id} no longer exists")
    who = annotator_names(conn)[row.annotator_id]
    return row.document_pk, Span(who, row.start, row.end, row.label, row.attributes or {},
                                 row.concept, row.note, row.id)


_UNSET = object()


def update_span(conn: Connection, span_id: int, *, start: int, end: int, label: str,
                attributes: Mapping[str, str], concept=_UNSET, note=_UNSET) -> None:
    """Change a span (concept and note only when given); refused when its annotator
    already has a span with that label at that place."""
    s = T["spans"]
    doc_pk, actor = conn.execute(select(s.c.document_pk, s.c.annotator_id)
                                 .where(s.c.id == span_id)).one()
    values = {"start": start, "end": end, "label_id": label_id(conn, label),
              "attributes": dict(attributes) or None}
    before = conn.execute(select(s.c.start, s.c.end, s.c.label_id, s.c.attributes)
                          .where(s.c.id == span_id)).one()
    if (before.start, before.end, before.label_id, before.attributes or None) != tuple(
            values.values()):
        # its annotator decided again, under the codebook as it is now
        values["codebook_version"] = current_version(conn)
    if concept is not _UNSET:
        values["concept_pk"] = concept_pk(conn, concept or None)
    if note is not _UNSET:
        values["note"] = note or None
    clash = _existing_span(conn, doc_pk, actor, start, end, values["label_id"])
    if clash is not None and clash != span_id:
        raise InputError("you already have a span with that label at that place")
    history.update_row(conn, "spans", {"id": span_id}, values)


def delete_span(conn: Connection, span_id: int) -> None:
    history.delete_row(conn, "spans", {"id": span_id})


def set_doc_label(conn: Connection, doc_pk: int, actor: int, name: str,
                  value: str | None) -> None:
    """Set (or with None, clear) a document-level label of the actor's."""
    d = T["doc_labels"]
    row = conn.execute(select(d.c.id).where(d.c.document_pk == doc_pk,
                                            d.c.annotator_id == actor,
                                            d.c.name == name)).scalar()
    if value is None:
        if row is not None:
            history.delete_row(conn, "doc_labels", {"id": row})
    elif row is None:
        history.insert_row(conn, "doc_labels", {
            "document_pk": doc_pk, "annotator_id": actor, "name": name, "value": value})
    else:
        history.update_row(conn, "doc_labels", {"id": row}, {"value": value})


def set_status(conn: Connection, doc_pk: int, actor: int, status: str | None) -> None:
    _set_keyed(conn, "statuses", "status", doc_pk, actor, status)


def set_note(conn: Connection, doc_pk: int, actor: int, note: str | None) -> None:
    _set_keyed(conn, "document_notes", "note", doc_pk, actor, note)


def _set_keyed(conn: Connection, table: str, column: str, doc_pk: int, actor: int,
               value: str | None) -> None:
    """Upsert or delete the one row of (document, annotator) in statuses or notes."""
    key = {"document_pk": doc_pk, "annotator_id": actor}
    tab = T[table]
    exists = conn.execute(select(tab.c[column]).where(
        tab.c.document_pk == doc_pk, tab.c.annotator_id == actor)).first()
    if value is None:
        if exists is not None:
            history.delete_row(conn, table, key)
    elif exists is None:
        history.insert_row(conn, table, {**key, column: value})
    else:
        history.update_row(conn, table, key, {column: value})
