"""The gold pane's named ranges keep their order by position as they change, and paint
each block as ranges given whole would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.gui.adjudication.text_pane import Paints
from annotator.gui.span_index import SpanIndex

TEXT = "first line é\nsecond 𝔸 line\n\nfourth line of the text\nfifth"
positions = st.integers(min_value=0, max_value=len(TEXT))
names = st.sampled_from(["a", "b", "c", "d", "e", "f", ("open", 1), ("gold", 2)])


@st.composite
def items(draw):
    start, end = sorted((draw(positions), draw(positions)))
    if draw(st.booleans()):  # the same place as others: ties
        start, end = 4, 9
    rank = draw(st.integers(0, 2))
    # as in the panes, ranges at one place with one rank look the same
    return (start, end, (rank,), "xyz"[rank])


steps = st.lists(st.tuples(st.lists(names, max_size=3),
                           st.dictionaries(names, items(), max_size=4)), max_size=12)


def _painted(paints: Paints, blocks: int) -> list:
    return [(p.segments, p.bars) for p in (paints.paint(b) for b in range(blocks))]


@settings(max_examples=300, deadline=None)
@given(first=st.dictionaries(names, items(), max_size=6), changes=steps,
       paint_between=st.booleans())
def test_ranges_changed_one_by_one_paint_as_the_same_ranges_given_whole(
        first, changes, paint_between):
    text = SpanIndex(TEXT)
    blocks = len(text.block_starts)
    paints = Paints(text)
    paints.replace(dict(first))
    if paint_between:
        _painted(paints, blocks)  # orders the ranges, which the changes then keep
    for drop, put in changes:
        paints.change(drop, put)
        if paint_between:
            # kept in order as they change: a moved selection sorts nothing again
            assert paints._ordered is not None
            _painted(paints, blocks)
    whole = Paints(text)
    whole.replace(dict(paints._items))
    assert paints._order() == whole._order()
    assert _painted(paints, blocks) == _painted(whole, blocks)
