"""SpanRows reads as the tuple of Spans it holds: the same spans, equal to that tuple, and
span_rows gives back the rows every field included (those equality leaves out too)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.model import Document, Span, SpanRows, span_rows
from annotator.core.proposals import Provenance
from annotator.core.records import DocumentRecord

spans = st.builds(
    Span, st.sampled_from(["alice", "bob"]), st.integers(0, 5), st.integers(6, 9),
    st.sampled_from(["Word choice", "Political"]),
    st.sampled_from([{}, {"polarity": "negative"}]), st.sampled_from([None, "election"]),
    st.sampled_from([None, "a note"]), st.sampled_from([None, 7]),
    st.sampled_from([None, 1, 3]),
    st.sampled_from([None, Provenance("model", 0, 6, "Political", 0.5)]))


@given(st.lists(spans, max_size=5))
def test_rows_read_back_as_the_spans(given_spans):
    want = tuple(given_spans)
    rows = SpanRows(tuple(span_rows(want)))
    assert rows == want and want == rows and tuple(rows) == want
    assert len(rows) == len(want) and bool(rows) == bool(want)
    assert [(s.id, s.codebook_version) for s in rows] == [
        (s.id, s.codebook_version) for s in want]
    assert rows[1:] == want[1:]
    if want:
        assert rows[-1] == want[-1]
    assert span_rows(rows) is rows.rows
    assert repr(rows) == repr(want)


def test_rows_differing_in_a_compared_field_are_not_equal():
    a = Span("alice", 0, 6, "Political")
    assert SpanRows(tuple(span_rows((a,)))) != (Span("alice", 0, 6, "Political", note="n"),)
    # as for Spans, the row's database id is not compared
    assert SpanRows(((*span_rows((a,))[0][:7], 12, None, None),)) == (a,)


@given(st.lists(spans, max_size=6), st.sampled_from([(), ("alice",), ("carol",),
                                                     ("alice", "bob")]))
def test_a_record_without_some_people_keeps_the_others_spans_as_rows(given_spans, people):
    rows = SpanRows(tuple(span_rows(given_spans)))
    record = DocumentRecord(Document("d", "x" * 10), rows, status={"alice": "done"})
    left = record.without(people)
    assert type(left.annotations) is SpanRows
    assert left.annotations == tuple(s for s in given_spans if s.annotator not in people)
    assert left.status == ({} if "alice" in people else {"alice": "done"})
