"""Whole documents in and out of the database, in bulk with SQLAlchemy Core.

Reading builds core DocumentRecords; writing merges records into the project without
deleting or overwriting anything stored (the interchange's import rules).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import count, repeat, starmap
from operator import itemgetter

from sqlalchemy import (
    Connection,
    Text,
    and_,
    bindparam,
    false,
    func,
    literal,
    or_,
    select,
    text,
    type_coerce,
    update,
)

from annotator.core.gold import DecisionRecord, GoldDocLabel, GoldSpan
from annotator.core.model import DONE, NO_ATTRIBUTES, DocLabel, Span, SpanRows, span_rows
from annotator.core.records import DocumentRecord
from annotator.core.suggest import provenance
from annotator.store import written
from annotator.store.annotator_rows import ensure_annotators
from annotator.store.bulk import insert_new, insert_new_rows
from annotator.store.codebook_rows import add_concepts, label_ids
from annotator.store.codebook_versions import current_version
from annotator.store.json_columns import columns as read_columns
from annotator.store.json_columns import tables
from annotator.store.row_objects import document_from_row
from annotator.store.suggestion_rows import load_for
from annotator.store.tables import SPAN_DETAILS, T

COUNTED = ("documents", "spans", "doc_labels", "statuses", "gold_spans", "gold_doc_labels",
           "document_notes", "decisions", "suggestions", "suggestion_rejections")
# Documents read at once when a whole project is streamed: 1,000 documents with 100,000
# spans take about 100 MB as records, and fewer per chunk only adds queries.
CHUNK = 1000
SPAN_COLUMNS = ("document_pk", "annotator_id", "start", "end", "label_id", "attributes",
                "concept_pk", "note", "codebook_version", "suggested")


# ---------------------------------------------------------------- reading

def load_records(conn: Connection, doc_ids: Sequence[str] | None = None,
                 places: Sequence[tuple[int, int]] | None = None, *,
                 as_rows: bool = False, text: bool = True) -> list[DocumentRecord]:
    """Every document (or those asked for) in import order, with all that is said of it;
    with `places`, of the annotators' spans only those overlapping one of them. With
    `as_rows` the annotations are SpanRows (a Span made when one is looked at): a
    reader that needs few of them as objects (adjudication: a 1 MB document has 10,000
    spans, a frozen dataclass each was a third of reading it) skips making the rest.
    With `text` False the texts are not read (each record's text is empty): for a
    reader that needs none, as a decision (reading a 1 MB text took 5-25 ms)."""
    docs = T["documents"]
    query = (select(docs) if text else select(
        *(c for c in docs.c if c.name != "text"), literal("").label("text"))
    ).order_by(docs.c.pk)
    if doc_ids is not None:
        query = query.where(docs.c.id.in_(list(doc_ids)))
    return _records(conn, conn.execute(query).all(), places, as_rows)


def iter_records(conn: Connection, chunk: int | None = None) -> Iterator[DocumentRecord]:
    """Every document in import order, as load_records gives them, read `chunk` (CHUNK)
    documents at a time: a whole project is never held in memory. Call it inside one read
    transaction so that every chunk comes from the same snapshot."""
    chunk = chunk or CHUNK
    docs = T["documents"]
    pks = list(conn.execute(select(docs.c.pk).order_by(docs.c.pk)).scalars())
    for i in range(0, len(pks), chunk):
        part = pks[i:i + chunk]
        yield from _records(conn, conn.execute(
            select(docs).where(docs.c.pk.between(part[0], part[-1]))
            .order_by(docs.c.pk)).all())


def _records(conn: Connection, doc_rows: Sequence,
             places: Sequence[tuple[int, int]] | None = None,
             as_rows: bool = False) -> list[DocumentRecord]:
    pks = [r.pk for r in doc_rows]
    if not pks:
        return []
    by_doc = _children(conn, pks, places)
    suggested, rejected = load_for(conn, pks)
    out = []
    for r in doc_rows:
        kids = by_doc[r.pk]
        rows = tuple(kids["spans"])
        out.append(DocumentRecord(
            document=document_from_row(r),
            annotations=SpanRows(rows) if as_rows else tuple(starmap(Span, rows)),
            doc_labels=tuple(kids["doc_labels"]),
            status=dict(kids["status"]),
            gold=tuple(kids["gold"]),
            gold_doc_labels=tuple(kids["gold_doc_labels"]),
            notes=dict(kids["notes"]),
            decisions=tuple(kids["decisions"]),
            suggestions=tuple(suggested.get(r.pk, ())),
            rejections=tuple(rejected.get(r.pk, ())),
        ))
    return out


def _in_docs(column, pks: list[int]):
    # One IN list over all documents would hit SQLite's variable limit on big corpora;
    # a range is exact because pks are what we just selected.
    if len(pks) > 500:
        return column.between(min(pks), max(pks))
    return column.in_(pks)


def gold_of(conn: Connection, pks: list[int], names: dict[int, str] | None = None,
            labels: dict[int, str] | None = None, concepts: dict[int, str] | None = None
            ) -> dict[int, list[GoldSpan]]:
    """The gold spans of these documents, by document pk; `names`, `labels`, `concepts`
    as `names_of` gives them (read when not given)."""
    if names is None or labels is None or concepts is None:
        names, labels, concepts = names_of(conn)
    wanted = set(pks)
    out: dict[int, list[GoldSpan]] = defaultdict(list)
    g = T["gold_spans"]
    for gid, pk, start, end, lid, attributes, concept, note, by, sources in zip(*read_columns(
            conn, [g.c.id, g.c.document_pk, g.c.start, g.c.end, g.c.label_id,
                   type_coerce(g.c.attributes, Text), g.c.concept_pk, g.c.note,
                   g.c.decided_by, type_coerce(g.c.sources, Text)],
            [_in_docs(g.c.document_pk, pks)], (5, 9)), strict=True):
        if pk in wanted:
            out[pk].append(GoldSpan(names[by], start, end, labels[lid],
                                    attributes or NO_ATTRIBUTES, concepts.get(concept), note,
                                    tuple(sources or ()), gid))
    return out


def names_of(conn: Connection) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """What the rows of a document's children name by number: annotators, labels and
    concepts, each by its id."""
    a, lab, c = T["annotators"], T["labels"], T["concepts"]
    return tuple(map(dict, tables(conn, select(a.c.id, a.c.name), select(lab.c.id, lab.c.name),
                                  select(c.c.pk, c.c.id))))


def _children(conn: Connection, pks: list[int],
              places: Sequence[tuple[int, int]] | None = None) -> dict[int, dict[str, list]]:
    names, labels, concepts = named = names_of(conn)
    wanted = set(pks)
    out: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for pk, rows in span_rows_of(conn, pks, named, places).items():
        out[pk]["spans"] = rows
    for pk, gold in gold_of(conn, pks, names, labels, concepts).items():
        out[pk]["gold"] = gold
    d = T["doc_labels"]
    for r in conn.execute(select(d).where(_in_docs(d.c.document_pk, pks))):
        if r.document_pk in wanted:
            out[r.document_pk]["doc_labels"].append(
                DocLabel(names[r.annotator_id], r.name, r.value))
    gd = T["gold_doc_labels"]
    for r in conn.execute(select(gd).where(_in_docs(gd.c.document_pk, pks))):
        if r.document_pk in wanted:
            out[r.document_pk]["gold_doc_labels"].append(
                GoldDocLabel(names[r.decided_by], r.name, r.value))
    for pk, status in statuses_of(conn, pks, names).items():
        out[pk]["status"] = status
    gold_key = {gs.id: (gs.start, gs.end, gs.label) for doc in out.values()
                for gs in doc["gold"]}
    dc = T["decisions"]
    for r in conn.execute(select(dc).where(_in_docs(dc.c.document_pk, pks))
                          .order_by(dc.c.id)):
        if r.document_pk in wanted:
            out[r.document_pk]["decisions"].append(DecisionRecord(
                names[r.reviewer_id], r.at, r.decision, r.start, r.end, r.label,
                tuple(r.annotators or ()), gold_key.get(r.gold_span_id), r.details or {}))
    nt = T["document_notes"]
    for r in conn.execute(select(nt).where(_in_docs(nt.c.document_pk, pks))):
        if r.document_pk in wanted:
            out[r.document_pk]["notes"].append((names[r.annotator_id], r.note))
    return out


def statuses_of(conn: Connection, pks: list[int], names: dict[int, str]
                ) -> dict[int, list[tuple[str, str]]]:
    """(annotator, status) of these documents, by document pk."""
    wanted = set(pks)
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    st = T["statuses"]
    for pk, who, status in zip(*read_columns(
            conn, [st.c.document_pk, st.c.annotator_id, st.c.status],
            [_in_docs(st.c.document_pk, pks)]), strict=True):
        if pk in wanted:
            out[pk].append((names[who], status))
    return out


def span_rows_of(conn: Connection, pks: list[int],
                 named: tuple[dict[int, str], dict[int, str], dict[int, str]],
                 places: Sequence[tuple[int, int]] | None = None) -> dict[int, list[tuple]]:
    """The annotators' spans of these documents (with `places`, only those overlapping
    one of them) as rows in Span's field order (SpanRows), by document pk; `named` is
    `names_of`."""
    names, labels, concepts = named
    s = T["spans"]
    where = [_in_docs(s.c.document_pk, pks)]
    if places is not None:
        where.append(or_(false(), *(and_(s.c.start < hi, s.c.end > lo) for lo, hi in places)))
    ids, doc_col, whos, starts, ends, lids, detailed = _span_columns(conn, where, len(pks) == 1)
    # most spans have no details: their rows are made by zip, in C (a Python loop over a
    # 1 MB document's 10,000 spans was a third of reading them), then the few with
    # details put in their places
    rows = list(zip(map(names.__getitem__, whos), starts, ends, map(labels.__getitem__, lids),
                    repeat(NO_ATTRIBUTES), repeat(None), repeat(None), ids, repeat(1),
                    repeat(None)))
    if detailed:
        at = dict(zip(ids, count()))
        for sid, attributes, concept, note, version, came in detailed:
            i = at[sid]
            rows[i] = (*rows[i][:4], attributes or NO_ATTRIBUTES,
                       None if concept is None else concepts.get(concept), note, sid, version,
                       provenance.from_json(came) if came else None)
    if doc_col is None:  # one document asked for: every row is its
        return {pks[0]: rows} if rows else {}
    wanted = set(pks)
    out: dict[int, list[tuple]] = defaultdict(list)
    for pk, row in zip(doc_col, rows, strict=True):
        if pk in wanted:
            out[pk].append(row)
    return out


_KEY_COLUMNS = ("id", "annotator_id", "start", "end", "label_id")


def _span_columns(conn: Connection, where: list, one_document: bool) -> tuple:
    """The spans where `where` holds, as columns: ids, document pks (None when
    `one_document`: all are the one's), annotator ids, starts, ends, label ids, in the
    same order; and the spans that have details, as (id, attributes, concept pk, note,
    codebook version, provenance) with the attributes and provenance decoded (None: none),
    the spans without (no attributes, concept, note or provenance, codebook version 1)
    left out.

    On SQLite (json_columns: one row of JSON arrays) the key columns come from the unique
    key's index and the details through their own (ix_spans_details): row by row, a
    document's 10,000 spans took the adjudication view's read from 20 ms to 40-70 with
    the GUI thread busy beside it."""
    s = T["spans"]
    keys = [s.c[k] for k in _KEY_COLUMNS]
    if not one_document:
        keys.insert(1, s.c.document_pk)
    details = [s.c.id, type_coerce(s.c.attributes, Text), s.c.concept_pk, s.c.note,
               s.c.codebook_version, type_coerce(s.c.suggested, Text)]
    if conn.dialect.name == "sqlite":
        columns = read_columns(conn, keys, where)
        detailed = list(zip(*read_columns(conn, details, [*where, text(f"({SPAN_DETAILS})")],
                                      (1, 5)), strict=True)) if columns[0] else []
    else:  # no index of the spans with details (nor JSON's =): read with their keys
        n = len(keys)
        columns = read_columns(conn, keys + details[1:], where, (n, n + 4))
        detailed = list(zip(columns[0], *columns[n:], strict=True))
        del columns[n:]
    if one_document:
        columns.insert(1, None)
    return (*columns, detailed)


def stored_texts(conn: Connection, doc_ids: Iterable[str]) -> dict[str, str]:
    """sha256 of the stored documents among doc_ids."""
    docs = T["documents"]
    ids = list(doc_ids)
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        out.update(conn.execute(select(docs.c.id, docs.c.sha256)
                                .where(docs.c.id.in_(ids[i:i + 500]))).all())
    return out


def counts(conn: Connection) -> dict[str, int]:
    return {t: conn.execute(select(func.count()).select_from(T[t])).scalar_one()
            for t in COUNTED}


# ---------------------------------------------------------------- writing

_FIRST = itemgetter(0)  # a span row's annotator


def merge_records(conn: Connection, records: Sequence[DocumentRecord],
                  concepts=()) -> None:
    """Add what `records` say that the project lacks. Texts must have been checked.

    Every row is built for the records given: callers storing many documents pass them a
    batch at a time, which bounds the memory the rows take."""
    concept_pk = add_concepts(conn, list(concepts))
    if not records:
        return
    docs = T["documents"]
    ids = [rec.id for rec in records]
    existing = {}
    for i in range(0, len(ids), 500):
        existing.update((r.id, r) for r in conn.execute(select(
            docs.c.pk, docs.c.id, docs.c.title, docs.c.source, docs.c.url, docs.c.published,
            docs.c.author, docs.c.event, docs.c.meta).where(docs.c.id.in_(ids[i:i + 500]))))
    new_docs = []
    for rec in records:
        d = rec.document
        old = existing.get(d.id)
        if old is None:
            new_docs.append({"id": d.id, "text": d.text, "sha256": d.sha256, "title": d.title,
                             "source": d.source, "url": d.url, "published": d.published,
                             "author": d.author, "event": d.event, "meta": dict(d.meta) or None})
            continue
        fill = {k: getattr(d, k) for k in ("title", "source", "url", "published", "author",
                                            "event")
                if getattr(old, k) in (None, "") and getattr(d, k)}
        old_meta = old.meta or {}
        extra = {k: v for k, v in d.meta.items() if k not in old_meta}
        if extra:
            fill["meta"] = {**old_meta, **extra}
        if fill:
            conn.execute(update(docs).where(docs.c.pk == old.pk).values(**fill))
            written.touch(conn, "documents", old.pk)
    if new_docs:
        for i in range(0, len(new_docs), 1000):
            conn.execute(docs.insert(), new_docs[i:i + 1000])
    doc_pk = {}
    for i in range(0, len(ids), 500):
        doc_pk.update(conn.execute(select(docs.c.id, docs.c.pk)
                                   .where(docs.c.id.in_(ids[i:i + 500]))).all())
    written.touch_rows(conn, "documents", [{"pk": doc_pk[d["id"]]} for d in new_docs])

    annotators = set()
    reviewers = set()
    for rec in records:
        annotators.update(map(_FIRST, span_rows(rec.annotations)))
        annotators.update(d.annotator for d in rec.doc_labels)
        annotators.update(rec.status)
        annotators.update(rec.notes)
        reviewers.update(g.decided_by for g in rec.gold)
        reviewers.update(g.decided_by for g in rec.gold_doc_labels)
        reviewers.update(d.reviewer for d in rec.decisions)
        annotators.update(x.annotator for x in rec.suggestions if x.annotator)
        annotators.update(x.annotator for x in rec.rejections)
    who = ensure_annotators(conn, annotators, reviewers)
    label_id = label_ids(conn)
    version = current_version(conn) or 1  # work imported is made under the codebook now

    spans, gold, doc_labels, gold_doc_labels, statuses, notes = [], [], [], [], [], []
    for rec in records:
        pk = doc_pk[rec.id]
        # tuples in SPAN_COLUMNS' order, from rows in Span's (core.model.span_rows): a
        # dict per span was a tenth of an import
        spans += [(pk, who[a], start, end, label_id[label],
                   dict(attributes) if attributes else None,
                   concept_pk.get(concept) if concept else None, note,
                   version if said is None else _version(said, version),
                   provenance.to_json(suggested) if suggested else None)
                  for a, start, end, label, attributes, concept, note, _id, said, suggested
                  in span_rows(rec.annotations)]
        gold += [{"document_pk": pk, "start": g.start, "end": g.end,
                  "label_id": label_id[g.label], "attributes": dict(g.attributes) or None,
                  "concept_pk": concept_pk.get(g.concept) if g.concept else None,
                  "note": g.note, "decided_by": who[g.decided_by],
                  "sources": list(g.sources) or None, "decided_at": None} for g in rec.gold]
        doc_labels += [(pk, who[d.annotator], d.name, d.value) for d in rec.doc_labels]
        gold_doc_labels += [{"document_pk": pk, "name": d.name, "value": d.value,
                             "decided_by": who[d.decided_by], "decided_at": None}
                            for d in rec.gold_doc_labels]
        statuses += [(pk, who[a], s) for a, s in rec.status.items()]
        notes += [{"document_pk": pk, "annotator_id": who[a], "note": n}
                  for a, n in rec.notes.items()]

    insert_new_rows(conn, "spans", SPAN_COLUMNS, spans,
                    ["document_pk", "annotator_id", "start", "end", "label_id"])
    insert_new(conn, "gold_spans", gold, ["document_pk", "start", "end", "label_id"])
    insert_new_rows(conn, "doc_labels", ("document_pk", "annotator_id", "name", "value"),
                    doc_labels, ["document_pk", "annotator_id", "name"])
    insert_new(conn, "gold_doc_labels", gold_doc_labels, ["document_pk", "name"])
    insert_new(conn, "document_notes", notes, ["document_pk", "annotator_id"])
    insert_new_rows(conn, "statuses", ("document_pk", "annotator_id", "status"), statuses,
                    ["document_pk", "annotator_id"])
    _merge_decisions(conn, records, doc_pk, who, label_id)
    _merge_suggestions(conn, records, doc_pk, who, label_id, concept_pk)
    # a status only moves forward: done is never set back to in_progress
    st = T["statuses"]
    done = {(pk, who_id) for pk, who_id, status in statuses if status == DONE}
    behind = []
    pks = sorted({pk for pk, _ in done})
    for i in range(0, len(pks), 500):
        behind += [dict(row) for row in conn.execute(
            select(st.c.document_pk, st.c.annotator_id)
            .where(st.c.document_pk.in_(pks[i:i + 500]), st.c.status != DONE)).mappings()
            if (row["document_pk"], row["annotator_id"]) in done]
    if behind:
        conn.execute(update(st).where(st.c.document_pk == bindparam("pk"),
                                      st.c.annotator_id == bindparam("who"))
                     .values(status=DONE),
                     [{"pk": r["document_pk"], "who": r["annotator_id"]} for r in behind])
        written.touch_rows(conn, "statuses", behind)


def _merge_decisions(conn: Connection, records: Sequence[DocumentRecord], doc_pk: dict,
                     who: dict, label_id: dict) -> None:
    """Add the decisions not recorded yet, in file order (the newest decision on a candidate
    decides, by id), linked to the gold spans they produced."""
    wanted = [rec for rec in records if rec.decisions]
    if not wanted:
        return
    g = T["gold_spans"]
    pks = [doc_pk[rec.id] for rec in wanted]
    gold_ids = {}
    for i in range(0, len(pks), 500):
        for r in conn.execute(select(g.c.id, g.c.document_pk, g.c.start, g.c.end, g.c.label_id)
                              .where(g.c.document_pk.in_(pks[i:i + 500]))):
            gold_ids[(r.document_pk, r.start, r.end, r.label_id)] = r.id
    rows = []
    for rec in wanted:
        pk = doc_pk[rec.id]
        for d in rec.decisions:
            gid = None
            if d.gold is not None and d.gold[2] in label_id:
                gid = gold_ids.get((pk, d.gold[0], d.gold[1], label_id[d.gold[2]]))
            rows.append({"document_pk": pk, "reviewer_id": who[d.reviewer], "at": d.at,
                         "decision": d.decision, "start": d.start, "end": d.end,
                         "label": d.label, "annotators": sorted(d.annotators) or None,
                         "gold_span_id": gid, "details": dict(d.details) or None})
    insert_new(conn, "decisions", rows,
               ["document_pk", "reviewer_id", "at", "decision", "start", "end", "label"])


def _version(said: int | None, now: int) -> int:
    """The version a file says its span was made under, when this project has that
    version; else the project's version now (numbers are a project's own)."""
    return said if said is not None and 1 <= said <= now else now


def _merge_suggestions(conn: Connection, records: Sequence[DocumentRecord], doc_pk: dict,
                       who: dict, label_id: dict, concept_pk: dict) -> None:
    """Add the suggestions and rejections not stored yet."""
    suggestions, rejections = [], []
    for rec in records:
        pk = doc_pk[rec.id]
        suggestions += [{"document_pk": pk, "source": x.source, "start": x.start, "end": x.end,
                         "label_id": label_id[x.label], "score": x.score,
                         "attributes": dict(x.attributes) or None,
                         "concept_pk": concept_pk.get(x.concept) if x.concept else None,
                         "annotator_id": who[x.annotator] if x.annotator else None}
                        for x in rec.suggestions]
        rejections += [{"document_pk": pk, "annotator_id": who[x.annotator],
                        "start": x.start, "end": x.end, "label_id": label_id[x.label],
                        "at": None} for x in rec.rejections]
    insert_new(conn, "suggestions", suggestions,
               ["document_pk", "source", "annotator_id", "start", "end", "label_id"])
    insert_new(conn, "suggestion_rejections", rejections,
               ["document_pk", "annotator_id", "start", "end", "label_id"])
