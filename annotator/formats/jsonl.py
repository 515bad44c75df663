"""The JSONL interchange: strict reader, canonical writer."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Mapping
from itertools import repeat
from operator import itemgetter, lt
from pathlib import Path
from sys import intern
from typing import IO, Any

from annotator.core.batch import ImportBatch, is_iso_date
from annotator.core.codebook import codebook_from_dict, codebook_to_dict
from annotator.core.errors import InputError
from annotator.core.gold import DecisionRecord, GoldDocLabel, GoldSpan
from annotator.core.model import (
    NO_ATTRIBUTES,
    STATUSES,
    Concept,
    DocLabel,
    Document,
    Span,
    SpanRows,
    sha256_of,
    span_rows,
)
from annotator.core.proposals import Rejection, Suggestion
from annotator.core.records import Corpus, DocumentRecord
from annotator.core.span_checks import check_offsets
from annotator.core.suggest import provenance
from annotator.formats.common import loads, refuse_surrogates
from annotator.formats.export_spec import ExportOptions, ExportResult, choose_layer, only_layer
from annotator.formats.input_files import read_lines

NAME = "jsonl"

DOC_KEYS = ("id", "text", "text_sha256", "title", "source", "url", "published", "author",
            "event", "meta", "annotations", "doc_labels", "status", "gold", "gold_doc_labels",
            "suggestions", "suggestion_rejections")
META_KEYS = ("title", "source", "url", "published", "author", "event")
# `text`, the covered text, is optional on input (checked against the offsets, so a file
# written or edited by hand cannot point at other words) and never written: it is derived.
SPAN_KEYS = ("annotator", "start", "end", "text", "label", "attributes", "concept", "note",
             "codebook_version", "suggested")
# Machine suggestions (never annotations) and the annotators' rejections of them; a span
# accepted from a suggestion carries it as `suggested` (core.suggest.provenance).
SUGGESTION_KEYS = ("source", "start", "end", "text", "label", "score", "attributes", "concept",
                   "annotator")
REJECTION_KEYS = ("annotator", "start", "end", "text", "label")
GOLD_KEYS = ("decided_by", "start", "end", "text", "label", "attributes", "concept", "note",
             "sources")
DOC_LABEL_KEYS = ("annotator", "name", "value")
GOLD_DOC_LABEL_KEYS = ("decided_by", "name", "value")
CONCEPT_KEYS = ("id", "name", "type", "event", "description")
# The per-annotator document note and the reviewers' decisions have no key of their own in
# the spec; they travel in `meta` under these reserved keys (and come back out on import).
NOTES_META_KEY = "annotator_notes"
DECISIONS_META_KEY = "adjudication_decisions"
DECISION_KEYS = ("reviewer", "at", "decision", "start", "end", "label", "annotators", "gold",
                 "details")


# ---------------------------------------------------------------- reading

def read(path: str | Path) -> ImportBatch:
    path = Path(path)
    # line by line from the file: its bytes are never held whole beside what they become
    return parse(read_lines(path, "jsonl"), str(path))


def json_lines(raw: bytes | Iterable[bytes], file: str) -> Iterator[tuple[Any, int]]:
    """The JSON value of each non-blank line with its number: the interchange's framing
    (UTF-8, a leading BOM and CR line ends accepted, lone surrogates refused). `raw`: the
    file's bytes, or its lines split at b"\n" (input_files.read_lines)."""
    if isinstance(raw, bytes):
        # BytesIO splits at b"\n" only and one line at a time: no second copy of the file
        raw = io.BytesIO(raw)
    for lineno, line in enumerate(raw, start=1):
        if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        line = line.removesuffix(b"\n").removesuffix(b"\r")
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-8 (byte {exc.start + 1} of the line)",
                             file, lineno) from None
        obj = loads(text, file, lineno)
        try:
            refuse_surrogates(obj, file, lineno, text)
        except RecursionError:
            raise InputError("JSON nested too deeply", file, lineno) from None
        yield obj, lineno


def parse(raw: bytes | Iterable[bytes], file: str) -> ImportBatch:
    batch = ImportBatch(file)
    seen_ids: set[str] = set()
    concepts: dict[str, Concept] = {}
    for obj, lineno in json_lines(raw, file):
        try:
            if not isinstance(obj, dict):
                raise InputError("a line must be a JSON object")
            if "codebook" in obj:
                _only_key(obj, "codebook")
                if batch.codebook is not None:
                    raise InputError("a second codebook line")
                batch.codebook = codebook_from_dict(obj["codebook"])
            elif "concepts" in obj:
                _only_key(obj, "concepts")
                for c in _concepts(obj["concepts"]):
                    if c.id in concepts and concepts[c.id] != c:
                        raise InputError(f"concept {c.id!r} is declared twice, differently")
                    if c.id not in concepts:
                        concepts[c.id] = c
                        batch.concepts.append(c)
            else:
                record = record_from_json(obj)
                if record.id in seen_ids:
                    raise InputError(f"document id {record.id!r} appears twice in the file")
                seen_ids.add(record.id)
                batch.add(record, lineno)
        except InputError as exc:
            raise InputError(exc.problem, file, lineno) from None
        except RecursionError:
            raise InputError("JSON nested too deeply", file, lineno) from None
    return batch


def _only_key(obj: dict, key: str) -> None:
    extra = [k for k in obj if k != key]
    if extra:
        raise InputError(f"a {key} line has no other keys; found {', '.join(map(repr, extra))}")


def _unknown_keys(obj: dict, allowed: tuple[str, ...], what: str) -> None:
    for key in obj:
        if key not in allowed:
            raise InputError(f"unknown key {key!r} in {what} (allowed: {', '.join(allowed)})")


def _opt_str(obj: dict, key: str, what: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise InputError(f"{what}: {key!r} must be a string")
    return value


def _req_str(obj: dict, key: str, what: str) -> str:
    value = obj.get(key)
    if value is None:
        raise InputError(f"{what}: missing {key!r}")
    if not isinstance(value, str):
        raise InputError(f"{what}: {key!r} must be a string")
    if not value:
        raise InputError(f"{what}: {key!r} is empty")
    return value


def _list(obj: dict, key: str, what: str = "") -> list:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"{what}{': ' if what else ''}{key!r} must be a list")
    return value


def _object(obj: dict, key: str, what: str, meaning: str = "an object") -> dict:
    """An optional object: null counts as absent (the spec), any other non-object is
    refused rather than read as empty (`false`, `[]`, `""` are not "no value")."""
    value = obj.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(f"{what}: {key!r} must be {meaning}, not {json.dumps(value)[:40]}")
    return value


def _concepts(value: Any) -> list[Concept]:
    if not isinstance(value, list):
        raise InputError("'concepts' must be a list")
    out = []
    for c in value:
        if not isinstance(c, dict):
            raise InputError("a concept must be an object")
        _unknown_keys(c, CONCEPT_KEYS, "a concept")
        out.append(Concept(_req_str(c, "id", "a concept"),
                           *(_opt_str(c, k, "a concept") for k in CONCEPT_KEYS[1:])))
    return out


def record_from_json(obj: dict) -> DocumentRecord:
    _unknown_keys(obj, DOC_KEYS, "a document")
    doc_id = _req_str(obj, "id", "a document")
    text = obj.get("text")
    if text is None:
        raise InputError(f"document {doc_id!r}: missing 'text'")
    if not isinstance(text, str):
        raise InputError(f"document {doc_id!r}: 'text' must be a string")
    what = f"document {doc_id!r}"
    sha = _opt_str(obj, "text_sha256", what)
    if sha is not None and sha.lower() != sha256_of(text):
        raise InputError(f"{what}: text_sha256 does not match the text")
    fields = {k: _opt_str(obj, k, what) for k in META_KEYS}
    if fields["published"] is not None and not is_iso_date(fields["published"]):
        raise InputError(f"{what}: 'published' {fields['published']!r} is not an ISO 8601 "
                         "date or date-time")
    meta = dict(_object(obj, "meta", what))
    notes = _notes(meta.pop(NOTES_META_KEY, None), what)
    decisions = _decisions(meta.pop(DECISIONS_META_KEY, None), text, what)

    items = _list(obj, "annotations", what)
    rows = _checked_together(items, text, what)
    if rows is None:
        spans: dict[tuple, tuple] = {}  # rows of SpanRows by the span's key
        for item in items:
            row = _span(item, text, what)
            # the usual span is new: one dict operation; a repeat is checked the long way
            if spans.setdefault(row[:4], row) is not row:
                _keep_one({row[:4]: Span(*spans[row[:4]])}, row[:4], Span(*row), what)
        rows = tuple(spans.values())
    gold: dict[tuple, GoldSpan] = {}
    for item in _list(obj, "gold", what):
        g = _gold(item, text, what)
        _keep_one(gold, g.key, g, what)

    doc_labels: dict[tuple, DocLabel] = {}
    for item in _list(obj, "doc_labels", what):
        dl = _doc_label(item, what)
        if doc_labels.setdefault((dl.annotator, dl.name), dl) is not dl:
            _keep_one(doc_labels, (dl.annotator, dl.name), dl, what, "two values for doc label")
    gold_doc_labels: dict[str, GoldDocLabel] = {}
    for item in _list(obj, "gold_doc_labels", what):
        if not isinstance(item, dict):
            raise InputError(f"{what}: a gold doc label must be an object")
        _unknown_keys(item, GOLD_DOC_LABEL_KEYS, "a gold doc label")
        gl = GoldDocLabel(*(_req_str(item, k, f"{what}: a gold doc label")
                            for k in GOLD_DOC_LABEL_KEYS))
        _keep_one(gold_doc_labels, gl.name, gl, what, "two values for gold doc label")

    status = _object(obj, "status", what, "an object annotator → status")
    for annotator, value in status.items():
        if not annotator:
            raise InputError(f"{what}: an empty annotator name in 'status'")
        if value not in STATUSES:
            raise InputError(f"{what}: status of {annotator!r} must be "
                             f"'in_progress' or 'done', not {value!r}")

    suggestions: dict[tuple, Suggestion] = {}
    for item in _list(obj, "suggestions", what):
        x = _suggestion(item, text, what)
        _keep_one(suggestions, (x.source, x.annotator or "", *x.key), x, what,
                  "two suggestions of one source, place and label that differ")
    rejections: dict[tuple, Rejection] = {}
    for item in _list(obj, "suggestion_rejections", what):
        start, end, label, _a, _c, _n = _span_common(item, text, what, REJECTION_KEYS,
                                                     "rejection")
        r = Rejection(_req_str(item, "annotator", f"{what}: rejection {start}-{end}"), start,
                      end, label)
        rejections.setdefault((r.annotator, r.start, r.end, r.label), r)

    return DocumentRecord(
        document=Document(doc_id, text, **fields, meta=meta),
        annotations=SpanRows(rows),
        doc_labels=tuple(doc_labels.values()),
        status=dict(status),
        gold=tuple(gold.values()),
        gold_doc_labels=tuple(gold_doc_labels.values()),
        notes=notes,
        decisions=decisions,
        suggestions=tuple(suggestions.values()),
        rejections=tuple(rejections.values()),
    )


_DOC_LABEL_KEY_SET = frozenset(DOC_LABEL_KEYS)


def _doc_label(item: Any, what: str) -> DocLabel:
    # the usual doc label checked in one go, as _span does; the long way words the problem
    if type(item) is dict and item.keys() <= _DOC_LABEL_KEY_SET:
        annotator, name, value = item.get("annotator"), item.get("name"), item.get("value")
        if (type(annotator) is str and annotator and type(name) is str and name
                and type(value) is str and value):
            return DocLabel(annotator, name, value)
    if not isinstance(item, dict):
        raise InputError(f"{what}: a doc label must be an object")
    _unknown_keys(item, DOC_LABEL_KEYS, "a doc label")
    return DocLabel(*(_req_str(item, k, f"{what}: a doc label") for k in DOC_LABEL_KEYS))


def _notes(value: Any, what: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and k and isinstance(v, str) for k, v in value.items()):
        raise InputError(f"{what}: meta {NOTES_META_KEY!r} must be an object annotator → note")
    return value


def _decisions(value: Any, text: str, what: str) -> tuple[DecisionRecord, ...]:
    if value is None:
        return ()
    where = f"{what}: meta {DECISIONS_META_KEY!r}"
    if not isinstance(value, list):
        raise InputError(f"{where} must be a list of decisions")
    out = []
    for item in value:
        if not isinstance(item, dict):
            raise InputError(f"{where}: a decision must be an object")
        _unknown_keys(item, DECISION_KEYS, "a decision")
        start, end = item.get("start"), item.get("end")
        problem = check_offsets(len(text), start, end)
        if problem:
            raise InputError(f"{where}: {problem}")
        reviewer, at, kind = (_req_str(item, k, where) for k in ("reviewer", "at", "decision"))
        annotators = item.get("annotators")
        if annotators is None:
            annotators = []
        if not isinstance(annotators, list) or not all(
                isinstance(a, str) and a for a in annotators):
            raise InputError(f"{where}: 'annotators' must be a list of names")
        gold = item.get("gold")
        if gold is not None:
            if not (isinstance(gold, list) and len(gold) == 3 and isinstance(gold[2], str)
                    and check_offsets(len(text), gold[0], gold[1]) is None):
                raise InputError(f"{where}: 'gold' must be [start, end, label] in the text")
            gold = (gold[0], gold[1], gold[2])
        details = _object(item, "details", where)
        out.append(DecisionRecord(reviewer, at, kind, start, end,
                                  _opt_str(item, "label", where), tuple(annotators), gold,
                                  details))
    return tuple(out)


def _keep_one(seen: dict, key: tuple | str, item: Any, what: str,
              problem: str = "two spans with the same annotator, start, end and label "
                             "but different attributes, concept or note") -> None:
    old = seen.get(key)
    if old is None:
        seen[key] = item
    elif old != item:
        raise InputError(f"{what}: {problem} {_show_key(key)}")


def _show_key(key: Any) -> str:
    if not isinstance(key, tuple):
        return repr(key)
    return "(" + ", ".join(repr(k) if isinstance(k, str) else str(k) for k in key) + ")"


def _span_common(item: Any, text: str, what: str, keys: tuple[str, ...], kind: str):
    if not isinstance(item, dict):
        raise InputError(f"{what}: a {kind} must be an object")
    _unknown_keys(item, keys, f"a {kind}")
    start, end = item.get("start"), item.get("end")
    problem = check_offsets(len(text), start, end, kind)
    if problem:
        raise InputError(f"{what}: {problem}")
    covered = _opt_str(item, "text", f"{what}: {kind} {start}-{end}")
    if covered is not None and covered != text[start:end]:
        raise InputError(f"{what}: {kind} {start}-{end}: 'text' is {covered!r} but the "
                         f"document has {text[start:end]!r} there")
    label = _req_str(item, "label", f"{what}: {kind} {start}-{end}")
    attrs = _object(item, "attributes", f"{what}: {kind} {start}-{end}")
    for name, value in attrs.items():
        if not isinstance(value, str):
            raise InputError(f"{what}: {kind} {start}-{end}: attribute {name!r} must be a "
                             f"string, not {json.dumps(value)}")
    concept = _opt_str(item, "concept", f"{what}: {kind} {start}-{end}")
    note = _opt_str(item, "note", f"{what}: {kind} {start}-{end}")
    return start, end, label, dict(attrs), concept or None, note or None


_SPAN_KEY_SET = frozenset(SPAN_KEYS)
_REQUIRED = itemgetter("annotator", "start", "end", "label")
_DICT, _INT, _STR = {dict}, {int}, {str}


def _checked_together(items: list, text: str, what: str) -> tuple | None:
    """A document's spans as rows of SpanRows, the four fields every span has checked
    for all of them at once, by passes that run in C (span by span, the checks were a
    twentieth of an import), then any other key span by span (_span). None, for the
    checks span by span to find and word the problem, when one of the four is missing or
    wrong anywhere, or two spans share a key (their order decides which problem is
    told)."""
    if not items or set(map(type, items)) != _DICT:
        return None
    try:
        annotators, starts, ends, labels = zip(*map(_REQUIRED, items), strict=True)
    except KeyError:
        return None
    if not (set(map(type, starts)) == _INT == set(map(type, ends))
            and set(map(type, annotators)) == _STR == set(map(type, labels))
            and "" not in annotators and "" not in labels
            and min(starts) >= 0 and max(ends) <= len(text) and all(map(lt, starts, ends))
            and len(set(zip(annotators, starts, ends, labels, strict=True))) == len(items)):
        return None
    # names and labels repeat on every span: one string each, not one per span
    rows = list(zip(map(intern, annotators), starts, ends, map(intern, labels),
                    repeat(NO_ATTRIBUTES), repeat(None), repeat(None), repeat(None),
                    repeat(None), repeat(None)))
    for i in [i for i, n in enumerate(map(len, items)) if n != 4]:
        rows[i] = _span(items[i], text, what)  # attributes, a note ...: checked as before
    return tuple(rows)


def _span(item: Any, text: str, what: str) -> tuple:
    """The span as a row of SpanRows. The usual span is checked in one go (a tenth of a
    large import went to the general checks); anything else goes the long way, which
    words the problem."""
    if type(item) is dict and item.keys() <= _SPAN_KEY_SET:
        get = item.get
        start, end, label, annotator = get("start"), get("end"), get("label"), get("annotator")
        if len(item) == 4:
            # the four keys a span must have and nothing else (or one is missing, which
            # the checks below send the long way): no optional key to look up
            attrs = covered = concept = note = None
            plain = True
        else:
            attrs, covered = get("attributes"), get("text")
            concept, note = get("concept"), get("note")
            plain = get("codebook_version") is None and get("suggested") is None
        if (plain and type(start) is int and type(end) is int and 0 <= start < end <= len(text)
                and type(label) is str and label and type(annotator) is str and annotator
                and (covered is None or covered == text[start:end])
                and (attrs is None or (type(attrs) is dict and all(
                    type(v) is str for v in attrs.values())))
                and (concept is None or type(concept) is str)
                and (note is None or type(note) is str)):
            # names and labels repeat on every span: one string each, not one per span;
            # the decoded attributes are this span's own, no copy needed
            return (intern(annotator), start, end, intern(label), attrs or NO_ATTRIBUTES,
                    concept or None, note or None, None, None, None)
    return span_rows((_span_checked(item, text, what),))[0]


def _span_checked(item: Any, text: str, what: str) -> Span:
    start, end, label, attrs, concept, note = _span_common(item, text, what, SPAN_KEYS, "span")
    annotator = _req_str(item, "annotator", f"{what}: span {start}-{end}")
    version = item.get("codebook_version")
    if version is not None and (type(version) is not int or version < 1):
        raise InputError(f"{what}: span {start}-{end}: 'codebook_version' must be a whole "
                         f"number from 1, not {json.dumps(version)}")
    came = item.get("suggested")
    if came is not None:
        try:
            came = provenance.from_json(came, len(text))
        except InputError as exc:
            raise InputError(f"{what}: span {start}-{end}: {exc.problem}") from None
    return Span(annotator, start, end, label, attrs, concept, note, codebook_version=version,
                suggested=came)


def _suggestion(item: Any, text: str, what: str) -> Suggestion:
    score = item.get("score") if isinstance(item, dict) else None
    start, end, label, attrs, concept, _note = _span_common(
        item, text, what, SUGGESTION_KEYS, "suggestion")
    where = f"{what}: suggestion {start}-{end}"
    try:
        score = provenance.check_score(score, where)
    except InputError as exc:
        raise InputError(exc.problem) from None
    return Suggestion(_req_str(item, "source", where), start, end, label, score, attrs,
                      concept, _opt_str(item, "annotator", where) or None)


def _gold(item: Any, text: str, what: str) -> GoldSpan:
    start, end, label, attrs, concept, note = _span_common(item, text, what, GOLD_KEYS,
                                                           "gold span")
    decided_by = _req_str(item, "decided_by", f"{what}: gold span {start}-{end}")
    sources = item.get("sources")
    if sources is None:
        sources = []
    if not isinstance(sources, list) or not all(isinstance(s, str) and s for s in sources):
        raise InputError(f"{what}: gold span {start}-{end}: 'sources' must be a list of names")
    return GoldSpan(decided_by, start, end, label, attrs, concept, note,
                    tuple(sorted(set(sources))))


# ---------------------------------------------------------------- writing

def dumps(obj: Mapping[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False)


def record_to_json(record: DocumentRecord) -> dict[str, Any]:
    doc = record.document
    out: dict[str, Any] = {"id": doc.id, "text": doc.text, "text_sha256": sha256_of(doc.text)}
    for key in META_KEYS:
        value = getattr(doc, key)
        if value:
            out[key] = value
    meta = dict(doc.meta)
    if record.notes:
        meta[NOTES_META_KEY] = {k: record.notes[k] for k in sorted(record.notes)}
    if record.decisions:
        meta[DECISIONS_META_KEY] = [
            _compact({"reviewer": d.reviewer, "at": d.at, "decision": d.decision,
                      "start": d.start, "end": d.end, "label": d.label,
                      "annotators": sorted(d.annotators),
                      "gold": list(d.gold) if d.gold else None, "details": dict(d.details)})
            for d in record.decisions]
    if meta:
        out["meta"] = meta
    if record.annotations:
        out["annotations"] = [
            _span_to_json(s) for s in sorted(record.annotations,
                                             key=lambda s: (s.start, s.end, s.label, s.annotator))
        ]
    if record.doc_labels:
        out["doc_labels"] = [
            {"annotator": d.annotator, "name": d.name, "value": d.value}
            for d in sorted(record.doc_labels, key=lambda d: (d.annotator, d.name))
        ]
    if record.status:
        out["status"] = {a: record.status[a] for a in sorted(record.status)}
    if record.gold:
        out["gold"] = [
            _compact({"decided_by": g.decided_by, "start": g.start, "end": g.end,
                      "label": g.label, "attributes": _sorted_attrs(g.attributes),
                      "concept": g.concept, "note": g.note,
                      "sources": sorted(g.sources)})
            for g in sorted(record.gold, key=lambda g: (g.start, g.end, g.label))
        ]
    if record.gold_doc_labels:
        out["gold_doc_labels"] = [
            {"decided_by": d.decided_by, "name": d.name, "value": d.value}
            for d in sorted(record.gold_doc_labels, key=lambda d: d.name)
        ]
    if record.suggestions:
        out["suggestions"] = [
            _compact({"source": x.source, "start": x.start, "end": x.end, "label": x.label,
                      "score": x.score, "attributes": _sorted_attrs(x.attributes),
                      "concept": x.concept, "annotator": x.annotator})
            for x in sorted(record.suggestions, key=lambda x: (
                x.start, x.end, x.label, x.source, x.annotator or ""))
        ]
    if record.rejections:
        out["suggestion_rejections"] = [
            {"annotator": r.annotator, "start": r.start, "end": r.end, "label": r.label}
            for r in sorted(record.rejections, key=lambda r: (r.start, r.end, r.label,
                                                              r.annotator))
        ]
    return out


def _span_to_json(s: Span) -> dict[str, Any]:
    # what _compact would leave, written out: this runs once per span of an export
    out: dict[str, Any] = {"annotator": s.annotator, "start": s.start, "end": s.end,
                           "label": s.label}
    if s.attributes:
        out["attributes"] = _sorted_attrs(s.attributes)
    if s.concept:
        out["concept"] = s.concept
    if s.note:
        out["note"] = s.note
    if s.codebook_version is not None:
        out["codebook_version"] = s.codebook_version
    if s.suggested:
        out["suggested"] = provenance.to_json(s.suggested)
    return out


def _sorted_attrs(attrs: Mapping[str, str]) -> dict[str, str]:
    return {k: attrs[k] for k in sorted(attrs)}


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != "" and v != {} and v != []}


def concept_to_json(c: Concept) -> dict[str, Any]:
    return _compact({"id": c.id, "name": c.name, "type": c.type, "event": c.event,
                     "description": c.description})


def write(corpus: Corpus, out: IO[str], records: Iterable[DocumentRecord] | None = None) -> int:
    """Write the canonical interchange; returns the number of documents written."""
    if corpus.codebook is not None:
        out.write(dumps({"codebook": codebook_to_dict(corpus.codebook)}) + "\n")
    if corpus.concepts:
        out.write(dumps({"concepts": [concept_to_json(c) for c in corpus.concepts]}) + "\n")
    n = 0
    for record in corpus.documents if records is None else records:
        out.write(dumps(record_to_json(record)) + "\n")
        n += 1
    return n


def write_records(corpus: Corpus, records: Iterable[DocumentRecord], path: Path
                  ) -> ExportResult:
    """The whole project, as write_export writes it with no layer chosen, its documents
    taken from `records` as they come: the project is never held whole."""
    result = ExportResult()

    def counted() -> Iterator[DocumentRecord]:
        for record in records:
            result.spans += len(record.annotations)
            yield record

    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        result.documents = write(corpus, fh, counted())
    return result


def select(corpus: Corpus, options: ExportOptions) -> Corpus:
    """The whole project, or with --layer one layer of it (formats.export_spec.only_layer),
    refused as every format refuses a layer the project lacks."""
    if options.layer is None:
        return corpus
    return only_layer(corpus, choose_layer(corpus, options, NAME, several=True).gold)


def write_export(corpus: Corpus, path: Path, options: ExportOptions) -> ExportResult:
    """What select() keeps (the label filter was applied to `corpus`)."""
    corpus = select(corpus, options)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        n = write(corpus, fh)
    layer = {None: None, "gold": "the gold layer"}.get(options.layer, "the annotators' work")
    return ExportResult(documents=n, layer=layer, spans=sum(
        len(r.gold) if options.layer == "gold" else len(r.annotations)
        for r in corpus.documents))
