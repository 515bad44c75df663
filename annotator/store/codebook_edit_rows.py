"""The codebook as edited in the app: its rows written through the undo log
(store/history.py), and the work that names a codebook item carried along when the item is
renamed or merged: attribute keys and values inside spans, document labels by name,
reviewers' decisions by label. Spans and gold spans refer to labels by id, so a label's
rename reaches them (and everything read from them) by itself.

Usage counts for the editor and for the checks that refuse an edit that would leave
spans with a value the codebook no longer has.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, func, select

from annotator.core.codebook_edits import (
    ATTRIBUTE,
    DOC_LABEL,
    LABEL,
    LabelUse,
    MergePreview,
    items,
)
from annotator.core.model import Codebook
from annotator.store import history
from annotator.store.codebook_rows import attribute_row, doc_label_row, label_id, label_row
from annotator.store.tables import T

TABLES = {LABEL: "labels", ATTRIBUTE: "attributes", DOC_LABEL: "doc_label_schemes"}
_ROW: dict[str, Callable[[Any], dict]] = {LABEL: label_row, ATTRIBUTE: attribute_row,
                                          DOC_LABEL: doc_label_row}
TEXT_SETTINGS = {"name": "codebook_name", "guidelines": "codebook_guidelines"}
_SPAN_TABLES = ("spans", "gold_spans")


def write_codebook(conn: Connection, new: Codebook,
                   renamed: Mapping[tuple[str, str], str] | None = None) -> None:
    """Make the stored codebook rows say what `new` says, row by row through the undo log.
    `renamed` maps (kind, name in `new`) to the name it is stored under. Nothing is
    deleted: `new` holds every item, retired ones too."""
    renamed = renamed or {}
    for kind, table in TABLES.items():
        tab = T[table]
        stored = {r["name"]: dict(r) for r in conn.execute(select(tab)).mappings()}
        for position, item in enumerate(items(new, kind)):
            values = {**_ROW[kind](item), "position": position}
            row = stored.get(renamed.get((kind, item.name), item.name))
            if row is None:
                history.insert_row(conn, table, values)
            elif any(row[k] != v for k, v in values.items()):
                history.update_row(conn, table, {"id": row["id"]}, values)
    settings = T["settings"]
    stored = dict(conn.execute(select(settings.c.key, settings.c.value)).all())
    for field, key in TEXT_SETTINGS.items():
        value = getattr(new, field)
        if key in stored:
            if stored[key] != value:
                history.update_row(conn, "settings", {"key": key}, {"value": value})
        elif value is not None:
            history.insert_row(conn, "settings", {"key": key, "value": value})


# ------------------------------------------------------------------ carried along

def _span_rows(conn: Connection, table: str) -> Iterator[Any]:
    tab = T[table]
    yield from conn.execute(select(tab.c.id, tab.c.label_id, tab.c.attributes)
                            .order_by(tab.c.id)).all()


def rename_attribute(conn: Connection, old: str, new: str) -> None:
    """Spans and gold spans holding attribute `old` hold it as `new` (same place)."""
    for table in _SPAN_TABLES:
        for r in _span_rows(conn, table):
            if r.attributes and old in r.attributes:
                values = {new if k == old else k: v for k, v in r.attributes.items()}
                history.update_row(conn, table, {"id": r.id}, {"attributes": values})


def rename_attribute_value(conn: Connection, attribute: str, old: str, new: str) -> None:
    for table in _SPAN_TABLES:
        for r in _span_rows(conn, table):
            if r.attributes and r.attributes.get(attribute) == old:
                values = {**r.attributes, attribute: new}
                history.update_row(conn, table, {"id": r.id}, {"attributes": values})


def rename_doc_label(conn: Connection, old: str, new: str) -> None:
    """Annotators' and the gold's document labels of kind `old` become `new`."""
    d = T["doc_labels"]
    for rid in conn.execute(select(d.c.id).where(d.c.name == old).order_by(d.c.id)).scalars():
        history.update_row(conn, "doc_labels", {"id": rid}, {"name": new})
    g = T["gold_doc_labels"]
    # the name is part of a gold document label's key: taken out and put back renamed
    for row in conn.execute(select(g).where(g.c.name == old).order_by(g.c.document_pk)
                            ).mappings().all():
        history.delete_row(conn, "gold_doc_labels", {"document_pk": row["document_pk"],
                                                     "name": old})
        history.insert_row(conn, "gold_doc_labels", {**row, "name": new})


def rename_doc_label_value(conn: Connection, name: str, old: str, new: str) -> None:
    for table, key in (("doc_labels", "id"), ("gold_doc_labels", "document_pk")):
        tab = T[table]
        for row in conn.execute(select(tab).where(tab.c.name == name, tab.c.value == old)
                                ).mappings().all():
            pk = {"id": row["id"]} if key == "id" else {"document_pk": row["document_pk"],
                                                        "name": name}
            history.update_row(conn, table, pk, {"value": new})


def rename_label_in_decisions(conn: Connection, old: str, new: str) -> None:
    """Reviewers' decisions name the candidate's label: they follow the label."""
    dc = T["decisions"]
    for rid in conn.execute(select(dc.c.id).where(dc.c.label == old).order_by(dc.c.id)
                            ).scalars().all():
        history.update_row(conn, "decisions", {"id": rid}, {"label": new})


def _merge_plan(conn: Connection, source: str, target: str,
                carried: Collection[str] | None):
    """Per table, (id, duplicate?, attributes after) of each span of `source`."""
    sid, tid = label_id(conn, source), label_id(conn, target)
    plan = {}
    for table, place in (("spans", ("document_pk", "annotator_id", "start", "end")),
                         ("gold_spans", ("document_pk", "start", "end"))):
        tab = T[table]
        cols = [tab.c[c] for c in place]
        taken = {tuple(r) for r in conn.execute(select(*cols).where(tab.c.label_id == tid))}
        rows = []
        for r in conn.execute(select(tab.c.id, tab.c.attributes, *cols)
                              .where(tab.c.label_id == sid).order_by(tab.c.id)).mappings():
            attrs = dict(r["attributes"] or {})
            kept = attrs if carried is None else {k: v for k, v in attrs.items()
                                                  if k in carried}
            rows.append((r["id"], tuple(r[c] for c in place) in taken, attrs, kept,
                         r.get("annotator_id")))
        plan[table] = rows
    return sid, tid, plan


def merge_preview(conn: Connection, source: str, target: str,
                  carried: Collection[str] | None) -> MergePreview:
    """What `merge_label` would do (`carried`: the attributes `target` carries, None:
    every attribute)."""
    _, _, plan = _merge_plan(conn, source, target, carried)
    spans, gold = plan["spans"], plan["gold_spans"]
    return MergePreview(
        source, target, len(spans) + 0, len({who for *_, who in spans}), len(gold),
        sum(dup for _, dup, *_ in spans), sum(dup for _, dup, *_ in gold),
        sum(1 for _, dup, attrs, kept, _ in (*spans, *gold) if not dup and attrs != kept))


def merge_label(conn: Connection, source: str, target: str,
                carried: Collection[str] | None) -> None:
    """Every span and gold span of `source` becomes `target`'s (a duplicate of a
    `target` span at the same place, same annotator, is removed instead), keeping the
    attributes `target` carries; decisions follow. Through the undo log."""
    _, tid, plan = _merge_plan(conn, source, target, carried)
    for table, rows in plan.items():
        for rid, duplicate, _, kept, _ in rows:
            if duplicate:
                history.delete_row(conn, table, {"id": rid})
            else:
                history.update_row(conn, table, {"id": rid},
                                   {"label_id": tid, "attributes": kept or None})
    rename_label_in_decisions(conn, source, target)


# ------------------------------------------------------------------ usage

def label_usage(conn: Connection) -> dict[str, LabelUse]:
    """Every used label's spans, annotators and gold spans (unused labels left out)."""
    s, g, lab = T["spans"], T["gold_spans"], T["labels"]
    out: dict[str, list[int]] = {}
    for name, n, people in conn.execute(
            select(lab.c.name, func.count(), func.count(s.c.annotator_id.distinct()))
            .select_from(s).join(lab, lab.c.id == s.c.label_id).group_by(lab.c.name)):
        out[name] = [n, people, 0]
    for name, n in conn.execute(select(lab.c.name, func.count()).select_from(g)
                                .join(lab, lab.c.id == g.c.label_id).group_by(lab.c.name)):
        out.setdefault(name, [0, 0, 0])[2] = n
    return {name: LabelUse(*v) for name, v in out.items()}


def attribute_uses(conn: Connection, attribute: str) -> Counter[tuple[str, str]]:
    """How many spans and gold spans hold `attribute`, by (label, value)."""
    lab = T["labels"]
    names = dict(conn.execute(select(lab.c.id, lab.c.name)).all())
    out: Counter[tuple[str, str]] = Counter()
    for table in _SPAN_TABLES:
        for r in _span_rows(conn, table):
            if r.attributes and attribute in r.attributes:
                out[(names[r.label_id], r.attributes[attribute])] += 1
    return out


def doc_label_uses(conn: Connection, name: str) -> Counter[str]:
    """How many annotators' and gold document labels of kind `name` have each value."""
    out: Counter[str] = Counter()
    for table in ("doc_labels", "gold_doc_labels"):
        tab = T[table]
        for value, n in conn.execute(select(tab.c.value, func.count())
                                     .where(tab.c.name == name).group_by(tab.c.value)):
            out[value] += n
    return out
