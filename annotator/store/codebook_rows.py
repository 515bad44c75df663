"""The codebook and concepts in the database, read and written as core dataclasses."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select, update

from annotator.core.model import Attribute, Codebook, Concept, DocLabelScheme, Label
from annotator.store.tables import T

CODEBOOK_SETTINGS = ("codebook_name", "codebook_version", "codebook_guidelines")


def load_codebook(conn: Connection) -> Codebook:
    settings = dict(conn.execute(select(T["settings"].c.key, T["settings"].c.value)).all())
    labels = tuple(
        Label(r.name, r.grp, r.color, r.hotkey, r.description)
        for r in conn.execute(select(T["labels"]).order_by(T["labels"].c.position))
    )
    attributes = tuple(
        Attribute(r.name, tuple(r.vals) if r.vals else None,
                  tuple(r.labels) if r.labels is not None else None, bool(r.required))
        for r in conn.execute(select(T["attributes"]).order_by(T["attributes"].c.position))
    )
    doc_labels = tuple(
        DocLabelScheme(r.name, tuple(r.vals or ()))
        for r in conn.execute(select(T["doc_label_schemes"])
                              .order_by(T["doc_label_schemes"].c.position))
    )
    return Codebook(
        name=settings.get("codebook_name") or "Codebook",
        version=settings.get("codebook_version"),
        guidelines=settings.get("codebook_guidelines"),
        labels=labels, attributes=attributes, doc_labels=doc_labels,
    )


def save_codebook(conn: Connection, cb: Codebook) -> None:
    """Make the stored codebook equal `cb`: labels keep their ids (spans refer to them)."""
    settings = T["settings"]
    conn.execute(delete(settings).where(settings.c.key.in_(CODEBOOK_SETTINGS)))
    conn.execute(insert(settings), [
        {"key": "codebook_name", "value": cb.name},
        {"key": "codebook_version", "value": cb.version},
        {"key": "codebook_guidelines", "value": cb.guidelines},
    ])
    labels = T["labels"]
    existing = dict(conn.execute(select(labels.c.name, labels.c.id)).all())
    for pos, lab in enumerate(cb.labels):
        values = {"name": lab.name, "grp": lab.group, "color": lab.color,
                  "hotkey": lab.hotkey, "description": lab.description, "position": pos}
        if lab.name in existing:
            conn.execute(update(labels).where(labels.c.id == existing[lab.name]).values(values))
        else:
            conn.execute(insert(labels).values(values))
    for table, rows in (
        ("attributes", [{"name": a.name, "vals": list(a.values) if a.values else None,
                         "labels": list(a.labels) if a.labels is not None else None,
                         "required": a.required} for a in cb.attributes]),
        ("doc_label_schemes", [{"name": d.name, "vals": list(d.values)}
                               for d in cb.doc_labels]),
    ):
        conn.execute(delete(T[table]))
        if rows:
            conn.execute(insert(T[table]), [dict(r, position=i) for i, r in enumerate(rows)])


def label_ids(conn: Connection) -> dict[str, int]:
    return dict(conn.execute(select(T["labels"].c.name, T["labels"].c.id)).all())


def load_concepts(conn: Connection) -> list[Concept]:
    c = T["concepts"]
    return [Concept(r.id, r.name, r.type, r.event, r.description)
            for r in conn.execute(select(c).order_by(c.c.pk))]


def concept_pks(conn: Connection) -> dict[str, int]:
    c = T["concepts"]
    return dict(conn.execute(select(c.c.id, c.c.pk)).all())


def add_concepts(conn: Connection, concepts: list[Concept]) -> dict[str, int]:
    """Add the concepts not stored yet (a stored concept keeps its fields)."""
    known = concept_pks(conn)
    new = [c for c in concepts if c.id not in known]
    if new:
        conn.execute(insert(T["concepts"]), [
            {"id": c.id, "name": c.name, "type": c.type, "event": c.event,
             "description": c.description} for c in new])
        known = concept_pks(conn)
    return known
