"""Hypothesis strategies: small projects with overlapping spans and missing annotators."""

from __future__ import annotations

from hypothesis import strategies as st

from annotator.core.model import DONE, IN_PROGRESS, DocLabel, Document, Span
from annotator.core.records import DocumentRecord

WORDS = ("a", "bb", "ccc", "dé", "x_y", "9", "naïve", "—")
GLUE = ("", " ", ", ", ". ", "  ", "!", "\n")
LABELS = ("L1", "L2", "L3")
NAMES = ("ann", "bob", "cy", "dee")


@st.composite
def texts(draw, max_words: int = 10) -> str:
    parts = draw(
        st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE)), max_size=max_words)
    )
    return "".join(w + g for w, g in parts)


@st.composite
def projects(
    draw, max_docs: int = 4, max_annotators: int = 4, max_spans: int = 4, doc_labels: bool = False
) -> list[DocumentRecord]:
    """Records where each annotator, per document, is absent, done with no span, or has
    spans (status done or in progress); spans may overlap and need not follow tokens."""
    n_ann = draw(st.integers(1, max_annotators))
    names = NAMES[:n_ann]
    records = []
    for d in range(draw(st.integers(1, max_docs))):
        text = draw(texts())
        spans: list[Span] = []
        status: dict[str, str] = {}
        labels: list[DocLabel] = []
        for name in names:
            state = draw(st.sampled_from(["absent", "nothing", "spans", "spans"]))
            if doc_labels and draw(st.booleans()):
                labels.append(DocLabel(name, "frame", draw(st.sampled_from(["P", "E", "M"]))))
            if state == "absent":
                if draw(st.booleans()):
                    status[name] = IN_PROGRESS
                continue
            if state == "nothing" or not text:
                status[name] = DONE
                continue
            status[name] = draw(st.sampled_from([DONE, IN_PROGRESS]))
            for _ in range(draw(st.integers(0, max_spans))):
                start = draw(st.integers(0, len(text) - 1))
                end = draw(st.integers(start + 1, min(len(text), start + 10)))
                spans.append(Span(name, start, end, draw(st.sampled_from(LABELS))))
        records.append(
            DocumentRecord(
                Document(f"doc{d}", text), tuple(spans), doc_labels=tuple(labels), status=status
            )
        )
    return records
