"""Tokens, span merging and the token matrix the measures read."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement.intervals import merge_overlapping, overlap_pairs
from annotator.core.agreement.tokens import token_bounds_many
from annotator.core.agreement.units import build_study
from annotator.core.model import DONE, Document, Span
from annotator.core.records import DocumentRecord
from annotator.core.text import TOKEN_RE
from tests.core.agreement.agreement_oracle import Oracle
from tests.core.agreement.agreement_strategies import projects

# Any code point, lone surrogates included: Python strings may hold them.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(any_text | st.sampled_from(["", " ", "e\u0301t\u00e9", "a_b-c", "\U0001F600x"]),
                max_size=5))  # fmt: skip
def test_vectorised_tokens_equal_the_spec_regex(texts):
    start, end, pointer, offset = token_bounds_many(texts)
    for d, text in enumerate(texts):
        got = [(int(s - offset[d]), int(e - offset[d]))
               for s, e in zip(start[pointer[d]:pointer[d + 1]], end[pointer[d]:pointer[d + 1]],
                               strict=True)]  # fmt: skip
        assert got == [m.span() for m in TOKEN_RE.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(any_text | st.sampled_from(["", " ", "ab cd", "\U0001F600x"]), max_size=8),
       st.integers(0, 12))  # fmt: skip
def test_tokens_classified_in_groups_equal_the_whole_line(texts, chunk):
    whole = token_bounds_many(texts, chunk=10**9)
    grouped = token_bounds_many(texts, chunk=chunk)
    for a, b in zip(whole, grouped, strict=True):
        assert a.dtype == b.dtype and a.tolist() == b.tolist()


def test_decomposed_accent_is_two_tokens():
    start, end, _, _ = token_bounds_many(["e\u0301"])  # NFD é: U+0301 is not \w
    assert list(zip(start, end, strict=True)) == [(0, 1), (1, 2)]


def test_merge_keeps_touching_intervals_apart():
    g, s, e = merge_overlapping(np.array([0, 0, 0, 1, 0]), np.array([0, 2, 5, 0, 9]),
                                np.array([3, 5, 8, 4, 10]))  # fmt: skip
    assert list(zip(g, s, e, strict=True)) == [(0, 0, 5), (0, 5, 8), (0, 9, 10), (1, 0, 4)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(1, 5)), max_size=8),
       st.lists(st.tuples(st.integers(0, 20), st.integers(1, 5)), max_size=8))  # fmt: skip
def test_overlap_pairs_finds_every_intersection(a, b):
    def disjoint(raw):
        g, s, e = merge_overlapping(np.zeros(len(raw), dtype=np.int64),
                                    np.array([x for x, _ in raw], dtype=np.int64),
                                    np.array([x + n for x, n in raw], dtype=np.int64))  # fmt: skip
        return s, e

    sa, ea = disjoint(a)
    sb, eb = disjoint(b)
    ia, ib = overlap_pairs(sa, ea, sb, eb)
    found = set(zip(ia.tolist(), ib.tolist(), strict=True))
    expected = {(i, j) for i in range(len(sa)) for j in range(len(sb))
                if sa[i] < eb[j] and sb[j] < ea[i]}  # fmt: skip
    assert found == expected


@settings(max_examples=80, deadline=None)
@given(projects())
def test_runs_expand_to_the_oracle_token_matrix(records):
    study = build_study(records)
    o = Oracle(records)
    expanded = []
    for i in range(len(study.row_doc)):
        d = study.row_doc[i]
        row = [None] * len(study.annotators)
        for s, code in enumerate(study.row_values[i]):
            if code >= 0:
                row[study.slot_annotator[d, s]] = study.categories[study.code_category[code]]
        expanded += [row] * int(study.row_weight[i])
    assert expanded == o.matrix()
    assert study.doc_tokens.sum() == len(expanded)


def test_participation_and_distinct_spans():
    text = "Sham vote."
    records = [DocumentRecord(Document("d", text), (
        Span("a", 0, 4, "L"), Span("a", 0, 4, "L"), Span("a", 0, 2, "L"), Span("b", 5, 9, "M"),
    ), status={"c": DONE, "d": "in_progress"})]  # fmt: skip
    study = build_study(records)
    assert study.annotators == ("a", "b", "c")
    assert study.participates.tolist() == [[True, True, True]]
    assert len(study.spans) == 3  # the exact duplicate is one span
    assert study.support.tolist() == [2, 1]
    assert len(study.merged) == 2  # a's overlapping L spans merge into one


@settings(max_examples=60, deadline=None)
@given(projects(max_docs=5, max_annotators=3, max_spans=4, doc_labels=True))
def test_a_report_from_texts_tokenized_one_by_one_equals_one_from_a_single_group(records):
    from annotator.core.agreement import as_json, build_report, tokens

    whole = as_json(build_report(records, bootstrap=20))
    saved = tokens.CHUNK_CHARS
    tokens.CHUNK_CHARS = 1  # every text a group of its own
    try:
        bare = [replace(r, document=replace(r.document, text="")) for r in records]
        grouped = as_json(build_report(bare, bootstrap=20, texts=[r.text for r in records]))
    finally:
        tokens.CHUNK_CHARS = saved
    assert grouped == whole
