"""Small pieces the dataset formats share: optional libraries, file names made from document
ids, exact texts, and JSON arrays read with the line of each element."""

from __future__ import annotations

import hashlib
import importlib
import json
import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from annotator.core.errors import InputError

# Every character str.splitlines() breaks at: a one-line field must hold none of them.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def need(module: str, extra: str, fmt: str) -> ModuleType:
    """An optional library, or the message that says which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(f"the {fmt} format needs the {extra!r} extra: "
                         f"pip install 'framing-annotator[{extra}]'") from None


# A document id becomes a file name on every system and in the URLs of tools that show
# files by name (brat decodes %XX in its URLs and splits them at ? and #): an id holding
# one of these characters, a leading dot, a trailing dot or space, is not used as it is.
_UNSAFE = (set('/\\:*?"<>|%#') | {chr(c) for c in range(32)} | {"\x7f"}
           | set(LINE_BREAKS))
# Most file systems hold 255 bytes in a name; this leaves room for a prefix (SemEval's
# "article") and a suffix.
MAX_STEM_BYTES = 150
_HASH_CHARS = 16
# Windows refuses these as a name's first part, whatever follows the dot.
_RESERVED = {"CON", "PRN", "AUX", "NUL",
             *(f"{dev}{n}" for dev in ("COM", "LPT") for n in range(10))}
# stem -> id of each document whose file name is not its id, written beside the files.
ID_MAP_FILE = "document_ids.json"


def id_to_stem(doc_id: str) -> str:
    """A file name (without extension) for a document id: the id itself where a file name
    and a URL can hold it; else the id with each unsafe character as `_`, cut to
    MAX_STEM_BYTES, then `~` and a hash of the whole id, so that the same id always gets
    the same name. Such ids travel in the export's ID_MAP_FILE (write_id_map)."""
    if (len(doc_id.encode("utf-8")) <= MAX_STEM_BYTES and not any(c in _UNSAFE for c in doc_id)
            and not doc_id.startswith(".") and not doc_id.endswith((".", " "))
            and doc_id.split(".")[0].rstrip(" ").upper() not in _RESERVED):
        return doc_id
    digest = hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:_HASH_CHARS]
    room = MAX_STEM_BYTES - _HASH_CHARS - 1
    keep, used = [], 0
    for ch in doc_id:
        used += len(ch.encode("utf-8"))
        if used > room:
            break
        keep.append("_" if ch in _UNSAFE else ch)
    if keep and keep[0] == ".":
        keep[0] = "_"
    return "".join(keep) + "~" + digest


def stem_to_id(stem: str, ids: dict[str, str] | None = None) -> str:
    """The id of a file stem: from the export's id map when it names the stem (see
    read_id_map); else %XX escapes read back (exports before the id map wrote unsafe
    characters so); else the stem."""
    from urllib.parse import unquote

    if ids and stem in ids:
        return ids[stem]
    if "%" not in stem:
        return stem
    try:
        return unquote(stem, errors="strict")
    except UnicodeDecodeError:  # not one of ours: a name with a % of its own
        return stem


def unique_stems(doc_ids: list[str]) -> dict[str, str]:
    """id -> file stem; refuses ids whose files would collide on a case-blind disk."""
    seen: dict[str, str] = {}
    out = {}
    for doc_id in doc_ids:
        stem = id_to_stem(doc_id)
        other = seen.get(stem.casefold())
        if other is not None:
            raise InputError(f"documents {other!r} and {doc_id!r} would get the same file "
                             "name on a disk that ignores case; rename one")
        seen[stem.casefold()] = doc_id
        out[doc_id] = stem
    return out


def write_id_map(folder: Path, stems: dict[str, str]) -> None:
    """ID_MAP_FILE (stem -> id) for the documents whose stem does not give back the id;
    nothing when every stem does."""
    shortened = {stem: doc_id for doc_id, stem in stems.items()
                 if stem_to_id(stem) != doc_id}
    if shortened:
        with open(folder / ID_MAP_FILE, "w", encoding="utf-8", newline="\n") as fh:
            json.dump(shortened, fh, ensure_ascii=False, indent=0, sort_keys=True)
            fh.write("\n")


def read_id_map(folder: Path) -> dict[str, str]:
    """The export's ID_MAP_FILE in `folder` (stem -> id), or {} when there is none."""
    from annotator.formats.input_files import file_beside

    path = file_beside(folder, ID_MAP_FILE)
    if path is None:
        return {}
    file = str(path)
    ids = loads(read_text(path, kind="json"), file)
    if not isinstance(ids, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in ids.items()):
        raise InputError("the document id map must be an object: file name -> document id",
                         file)
    refuse_surrogates(ids, file, 1)
    return ids


def document_id(named: Any, tools_id: Any, fallback: str) -> str | int:
    """A record's document id: the one it names (`doc_id`), else the tool's own id for
    it, else `fallback` (where it stands in its file); a string or a number."""
    doc_id = tools_id if named is None else named
    if doc_id is None or doc_id == "":
        doc_id = fallback
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        raise InputError(f"the document id must be a string or a number, not {doc_id!r}")
    return doc_id


def read_bytes(path: Path, kind: str | None = None) -> bytes:
    """A regular file within its type's size limit (formats/input_files.py)."""
    from annotator.formats.input_files import read_bytes as read_checked

    return read_checked(path, kind)


def decode_utf8(raw: bytes, file: str, keep_bom: bool = False) -> str:
    """UTF-8 or refused with the line of the first bad byte; a leading BOM dropped unless
    the format counts it as a character."""
    if not keep_bom and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", file, line) from None


def read_text(path: Path, keep_bom: bool = False, kind: str | None = None) -> str:
    """A text file exactly as it is (no newline translation); UTF-8 or refused."""
    return decode_utf8(read_bytes(path, kind), str(path), keep_bom)


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


class _Refused(ValueError):
    """What the decoder's hooks refuse; any other ValueError from json is Python's own
    limit on the digits of an integer."""


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} is not allowed (JSON has no such number)")


def _finite(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        # 1e309 would be stored as Infinity, which the project's own export cannot write
        raise _Refused(f"the number {literal[:40]} is too large (beyond a 64-bit float)")
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                # json keeps the last one: a second "annotations": [] would drop the spans
                raise _Refused(f"the key {key!r} appears twice in one object")
            seen.add(key)
    return obj


# Every JSON the formats read goes through this decoder: no NaN/Infinity, no number that
# overflows to infinity, no duplicate keys.
DECODER = json.JSONDecoder(parse_float=_finite, parse_constant=_no_constant,
                           object_pairs_hook=_no_duplicates)


def _json_problem(exc: ValueError) -> str:
    if isinstance(exc, _Refused):
        return str(exc)
    return (f"a number with more than {sys.get_int_max_str_digits() or 4300} digits "
            "(more than Python reads)")


def loads(text: str, file: str, line: int = 1) -> Any:
    try:
        return DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", file,
                         line + exc.lineno - 1) from None
    except ValueError as exc:
        raise InputError(_json_problem(exc), file, line) from None
    except RecursionError:
        raise InputError("JSON nested too deeply", file, line) from None


_WS = re.compile(r"[ \t\n\r]*")


class _Lines:
    """Line numbers of positions met in increasing order, counted incrementally (counting
    from the start each time would be quadratic over a large array)."""

    def __init__(self, text: str):
        self.text, self.pos, self.line = text, 0, 1

    def __call__(self, pos: int) -> int:
        if pos < self.pos:
            return line_of(self.text, pos)
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def json_elements(text: str, file: str) -> Iterator[tuple[Any, int]]:
    """The elements of a top-level JSON array (or the one top-level object), each with the
    line it starts on, so that a message can name the line of a bad element."""
    decoder = DECODER
    line_at = _Lines(text)
    pos = _WS.match(text, 0).end()
    try:
        if text.startswith("[", pos):
            pos = _WS.match(text, pos + 1).end()
            if text.startswith("]", pos):
                pos += 1
            else:
                while True:
                    obj, end = decoder.raw_decode(text, pos)
                    yield obj, line_at(pos)
                    pos = _WS.match(text, end).end()
                    if text.startswith(",", pos):
                        pos = _WS.match(text, pos + 1).end()
                        continue
                    if text.startswith("]", pos):
                        pos += 1
                        break
                    raise InputError("invalid JSON: expected ',' or ']'", file, line_at(pos))
        else:
            obj, pos = decoder.raw_decode(text, pos)
            yield obj, 1
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", file,
                         exc.lineno) from None
    except ValueError as exc:
        raise InputError(_json_problem(exc), file, line_at(pos)) from None
    except RecursionError:
        raise InputError("JSON nested too deeply", file, line_at(pos)) from None
    if _WS.match(text, pos).end() != len(text):
        raise InputError("invalid JSON: extra data after the end", file, line_at(pos))


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def refuse_surrogates(value: Any, file: str, line: int, source: str | None = None) -> None:
    """json accepts "\\ud800" escapes; such a string cannot be stored as UTF-8.

    `source`, the JSON text `value` was decoded from, spares the walk when it holds no
    such escape (valid UTF-8 text has no surrogates of its own)."""
    if source is not None and not _SURROGATE_ESCAPE.search(source):
        return
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise InputError("a string holds a lone surrogate (not valid Unicode)",
                                 file, line) from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def declare_concepts(batch) -> None:
    """Concepts the spans name, declared by id only: these formats carry no concept list,
    and a concept the project already has keeps its stored name."""
    from annotator.core.model import Concept

    known = {c.id for c in batch.concepts}
    for record in batch.records:
        for span in record.annotations:
            if span.concept and span.concept not in known:
                known.add(span.concept)
                batch.concepts.append(Concept(span.concept))


def declare_attributes(batch, values: dict[str, tuple[str, ...]] | None = None) -> None:
    """The attributes the spans use, as the batch's own codebook: with --add-labels the
    project gains those it lacks (for the labels that use them; closed lists where the
    file declares `values`), without it they are refused by name, as the interchange's
    codebook line is."""
    from annotator.core.model import Attribute, Codebook

    used: dict[str, dict[str, None]] = {}
    for record in batch.records:
        for span in record.annotations:
            for name in span.attributes:
                used.setdefault(name, {})[span.label] = None
    if used:
        batch.codebook = Codebook(attributes=tuple(
            Attribute(name, (values or {}).get(name), tuple(labels))
            for name, labels in used.items()))
