"""Suggestions, the annotators' rejections of them, and the suggestion settings.

A source's suggestions are replaced in bulk (an import or a recommender's run, recorded in
the audit log, not undone); an annotator's rejection is an undoable row of their own, and
an accepted suggestion becomes their span with its provenance (annotation_rows.add_span).
What an annotator is offered is decided in core.suggest.offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Text, cast, delete, func, insert, or_, select, update

from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.core.proposals import Provenance, Rejection, Suggestion
from annotator.core.suggest import provenance
from annotator.core.suggest.offered import Offered, offered
from annotator.store import history, written
from annotator.store.annotator_rows import annotator_names
from annotator.store.codebook_rows import concept_pks, label_id, label_ids, with_names
from annotator.store.row_objects import SUGGESTIONS_ON as ENABLED
from annotator.store.row_objects import document_from_row, suggestions_on
from annotator.store.tables import T

_CHUNK = 5000
TAGGER = "suggestion_tagger"  # settings key: the tagger's last training and evaluation


# ---------------------------------------------------------------- writing suggestions

def replace(conn: Connection, source: str, doc_pks: Iterable[int],
            suggestions: Mapping[int, Sequence[Suggestion]], people: Mapping[str, int]
            ) -> int:
    """`source`'s suggestions on the documents `doc_pks` become `suggestions` (by document
    pk; `people` maps the names of the annotators some are offered to, to their ids).
    Labels and concepts must be known. Returns the number stored."""
    s = T["suggestions"]
    pks = sorted(set(doc_pks))
    for i in range(0, len(pks), 500):
        chunk = pks[i:i + 500]
        gone = conn.execute(select(s.c.document_pk).where(
            s.c.source == source, s.c.document_pk.in_(chunk)).distinct()).scalars().all()
        if gone:
            conn.execute(delete(s).where(s.c.source == source, s.c.document_pk.in_(chunk)))
            for pk in gone:
                written.touch(conn, "suggestions", pk)
    labels, concepts = label_ids(conn), concept_pks(conn)
    rows = [{"document_pk": pk, "source": source, "start": x.start, "end": x.end,
             "label_id": labels[x.label], "score": x.score,
             "attributes": dict(x.attributes) or None,
             "concept_pk": concepts[x.concept] if x.concept else None,
             "annotator_id": people[x.annotator] if x.annotator else None}
            for pk, found in suggestions.items() for x in found]
    for i in range(0, len(rows), _CHUNK):
        conn.execute(insert(s), rows[i:i + _CHUNK])
    for pk in {r["document_pk"] for r in rows}:
        written.touch(conn, "suggestions", pk)
    return len(rows)


def clear_source(conn: Connection, source: str) -> int:
    s = T["suggestions"]
    pks = conn.execute(select(s.c.document_pk).where(s.c.source == source).distinct()
                       ).scalars().all()
    removed = conn.execute(delete(s).where(s.c.source == source)).rowcount
    for pk in pks:
        written.touch(conn, "suggestions", pk)
    return removed


# ---------------------------------------------------------------- reading

def _rows_query(doc_pk: int, annotator_id: int | None):
    s, lab, c = T["suggestions"], T["labels"], T["concepts"]
    mine = s.c.annotator_id.is_(None)
    if annotator_id is not None:
        mine = or_(mine, s.c.annotator_id == annotator_id)
    return (select(s.c.id, s.c.start, s.c.end, lab.c.name, cast(s.c.attributes, Text),
                   c.c.id, s.c.source, s.c.score)
            .join(lab, lab.c.id == s.c.label_id)
            .outerjoin(c, c.c.pk == s.c.concept_pk)
            .where(s.c.document_pk == doc_pk, mine)
            .order_by(s.c.start, s.c.end, s.c.id))


def taken(conn: Connection, doc_pk: int, annotator_id: int | None) -> set[tuple]:
    """The (start, end, label) the annotator has rejected, annotated, or accepted a
    suggestion of (edited or not), on one document."""
    if annotator_id is None:
        return set()
    lab = T["labels"]
    names = dict(conn.execute(select(lab.c.id, lab.c.name)).all())
    r, sp = T["suggestion_rejections"], T["spans"]
    out = {(a, b, names[c]) for a, b, c in conn.execute(
        select(r.c.start, r.c.end, r.c.label_id).where(r.c.document_pk == doc_pk,
                                                     r.c.annotator_id == annotator_id))}
    for start, end, lid, came in conn.execute(
            select(sp.c.start, sp.c.end, sp.c.label_id, sp.c.suggested)
            .where(sp.c.document_pk == doc_pk, sp.c.annotator_id == annotator_id)):
        out.add((start, end, names[lid]))
        if came:
            out.add((came["start"], came["end"], came["label"]))
    return out


def offered_on(conn: Connection, doc_pk: int, annotator_id: int | None) -> Offered:
    """What the annotator (None: someone who has done nothing yet) is offered on a
    document."""
    rows = conn.execute(_rows_query(doc_pk, annotator_id)).all()
    # nothing suggested (most documents): what the annotator has taken does not matter,
    # and reading it means reading all their spans
    return offered(rows, taken(conn, doc_pk, annotator_id) if rows else set())


def stored(conn: Connection, suggestion_id: int) -> tuple[int, int | None, Suggestion]:
    """A suggestion's document pk, the annotator it is offered to (None: everyone), and
    the suggestion; InputError when it is gone (its source was run again)."""
    s = T["suggestions"]
    row = conn.execute(with_names("suggestions").where(s.c.id == suggestion_id)).first()
    if row is None:
        raise InputError("that suggestion is no longer there (its source has been run "
                         "again); nothing was changed")
    return row.document_pk, row.annotator_id, Suggestion(
        row.source, row.start, row.end, row.label, row.score, row.attributes or {},
        row.concept, id=row.id)


def origin_of(suggestion: Suggestion) -> dict:
    """What a span accepted from `suggestion` records of it (spans.suggested)."""
    return provenance.to_json(Provenance(
        suggestion.source, suggestion.start, suggestion.end, suggestion.label,
        suggestion.score, dict(suggestion.attributes), suggestion.concept, suggestion.id),
        with_id=True)


def reject(conn: Connection, doc_pk: int, actor: int, start: int, end: int,
           label: str) -> bool:
    """Record the actor's rejection (undoable); False when already rejected."""
    r = T["suggestion_rejections"]
    lid = label_id(conn, label)
    if conn.execute(select(r.c.id).where(
            r.c.document_pk == doc_pk, r.c.annotator_id == actor, r.c.start == start,
            r.c.end == end, r.c.label_id == lid)).first() is not None:
        return False
    history.insert_row(conn, "suggestion_rejections", {
        "document_pk": doc_pk, "annotator_id": actor, "start": start, "end": end,
        "label_id": lid, "at": history.now()})
    return True


@dataclass(frozen=True)
class SourceCount:
    source: str
    suggestions: int
    documents: int


def sources(conn: Connection) -> list[SourceCount]:
    s = T["suggestions"]
    rows = conn.execute(select(s.c.source, func.count(), func.count(s.c.document_pk.distinct()))
                        .group_by(s.c.source).order_by(s.c.source)).all()
    return [SourceCount(*r) for r in rows]


# ---------------------------------------------------------------- settings

def enabled(conn: Connection) -> bool:
    value = conn.execute(select(T["settings"].c.value)
                         .where(T["settings"].c.key == ENABLED)).scalar()
    return suggestions_on(value)


def set_enabled(conn: Connection, on: bool) -> bool:
    """True when the setting changed."""
    if enabled(conn) == on:
        return False
    _put_setting(conn, ENABLED, on)
    written.touch(conn, "suggestions")
    return True


def tagger_state(conn: Connection) -> dict | None:
    return conn.execute(select(T["settings"].c.value)
                        .where(T["settings"].c.key == TAGGER)).scalar()


def save_tagger_state(conn: Connection, state: dict) -> None:
    _put_setting(conn, TAGGER, state)
    written.touch(conn, "suggestions")


def _put_setting(conn: Connection, key: str, value: object) -> None:
    settings = T["settings"]
    if conn.execute(update(settings).where(settings.c.key == key)
                    .values(value=value)).rowcount == 0:
        conn.execute(insert(settings).values(key=key, value=value))


def gold_span_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(T["gold_spans"])).scalar_one()


# ---------------------------------------------------------------- accepted spans

@dataclass(frozen=True)
class Acceptance:
    """An annotator's spans, how many came from suggestions, and how many of those are
    still exactly as suggested."""

    annotator: str
    spans: int
    suggested: int
    unchanged: int


def acceptance(conn: Connection) -> list[Acceptance]:
    sp, lab, c = T["spans"], T["labels"], T["concepts"]
    names = annotator_names(conn)
    totals = dict(conn.execute(select(sp.c.annotator_id, func.count())
                               .group_by(sp.c.annotator_id)).all())
    came: dict[int, list[int]] = {}
    for who, start, end, label, attrs, concept, origin in conn.execute(
            select(sp.c.annotator_id, sp.c.start, sp.c.end, lab.c.name, sp.c.attributes,
                   c.c.id, sp.c.suggested)
            .join(lab, lab.c.id == sp.c.label_id).outerjoin(c, c.c.pk == sp.c.concept_pk)
            .where(sp.c.suggested.is_not(None))):
        if not origin:  # JSON null
            continue
        p = provenance.from_json(origin)
        seen = came.setdefault(who, [0, 0])
        seen[0] += 1
        seen[1] += (start, end, label, dict(attrs or {}), concept) == (
            p.start, p.end, p.label, dict(p.attributes), p.concept)
    return sorted((Acceptance(names[who], totals.get(who, 0), *came.get(who, (0, 0)))
                   for who in totals), key=lambda a: a.annotator)


# ---------------------------------------------------------------- whole documents

def load_for(conn: Connection, pks: list[int]
             ) -> tuple[dict[int, list[Suggestion]], dict[int, list[Rejection]]]:
    """Every suggestion and rejection on the documents `pks` (the interchange's)."""
    s, r, lab = T["suggestions"], T["suggestion_rejections"], T["labels"]
    names = annotator_names(conn)
    wanted = set(pks)
    found: dict[int, list[Suggestion]] = {}
    rejected: dict[int, list[Rejection]] = {}
    if not pks:
        return found, rejected
    lo, hi = min(pks), max(pks)
    for row in conn.execute(with_names("suggestions")
                            .where(s.c.document_pk.between(lo, hi)).order_by(s.c.id)):
        if row.document_pk in wanted:
            found.setdefault(row.document_pk, []).append(Suggestion(
                row.source, row.start, row.end, row.label, row.score, row.attributes or {},
                row.concept, names.get(row.annotator_id), row.id))
    for row in conn.execute(select(r, lab.c.name.label("label"))
                            .join(lab, lab.c.id == r.c.label_id)
                            .where(r.c.document_pk.between(lo, hi)).order_by(r.c.id)):
        if row.document_pk in wanted:
            rejected.setdefault(row.document_pk, []).append(
                Rejection(names[row.annotator_id], row.start, row.end, row.label))
    return found, rejected


def texts_of(conn: Connection, doc_ids: Iterable[str]) -> dict[str, str]:
    """The texts of the documents among `doc_ids` that the project has."""
    docs = T["documents"]
    ids = sorted(set(doc_ids))
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        out.update(conn.execute(select(docs.c.id, docs.c.text)
                                .where(docs.c.id.in_(ids[i:i + 500]))).all())
    return out


def documents_of(conn: Connection, doc_ids: Sequence[str] | None = None) -> list[Document]:
    """The documents asked for (all, in import order, without `doc_ids`), refusing ids the
    project does not have."""
    docs = T["documents"]
    rows = conn.execute(select(docs).order_by(docs.c.pk)).all()
    if doc_ids is None:
        return [document_from_row(r) for r in rows]
    by_id = {r.id: r for r in rows}
    missing = [i for i in doc_ids if i not in by_id]
    if missing:
        raise InputError("no document " + ", ".join(repr(m) for m in missing)
                         + " in the project")
    return [document_from_row(by_id[i]) for i in dict.fromkeys(doc_ids)]
