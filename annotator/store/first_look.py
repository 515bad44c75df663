"""The start's first look at a project: what the first window shows, read in one
read-only transaction with the standard library's sqlite3, so that the window paints
before SQLAlchemy and the store's modules are loaded (issue 15: their import alone took
longer than a bare window's whole start). The store is opened as usual right after the
first paint; until then the services answer the start's reads from here
(services.project.Project.first_look).

Taken only where that is safe; `take` returns None everywhere else, and the start goes
the usual way (with the usual messages): a server URL, a file that is missing, empty, not
ours or not at the schema's head revision (it would be upgraded, after a backup), one
that cannot be written now (locked, read-only, a full disk), or any error while reading.

The SQL here reads the same rows as the store's functions named beside each query, and
the rows become objects through the same functions (store.row_objects, core.layer,
core.suggest.offered). tests/store/test_first_look.py holds both to the same answers.
"""

from __future__ import annotations

import json
import sqlite3
from collections import namedtuple
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.layer import LayerDocument
from annotator.core.model import REVIEWER, Codebook, DocLabel
from annotator.core.suggest.offered import Offered, offered
from annotator.store.revisions import HEAD, REVISIONS
from annotator.store.row_objects import (
    CODEBOOK_REVISION,
    SUGGESTIONS_ON,
    DocumentSummary,
    codebook_from_rows,
    document_from_row,
    layer_from_rows,
    suggestions_on,
)
from annotator.store.sqlite_file import (
    FREE_SPACE_FLOOR,
    examine,
    free_space,
    is_url,
    read_only_file,
    read_only_uri,
)


@dataclass(frozen=True)
class FirstLook:
    """What the first window shows, as the store's reads would return it."""

    target: str
    journal_at: int  # the journal's newest id: others' changes after it are heard later
    settings: dict[str, object]
    codebook: Codebook
    codebook_revision: int
    roles: dict[str, str]  # name → role, by name (annotate.list_annotators)
    everyone: list[DocumentSummary]  # the document list before anyone is named
    person: str | None  # whose work was read (None: no one, or someone new)
    summaries: list[DocumentSummary] | None  # the person's document list
    document: LayerDocument | None  # the document the window opens, the person's layer
    offered: Offered | None  # what the person is offered on it (None: not read)

    def documents(self, viewer: str | None) -> list[DocumentSummary] | None:
        """reading.documents; None when not read here."""
        if viewer is None:
            return self.everyone
        return self.summaries if viewer == self.person else None

    def layer_document(self, doc_id: str, annotator: str | None) -> LayerDocument | None:
        """layer.read_document; None when not read here."""
        doc = self.document
        if doc is None or annotator is None or annotator != self.person \
                or doc.document.id != doc_id:
            return None
        return doc

    def offered_on(self, doc_id: str, annotator: str) -> Offered | None:
        """suggestions.offered; None when not read here."""
        if self.layer_document(doc_id, annotator) is None:
            return None
        return self.offered

    def suggestions_on(self) -> bool:
        return suggestions_on(self.settings.get(SUGGESTIONS_ON))


# ---------------------------------------------------------------- safe to take

def can_write(path: Path) -> bool:
    """Whether this process could save work in the project now: the write lock taken and
    given back at once, without waiting (as store.write_check asks, which explains a no:
    the start then goes the usual way, which asks it)."""
    if read_only_file(path):
        return False
    try:
        con = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
    except sqlite3.Error:
        return False
    finally:
        con.close()
    free = free_space(path)
    return free is None or free >= FREE_SPACE_FLOOR


def take(target: str, person: Callable[[dict], str | None],
         choose: Callable[[list[DocumentSummary]], str | None]) -> FirstLook | None:
    """The first look at the SQLite project `target`, or None where it is not taken.

    `person(settings)`: whose work the window shows, from the project's settings (a
    hand-out package names its annotator); `choose(summaries)`: the document it opens.
    """
    if is_url(target):
        return None
    path = Path(target)
    try:
        found = examine(path, target, REVISIONS)
    except ProjectError:
        return None  # refused the usual way, in the usual words
    if found.kind != "ours" or found.revision != HEAD or not can_write(path):
        return None
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        con.execute("BEGIN")  # one snapshot for everything below
        look = _read(con, target, person, choose)
        con.execute("COMMIT")
        return look
    except (sqlite3.Error, ValueError):
        return None
    finally:
        con.close()


# ---------------------------------------------------------------- reading

def _rows(con: sqlite3.Connection, sql: str, params: tuple = (), json_columns: tuple = ()):
    """Rows with their columns as attributes (as SQLAlchemy's), JSON columns decoded."""
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    row = namedtuple("Row", names)
    decode = [names.index(c) for c in json_columns]
    out = []
    for r in cur:
        if decode:
            r = list(r)
            for i in decode:
                r[i] = _json(r[i])
        out.append(row._make(r))
    return out


def _json(value):
    """A JSON column's value: text is JSON; SQLite hands numbers over as numbers (the
    column's affinity stores JSON that is a number as one)."""
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _read(con, target: str, person, choose) -> FirstLook | None:
    settings = {r.key: r.value for r in _rows(con, "SELECT key, value FROM settings",
                                               json_columns=("value",))}
    codebook = _codebook(con, settings)
    if not codebook.labels:
        return None  # a project left half-made: the usual start makes the sample again
    roles = {r.name: r.role for r in _rows(
        con, "SELECT name, role FROM annotators ORDER BY name")}
    everyone = _documents(con, None)
    name = person(settings)
    aid = _one(con, "SELECT id FROM annotators WHERE name = ?", (name,)) if name else None
    summaries = document = offers = None
    if aid is not None and not _has_queue(con, roles[name]):
        summaries = _documents(con, aid)
        doc_id = choose(summaries)
        if doc_id is not None:
            document = _layer_document(con, doc_id, name, aid)
            offers = _offered(con, document, roles[name], settings, aid)
    return FirstLook(
        target, _one(con, "SELECT max(id) FROM journal") or 0, settings, codebook,
        settings.get(CODEBOOK_REVISION) or 0, roles, everyone,
        name if aid is not None else None, summaries, document, offers)


def _one(con, sql: str, params: tuple = ()):
    row = con.execute(sql, params).fetchone()
    return None if row is None else row[0]


def _codebook(con, settings: dict) -> Codebook:
    """codebook_rows.load_codebook."""
    def rows(table: str, json_columns: tuple):
        return _rows(con, f"SELECT * FROM {table} ORDER BY position, id",
                     json_columns=json_columns)

    return codebook_from_rows(
        settings, rows("labels", ()), rows("attributes", ("vals", "labels")),
        rows("doc_label_schemes", ("vals",)),
        _one(con, "SELECT max(number) FROM codebook_versions"))


def _has_queue(con, role: str) -> bool:
    """reading._has_queue: a queue of assigned documents (not read here)."""
    return role != REVIEWER and _one(con, "SELECT EXISTS (SELECT * FROM assignments)")


def _documents(con, aid: int | None) -> list[DocumentSummary]:
    """lookups.list_documents."""
    gold = "(SELECT count(*) FROM gold_spans g WHERE g.document_pk = d.pk)"
    columns = "d.pk, d.id, d.title, d.source, d.event, d.published, d.length"
    if aid is None:
        sql, params = f"SELECT {columns}, NULL, 0, {gold} FROM documents d", ()
    else:
        sql = (f"SELECT {columns}, st.status, (SELECT count(*) FROM spans s "
               f"WHERE s.document_pk = d.pk AND s.annotator_id = ?), {gold} "
               "FROM documents d LEFT OUTER JOIN statuses st "
               "ON st.document_pk = d.pk AND st.annotator_id = ?")
        params = (aid, aid)
    return [DocumentSummary._make(r) for r in con.execute(sql + " ORDER BY d.pk", params)]


def _layer_document(con, doc_id: str, name: str, aid: int) -> LayerDocument | None:
    """layer_rows.read_layer_document for one annotator."""
    found = _rows(con, "SELECT * FROM documents WHERE id = ?", (doc_id,),
                  json_columns=("meta",))
    if not found:
        return None
    pk = found[0].pk
    names = dict(con.execute("SELECT id, name FROM annotators").fetchall())
    spans = con.execute(
        'SELECT s.id, s.start, s."end", l.name, CAST(s.attributes AS TEXT), c.id, s.note, '
        "s.annotator_id FROM spans s JOIN labels l ON l.id = s.label_id "
        "LEFT OUTER JOIN concepts c ON c.pk = s.concept_pk "
        'WHERE s.annotator_id = ? AND s.document_pk = ? '
        'ORDER BY s.start, s."end", s.label_id, s.annotator_id', (aid, pk)).fetchall()
    labels = tuple(DocLabel(*r) for r in con.execute(
        "SELECT a.name, d.name, d.value FROM doc_labels d "
        "JOIN annotators a ON a.id = d.annotator_id "
        "WHERE d.document_pk = ? AND a.name = ? ORDER BY a.name, d.name", (pk, name)))
    status = _one(con, "SELECT status FROM statuses WHERE document_pk = ? "
                       "AND annotator_id = ?", (pk, aid))
    note = _one(con, "SELECT note FROM document_notes WHERE document_pk = ? "
                     "AND annotator_id = ?", (pk, aid))
    return LayerDocument(document_from_row(found[0]), name,
                         layer_from_rows(spans, names),
                         labels, status, note)


def _offered(con, document: LayerDocument | None, role: str, settings: dict,
             aid: int) -> Offered | None:
    """suggestions.offered where nothing is suggested on the document (most documents);
    None (not read here) where something is."""
    if document is None:
        return None
    if role != REVIEWER and not suggestions_on(settings.get(SUGGESTIONS_ON)):
        return Offered()
    pk = _one(con, "SELECT pk FROM documents WHERE id = ?", (document.document.id,))
    if _one(con, "SELECT EXISTS (SELECT * FROM suggestions WHERE document_pk = ? AND "
                 "(annotator_id IS NULL OR annotator_id = ?))", (pk, aid)):
        return None
    return offered([], set())
