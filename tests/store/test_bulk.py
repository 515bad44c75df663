"""insert_new_rows: only the rows whose key is not stored, each key once (the first row
given), in the order given; on both backends (the project fixture)."""

from __future__ import annotations

from sqlalchemy import select

from annotator.store.annotator_rows import ensure_annotators
from annotator.store.bulk import insert_new_rows
from annotator.store.codebook_rows import label_ids
from annotator.store.corpus_rows import SPAN_COLUMNS
from annotator.store.tables import T

KEY = ["document_pk", "annotator_id", "start", "end", "label_id"]


def _setup(project, write_jsonl):
    from annotator.services.importing import import_paths

    import_paths(project, [write_jsonl({"id": "d", "text": "a sham vote, again"})])
    with project.store.write() as conn:
        pk = conn.execute(select(T["documents"].c.pk)).scalar_one()
        who = ensure_annotators(conn, ["alice"])["alice"]
        label = label_ids(conn)["Word choice"]
    return pk, who, label


def _span(pk, who, label, start, end, note=None):
    return (pk, who, start, end, label, None, None, note, 1, None)


def _stored(project):
    s = T["spans"]
    with project.store.read() as conn:
        return [tuple(r) for r in conn.execute(
            select(s.c.start, s.c.end, s.c.note).order_by(s.c.id))]


def test_new_rows_are_all_inserted_in_the_order_given(project, write_jsonl):
    pk, who, label = _setup(project, write_jsonl)
    rows = [_span(pk, who, label, 7, 11, "b"), _span(pk, who, label, 2, 6, "a")]
    with project.store.write() as conn:
        assert insert_new_rows(conn, "spans", SPAN_COLUMNS, rows, KEY) == 2
    assert _stored(project) == [(7, 11, "b"), (2, 6, "a")]


def test_a_key_given_twice_is_inserted_once_as_first_given(project, write_jsonl):
    pk, who, label = _setup(project, write_jsonl)
    rows = [_span(pk, who, label, 2, 6, "first"), _span(pk, who, label, 7, 11),
            _span(pk, who, label, 2, 6, "second")]
    with project.store.write() as conn:
        assert insert_new_rows(conn, "spans", SPAN_COLUMNS, rows, KEY) == 2
    assert _stored(project) == [(2, 6, "first"), (7, 11, None)]


def test_a_stored_key_keeps_its_row(project, write_jsonl):
    pk, who, label = _setup(project, write_jsonl)
    with project.store.write() as conn:
        insert_new_rows(conn, "spans", SPAN_COLUMNS, [_span(pk, who, label, 2, 6, "old")], KEY)
    with project.store.write() as conn:
        assert insert_new_rows(conn, "spans", SPAN_COLUMNS, [
            _span(pk, who, label, 2, 6, "new"), _span(pk, who, label, 7, 11)], KEY) == 1
    assert _stored(project) == [(2, 6, "old"), (7, 11, None)]


def test_many_rows_are_stored_in_the_order_given(project, write_jsonl):
    # more rows than one statement takes, and a remainder: every one, in order
    pk, who, label = _setup(project, write_jsonl)
    rows = [_span(pk, who, label, start, start + 1, f"n{start}") for start in range(17, 0, -1)]
    rows = [_span(pk, who, label, 0, end, str(end)) for end in range(18, 1221)] + rows
    with project.store.write() as conn:
        assert insert_new_rows(conn, "spans", SPAN_COLUMNS, rows, KEY) == len(rows) == 1220
    assert _stored(project) == [(r[2], r[3], r[7]) for r in rows]


def test_columns_null_in_every_row_or_in_some_are_stored_as_given(project, write_jsonl):
    # a column NULL in every row goes into the statement as NULL, the others are bound
    pk, who, label = _setup(project, write_jsonl)
    all_null = [_span(pk, who, label, 0, end) for end in range(1, 9)]
    some_null = [_span(pk, who, label, 9, end, None if end % 2 else "n") for end in range(10, 18)]
    with project.store.write() as conn:
        assert insert_new_rows(conn, "spans", SPAN_COLUMNS, all_null, KEY) == 8
    with project.store.write() as conn:
        assert insert_new_rows(conn, "spans", SPAN_COLUMNS, some_null, KEY) == 8
    s = T["spans"]
    with project.store.read() as conn:
        got = [tuple(r) for r in conn.execute(
            select(s.c.start, s.c.end, s.c.note, s.c.concept_pk, s.c.attributes,
                   s.c.suggested).order_by(s.c.id))]
        # JSON columns keep SQLAlchemy's spelling of None (JSON null), never SQL NULL
        raw = conn.exec_driver_sql("SELECT count(*) FROM spans WHERE attributes IS NULL "
                                   "OR suggested IS NULL").scalar_one()
    assert got == [(r[2], r[3], r[7], None, None, None) for r in all_null + some_null]
    assert raw == 0


def test_a_string_in_every_row_is_stored_as_given(project, write_jsonl):
    # one value in every row goes into the statement as a literal: quotes stay quotes
    pk, who, label = _setup(project, write_jsonl)
    for note in ("it's 'quoted'", "null", ""):
        rows = [_span(pk, who, label, 0, end, note) for end in range(1, 6)]
        with project.store.write() as conn:
            conn.exec_driver_sql("DELETE FROM spans")
            assert insert_new_rows(conn, "spans", SPAN_COLUMNS, rows, KEY) == 5
        assert [n for _s, _e, n in _stored(project)] == [note] * 5


def test_equal_attributes_are_stored_alike_and_unequal_ones_apart(project, write_jsonl):
    # serializations are reused for equal dicts of strings only: {"n": 1} and {"n": True}
    # are equal in Python, not in JSON
    pk, who, label = _setup(project, write_jsonl)
    given = [{"polarity": "negative"}, {"a": "1", "b": "2"}, {"b": "2", "a": "1"},
             {"polarity": "negative"}, {"n": 1}, {"n": True}, {"n": 1.0}, {"k": ["x"]},
             {"k": ["x"]}, None]
    rows = [(pk, who, 0, end, label, attrs, None, None, 1, None)
            for end, attrs in enumerate(given, start=1)]
    with project.store.write() as conn:
        assert insert_new_rows(conn, "spans", SPAN_COLUMNS, rows, KEY) == len(given)
    with project.store.read() as conn:
        raw = [r[0] for r in conn.exec_driver_sql("SELECT attributes FROM spans ORDER BY id")]
    if project.store.engine.dialect.name == "sqlite":
        assert raw == ['{"polarity": "negative"}', '{"a": "1", "b": "2"}',
                       '{"b": "2", "a": "1"}', '{"polarity": "negative"}', '{"n": 1}',
                       '{"n": true}', '{"n": 1.0}', '{"k": ["x"]}', '{"k": ["x"]}', "null"]
    s = T["spans"]
    with project.store.read() as conn:
        got = [r[0] for r in conn.execute(select(s.c.attributes).order_by(s.c.id))]
    assert [repr(g) for g in got] == [repr(g) for g in given]
