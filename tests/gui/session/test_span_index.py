"""The open document's index built from a layer at once (positions converted and spans
filed under their blocks in bulk) is the index built span by span."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.layer import Layer
from annotator.core.model import Span
from annotator.gui.span_index import SpanIndex

TEXT = "Vote 😀 in Zürich\n\n𝕏 said: ‘sham’\r\nthe end 🇺🇦 of it\u2029last"


def _layer(places):
    layer = Layer()
    for k, (start, end) in enumerate(sorted(places), 1):
        layer.ids.append(k)
        layer.starts.append(start)
        layer.ends.append(end)
        layer.labels.append("Word choice")
        layer.attributes.append(None)
        layer.concepts.append(None)
        layer.notes.append(None)
        layer.annotators.append("alice")
    return layer


def _by_block(index):
    return {b: [it.id for it in items] for b, items in index._blocks.items()}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)))
                .map(lambda p: tuple(sorted(p))).filter(lambda p: p[0] < p[1]),
                max_size=25, unique=True))
def test_an_index_from_a_layer_is_the_index_span_by_span(places):
    layer = _layer(places)
    whole = SpanIndex.from_layer(TEXT, layer)
    one_by_one = SpanIndex(TEXT)
    for span in layer.spans():
        one_by_one.put(Span(span.annotator, span.start, span.end, span.label, {}, None,
                            None, span.id))
    assert [(i.id, i.s16, i.e16) for i in whole.by_id.values()] == [
        (i.id, i.s16, i.e16) for i in sorted(one_by_one.by_id.values(), key=lambda i: i.id)]
    assert whole.order == one_by_one.order
    assert _by_block(whole) == {b: sorted(ids) for b, ids in _by_block(one_by_one).items()}


def test_a_layer_out_of_text_order_is_indexed_as_one_in_order():
    places = [(30, 36), (0, 4), (5, 11), (0, 4), (16, 33), (5, 9)]
    labels = ["Word choice", "Word choice", "Political", "Political", "Word choice",
              "Political"]
    shuffled = Layer(list(range(1, 7)), [s for s, _e in places], [e for _s, e in places],
                     labels, [None] * 6, [None] * 6, [None] * 6, ["alice"] * 6)
    rows = sorted(range(6), key=lambda i: (places[i], i))
    ordered = Layer(*([col[i] for i in rows] for col in (
        shuffled.ids, shuffled.starts, shuffled.ends, shuffled.labels,
        shuffled.attributes, shuffled.concepts, shuffled.notes, shuffled.annotators)))
    got, want = SpanIndex.from_layer(TEXT, shuffled), SpanIndex.from_layer(TEXT, ordered)
    assert got.order == want.order == sorted(got.order)
    assert _by_block(got) == _by_block(want)
    assert {i: (it.label, it.s16, it.e16) for i, it in got.by_id.items()} == {
        i: (it.label, it.s16, it.e16) for i, it in want.by_id.items()}
    # the block of the emoji line holds spans by UTF-16 position past the surrogate pair
    assert [it.id for it in got.spans_at(got.u16.to_utf16(31))] == [1, 5]
