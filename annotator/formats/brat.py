"""brat standoff: `<id>.txt` (the exact text) and `<id>.ann` per document, plus the
`annotation.conf` and `visual.conf` brat needs to show the labels and attributes, and a
`tools.conf` (without one brat says so on every page).

What a span becomes (one `.ann` line each, tab-separated as brat's format says):
- `T<n><TAB><Type> <start> <end><TAB><covered text>`. brat stores a type only as
  `[A-Za-z0-9_-]+` and renames any other (with a warning on every page), so a label is
  written as brat would rename it, every other character as `_` (`Word choice` →
  `Word_choice`, `Legality, constitutionality and jurisprudence` →
  `Legality__constitutionality_and_jurisprudence`; accents dropped), with `-` and a hash
  of the label added where that leaves no letter or digit or two labels would meet
  (brat_types); visual.conf's [labels] shows the label's own name. A span that crosses
  a line break is written as brat writes one, in fragments `0 5;6 11` (a line of the .ann
  file cannot hold the break); when a span starts or ends with a line break, a `Extent`
  note keeps its exact offsets.
- an attribute with a closed list of values without white space (`polarity`): an
  `A<n><TAB><name> T<n> <value>` line, declared in annotation.conf;
  any other (free text such as `speaker`): a note `#<n><TAB>Attribute T<n><TAB>name=value`.
- the note: `#<n><TAB>AnnotatorNotes T<n><TAB>…` (brat's own note); the concept:
  `#<n><TAB>Concept T<n><TAB>id`; who made it: `#<n><TAB>Annotator T<n><TAB>name`, or on
  the gold layer `DecidedBy` (the reviewer) and `Sources`. In note text a backslash, line
  breaks are written `\\\\`, `\\n`, `\\r`, `\\uXXXX`.
Offsets count code points from the start of the .txt file. A document id that a file
name or brat's URLs cannot hold gets a name of its own, the id kept in document_ids.json
(formats.common.id_to_stem).

Import: a folder with `.ann` files (each with its `.txt`; a `.txt` alone is a document
without spans), or one `.ann` file. Texts are read as they are, byte for byte (a BOM
counts as a character, as in brat). A type is mapped back through the folder's visual.conf
when it names it there, else to the codebook's label (label_for: the label whose type it
is, or the one label that reads the same without case, accents, spaces and punctuation,
which also takes back the names brat gave an older export's types), else its
underscores become spaces; an unknown label is named at the line of its T line.
Attributes without a value (brat's binary attributes) get the value "true". Spans land
in the layer of their `Annotator` note, else of --annotator (default "brat"). Fragments
are joined into one span when only white space lies between them; a truly discontinuous
span is refused, as are lines that do not follow the format, T lines whose text does not
match the document, offsets that are not ASCII digits, and notes holding a lone
surrogate escape.
Relations, events, equivalences and normalizations are not imported (the project holds
none of them).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from annotator.core.batch import ImportBatch
from annotator.core.errors import InputError
from annotator.core.model import Codebook, Document, Span
from annotator.core.records import Corpus, DocumentRecord
from annotator.core.span_checks import check_offsets
from annotator.formats.common import (
    LINE_BREAKS,
    declare_attributes,
    declare_concepts,
    read_id_map,
    read_text,
    stem_to_id,
    unique_stems,
    write_id_map,
)
from annotator.formats.export_spec import (
    ExportOptions,
    ExportResult,
    LayerSpan,
    choose_layer,
)
from annotator.formats.input_files import file_beside, files_in

NAME = "brat"
_NOT_IN_TYPE = re.compile(r"[^A-Za-z0-9_-]")
_ESCAPES = {"\\": "\\\\", **{c: f"\\u{ord(c):04x}" for c in LINE_BREAKS}, "\n": "\\n",
            "\r": "\\r"}
_UNESCAPE = re.compile(r"\\(\\|n|r|u[0-9a-fA-F]{4})")


def brat_type(name: str) -> str:
    """What brat itself stores for a name: every character outside [A-Za-z0-9_-] becomes
    "_" (accents are dropped first, as brat means to)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name)
                    if not unicodedata.combining(c))
    return _NOT_IN_TYPE.sub("_", plain)


def _hashed(name: str) -> str:
    return f"{brat_type(name)}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"


def brat_types(labels: Iterable[str]) -> dict[str, str]:
    """label -> its brat type, one type each: brat's storage form, followed by `-` and a
    hash of the label when that form holds no letter or digit or is another label's too."""
    forms = {label: brat_type(label) for label in dict.fromkeys(labels)}
    taken = Counter(forms.values())
    return {label: (_hashed(label) if taken[form] > 1 or not re.search("[A-Za-z0-9]", form)
                    else form) for label, form in forms.items()}


def _loose(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name).casefold() if c.isalnum())


def label_for(brat_t: str, names: Sequence[str]) -> str:
    """The codebook label a brat type stands for: the label itself, the label whose type it
    is (brat_types, or brat's own renaming of a name it refused), the one label that reads
    the same ignoring case, accents, spaces and punctuation; else the type with its
    underscores as spaces."""
    if brat_t in names:
        return brat_t
    for found in ([n for n in names if brat_t in (brat_type(n), _hashed(n))],
                  [n for n in names if _loose(n) and _loose(n) == _loose(brat_t)]):
        if len(found) == 1:
            return found[0]
    return brat_t.replace("_", " ")


def escape(text: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in text)


def unescape(text: str) -> str:
    def one(m: re.Match) -> str:
        code = m.group(1)
        return {"\\": "\\", "n": "\n", "r": "\r"}.get(code) or chr(int(code[1:], 16))

    return _UNESCAPE.sub(one, text)


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at every line break, the breaks themselves left out."""
    out = []
    a = start
    for i in range(start, end):
        if text[i] in LINE_BREAKS:
            if i > a:
                out.append((a, i))
            a = i + 1
    if end > a:
        out.append((a, end))
    return out


# ---------------------------------------------------------------- writing

def _simple(value: str) -> bool:
    return bool(value) and not any(c.isspace() or c in "|,:=<>#" for c in value)


def line_attributes(codebook: Codebook | None) -> dict[str, tuple[str, ...]]:
    """Attributes written as A lines: closed lists whose name is a brat type name and whose
    values brat can hold."""
    if codebook is None:
        return {}
    return {a.name: a.values for a in codebook.attributes
            if a.values and not _NOT_IN_TYPE.search(a.name) and all(map(_simple, a.values))}


def _alias_ok(label: str) -> bool:
    """Whether visual.conf can show a label as written (brat splits its lines at | and tabs,
    and reads <...> as a macro)."""
    return (label == label.strip() and not label.startswith("#")
            and not any(c in "|<>\t" or c in LINE_BREAKS for c in label))


def write_export(corpus: Corpus, path: Path, options: ExportOptions) -> ExportResult:
    layer = choose_layer(corpus, options, NAME, several=True)
    stems = unique_stems([r.id for r in corpus.documents])
    labels = list(corpus.codebook.label_names()) if corpus.codebook else []
    labels += sorted({s.label for r in corpus.documents for s in (*r.annotations, *r.gold)}
                     - set(labels))
    type_of = brat_types(labels)
    types = {t: label for label, t in type_of.items()}
    attrs = line_attributes(corpus.codebook)
    path.mkdir()
    _write_conf(path, types, attrs, corpus.codebook)
    write_id_map(path, stems)
    result = ExportResult(layer=layer.describe())
    left_out = []
    for record in corpus.documents:
        text = record.text
        stem = stems[record.id]
        with open(path / f"{stem}.txt", "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        spans = layer.spans(record)
        lines, missing = ann_lines(text, spans, attrs, type_of)
        left_out += [f"{record.id!r} {m}" for m in missing]
        result.spans += len(spans) - len(missing)
        with open(path / f"{stem}.ann", "w", encoding="utf-8", newline="") as fh:
            fh.write("".join(line + "\n" for line in lines))
        result.documents += 1
    if left_out:
        result.warnings.append(f"brat: left out {len(left_out)} span(s) made only of line "
                               "breaks, which brat cannot show: " + "; ".join(left_out[:10]))
    return result


def ann_lines(text: str, spans: list[LayerSpan], attrs: Mapping[str, tuple[str, ...]],
              type_of: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """The .ann lines of one document, and the spans it could not hold."""
    lines: list[str] = []
    missing: list[str] = []
    n = {"T": 0, "A": 0, "#": 0}

    def note(kind: str, target: str, value: str) -> None:
        n["#"] += 1
        lines.append(f"#{n['#']}\t{kind} {target}\t{escape(value)}")

    for s in spans:
        frags = fragments(text, s.start, s.end)
        if not frags:
            missing.append(f"{s.label!r} {s.start}-{s.end}")
            continue
        n["T"] += 1
        t = f"T{n['T']}"
        offsets = ";".join(f"{a} {b}" for a, b in frags)
        covered = " ".join(text[a:b] for a, b in frags)
        lines.append(f"{t}\t{type_of[s.label]} {offsets}\t{covered}")
        if (frags[0][0], frags[-1][1]) != (s.start, s.end):
            note("Extent", t, f"{s.start} {s.end}")
        for name in sorted(s.attributes):
            value = s.attributes[name]
            if name in attrs and value in attrs[name]:
                n["A"] += 1
                lines.append(f"A{n['A']}\t{name} {t} {value}")
            else:
                note("Attribute", t, f"{name}={value}")
        if s.concept:
            note("Concept", t, s.concept)
        if s.note:
            note("AnnotatorNotes", t, s.note)
        if s.gold:
            note("DecidedBy", t, s.by)
            if s.sources:
                note("Sources", t, " ".join(s.sources))
        else:
            note("Annotator", t, s.by)
    return lines, missing


def _write_conf(path: Path, types: Mapping[str, str], attrs: Mapping[str, tuple[str, ...]],
                codebook: Codebook | None) -> None:
    conf = ["[entities]", *types, "", "[relations]",
            "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", "",
            "[attributes]"]
    conf += [f"{name}\tArg:<ENTITY>, Value:{'|'.join(values)}"
             for name, values in attrs.items()]
    (path / "annotation.conf").write_text("\n".join(conf) + "\n", encoding="utf-8")
    visual = ["[labels]"]
    visual += [f"{t} | {label}" for t, label in types.items() if _alias_ok(label)]
    visual += ["", "[drawing]"]
    for t, label in types.items():
        lab = codebook.label(label) if codebook else None
        if lab is not None and lab.color:
            visual.append(f"{t}\tbgColor:{lab.color}")
    (path / "visual.conf").write_text("\n".join(visual) + "\n", encoding="utf-8")
    # without a tools.conf brat says so on every page, and offers a Google search
    (path / "tools.conf").write_text("".join(f"[{section}]\n\n" for section in (
        "options", "search", "annotators", "disambiguators", "normalization")),
        encoding="utf-8")


# ---------------------------------------------------------------- reading

def detect(folder: Path) -> bool:
    """A folder with .ann files."""
    try:
        return bool(files_in(folder, lambda n: n.endswith(".ann")))
    except InputError:
        return False


def _conf_sections(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    section = None
    for line in read_text(path).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section is not None:
            out.setdefault(section, []).append(line)
    return out


def attribute_values(folder: Path) -> dict[str, tuple[str, ...]]:
    """name -> values, from annotation.conf's [attributes] (`name Arg:..., Value:a|b`)."""
    path = file_beside(folder, "annotation.conf")
    if path is None:
        return {}
    out = {}
    for line in _conf_sections(path).get("attributes", []):
        name, _, spec = line.replace("\t", " ").partition(" ")
        for part in spec.split(","):
            key, _, value = part.strip().partition(":")
            if key == "Value" and value:
                out[name] = tuple(v.split(":")[0] for v in value.split("|"))
    return out


def label_names(folder: Path) -> dict[str, str]:
    """brat type -> label, from visual.conf's [labels] section, if there is one."""
    path = file_beside(folder, "visual.conf")
    if path is None:
        return {}
    out: dict[str, str] = {}
    for line in _conf_sections(path).get("labels", []):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) >= 2 and parts[0] and parts[1]:
            out[parts[0]] = parts[1]
    return out


def read(path: str | Path, annotator: str | None = None) -> list[ImportBatch]:
    path = Path(path)
    if path.is_dir():
        folder = path
        anns = files_in(folder, lambda n: n.endswith(".ann"))
        texts = set(files_in(folder, lambda n: n.endswith(".txt")))
        lone = sorted(p for p in texts if not p.with_suffix(".ann").exists()
                      and not p.name.startswith("."))
    else:
        folder, anns, lone = path.parent, [path], []
        texts = {file_beside(folder, path.with_suffix(".txt").name)}
    names = label_names(folder)
    conf_values = attribute_values(folder)
    ids = read_id_map(folder)
    who = annotator or NAME
    batches = []
    for ann in anns:
        txt = ann.with_suffix(".txt")
        if txt not in texts:
            raise InputError(f"no text file {txt.name} beside it", str(ann))
        text = read_text(txt, keep_bom=True)
        spans = parse_ann(read_text(ann, keep_bom=True), text, str(ann), names, who)
        batch = ImportBatch(str(ann), label_resolver=label_for)
        batch.add(DocumentRecord(Document(stem_to_id(ann.stem, ids), text),
                                 tuple(span for span, _ in spans)), 1)
        batch.span_lines = {(0, span.key): line for span, line in spans}
        declare_concepts(batch)
        declare_attributes(batch, conf_values)
        batches.append(batch)
    for txt in lone:
        batch = ImportBatch(str(txt))
        batch.add(DocumentRecord(Document(stem_to_id(txt.stem, ids),
                                          read_text(txt, keep_bom=True))), 1)
        batches.append(batch)
    return batches


_OFFSETS = re.compile(r"[0-9]+ [0-9]+(;[0-9]+ [0-9]+)*")
_EXTENT = re.compile(r"([0-9]+) ([0-9]+)")
_MAX_DIGITS = 15  # longer than any text's offsets, and short of int()'s limit


def _offset(digits: str, file: str, lineno: int) -> int:
    if len(digits) > _MAX_DIGITS:
        raise InputError(f"offset {digits[:20]}… is out of range", file, lineno)
    return int(digits)


def parse_ann(source: str, text: str, file: str, names: Mapping[str, str],
              who: str) -> list[tuple[Span, int]]:
    """The spans of one .ann file, each with the line of its T line; InputError at the first
    line that breaks the format. Types are read as written, or as visual.conf's [labels]
    names them (label_for maps them to the codebook's labels)."""
    found: dict[str, dict] = {}
    pending: list[tuple[int, str, str, str, str]] = []  # line, kind, type, target, value
    for lineno, line in enumerate(source.removeprefix("\ufeff").split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        ident, tab, rest = line.partition("\t")
        if not tab or not ident:
            raise InputError("a brat line is an id, a tab, then the annotation", file, lineno)
        kind = ident[0]
        if kind == "T":
            head, tab, covered = rest.partition("\t")
            brat_t, _, offsets = head.partition(" ")
            if not tab or not brat_t or not _OFFSETS.fullmatch(offsets):
                raise InputError("a text-bound line is T<n><TAB>Type start end<TAB>text",
                                 file, lineno)
            if ident in found:
                raise InputError(f"id {ident} is used twice", file, lineno)
            frags = [tuple(_offset(x, file, lineno) for x in f.split(" "))
                     for f in offsets.split(";")]
            for a, b in frags:
                problem = check_offsets(len(text), a, b)
                if problem:
                    raise InputError(f"{ident}: {problem}", file, lineno)
            expected = " ".join(text[a:b] for a, b in frags)
            if covered != expected:
                raise InputError(f"{ident}: the text {covered!r} is not the document's "
                                 f"{expected!r} at {offsets}", file, lineno)
            for (_, b), (c, _) in zip(frags, frags[1:], strict=False):
                if c < b or text[b:c].strip():
                    raise InputError(f"{ident}: a discontinuous span ({offsets}); the project's "
                                     "spans are contiguous", file, lineno)
            label = names.get(brat_t, brat_t)
            found[ident] = {"line": lineno, "label": label, "start": frags[0][0],
                            "end": frags[-1][1], "attributes": {}, "notes": []}
        elif kind in "AM":
            parts = rest.split(" ")
            if len(parts) not in (2, 3) or not all(parts):
                raise InputError("an attribute line is A<n><TAB>name target [value]",
                                 file, lineno)
            pending.append((lineno, "A", parts[0], parts[1],
                            parts[2] if len(parts) == 3 else "true"))
        elif kind == "#":
            head, tab, note = rest.partition("\t")
            parts = head.split(" ")
            if len(parts) != 2 or not all(parts):
                raise InputError("a note line is #<n><TAB>type target<TAB>text", file, lineno)
            note = unescape(note)
            try:  # a \uXXXX escape may name half of a surrogate pair
                note = note.encode("utf-16", "surrogatepass").decode("utf-16")
            except UnicodeDecodeError:
                raise InputError("a note holds a lone surrogate escape (\\uD800-\\uDFFF), "
                                 "which is not a character", file, lineno) from None
            pending.append((lineno, "#", parts[0], parts[1], note))
        elif kind in "REN*":
            continue
        else:
            raise InputError(f"unknown kind of annotation {ident!r} (brat ids start with T, A, "
                             "M, R, E, N, * or #)", file, lineno)
    for lineno, kind, name, target, value in pending:
        span = found.get(target)
        if span is None:
            if target[:1] == "T" or kind == "A":
                raise InputError(f"{target} is not a text-bound annotation of this file",
                                 file, lineno)
            continue  # a note on a relation or event
        if kind == "A":
            if name in span["attributes"]:
                raise InputError(f"{target} has two values for {name!r}", file, lineno)
            span["attributes"][name] = value
        elif name == "Attribute":
            attr, eq, val = value.partition("=")
            if not eq or not attr:
                raise InputError("an Attribute note is name=value", file, lineno)
            if attr in span["attributes"]:
                raise InputError(f"{target} has two values for {attr!r}", file, lineno)
            span["attributes"][attr] = val
        elif name in ("Concept", "Annotator"):
            span[name.lower()] = value
        elif name == "Extent":
            m = _EXTENT.fullmatch(value)
            if m is None:
                raise InputError("an Extent note is 'start end'", file, lineno)
            a, b = _offset(m.group(1), file, lineno), _offset(m.group(2), file, lineno)
            if (a <= span["start"] and span["end"] <= b <= len(text)
                    and all(c in LINE_BREAKS for c in text[a:span["start"]] + text[span["end"]:b])):
                span["start"], span["end"] = a, b
        elif name in ("DecidedBy", "Sources"):
            continue
        else:
            span["notes"].append(value)
    out: dict[tuple, tuple[Span, int]] = {}
    for ident, s in found.items():
        span = Span(s.get("annotator") or who, s["start"], s["end"], s["label"],
                    s["attributes"], s.get("concept") or None,
                    "\n".join(s["notes"]) or None)
        old = out.get(span.key)
        if old is not None and old[0] != span:
            raise InputError(f"{ident} repeats the span of another T line with different "
                             "attributes, concept or note", file, s["line"])
        out.setdefault(span.key, (span, s["line"]))
    return list(out.values())
