"""A spaCy DocBin (`.spacy`), as `spacy train` and `DocBin().from_disk()` read it.

Texts are exact: spaCy's own tokenizer (the language-neutral `xx`, so no model is needed)
splits them. Spans go into `doc.spans["sc"]` (spaCy's span categorizer key), which holds
overlapping spans. A span's ends are moved out to token boundaries where they fall inside
a token; one that covers only white space cannot be a spaCy span and is left out.
`doc.user_data` holds the document id, source and title, which layer was written, and
`spans`: every span with its exact code point offsets, annotator (or reviewer), attributes,
concept and note, since a spaCy Span has room for none of them.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.records import Corpus
from annotator.formats.common import need
from annotator.formats.export_spec import ExportOptions, ExportResult, choose_layer

NAME = "spacy"
SPANS_KEY = "sc"
LANGUAGE = "xx"


def write_export(corpus: Corpus, path: Path, options: ExportOptions) -> ExportResult:
    spacy = need("spacy", "spacy", NAME)
    from spacy.tokens import DocBin

    layer = choose_layer(corpus, options, NAME, several=False)
    nlp = spacy.blank(LANGUAGE)
    docbin = DocBin(store_user_data=True)
    result = ExportResult(layer=layer.describe())
    left_out: list[str] = []
    moved = 0
    for record in corpus.documents:
        doc = nlp.make_doc(record.text)
        group = []
        details = []
        for s in layer.spans(record):
            span = doc.char_span(s.start, s.end, label=s.label, alignment_mode="expand")
            if span is None or not span.text.strip():
                left_out.append(f"{record.id!r} {s.label!r} {s.start}-{s.end} ({s.by})")
                continue
            moved += (span.start_char, span.end_char) != (s.start, s.end)
            group.append(span)
            detail = {"start": s.start, "end": s.end, "label": s.label,
                      ("decided_by" if s.gold else "annotator"): s.by}
            if s.attributes:
                detail["attributes"] = dict(s.attributes)
            for key in ("concept", "note"):
                if getattr(s, key):
                    detail[key] = getattr(s, key)
            if s.sources:
                detail["sources"] = list(s.sources)
            details.append(detail)
        doc.spans[SPANS_KEY] = group
        doc.user_data.update({"id": record.id, "source": record.document.source,
                              "title": record.document.title, "layer": layer.describe(),
                              "spans": details})
        docbin.add(doc)
        result.documents += 1
        result.spans += len(group)
    docbin.to_disk(path)
    if moved:
        result.warnings.append(f"spacy: {moved} span(s) grew to whole spaCy tokens; the exact "
                               "offsets are in doc.user_data['spans']")
    if left_out:
        result.warnings.append(f"spacy: left out {len(left_out)} span(s) that cover only white "
                               "space: " + "; ".join(left_out[:10])
                               + (" …" if len(left_out) > 10 else ""))
    return result
