"""doccano's sequence-labelling JSONL.

Export: one line per document, `{"text": …, "label": [[start, end, "Label"], …]}`, which
doccano imports as is, plus `doc_id`, `title` and `source` (doccano keeps extra keys as
the document's metadata) and `annotator`, the annotator whose spans these are (on the gold
layer `decided_by`, the reviewers). Every line has every key (null where there is no
value): doccano stores a key that some lines lack as NaN and then refuses the file.
Offsets are code points, as doccano counts them (with its grapheme mode off). doccano
keeps overlapping spans only in a project that allows them; the export warns when it
writes spans that such a project would drop.

Import: what doccano exports (and imports): lines with `text` and `label` (or `labels`,
older versions) as `[start, end, label]` triples, or `entities` as objects with
`start_offset`, `end_offset` and `label` (relation projects). The document id is
`doc_id`, else doccano's `id`, else the file name and line. The spans land in the layer
named by a line's `annotator`, `username` or `user` (a name), else by --annotator (default
"doccano"). doccano 1.0's `annotations` with numeric label ids cannot be read: the label
names are not in the file.

Which `.jsonl` is doccano's: one whose first line is a JSON object with a `label`,
`labels` or `entities` key. The interchange never has these keys (it refuses them), so
no interchange file is taken for doccano's; `--from jsonl` or `--from doccano` overrides.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.batch import ImportBatch
from annotator.core.errors import InputError
from annotator.core.model import Document, Span
from annotator.core.records import Corpus, DocumentRecord
from annotator.core.span_checks import check_offsets
from annotator.formats.common import document_id, loads, read_text, refuse_surrogates
from annotator.formats.export_spec import ExportOptions, ExportResult, choose_layer

NAME = "doccano"
SPAN_KEYS = ("label", "labels", "entities")
WHO_KEYS = ("annotator", "username", "user")


def write_export(corpus: Corpus, path: Path, options: ExportOptions) -> ExportResult:
    layer = choose_layer(corpus, options, NAME, several=False)
    result = ExportResult(layer=layer.describe())
    overlapping: dict[str, int] = {}
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for record in corpus.documents:
            spans = layer.spans(record)
            # doccano reads the lines into one table and stores a key some lines lack as
            # NaN, which is not JSON: every line has every key, "" where empty (pandas 3
            # turns a null in a column of strings into NaN too)
            obj: dict[str, Any] = {"text": record.text,
                                   "label": [[s.start, s.end, s.label] for s in spans],
                                   "doc_id": record.id, "title": record.document.title or "",
                                   "source": record.document.source or ""}
            if layer.gold:
                obj["decided_by"] = sorted({s.by for s in spans})
            else:
                obj["annotator"] = layer.annotator or (spans[0].by if spans else "")
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
            result.documents += 1
            result.spans += len(spans)
            dropped = overlaps(spans)
            if dropped:
                overlapping[record.id] = dropped
    if overlapping:
        shown = ", ".join(f"{doc_id!r} ({n})" for doc_id, n in list(overlapping.items())[:5])
        more = f" and {len(overlapping) - 5} more" if len(overlapping) > 5 else ""
        result.warnings.append(
            f"doccano: {sum(overlapping.values())} span(s) overlap an earlier one, in "
            f"{shown}{more}: doccano drops them on import unless the project allows "
            "overlapping spans (its setting 'Allow overlapping spans')")
    return result


def overlaps(spans) -> int:
    """How many spans doccano drops from a document in a project that does not allow
    overlapping spans: in order of start, each span that starts before the end of the
    last one it kept."""
    end, dropped = -1, 0
    for s in sorted(spans, key=lambda s: (s.start, s.end, s.label)):
        if s.start >= end:
            end = s.end
        else:
            dropped += 1
    return dropped


def detect(path: Path) -> bool:
    """Whether a .jsonl file is doccano's (see the module's note)."""
    try:
        with open(path, "rb") as fh:
            for raw in fh:
                line = raw.strip().removeprefix(b"\xef\xbb\xbf")
                if line:
                    obj = json.loads(line.decode("utf-8"))
                    return isinstance(obj, dict) and any(k in obj for k in SPAN_KEYS)
    except (OSError, ValueError, RecursionError):
        pass
    return False


def read(path: str | Path, annotator: str | None = None) -> ImportBatch:
    path = Path(path)
    file = str(path)
    source = read_text(path)
    batch = ImportBatch(file)
    seen: set[str] = set()
    for lineno, line in enumerate(source.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        obj = loads(line, file, lineno)
        refuse_surrogates(obj, file, lineno)
        if not isinstance(obj, dict):
            raise InputError("a line must be a JSON object", file, lineno)
        try:
            record = _record(obj, annotator, f"{path.stem}-{lineno}")
        except InputError as exc:
            raise InputError(exc.problem, file, lineno) from None
        if record.id in seen:
            raise InputError(f"document id {record.id!r} appears twice in the file",
                             file, lineno)
        seen.add(record.id)
        batch.add(record, lineno)
    return batch


def _record(obj: dict, annotator: str | None, fallback_id: str) -> DocumentRecord:
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError("no 'text' string")
    doc_id = document_id(obj.get("doc_id"), obj.get("id"), fallback_id)
    who = next((obj[k] for k in WHO_KEYS if isinstance(obj.get(k), str) and obj[k]),
               None) or annotator or NAME
    if "annotations" in obj and not any(k in obj for k in SPAN_KEYS):
        raise InputError("doccano 1.0's 'annotations' name labels by number; export from a "
                         "newer doccano, whose lines name them")
    present = [k for k in SPAN_KEYS if obj.get(k) is not None]
    if len(present) > 1:
        raise InputError(f"both {present[0]!r} and {present[1]!r}: which are the spans?")
    items = obj.get(present[0]) if present else []
    if not isinstance(items, list):
        raise InputError(f"{present[0]!r} must be a list")
    spans: dict[tuple, Span] = {}
    for item in items:
        if isinstance(item, dict):
            start, end, label = (item.get("start_offset"), item.get("end_offset"),
                                 item.get("label"))
        elif isinstance(item, list) and len(item) == 3:
            start, end, label = item
        else:
            raise InputError(f"a span must be [start, end, label] or an object with "
                             f"start_offset, end_offset and label, not {json.dumps(item)}")
        problem = check_offsets(len(text), start, end)
        if problem:
            raise InputError(problem)
        if not isinstance(label, str) or not label:
            raise InputError(f"span {start}-{end}: the label must be a name, not "
                             f"{json.dumps(label)}")
        span = Span(who, start, end, label)
        spans[span.key] = span
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    source = obj.get("source") if isinstance(obj.get("source"), str) else None
    return DocumentRecord(Document(str(doc_id), text, title=title or None,
                                   source=source or None), tuple(spans.values()))
