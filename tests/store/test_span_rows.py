"""The annotators' spans as rows (store.corpus_rows.span_rows_of): every detail comes back
as stored, and on SQLite no span costs a row of the driver."""

from __future__ import annotations

from sqlalchemy import select, update

from annotator.core.model import NO_ATTRIBUTES
from annotator.core.suggest import provenance
from annotator.store.corpus_rows import names_of, span_rows_of
from annotator.store.lookups import document_pk
from annotator.store.tables import T
from tests.filled import D1, D2, fill
from tests.store.statements import statements_run

SUGGESTED = {"source": "model-x", "score": 0.5, "start": 6, "end": 15, "label": "Political"}


def _filled(project) -> None:
    """fill's spans (attributes, a concept, a note), and one of them under codebook
    version 2, one accepted from a suggestion."""
    fill(project)
    s = T["spans"]
    with project.store.engine.begin() as conn:
        first, second = conn.execute(select(s.c.id).where(s.c.start == 6).order_by(s.c.id)
                                     .limit(2)).scalars()
        conn.execute(update(s).where(s.c.id == first).values(codebook_version=2))
        conn.execute(update(s).where(s.c.id == second).values(suggested=SUGGESTED))


def _expected(conn, pks: list[int], places=None) -> dict[int, list[tuple]]:
    """The rows as the table holds them, each cell decoded by its column's type."""
    names, labels, concepts = names_of(conn)
    s = T["spans"]
    out: dict[int, list[tuple]] = {}
    for r in conn.execute(select(s).where(s.c.document_pk.in_(pks)).order_by(s.c.id)):
        if places is None or any(r.start < hi and r.end > lo for lo, hi in places):
            out.setdefault(r.document_pk, []).append((
                names[r.annotator_id], r.start, r.end, labels[r.label_id],
                r.attributes or NO_ATTRIBUTES, concepts.get(r.concept_pk), r.note, r.id,
                r.codebook_version, provenance.from_json(r.suggested) if r.suggested else None))
    return out


def _by_id(rows: dict[int, list[tuple]]) -> dict[int, list[tuple]]:
    return {pk: sorted(r, key=lambda row: row[7]) for pk, r in rows.items()}


def test_every_detail_of_every_span_comes_back_as_stored(project):
    _filled(project)
    with project.store.read() as conn:
        pks = [document_pk(conn, D1), document_pk(conn, D2)]
        named = names_of(conn)
        for asked in (pks, pks[:1]):  # one document is read without its pk column
            for places in (None, [(0, 5)], [(8, 9), (12, 13)]):
                got = span_rows_of(conn, asked, named, places)
                assert _by_id(got) == _expected(conn, asked, places)
        got = span_rows_of(conn, pks, named)
    details = [r for rows in got.values() for r in rows]
    assert {r[8] for r in details} == {1, 2} and any(r[9] for r in details)


def test_on_sqlite_no_span_is_fetched_row_by_row(tmp_path):
    """Fetched row by row, each of a document's spans is a step of the driver that lets go
    of Python's lock and waits to take it back: the adjudication view's read (on a job's
    thread) took two to three times as long with the GUI thread busy beside it. The keys
    come as one row of JSON arrays, and so do the details of the spans that have some."""
    from annotator.services.project import init_project

    project = init_project(tmp_path / "p.db")
    _filled(project)
    with project.store.read() as conn:
        pks = [document_pk(conn, D1), document_pk(conn, D2)]
        named = names_of(conn)
        expected = _expected(conn, pks)
        with statements_run(conn) as statements:
            got = span_rows_of(conn, pks, named)
    project.close()
    assert _by_id(got) == expected
    reads = [s for s in statements if "FROM spans" in s]
    assert len(reads) == 2 and all("json_group_array" in s for s in reads)
    assert any("note IS NOT NULL" in s for s in reads)  # the details, through their index
