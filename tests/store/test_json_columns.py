"""Reads of many rows in one step of the driver (store.json_columns): the names, statuses
and decisions a document's adjudication reads come back as the tables hold them, and on
SQLite each in one statement that returns one row."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from annotator.store.adjudication_rows import decisions_of
from annotator.store.corpus_rows import names_of, statuses_of
from annotator.store.lookups import document_pk
from annotator.store.tables import T
from tests.filled import D1, D2, fill
from tests.store.statements import statements_run


def _expected_decisions(conn, pks):
    d, a = T["decisions"], T["annotators"]
    out = {}
    for r in conn.execute(select(d, a.c.name.label("reviewer")).join(a, a.c.id == d.c.reviewer_id)
                          .where(d.c.document_pk.in_(pks)).order_by(d.c.id)):
        out.setdefault(r.document_pk, []).append((
            r.id, r.decision, r.start, r.end, r.label, tuple(r.annotators or ()), r.reviewer,
            r.at, r.gold_span_id, r.details or {}))
    return out


def _decisions(got):
    return {pk: [(d.id, d.kind, d.start, d.end, d.label, d.annotators, d.reviewer, d.at,
                  d.gold_span_id, dict(d.details)) for d in ds] for pk, ds in got.items()}


def test_names_statuses_and_decisions_come_back_as_stored(project):
    fill(project)
    a, lab, c, st = T["annotators"], T["labels"], T["concepts"], T["statuses"]
    with project.store.read() as conn:
        pks = [document_pk(conn, D1), document_pk(conn, D2)]
        names, labels, concepts = names_of(conn)
        assert names == dict(conn.execute(select(a.c.id, a.c.name)).all())
        assert labels == dict(conn.execute(select(lab.c.id, lab.c.name)).all())
        assert concepts == dict(conn.execute(select(c.c.pk, c.c.id)).all()) != {}
        expected = {}
        for r in conn.execute(select(st)):
            expected.setdefault(r.document_pk, []).append((names[r.annotator_id], r.status))
        assert ({k: sorted(v) for k, v in statuses_of(conn, pks, names).items()}
                == {k: sorted(v) for k, v in expected.items()})
        decided = _expected_decisions(conn, pks)
        assert sum(map(len, decided.values())) > 1
        for asked in (pks, pks[:1], None):
            got = _decisions(decisions_of(conn, asked))
            assert got == {pk: v for pk, v in decided.items() if asked is None or pk in asked}


def test_on_sqlite_each_is_read_as_one_row(tmp_path):
    from annotator.services.project import init_project

    project = init_project(tmp_path / "p.db")
    fill(project)
    with project.store.read() as conn:
        pks = [document_pk(conn, D1), document_pk(conn, D2)]
        with statements_run(conn) as statements:
            names = names_of(conn)[0]
            assert len(statements) == 1
            statuses_of(conn, pks, names)
            decisions_of(conn, pks)
    project.close()
    assert len(statements) == 3 and all("json_group_array" in s for s in statements)


def test_on_sqlite_the_adjudication_view_reads_a_document_one_row_a_statement(tmp_path):
    """Every row is a step of the driver that may wait for the busy GUI thread's turn
    (the view reads on a job's thread): the spans, their details, the gold, the names,
    the statuses, the reviewers and the decisions each come in one row."""
    from annotator.services.annotate import add_annotator
    from annotator.services.project import init_project
    from annotator.store.adjudication_rows import load_shown

    project = init_project(tmp_path / "p.db")
    fill(project)
    add_annotator(project, "erin", role="reviewer")  # two reviewers: two rows, once
    fetched = []
    with project.store.read() as conn:
        codebook = project.codebook_in(conn)  # read again only when changed
        raw = conn.connection.dbapi_connection
        raw.row_factory = lambda cursor, row: fetched.append(cursor) or row
        try:
            loaded = load_shown(conn, codebook, D1)
        finally:
            raw.row_factory = None
    project.close()
    assert loaded.candidates.candidates and loaded.record.gold and loaded.decisions
    assert fetched and Counter(map(id, fetched)).most_common(1)[0][1] == 1
