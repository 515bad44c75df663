"""What one write transaction changed: recorded by the store functions that write rows, so
that the service's `Changes`, the undo log and the journal other processes read all come
from the same record.

`Store.write()` starts a record on its connection; writing functions call `touch_rows`
(or `touch` for a whole table); `changes` turns the record into a core `Changes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from annotator.core import changes as ch
from annotator.core.changes import Changes
from annotator.store.tables import T

_KEY = "annotator.written"

# The kind of change (core.changes) each table's rows are; tables not listed (the action
# log, the journal) are not reported.
KIND = {
    "spans": ch.SPANS, "doc_labels": ch.DOC_LABELS, "statuses": ch.STATUSES,
    "document_notes": ch.NOTES, "gold_spans": ch.GOLD, "gold_doc_labels": ch.GOLD_DOC_LABELS,
    "decisions": ch.DECISIONS, "documents": ch.DOCUMENTS, "concepts": ch.CONCEPTS,
    "annotators": ch.ANNOTATORS, "labels": ch.CODEBOOK, "attributes": ch.CODEBOOK,
    "doc_label_schemes": ch.CODEBOOK, "settings": ch.CODEBOOK,
    "assignments": ch.ASSIGNMENTS,
    "codebook_versions": ch.CODEBOOK, "rounds": ch.ROUNDS, "round_documents": ch.ROUNDS,
    "suggestions": ch.SUGGESTIONS, "suggestion_rejections": ch.SUGGESTIONS,
}
# Whose work a row is (an annotator's layer, or the reviewer who decided it).
OWNER = {"spans": "annotator_id", "doc_labels": "annotator_id", "statuses": "annotator_id",
         "document_notes": "annotator_id", "gold_spans": "decided_by",
         "gold_doc_labels": "decided_by", "decisions": "reviewer_id",
         "assignments": "annotator_id"}
_LISTED = {"spans": "span_ids", "gold_spans": "gold_ids"}  # row ids Changes lists
_MAX_IDS = 200_000  # beyond this a Changes lists no ids (views re-read the documents)

Entry = tuple[str, int | None, int | None]  # (kind, document pk, owner id)


@dataclass
class Written:
    at: str
    entries: dict[Entry, None] = field(default_factory=dict)  # an ordered set
    span_ids: list[int] = field(default_factory=list)
    gold_ids: list[int] = field(default_factory=list)
    complete: bool = True
    undoable: list[dict[str, Any]] = field(default_factory=list)  # row images (history)
    # ids already looked up in this transaction, so that `changes` need not look again
    doc_ids: dict[int, str] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)


def begin(conn: Connection, at: str) -> Written:
    record = Written(at)
    conn.info[_KEY] = record
    return record


def end(conn: Connection) -> None:
    conn.info.pop(_KEY, None)


def current(conn: Connection) -> Written | None:
    return conn.info.get(_KEY)


def know(conn: Connection, doc_pk: int | None = None, doc_id: str | None = None,
         person: int | None = None, name: str | None = None) -> None:
    """Remember a document's id or a person's name looked up in this transaction."""
    record = current(conn)
    if record is not None:
        if doc_pk is not None:
            record.doc_ids[doc_pk] = doc_id
        if person is not None:
            record.names[person] = name


def touch(conn: Connection, table: str, document_pk: int | None = None,
          owner: int | None = None) -> None:
    """Record a change to `table` that names no row (a whole table, or rows in bulk)."""
    record = current(conn)
    if record is not None and table in KIND:
        record.entries[(KIND[table], document_pk, owner)] = None
        if table in _LISTED:
            record.complete = False


def touch_rows(conn: Connection, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
    """Record rows of `table` written (as they are, or were before a delete); rows of
    spans or gold spans without their "id" make the Changes incomplete."""
    record = current(conn)
    if record is None or table not in KIND:
        return
    kind, owner = KIND[table], OWNER.get(table)
    listed = getattr(record, _LISTED[table]) if table in _LISTED else None
    for row in rows:
        doc = row.get("pk") if table == "documents" else row.get("document_pk")
        record.entries[(kind, doc, row.get(owner) if owner else None)] = None
        if listed is not None:
            if "id" in row:
                listed.append(row["id"])
            else:
                record.complete = False
    if listed is not None and len(listed) > _MAX_IDS:
        listed.clear()
        record.complete = False


def changes(conn: Connection, description: str = "") -> Changes:
    """The transaction's changes so far, as views need them."""
    record = current(conn)
    if record is None or not record.entries:
        return ch.NOTHING
    return changes_of(conn, record.entries, description, record.span_ids, record.gold_ids,
                      record.complete, record.doc_ids, record.names)


def changes_of(conn: Connection, entries: Iterable[Entry], description: str = "",
               span_ids: Iterable[int] = (), gold_ids: Iterable[int] = (),
               complete: bool = True, doc_ids: dict[int, str] | None = None,
               names: dict[int, str] | None = None) -> Changes:
    entries = list(entries)
    if not entries:
        return ch.NOTHING
    doc_pks = {doc for _, doc, _ in entries if doc is not None}
    owners = {owner for kind, _, owner in entries if owner is not None and kind in ch.OWN_WORK}
    docs, people = T["documents"], T["annotators"]
    ids = {pk: doc_ids[pk] for pk in doc_pks if doc_ids and pk in doc_ids}
    ids.update(_names(conn, docs.c.pk, docs.c.id, doc_pks - set(ids)))
    names = {o: names[o] for o in owners if names and o in names}
    names.update(_names(conn, people.c.id, people.c.name, owners - set(names)))
    return Changes(frozenset(kind for kind, _, _ in entries),
                   frozenset(ids[pk] for pk in doc_pks if pk in ids),
                   tuple(dict.fromkeys(span_ids)), tuple(dict.fromkeys(gold_ids)),
                   frozenset(names[o] for o in owners if o in names), description, complete)


def _names(conn: Connection, key, value, wanted: set[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    if not wanted:
        return out
    keys = sorted(wanted)
    for i in range(0, len(keys), 500):
        out.update(conn.execute(select(key, value).where(key.in_(keys[i:i + 500]))).all())
    return out
