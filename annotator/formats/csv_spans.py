"""One row per span, for spreadsheets and pandas.

Columns: document_id, source, layer ("gold" or "annotation"), annotator (the reviewer who
decided it, on a gold row), start, end (code points), label, text (the covered text),
attributes (a JSON object), concept, note, sources (gold: the annotators it came from,
space separated).

Safe to open in a spreadsheet: the rule of annotator/core/spreadsheet.py (a text cell
that could start a formula gets a leading single quote; `unsafe` takes it off). UTF-8 with a BOM,
so that Excel reads it as UTF-8; RFC 4180 quoting and CRLF row ends.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core import spreadsheet
from annotator.core.records import Corpus
from annotator.core.spreadsheet import FORMULA_STARTS, safe, unsafe  # noqa: F401 (used by readers)
from annotator.formats.export_spec import ExportOptions, ExportResult, choose_layer

NAME = "csv"
HEADER = ("document_id", "source", "layer", "annotator", "start", "end", "label", "text",
          "attributes", "concept", "note", "sources")


def write_export(corpus: Corpus, path: Path, options: ExportOptions) -> ExportResult:
    layer = choose_layer(corpus, options, NAME, several=True)
    result = ExportResult(layer=layer.describe())
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = spreadsheet.writer(fh)
        writer.writerow(HEADER)
        for record in corpus.documents:
            doc = record.document
            result.documents += 1
            for s in layer.spans(record):
                attrs = (json.dumps({k: s.attributes[k] for k in sorted(s.attributes)},
                                    ensure_ascii=False) if s.attributes else "")
                row = [doc.id, doc.source or "", "gold" if s.gold else "annotation", s.by,
                       s.start, s.end, s.label, doc.text[s.start:s.end], attrs,
                       s.concept or "", s.note or "", " ".join(s.sources)]
                writer.writerow(row)
                result.spans += 1
    return result
