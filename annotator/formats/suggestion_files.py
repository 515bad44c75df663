"""Files of suggestions: the interchange with a `score` on each span (what `annotator
suggest import` reads, and what an external command prints), and Label Studio's
`predictions`.

The interchange form: one document line per document the file speaks of, with `id` and
the suggestions in `annotations`; each span has `start`, `end`, `label`, and optionally
`score` (a number), `text` (checked against the offsets), `attributes` and `concept`.
The document's other keys (`text`, `title`, `meta` …) may be echoed back as they were
sent, and `text` and `text_sha256`, when given, must be the project's (offsets count in
the project's text). A codebook line is skipped. Work that only people do (`gold`,
`doc_labels`, `status`) and a `concepts` line are refused, as is any key this page does
not define.

Label Studio: a JSON export (an array of tasks, or one task) whose `predictions` hold
regions as its annotations do (formats.label_studio reads them); a region's own `score`
wins over its prediction's. The tasks' `annotations` are people's work, not suggestions:
they are left out.

Documents are named by id and must be in the project already; `lookup(ids)` gives the
project's texts of those that are (formats never read the database themselves).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import sha256_of
from annotator.core.proposals import Suggestion
from annotator.core.suggest.provenance import check_score
from annotator.formats import label_studio
from annotator.formats.common import json_elements, read_bytes, read_text, refuse_surrogates
from annotator.formats.jsonl import DOC_KEYS, _list, _req_str, _span_common, json_lines

Lookup = Callable[[Collection[str]], Mapping[str, str]]

SPAN_KEYS = ("start", "end", "text", "label", "attributes", "concept")  # and "score"
PEOPLES_WORK = ("doc_labels", "status", "gold", "gold_doc_labels", "suggestions",
                "suggestion_rejections")
ECHOED = tuple(k for k in DOC_KEYS if k not in PEOPLES_WORK and k != "annotations")
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "label-studio"}


@dataclass
class SuggestionBatch:
    """The suggestions of one file, each with its document and line, and every document
    the file speaks of (a document line without suggestions says "none here")."""

    file: str
    items: list[tuple[str, Suggestion, int]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def by_document(self) -> dict[str, list[Suggestion]]:
        out: dict[str, list[Suggestion]] = {doc: [] for doc in self.documents}
        for doc, suggestion, _line in self.items:
            out[doc].append(suggestion)
        return out


NOT_IN_PROJECT = ("document {!r} is not in the project (suggestions are made for documents "
                  "already imported)")


def read(path: str | Path, source: str, lookup: Lookup) -> SuggestionBatch:
    """A suggestion file by its extension: .jsonl/.ndjson the interchange, .json Label
    Studio."""
    path = Path(path)
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"a suggestion file is .jsonl (the interchange with scores) or .json "
                         f"(Label Studio predictions), not {path.suffix or 'without extension'!r}",
                         str(path))
    if kind == "jsonl":
        return parse_jsonl(read_bytes(path, "jsonl"), str(path), source, lookup)
    return parse_label_studio(read_text(path, kind="json"), str(path), source, lookup)


# ---------------------------------------------------------------- the interchange

def parse_jsonl(raw: bytes, file: str, source: str, lookup: Lookup,
                unknown: str = NOT_IN_PROJECT) -> SuggestionBatch:
    """The interchange with scores, from bytes (a file, or a command's output). `unknown`:
    the message for a document id `lookup` does not know ({!r}: the id)."""
    lines: list[tuple[dict, int]] = []
    for obj, line in json_lines(raw, file):
        if not isinstance(obj, dict):
            raise InputError("a line must be a JSON object", file, line)
        if "codebook" in obj:
            continue
        if "concepts" in obj:
            raise InputError("suggestions cannot declare concepts: a suggestion names a "
                             "concept the project has", file, line)
        lines.append((obj, line))
    texts = lookup([obj["id"] for obj, _ in lines if isinstance(obj.get("id"), str)])
    batch = SuggestionBatch(file)
    for obj, line in lines:
        try:
            doc_id, found = _document(obj, texts, source, unknown)
        except InputError as exc:
            raise InputError(exc.problem, file, line) from None
        except RecursionError:
            raise InputError("JSON nested too deeply", file, line) from None
        _add(batch, doc_id, found, line)
    return batch


def _document(obj: dict, texts: Mapping[str, str], source: str, unknown: str
              ) -> tuple[str, list[Suggestion]]:
    for key in obj:
        if key in PEOPLES_WORK:
            raise InputError(f"a suggestion file holds suggestions (in 'annotations') only, "
                             f"not {key!r}")
        if key not in ECHOED and key != "annotations":
            raise InputError(f"unknown key {key!r} in a document (allowed: "
                             f"{', '.join((*ECHOED, 'annotations'))})")
    doc_id = _req_str(obj, "id", "a document")
    text = _project_text(doc_id, texts, unknown)
    what = f"document {doc_id!r}"
    given = obj.get("text")
    if given is not None and given != text:
        raise InputError(f"{what}: 'text' is not the project's text of this document "
                         "(offsets would point at other words)")
    sha = obj.get("text_sha256")
    if sha is not None and (not isinstance(sha, str) or sha.lower() != sha256_of(text)):
        raise InputError(f"{what}: text_sha256 does not match the project's text")
    out = []
    for item in _list(obj, "annotations", what):
        if not isinstance(item, dict):
            raise InputError(f"{what}: a suggestion must be an object")
        score = check_score(item.get("score"), f"{what}: suggestion")
        span = {k: v for k, v in item.items() if k != "score"}
        start, end, label, attrs, concept, _note = _span_common(
            span, text, what, SPAN_KEYS, "suggestion")
        out.append(Suggestion(source, start, end, label, score, attrs, concept))
    return doc_id, out


def _project_text(doc_id: str, texts: Mapping[str, str], unknown: str = NOT_IN_PROJECT
                  ) -> str:
    text = texts.get(doc_id)
    if text is None:
        raise InputError(unknown.format(doc_id))
    return text


def _add(batch: SuggestionBatch, doc_id: str, found: Iterable[Suggestion], line: int) -> None:
    """One document's suggestions; the same (start, end, label) twice is one (its best
    score), unless the two differ in attributes or concept."""
    if doc_id in batch.documents:
        raise InputError(f"document id {doc_id!r} appears twice in the file", batch.file, line)
    batch.documents.append(doc_id)
    kept: dict[tuple, int] = {}
    for s in found:
        at = kept.get(s.key)
        if at is None:
            kept[s.key] = len(batch.items)
            batch.items.append((doc_id, s, line))
            continue
        old = batch.items[at][1]
        if (dict(old.attributes), old.concept) != (dict(s.attributes), s.concept):
            raise InputError(f"document {doc_id!r}: two suggestions {s.start}-{s.end} "
                             f"{s.label!r} with different attributes or concept",
                             batch.file, line)
        if (s.score or 0) > (old.score or 0) or old.score is None:
            batch.items[at] = (doc_id, s, line)


# ---------------------------------------------------------------- Label Studio

def parse_label_studio(text: str, file: str, source: str, lookup: Lookup) -> SuggestionBatch:
    tasks = []
    for index, (task, line) in enumerate(json_elements(text, file), start=1):
        refuse_surrogates(task, file, line)
        tasks.append((index, task, line))
    texts = lookup([_task_id(task, index) for index, task, _ in tasks
                    if isinstance(task, dict) and isinstance(task.get("data"), dict)])
    batch = SuggestionBatch(file)
    for index, task, line in tasks:
        try:
            doc_id, found = _task(task, index, texts, source)
        except InputError as exc:
            raise InputError(f"task {index}: {exc.problem}", file, line) from None
        _add(batch, doc_id, found, line)
    return batch


def _task_id(task: dict, index: int) -> str:
    doc_id = task["data"].get("doc_id")
    if doc_id is None or doc_id == "":
        doc_id = task.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or doc_id == "":
        return f"task {index}"  # refused in _task
    return str(doc_id)


def _task(task: Any, index: int, texts: Mapping[str, str], source: str
          ) -> tuple[str, list[Suggestion]]:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise InputError("a task is an object with a 'data' object")
    text = task["data"].get("text")
    if not isinstance(text, str):
        raise InputError("the task's data has no 'text' string")
    if task["data"].get("doc_id") in (None, "") and task.get("id") in (None, ""):
        raise InputError("the task names no document (data.doc_id or id)")
    doc_id = _task_id(task, index)
    if text != _project_text(doc_id, texts):
        raise InputError(f"the task's text is not the project's text of document {doc_id!r}")
    predictions = task.get("predictions") or []
    if not isinstance(predictions, list) or not all(isinstance(p, dict) for p in predictions):
        raise InputError("'predictions' must be a list of objects")
    out = []
    for prediction in predictions:
        results = prediction.get("result") or []
        default = check_score(prediction.get("score"), "a prediction")
        scores: dict[tuple, float | None] = {}
        for item in results if isinstance(results, list) else ():
            if isinstance(item, dict) and item.get("type") == "labels" and isinstance(
                    item.get("value"), dict) and item.get("score") is not None:
                value = item["value"]
                score = check_score(item["score"], f"region {item.get('id')!r}")
                for lab in value.get("labels") or ():
                    scores[(value.get("start"), value.get("end"), lab)] = score
        for span in label_studio._spans(results, text, source):
            score = scores.get((span.start, span.end, span.label), default)
            out.append(Suggestion(source, span.start, span.end, span.label, score,
                                  span.attributes, span.concept))
    return doc_id, out
