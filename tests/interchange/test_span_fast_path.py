"""The reader's fast path for the usual span and doc label (and its one-operation repeat
check) agrees with the general checks: for valid ones, corrupted ones and repeats, the
same are kept and the same refusal is given, word for word."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.formats import jsonl

TEXT = "The sham election gave Putin a fifth term, critics say. Ça va 😀 北京."
ODD_VALUES = [None, -1, 0, 3, len(TEXT), len(TEXT) + 1, 2**70, 1.5, True, False, "", "x",
              "alice", "Word choice", [], [1], {}, {"a": 1}, {"polarity": "negative"}]
KEYS = list(jsonl.SPAN_KEYS) + ["id", "Start"]


@st.composite
def span_items(draw):
    start = draw(st.integers(0, len(TEXT) - 1))
    end = draw(st.integers(start + 1, len(TEXT)))
    item = {"annotator": draw(st.sampled_from(["alice", "bob"])), "start": start, "end": end,
            "label": draw(st.sampled_from(["Word choice", "Political"]))}
    for key, values in (("attributes", [{"polarity": "negative"}, {}, None]),
                        ("concept", ["election", None, ""]), ("note", ["n", None, ""]),
                        ("text", [TEXT[start:end], None])):
        if draw(st.booleans()):
            item[key] = draw(st.sampled_from(values))
    for _ in range(draw(st.integers(0, 2))):  # corruptions
        key = draw(st.sampled_from(KEYS))
        if draw(st.booleans()):
            item.pop(key, None)
        else:
            item[key] = draw(st.sampled_from(ODD_VALUES))
    return item


def outcome(parse, items):
    line = json.dumps({"id": "d1", "text": TEXT, "annotations": items}).encode()
    try:
        return parse([line], "f.jsonl").records[0].annotations
    except InputError as exc:
        return str(exc)


def general_checks(raw, file):
    """The reference: every span through the general checks, each kept by _keep_one."""
    [(obj, lineno)] = list(jsonl.json_lines(raw, file))
    what = "document 'd1'"
    kept: dict = {}
    try:
        for item in obj["annotations"]:
            span = jsonl._span_checked(item, TEXT, what)
            jsonl._keep_one(kept, span.key, span, what)
    except InputError as exc:
        raise InputError(exc.problem, file, lineno) from None
    return jsonl.ImportBatch(file, [jsonl.DocumentRecord(
        jsonl.Document("d1", TEXT), annotations=tuple(kept.values()))])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(span_items(), max_size=6), st.data())
def test_fast_path_keeps_and_refuses_as_the_general_checks(items, data):
    if items and data.draw(st.booleans()):  # a repeat, exact or differing
        again = dict(data.draw(st.sampled_from(items)))
        if data.draw(st.booleans()):
            again["note"] = data.draw(st.sampled_from(["other", None]))
        items.insert(data.draw(st.integers(0, len(items))), again)
    got, want = outcome(jsonl.parse, items), outcome(general_checks, items)
    assert got == want
    if isinstance(got, tuple):
        assert [s.attributes for s in got] == [s.attributes for s in want]


@pytest.mark.parametrize("second, problem", [
    ({"note": "other"}, "two spans with the same annotator, start, end and label but "
                        "different attributes, concept or note ('alice', 4, 17, 'Political')"),
    ({}, None),
])
def test_a_repeated_span_is_one_span_or_refused_when_it_differs(second, problem):
    first = {"annotator": "alice", "start": 4, "end": 17, "label": "Political"}
    got = outcome(jsonl.parse, [first, {"annotator": "bob", "start": 0, "end": 3,
                                        "label": "Political"}, {**first, **second}])
    if problem is None:
        assert [(s.annotator, s.start) for s in got] == [("alice", 4), ("bob", 0)]
    else:
        assert got == f"f.jsonl:1: document 'd1': {problem}"


@pytest.mark.parametrize("bad", [
    {"start": -1}, {"end": len(TEXT) + 1}, {"end": 4}, {"start": True}, {"start": 1.5},
    {"label": ""}, {"label": 3}, {"annotator": ""}, {"annotator": None}, {"note": 3},
    {"attributes": {"polarity": 1}},
])
def test_spans_checked_together_refuse_as_span_by_span(bad):
    """A document's spans are checked together when they can be (jsonl._checked_together):
    one bad span among good ones, with and without other keys, is refused word for word
    as the general checks refuse it."""
    good = {"annotator": "alice", "start": 4, "end": 17, "label": "Political"}
    for other in ({}, {"note": "n"}):
        items = [good, {**good, "annotator": "carol", **bad},
                 {**good, "annotator": "bob", **other}]
        got = outcome(jsonl.parse, items)
        assert isinstance(got, str) and got == outcome(general_checks, items)


DOC_LABEL_KEYS = list(jsonl.DOC_LABEL_KEYS) + ["Name"]
DOC_LABEL_ODD = [None, "", "x", 1, True, [], {}, "alice", "stance", "pro"]


@st.composite
def doc_label_items(draw):
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(["label", [], None, 3]))
    item = {"annotator": draw(st.sampled_from(["alice", "bob"])),
            "name": draw(st.sampled_from(["stance", "tone"])),
            "value": draw(st.sampled_from(["pro", "contra"]))}
    for _ in range(draw(st.integers(0, 2))):  # corruptions
        key = draw(st.sampled_from(DOC_LABEL_KEYS))
        if draw(st.booleans()):
            item.pop(key, None)
        else:
            item[key] = draw(st.sampled_from(DOC_LABEL_ODD))
    return item


def doc_label_outcome(parse, items):
    line = json.dumps({"id": "d1", "text": TEXT, "doc_labels": items}).encode()
    try:
        return parse([line], "f.jsonl").records[0].doc_labels
    except InputError as exc:
        return str(exc)


def doc_labels_checked(raw, file):
    """The reference: every doc label through the general checks, each kept by _keep_one."""
    [(obj, lineno)] = list(jsonl.json_lines(raw, file))
    what = "document 'd1'"
    kept: dict = {}
    try:
        for item in obj["doc_labels"]:
            if not isinstance(item, dict):
                raise InputError(f"{what}: a doc label must be an object")
            jsonl._unknown_keys(item, jsonl.DOC_LABEL_KEYS, "a doc label")
            dl = jsonl.DocLabel(*(jsonl._req_str(item, k, f"{what}: a doc label")
                                  for k in jsonl.DOC_LABEL_KEYS))
            jsonl._keep_one(kept, (dl.annotator, dl.name), dl, what, "two values for doc label")
    except InputError as exc:
        raise InputError(exc.problem, file, lineno) from None
    return jsonl.ImportBatch(file, [jsonl.DocumentRecord(
        jsonl.Document("d1", TEXT), doc_labels=tuple(kept.values()))])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(doc_label_items(), max_size=5))
def test_doc_labels_fast_path_keeps_and_refuses_as_the_general_checks(items):
    assert doc_label_outcome(jsonl.parse, items) == doc_label_outcome(doc_labels_checked, items)
