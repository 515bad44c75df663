"""A layer is held column by column: rows read from the store (or offered suggestions)
become columns, and each row comes back as the same span."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.layer import Layer, columns
from annotator.core.model import Span

ROWS = st.lists(st.tuples(st.integers(), st.integers(0, 99), st.integers(0, 99),
                          st.sampled_from(["A", "B"]), st.none() | st.just('{"k": "v"}'),
                          st.none() | st.just("c1"), st.none() | st.text(max_size=3),
                          st.sampled_from(["ann", "bo"])), max_size=30)


@given(ROWS)
def test_columns_hold_the_rows_in_order(rows):
    cols = columns(iter(rows), 8)
    assert len(cols) == 8 and all(len(c) == len(rows) for c in cols)
    assert [tuple(c[i] for c in cols) for i in range(len(rows))] == rows
    layer = Layer(*cols)
    assert [(s.id, s.start, s.end, s.label, s.annotator) for s in layer.spans()] == [
        (r[0], r[1], r[2], r[3], r[7]) for r in rows]


def test_no_rows_are_empty_columns():
    assert columns([], 3) == [[], [], []]
    assert Layer(*columns([], 8)) == Layer()


def test_a_row_becomes_its_span():
    layer = Layer(*columns([(7, 2, 5, "A", '{"k": "v"}', "c1", "n", "ann")], 8))
    assert layer.span(0) == Span("ann", 2, 5, "A", {"k": "v"}, "c1", "n", 7)
