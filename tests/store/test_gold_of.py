"""A document's gold as the store reads it (store.corpus_rows.gold_of): every field comes
back as stored, and on SQLite no gold span costs a row of the driver."""

from __future__ import annotations

from sqlalchemy import select, update

from annotator.core.gold import GoldSpan
from annotator.core.model import NO_ATTRIBUTES
from annotator.store.corpus_rows import gold_of, names_of
from annotator.store.lookups import document_pk
from annotator.store.tables import T
from tests.filled import D1, D2, fill
from tests.store.statements import statements_run


def _filled(project) -> None:
    """fill's gold (attributes, a concept, sources), one of them with a note."""
    fill(project)
    g = T["gold_spans"]
    with project.store.engine.begin() as conn:
        first = conn.execute(select(g.c.id).order_by(g.c.id).limit(1)).scalar_one()
        conn.execute(update(g).where(g.c.id == first).values(note="é — “quoted” 😀"))


def _expected(conn, pks: list[int]) -> dict[int, list[GoldSpan]]:
    """The gold as the table holds it, each cell decoded by its column's type."""
    names, labels, concepts = names_of(conn)
    g = T["gold_spans"]
    out: dict[int, list[GoldSpan]] = {}
    for r in conn.execute(select(g).where(g.c.document_pk.in_(pks)).order_by(g.c.id)):
        out.setdefault(r.document_pk, []).append(GoldSpan(
            names[r.decided_by], r.start, r.end, labels[r.label_id],
            r.attributes or NO_ATTRIBUTES, concepts.get(r.concept_pk), r.note,
            tuple(r.sources or ()), r.id))
    return out


def _by_id(gold: dict[int, list[GoldSpan]]) -> dict[int, list[tuple]]:
    return {pk: sorted((g.id, g.decided_by, g.start, g.end, g.label, dict(g.attributes),
                         g.concept, g.note, g.sources) for g in spans)
            for pk, spans in gold.items()}


def test_every_field_of_the_gold_comes_back_as_stored(project):
    _filled(project)
    with project.store.read() as conn:
        pks = [document_pk(conn, D1), document_pk(conn, D2)]
        for asked in (pks, pks[:1], pks[1:]):
            got = gold_of(conn, asked, *names_of(conn))
            assert _by_id(got) == _by_id(_expected(conn, asked))
            assert _by_id(gold_of(conn, asked)) == _by_id(got)  # names read by itself
        got = gold_of(conn, pks)
    gold = [g for spans in got.values() for g in spans]
    assert any(g.note for g in gold) and any(g.attributes for g in gold)
    assert any(g.concept for g in gold) and any(g.sources for g in gold)


def test_on_sqlite_the_gold_is_read_as_one_row(tmp_path):
    """Row by row, each gold span was a step of the driver that lets go of Python's lock
    and waits to take it back, beside the busy GUI thread (the adjudication view reads a
    document's gold on a job's thread)."""
    from annotator.services.project import init_project

    project = init_project(tmp_path / "p.db")
    _filled(project)
    with project.store.read() as conn:
        pks = [document_pk(conn, D1), document_pk(conn, D2)]
        named = names_of(conn)
        expected = _expected(conn, pks)
        with statements_run(conn) as statements:
            got = gold_of(conn, pks, *named)
    project.close()
    assert _by_id(got) == _by_id(expected)
    reads = [s for s in statements if "FROM gold_spans" in s]
    assert len(reads) == 1 and "json_group_array" in reads[0]
