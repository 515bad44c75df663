"""A Hugging Face `datasets` dataset saved with `save_to_disk`, read with `load_from_disk`.

One row per document: `id`, `text`, `source`, `title`; `spans`, a list of {start, end,
label, annotator, attributes (a JSON object as a string), concept, note} with code point
offsets (Python string indices, as `text[start:end]`), overlapping spans included;
`tokens` and `tokens_start`/`tokens_end` (the agreement spec's tokens) and `ner_tags`, one
BIO tag per token with a ClassLabel feature (O, then B-/I- of each codebook label), for
token classification. One tag per token cannot hold overlapping spans: see
annotator.formats.bio for which span is kept; the others stay in `spans` and are reported.
On the gold layer `annotator` is the reviewer who decided the span.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.records import Corpus
from annotator.formats import bio
from annotator.formats.common import need
from annotator.formats.conll import cap
from annotator.formats.export_spec import ExportOptions, ExportResult, choose_layer

NAME = "hf"


def labels_of(corpus: Corpus) -> list[str]:
    """The codebook's labels in order, then any other label a span uses."""
    names = list(corpus.codebook.label_names()) if corpus.codebook else []
    used = sorted({s.label for r in corpus.documents for s in (*r.annotations, *r.gold)}
                  - set(names))
    return names + used


def write_export(corpus: Corpus, path: Path, options: ExportOptions) -> ExportResult:
    datasets = need("datasets", "hf", NAME)
    from datasets import ClassLabel, Features, Sequence, Value

    layer = choose_layer(corpus, options, NAME, several=False)
    names = bio.tag_names(labels_of(corpus))
    index = {n: i for i, n in enumerate(names)}
    span_feature = {"start": Value("int64"), "end": Value("int64"), "label": Value("string"),
                    "annotator": Value("string"), "attributes": Value("string"),
                    "concept": Value("string"), "note": Value("string")}
    features = Features({
        "id": Value("string"), "text": Value("string"), "source": Value("string"),
        "title": Value("string"), "spans": [span_feature],
        "tokens": Sequence(Value("string")), "tokens_start": Sequence(Value("int64")),
        "tokens_end": Sequence(Value("int64")), "ner_tags": Sequence(ClassLabel(names=names)),
    })
    columns: dict[str, list] = {k: [] for k in features}
    result = ExportResult(layer=layer.describe())
    warnings = []
    total_left = 0
    for record in corpus.documents:
        spans = layer.spans(record)
        tagged = bio.tag(record.text, spans)
        starts, ends = tagged.starts.tolist(), tagged.ends.tolist()
        columns["id"].append(record.id)
        columns["text"].append(record.text)
        columns["source"].append(record.document.source)
        columns["title"].append(record.document.title)
        columns["spans"].append([
            {"start": s.start, "end": s.end, "label": s.label, "annotator": s.by,
             "attributes": json.dumps(dict(sorted(s.attributes.items())), ensure_ascii=False)
             if s.attributes else None, "concept": s.concept, "note": s.note}
            for s in spans])
        columns["tokens"].append([record.text[a:b] for a, b in zip(starts, ends, strict=True)])
        columns["tokens_start"].append(starts)
        columns["tokens_end"].append(ends)
        columns["ner_tags"].append([index[t] for t in tagged.tags])
        result.documents += 1
        result.spans += len(spans)
        if tagged.left_out:
            total_left += len(tagged.left_out)
            warnings.append(bio.left_out_warning(NAME + " ner_tags", record.id,
                                                 tagged.left_out))
    bars = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()  # ours is the only progress shown
    try:
        dataset = datasets.Dataset.from_dict(columns, features=features)
        dataset.save_to_disk(str(path))
    finally:
        if bars:
            datasets.enable_progress_bars()
    result.warnings = cap(warnings, total_left, NAME)
    return result
