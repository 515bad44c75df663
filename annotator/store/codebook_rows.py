"""The codebook and concepts in the database, read and written as core dataclasses."""

from __future__ import annotations

from functools import cache

from sqlalchemy import Connection, bindparam, func, insert, select, update

from annotator.core.errors import InputError
from annotator.core.model import Attribute, Codebook, Concept, DocLabelScheme, Label
from annotator.store import written
from annotator.store.bulk import insert_new
from annotator.store.row_objects import CODEBOOK_REVISION as _REVISION
from annotator.store.row_objects import codebook_from_rows
from annotator.store.tables import T

CODEBOOK_SETTINGS = ("codebook_name", "codebook_version", "codebook_guidelines")


def codebook_revision(conn: Connection) -> int:
    """Grows whenever the stored codebook changes: a cached copy read at the same revision
    is current (one indexed read instead of reading the codebook)."""
    return conn.execute(_revision()).scalar() or 0


# The reads every edit makes, each statement built once (building one took longer than
# SQLite running it).
@cache
def _revision():
    settings = T["settings"]
    return select(settings.c.value).where(settings.c.key == _REVISION)


@cache
def _label_id():
    labels = T["labels"]
    return select(labels.c.id).where(labels.c.name == bindparam("name"))


def load_codebook(conn: Connection) -> Codebook:
    def rows(table: str):
        t = T[table]
        return conn.execute(select(t).order_by(t.c.position, t.c.id))

    return codebook_from_rows(
        dict(conn.execute(select(T["settings"].c.key, T["settings"].c.value)).all()),
        rows("labels"), rows("attributes"), rows("doc_label_schemes"),
        conn.execute(select(func.max(T["codebook_versions"].c.number))).scalar())


def save_codebook(conn: Connection, cb: Codebook) -> None:
    """Store `cb` over the stored codebook by name: what it declares is added or updated,
    nothing is deleted (labels keep their ids: spans refer to them). Callers compute `cb`
    from the codebook read in the same transaction, so two writers' additions merge."""
    settings = T["settings"]
    stored = dict(conn.execute(select(settings.c.key, settings.c.value)).all())
    values = dict(zip(CODEBOOK_SETTINGS, (cb.name, cb.version, cb.guidelines), strict=True))
    changed = 0
    for key, value in values.items():
        if key not in stored:
            changed += insert_new(conn, "settings", [{"key": key, "value": value}], ["key"])
        elif stored[key] != value:
            conn.execute(update(settings).where(settings.c.key == key).values(value=value))
            written.touch(conn, "settings")
            changed += 1
    changed += _by_name(conn, "labels", [
        label_row(lab) for lab in cb.labels])
    changed += _by_name(conn, "attributes", [attribute_row(a) for a in cb.attributes])
    changed += _by_name(conn, "doc_label_schemes", [doc_label_row(d) for d in cb.doc_labels])
    if changed:
        bump_revision(conn)


def label_row(lab: Label) -> dict:
    return {"name": lab.name, "grp": lab.group, "color": lab.color, "hotkey": lab.hotkey,
            "description": lab.description, "retired": lab.retired}


def attribute_row(a: Attribute) -> dict:
    return {"name": a.name, "vals": list(a.values) if a.values else None,
            "labels": list(a.labels) if a.labels is not None else None,
            "required": a.required, "retired": a.retired}


def doc_label_row(d: DocLabelScheme) -> dict:
    return {"name": d.name, "vals": list(d.values), "retired": d.retired}


def bump_revision(conn: Connection) -> None:
    """Say that the stored codebook changed (cached copies are re-read)."""
    settings = T["settings"]
    revision = codebook_revision(conn)
    if conn.execute(update(settings).where(settings.c.key == _REVISION)
                    .values(value=revision + 1)).rowcount == 0:
        conn.execute(insert(settings).values(key=_REVISION, value=1))


def _by_name(conn: Connection, table: str, rows: list[dict]) -> int:
    """Rows stored by name: added or updated; how many changed."""
    tab = T[table]
    existing = {r.name: r._mapping for r in conn.execute(select(tab))}
    new, changed = [], 0
    for pos, row in enumerate(rows):
        row = {**row, "position": pos}
        old = existing.get(row["name"])
        if old is None:
            new.append(row)
        elif any(old[k] != v for k, v in row.items()):
            conn.execute(update(tab).where(tab.c.id == old["id"]).values(row))
            written.touch(conn, table)
            changed += 1
    return changed + insert_new(conn, table, new, ["name"])


def label_ids(conn: Connection) -> dict[str, int]:
    return dict(conn.execute(select(T["labels"].c.name, T["labels"].c.id)).all())


def label_id(conn: Connection, name: str) -> int:
    lid = conn.execute(_label_id(), {"name": name}).scalar()
    if lid is None:
        raise InputError(f"the codebook has no label {name!r}")
    return lid


def with_names(table: str):
    """A select of every column of a table of marks (spans, suggestions) with its label's
    name as `label` and its concept's id as `concept`."""
    m, lab, c = T[table], T["labels"], T["concepts"]
    return (select(m, lab.c.name.label("label"), c.c.id.label("concept"))
            .join(lab, lab.c.id == m.c.label_id).outerjoin(c, c.c.pk == m.c.concept_pk))


def load_concepts(conn: Connection) -> list[Concept]:
    c = T["concepts"]
    return [Concept(r.id, r.name, r.type, r.event, r.description)
            for r in conn.execute(select(c).order_by(c.c.pk))]


def concept_pks(conn: Connection) -> dict[str, int]:
    c = T["concepts"]
    return dict(conn.execute(select(c.c.id, c.c.pk)).all())


def concept_pk(conn: Connection, concept: str | None) -> int | None:
    if concept is None:
        return None
    pk = conn.execute(select(T["concepts"].c.pk).where(T["concepts"].c.id == concept)).scalar()
    if pk is None:
        raise InputError(f"no concept {concept!r} in the project")
    return pk


def add_concepts(conn: Connection, concepts: list[Concept]) -> dict[str, int]:
    """Add the concepts not stored yet (a stored concept keeps its fields)."""
    insert_new(conn, "concepts", [
        {"id": c.id, "name": c.name, "type": c.type, "event": c.event,
         "description": c.description} for c in concepts], ["id"])
    return concept_pks(conn)
