"""Hypothesis strategies for interchange documents over the default codebook."""

from __future__ import annotations

from hypothesis import strategies as st

LABELS = ["Word choice", "Loaded language", "Attribution", "Economic", "Political"]
BIAS = {"Word choice", "Loaded language", "Attribution"}
ANNOTATORS = ["alice", "bob", "carol", "zoë"]

# Emoji, combining marks, right-to-left script, CRLF, tabs, U+2028 and U+0085 included.
SPECIAL = ["😀", "👩🏽‍🚀", "e\u0301", "שלום", "مرحبا", "\r\n", "\t", "\u2028", "\u0085", " ", "\n"]
text_strategy = st.lists(
    st.one_of(st.sampled_from(SPECIAL),
              st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=8)),
    min_size=1, max_size=12,
).map("".join)


@st.composite
def spans(draw, text: str, who: list[str], gold: bool = False):
    out = []
    n = len(text)
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, n - 1))
        end = draw(st.integers(start + 1, n))
        label = draw(st.sampled_from(LABELS))
        span = {("decided_by" if gold else "annotator"): draw(st.sampled_from(who)),
                "start": start, "end": end, "label": label}
        attrs = {}
        if label in BIAS and draw(st.booleans()):
            attrs["polarity"] = draw(st.sampled_from(["negative", "neutral", "positive"]))
        if draw(st.booleans()):
            attrs["speaker"] = draw(st.text(max_size=5))
        if attrs:
            span["attributes"] = attrs
        if draw(st.booleans()):
            span["concept"] = "election"
        if draw(st.booleans()):
            span["note"] = draw(st.text(min_size=1, max_size=10))
        if gold and draw(st.booleans()):
            span["sources"] = sorted(set(draw(st.lists(st.sampled_from(ANNOTATORS),
                                                       min_size=1, max_size=3))))
        out.append(span)
    # an exact duplicate key is one span: keep the first of each key
    key = ("start", "end", "label") if gold else ("annotator", "start", "end", "label")
    seen, unique = set(), []
    for s in out:
        k = tuple(s[x] for x in key)
        if k not in seen:
            seen.add(k)
            unique.append(s)
    return unique


@st.composite
def documents(draw, doc_id: str):
    text = draw(text_strategy)
    doc = {"id": doc_id, "text": text}
    if draw(st.booleans()):
        doc["title"] = draw(st.text(min_size=1, max_size=10))
    if draw(st.booleans()):
        doc["source"] = draw(st.sampled_from(["NTD", "Newsweek", "ТАСС"]))
    if draw(st.booleans()):
        doc["published"] = draw(st.sampled_from(["2024-05-16", "2024-05-16T08:00:00+00:00"]))
    if draw(st.booleans()):
        doc["event"] = "putin-china-2024"
    if draw(st.booleans()):
        doc["meta"] = {"lang": draw(st.sampled_from(["en", "ru"])), "n": draw(st.integers())}
    anns = draw(spans(text, ANNOTATORS))
    if anns:
        doc["annotations"] = anns
    dls = {}
    for a in draw(st.lists(st.sampled_from(ANNOTATORS), max_size=3, unique=True)):
        dls[(a, "tone")] = {"annotator": a, "name": "tone",
                            "value": draw(st.sampled_from(["negative", "neutral", "positive"]))}
    if dls:
        doc["doc_labels"] = list(dls.values())
    status = {a: draw(st.sampled_from(["in_progress", "done"]))
              for a in draw(st.lists(st.sampled_from(ANNOTATORS), max_size=3, unique=True))}
    if status:
        doc["status"] = status
    gold = draw(spans(text, ["rev"], gold=True))
    if gold:
        doc["gold"] = gold
        doc["gold_doc_labels"] = [{"decided_by": "rev", "name": "tone", "value": "negative"}]
    return doc


CONCEPTS = {"concepts": [{"id": "election", "name": "Russia's election", "type": "event"}]}
