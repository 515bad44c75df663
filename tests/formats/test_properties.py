"""Property tests: for any texts (emoji, combining marks, CRLF, U+2028, control
characters) and any spans (overlapping, duplicated ranges, several annotators), every
importable format reads back what it wrote, in code points; and the BIO tags of CoNLL and
Hugging Face hold exactly the spans they keep."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.model import Document, Span
from annotator.core.records import Corpus, DocumentRecord
from annotator.core.text import token_bounds
from annotator.formats import bio, brat, doccano, label_studio, semeval, xmi
from annotator.formats.common import id_to_stem, stem_to_id
from annotator.formats.export_spec import ExportOptions, LayerSpan
from tests.formats.helpers import codebook
from tests.interchange.strategies import text_strategy

CODEBOOK = codebook()
LABELS = ["Word choice", "Loaded language", "Political", "Legality, constitutionality and "
          "jurisprudence"]
FEW = settings(max_examples=60, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SHORT_TEXT = st.text(max_size=10)
XML_SAFE = text_strategy.map(lambda t: "".join(c for c in t if not xmi._NOT_XML.match(c)))


@st.composite
def span_lists(draw, text: str, who: list[str], details: bool, strings=SHORT_TEXT):
    out = {}
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        label = draw(st.sampled_from(LABELS))
        attrs, concept, note = {}, None, None
        if details:
            if label in ("Word choice", "Loaded language") and draw(st.booleans()):
                attrs["polarity"] = draw(st.sampled_from(["negative", "neutral", "positive"]))
            if draw(st.booleans()):
                attrs["speaker"] = draw(strings.filter(bool))
            if draw(st.booleans()):
                concept = "election"
            if draw(st.booleans()):
                note = draw(strings.filter(bool))
        span = Span(draw(st.sampled_from(who)), start, end, label, attrs, concept, note)
        out.setdefault(span.key, span)
    return tuple(out.values())


@st.composite
def corpora(draw, who=("alice", "bob", "zoë"), details=True, texts=text_strategy,
            strings=SHORT_TEXT):
    prefix = draw(texts.filter(bool).map(lambda t: t[:6]))
    docs = []
    for i in range(draw(st.integers(1, 3))):
        text = draw(texts.filter(bool))
        docs.append(DocumentRecord(Document(f"{prefix}{i}", text),
                                   draw(span_lists(text, list(who), details, strings))))
    return Corpus(CODEBOOK, (), tuple(docs))


def as_set(spans, full=True):
    if full:
        return {(s.annotator, s.start, s.end, s.label, json.dumps(dict(s.attributes),
                sort_keys=True), s.concept, s.note) for s in spans}
    return {(s.start, s.end, s.label) for s in spans}


def round_trip(module, corpus, *, name="out", full=True, who=None, **read):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / name
        module.write_export(corpus, out, ExportOptions(layer="annotations"))
        result = module.read(out, **read)
    batches = result if isinstance(result, list) else [result]
    got = {}
    for batch in batches:
        for record in batch.records:
            got.setdefault(record.id, set()).update(as_set(record.annotations, full))
            assert record.text == next(r.text for r in corpus.documents if r.id == record.id)
    want = {r.id: as_set(r.annotations, full) for r in corpus.documents}
    assert got == want


@FEW
@given(corpora())
def test_brat(corpus):
    # a span made only of line breaks cannot be written in brat (it is reported)
    from annotator.formats.common import LINE_BREAKS

    kept = Corpus(corpus.codebook, (), tuple(
        DocumentRecord(r.document, tuple(s for s in r.annotations
                                         if any(c not in LINE_BREAKS
                                                for c in r.text[s.start:s.end])))
        for r in corpus.documents))
    round_trip(brat, kept)


@FEW
@given(corpora(texts=XML_SAFE, strings=XML_SAFE))
def test_xmi(corpus):
    pytest.importorskip("cassis")
    round_trip(xmi, corpus)


@FEW
@given(corpora())
def test_label_studio(corpus):
    round_trip(label_studio, corpus, name="tasks.json")


@FEW
@given(corpora(who=("alice",), details=False))
def test_doccano_and_semeval(corpus):
    round_trip(doccano, corpus, name="d.jsonl", full=False)
    round_trip(semeval, corpus, full=False)


@given(st.text(min_size=1, max_size=20))
def test_file_names_give_back_the_id(doc_id):
    """With the export's id map (only the names that are not their ids are in it)."""
    stem = id_to_stem(doc_id)
    assert "/" not in stem and not stem.startswith(".") and "\x00" not in stem
    ids = {} if stem == doc_id else {stem: doc_id}
    assert stem_to_id(stem, ids) == doc_id


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_bio_tags_hold_exactly_the_kept_spans(data):
    text = data.draw(text_strategy)
    spans = [LayerSpan(s.start, s.end, s.label, s.annotator)
             for s in data.draw(span_lists(text, ["a", "b"], False))]
    tagged = bio.tag(text, spans)
    starts, ends = token_bounds(text)
    # decode the tags back into token ranges
    decoded, current = [], None
    for i, tag in enumerate([*tagged.tags, "O"]):
        if tag.startswith("I-"):
            assert current is not None and current[1] == tag[2:]
            continue
        if current is not None:
            decoded.append((current[0], i, current[1]))
            current = None
        if tag.startswith("B-"):
            current = (i, tag[2:])
    expected = []
    for s in tagged.kept:
        i = next(k for k in range(len(starts)) if ends[k] > s.start)
        j = max(k for k in range(len(starts)) if starts[k] < s.end) + 1
        expected.append((i, j, s.label))
    assert sorted(decoded) == sorted(expected)
    assert len(tagged.kept) + len(tagged.left_out) == len(spans)
