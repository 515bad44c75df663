"""Small pieces the dataset formats share: optional libraries, file names made from document
ids, exact texts, and JSON arrays read with the line of each element."""

from __future__ import annotations

import hashlib
import importlib
import json
import re
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
    path = folder / ID_MAP_FILE
    if not path.is_file():
        return {}
    file = str(path)
    ids = loads(read_text(path), file)
    if not isinstance(ids, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in ids.items()):
        raise InputError("the document id map must be an object: file name -> document id",
                         file)
    refuse_surrogates(ids, file, 1)
    return ids


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", str(path)) from None


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


def read_text(path: Path, keep_bom: bool = False) -> str:
    """A text file exactly as it is (no newline translation); UTF-8 or refused."""
    return decode_utf8(read_bytes(path), str(path), keep_bom)


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed (JSON has no such number)")


def loads(text: str, file: str, line: int = 1) -> Any:
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", file,
                         line + exc.lineno - 1) from None
    except ValueError as exc:
        raise InputError(str(exc), file, line) from None
    except RecursionError:
        raise InputError("JSON nested too deeply", file, line) from None


_WS = re.compile(r"[ \t\n\r]*")


def json_elements(text: str, file: str) -> Iterator[tuple[Any, int]]:
    """The elements of a top-level JSON array (or the one top-level object), each with the
    line it starts on, so that a message can name the line of a bad element."""
    decoder = json.JSONDecoder(parse_constant=_no_constant)
    pos = _WS.match(text, 0).end()
    try:
        if text.startswith("[", pos):
            pos = _WS.match(text, pos + 1).end()
            if text.startswith("]", pos):
                pos += 1
            else:
                while True:
                    obj, end = decoder.raw_decode(text, pos)
                    yield obj, line_of(text, pos)
                    pos = _WS.match(text, end).end()
                    if text.startswith(",", pos):
                        pos = _WS.match(text, pos + 1).end()
                        continue
                    if text.startswith("]", pos):
                        pos += 1
                        break
                    raise InputError("invalid JSON: expected ',' or ']'", file,
                                     line_of(text, pos))
        else:
            obj, pos = decoder.raw_decode(text, pos)
            yield obj, 1
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", file,
                         exc.lineno) from None
    except ValueError as exc:
        raise InputError(str(exc), file, line_of(text, pos)) from None
    except RecursionError:
        raise InputError("JSON nested too deeply", file, line_of(text, pos)) from None
    if _WS.match(text, pos).end() != len(text):
        raise InputError("invalid JSON: extra data after the end", file, line_of(text, pos))


def refuse_surrogates(value: Any, file: str, line: int) -> None:
    """json accepts "\\ud800" escapes; such a string cannot be stored as UTF-8."""
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
