"""The tagger's pure parts: BIO tags of token-aligned spans come back as the same spans."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.suggest.evaluation import evaluate
from annotator.core.suggest.tagging import bio_tags, features, spans_of

WORDS = st.lists(st.sampled_from(["sham", "Election", "😀", "x-y", "42", "übel", ","]),
                 min_size=1, max_size=30)


@given(words=WORDS, data=st.data())
def test_bio_round_trip_of_token_aligned_spans(words, data):
    text = " ".join(words)
    starts, ends, _ = features(text)
    n = len(starts)
    cuts = sorted(data.draw(st.sets(st.integers(0, n), max_size=8)))
    spans = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if data.draw(st.booleans()):
            spans.append((int(starts[a]), int(ends[b - 1]), data.draw(st.sampled_from("AB"))))
    tags, left_out = bio_tags(starts, ends, spans)
    assert left_out == 0
    assert [(s, e, lab) for s, e, lab, _ in spans_of(starts, ends, tags)] == spans


def test_overlapping_spans_are_counted_as_left_out():
    text = "a sham election today"
    starts, ends, _ = features(text)
    tags, left_out = bio_tags(starts, ends, [(2, 15, "L"), (7, 15, "W")])
    assert tags == ["O", "B-L", "I-L", "O"] and left_out == 1


def test_evaluation_leaves_undefined_values_none():
    overall, per = evaluate([("d", 0, 4, "A")], [("d", 0, 4, "A"), ("d", 5, 9, "B")], ["C"])
    assert (overall.precision, overall.recall) == (0.5, 1.0)
    assert per["C"].precision is None and per["C"].recall is None
    assert per["B"].recall is None and per["B"].precision == 0.0
