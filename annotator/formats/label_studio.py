"""Label Studio's JSON tasks, for its "Named Entity Recognition" (Labels on Text) projects.

Export: a JSON array of tasks, as Label Studio imports them: `data` holds `text` and the
document's `doc_id`, `title` and `source`; each annotator's spans are one entry of
`annotations` (on the gold layer each reviewer's, with `ground_truth: true`), and
`data.annotators` lists them. A span is a `labels` region (from_name `label`, to_name
`text`, value start, end, text, labels) whose `meta` names its annotator (`annotator`;
the reviewer on the gold layer) and holds its note (`text`): Label Studio keeps a
region's meta, while its own `completed_by` is a user number of its server. Attributes
are per-region results with the region's id: `choices` for a closed list, `textarea` for
free text, from_name the attribute's name; the concept a `choices` result named
`concept`. `--format label-studio-config` writes the labelling config that shows all this
(annotator.formats.label_studio_config).

Import: a Label Studio JSON export (an array of tasks, or one task). Every `labels`
region of every annotation that was not cancelled becomes a span (one per label it
carries), with the per-region results that share its id as attributes (`concept` as
the concept) and `meta.text` as its note; predictions are not imported. The document
id is `data.doc_id`, else the task's `id`. Whose a span is: its region's
`meta.annotator`; for a region without one (drawn in Label Studio), the annotator the
annotation's other regions name; else, in files whose regions name no one (written
before they did), `data.annotators` by position while the task has as many annotations
as it names; else the annotation's `completed_by` (an e-mail when the export has it,
else `label-studio-user-<n>`); else --annotator (default "label-studio"). Offsets are
code points, as Label Studio has counted them since 2022; a region whose `text` differs
from the task text at its offsets is refused, since its offsets are then wrong, and so
are a region without an id and one id given at two places.
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
from annotator.formats.common import (
    declare_attributes,
    declare_concepts,
    document_id,
    json_elements,
    read_text,
    refuse_surrogates,
)
from annotator.formats.export_spec import ExportOptions, ExportResult, LayerSpan, choose_layer

NAME = "label-studio"
FROM_NAME = "label"
TO_NAME = "text"
CONCEPT = "concept"
ANNOTATOR = "annotator"  # the key of a region's meta that names whose span it is


def write_export(corpus: Corpus, path: Path, options: ExportOptions) -> ExportResult:
    layer = choose_layer(corpus, options, NAME, several=True)
    closed = ({a.name for a in corpus.codebook.attributes if a.values}
              if corpus.codebook else set())
    result = ExportResult(layer=layer.describe())
    tasks = []
    for record in corpus.documents:
        by_who: dict[str, list[LayerSpan]] = {}
        for s in layer.spans(record):
            by_who.setdefault(s.by, []).append(s)
        data: dict[str, Any] = {"text": record.text, "doc_id": record.id}
        for key in ("title", "source"):
            if getattr(record.document, key):
                data[key] = getattr(record.document, key)
        data["annotators"] = sorted(by_who)
        annotations = []
        for who in data["annotators"]:
            spans = by_who[who]
            results = []
            for k, s in enumerate(spans, start=1):
                results += _regions(f"r{k}", s, record.text, closed)
            annotations.append({"result": results, "ground_truth": layer.gold})
            result.spans += len(spans)
        tasks.append({"data": data, "annotations": annotations})
        result.documents += 1
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(tasks, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    return result


def _regions(rid: str, s: LayerSpan, text: str, closed: set[str]) -> list[dict]:
    where = {"start": s.start, "end": s.end}
    region: dict[str, Any] = {"id": rid, "from_name": FROM_NAME, "to_name": TO_NAME,
                              "type": "labels",
                              "value": {**where, "text": text[s.start:s.end],
                                        "labels": [s.label]},
                              "meta": {ANNOTATOR: s.by}}
    if s.note:
        region["meta"]["text"] = [s.note]
    out = [region]
    for name in sorted(s.attributes):
        value = s.attributes[name]
        if name in closed:
            out.append({"id": rid, "from_name": name, "to_name": TO_NAME, "type": "choices",
                        "value": {**where, "choices": [value]}})
        else:
            out.append({"id": rid, "from_name": name, "to_name": TO_NAME, "type": "textarea",
                        "value": {**where, "text": [value]}})
    if s.concept:
        out.append({"id": rid, "from_name": CONCEPT, "to_name": TO_NAME, "type": "choices",
                    "value": {**where, "choices": [s.concept]}})
    return out


# ---------------------------------------------------------------- reading

def read(path: str | Path, annotator: str | None = None) -> ImportBatch:
    path = Path(path)
    file = str(path)
    batch = ImportBatch(file)
    seen: set[str] = set()
    for index, (task, line) in enumerate(json_elements(read_text(path), file), start=1):
        refuse_surrogates(task, file, line)
        try:
            record = _task(task, annotator or NAME, f"{path.stem}-{index}")
        except InputError as exc:
            raise InputError(f"task {index}: {exc.problem}", file, line) from None
        if record.id in seen:
            raise InputError(f"task {index}: document id {record.id!r} appears twice in the "
                             "file", file, line)
        seen.add(record.id)
        batch.add(record, line)
    declare_concepts(batch)
    declare_attributes(batch)
    return batch


def _who(annotation: dict, ours: Any, k: int, n: int, default: str) -> str:
    """Whose an annotation is when its regions do not say: `data.annotators` by position
    (files written before regions named their annotator) while the task still has as many
    annotations as it names, else Label Studio's own `completed_by`."""
    if (isinstance(ours, list) and len(ours) == n and isinstance(ours[k], str) and ours[k]):
        return ours[k]
    by = annotation.get("completed_by")
    if isinstance(by, dict):
        for key in ("email", "username"):
            if isinstance(by.get(key), str) and by[key]:
                return by[key]
        by = by.get("id")
    if isinstance(by, int) and not isinstance(by, bool):
        return f"label-studio-user-{by}"
    if isinstance(by, str) and by:
        return by
    return default


def _task(task: Any, default: str, fallback_id: str) -> DocumentRecord:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise InputError("a task is an object with a 'data' object")
    data = task["data"]
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError("the task's data has no 'text' string (the Text tag must read "
                         "$text)")
    doc_id = document_id(data.get("doc_id"), task.get("id"), fallback_id)
    annotations = task.get("annotations", task.get("completions")) or []
    if not isinstance(annotations, list):
        raise InputError("'annotations' must be a list")
    spans: dict[tuple, Span] = {}
    if not all(isinstance(a, dict) for a in annotations):
        raise InputError("an annotation must be an object")
    legacy = not any(isinstance(r, dict) and isinstance(r.get("meta"), dict)
                     and ANNOTATOR in r["meta"]
                     for a in annotations if isinstance(a.get("result"), list)
                     for r in a["result"])
    for k, annotation in enumerate(annotations):
        if annotation.get("was_cancelled"):
            continue
        who = _who(annotation, data.get("annotators") if legacy else None, k,
                   len(annotations), default)
        for span in _spans(annotation.get("result") or [], text, who):
            old = spans.get(span.key)
            if old is not None and old != span:
                raise InputError(f"two regions {span.start}-{span.end} {span.label!r} of "
                                 f"{who} with different attributes or notes")
            spans[span.key] = span
    title = data.get("title") if isinstance(data.get("title"), str) else None
    source = data.get("source") if isinstance(data.get("source"), str) else None
    return DocumentRecord(Document(str(doc_id), text, title=title or None,
                                   source=source or None), tuple(spans.values()))


def _spans(results: Any, text: str, who: str) -> list[Span]:
    """The spans of one annotation. A region names its annotator in its meta (ours); a
    region without one (drawn in Label Studio) is the annotator's whom the annotation's
    other regions name, else `who`."""
    if not isinstance(results, list):
        raise InputError("'result' must be a list")
    regions: dict[str, dict] = {}
    extras: list[dict] = []
    for item in results:
        if not isinstance(item, dict) or not isinstance(item.get("value"), dict):
            raise InputError("a result must be an object with a 'value' object")
        if item.get("type") == "labels":
            value = item["value"]
            rid = item.get("id")
            if isinstance(rid, bool) or not isinstance(rid, (str, int)) or rid == "":
                raise InputError(f"a labels region without an id (at {value.get('start')!r}-"
                                 f"{value.get('end')!r}): its attributes and note could not "
                                 "be told apart from another region's")
            start, end = value.get("start"), value.get("end")
            problem = check_offsets(len(text), start, end)
            if problem:
                raise InputError(f"region {rid!r}: {problem}")
            covered = value.get("text")
            if covered is not None and covered != text[start:end]:
                raise InputError(f"region {item.get('id')!r}: its text {covered!r} is not the "
                                 f"task's {text[start:end]!r} at {start}-{end}")
            labels = value.get("labels")
            if (not isinstance(labels, list) or not labels
                    or not all(isinstance(x, str) and x for x in labels)):
                raise InputError(f"region {item.get('id')!r}: 'labels' must be a list of names")
            meta = item.get("meta") if isinstance(item.get("meta"), dict) else {}
            notes = meta.get("text") or []
            notes = [notes] if isinstance(notes, str) else notes
            by = meta.get(ANNOTATOR)
            if by is not None and (not isinstance(by, str) or not by):
                raise InputError(f"region {rid!r}: meta {ANNOTATOR!r} must be a name")
            region = regions.setdefault(str(rid), {
                "start": start, "end": end, "labels": [], "attributes": {}, "concept": None,
                "note": "\n".join(x for x in notes if isinstance(x, str)) or None, "by": by,
            })
            if (region["start"], region["end"]) != (start, end):
                raise InputError(f"region {rid!r} is given twice with different offsets "
                                 f"({region['start']}-{region['end']} and {start}-{end})")
            region["labels"] += labels
        elif item.get("type") in ("choices", "textarea"):
            extras.append(item)
    for item in extras:
        region = regions.get(str(item.get("id")))
        if region is None:
            continue  # a choice about the whole task, not a region
        value = item["value"]
        if (value.get("start", region["start"]), value.get("end", region["end"])) != (
                region["start"], region["end"]):
            raise InputError(f"region {item.get('id')!r}: its {item.get('from_name')!r} is at "
                             f"{value.get('start')!r}-{value.get('end')!r}, the region at "
                             f"{region['start']}-{region['end']}")
        picked = value.get("choices" if item["type"] == "choices" else "text")
        picked = [picked] if isinstance(picked, str) else picked
        if (not isinstance(picked, list) or not picked
                or not all(isinstance(x, str) for x in picked)):
            raise InputError(f"region {item.get('id')!r}: {item.get('from_name')!r} must be "
                             "a list of strings")
        name = item.get("from_name")
        if not isinstance(name, str) or not name:
            raise InputError(f"region {item.get('id')!r}: a result without a from_name")
        if name == CONCEPT:
            region["concept"] = picked[0]
        else:
            region["attributes"][name] = ", ".join(picked)
    named = {r["by"] for r in regions.values() if r["by"]}
    who = named.pop() if len(named) == 1 else who
    return [Span(r["by"] or who, r["start"], r["end"], label, dict(r["attributes"]),
                 r["concept"], r["note"])
            for r in regions.values() for label in dict.fromkeys(r["labels"])]
