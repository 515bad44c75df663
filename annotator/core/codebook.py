"""Codebooks: read YAML (1.2 core schema) or JSON, validate, and convert to and from dicts.

The rules are those of the codebook spec; every refusal names the line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import Attribute, Codebook, DocLabelScheme, Label

TOP_KEYS = ("name", "version", "guidelines", "labels", "attributes", "doc_labels")
LABEL_KEYS = ("name", "group", "color", "hotkey", "description")
ATTRIBUTE_KEYS = ("name", "values", "labels", "required")
DOC_LABEL_KEYS = ("name", "values")

COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")

# Distinct, readable under black text when blended at partial opacity (Tableau 20, reordered
# so that neighbours differ in hue).
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
    "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
)


def load_codebook_file(path: str | Path) -> Codebook:
    """Read a codebook from a YAML or JSON file; InputError names the file and line."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the codebook: {exc.strerror}", str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("not valid UTF-8", str(path), line) from None
    try:
        return parse_codebook_yaml(text)
    except InputError as exc:
        raise exc.located(str(path)) from None


def parse_codebook_yaml(text: str, fill: bool = True) -> Codebook:
    """A codebook from YAML text; `fill`: give labels without a colour one (without it,
    such labels keep `color` None: a codebook merged into a project keeps their colour)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    # The round-trip loader keeps line numbers and, being YAML 1.2, leaves yes/no as strings.
    yaml = YAML(typ="rt")
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"not valid YAML: {exc.problem or exc.context}", line=line) from None
    except Exception as exc:  # ruamel raises a few unmarked kinds (e.g. duplicate keys)
        raise InputError(f"not valid YAML: {exc}") from None
    return codebook_from_dict(data, line_of=_ruamel_line, fill=fill)


def _ruamel_line(container: Any, key: Any) -> int | None:
    lc = getattr(container, "lc", None)
    if lc is None:
        return None
    try:
        if isinstance(key, int):
            return lc.item(key)[0] + 1
        return lc.key(key)[0] + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return getattr(lc, "line", -1) + 1 if getattr(lc, "line", None) is not None else None


def _no_line(container: Any, key: Any) -> int | None:
    return None


def codebook_from_dict(data: Any, line_of=_no_line, fill: bool = True) -> Codebook:
    """Validate a codebook given as a mapping (YAML, JSON or the interchange's codebook line)."""

    def fail(problem: str, container: Any = None, key: Any = None):
        raise InputError(problem, line=line_of(container, key) if container is not None else None)

    if not isinstance(data, Mapping):
        fail("a codebook must be a mapping with at least a 'labels' list")
    _check_keys(data, TOP_KEYS, "codebook", fail)
    name = _opt_str(data, "name", fail) or "Codebook"
    version = data.get("version")
    if version is not None and not isinstance(version, (str, int)) or isinstance(version, bool):
        fail("'version' must be a string or an integer", data, "version")
    guidelines = _opt_str(data, "guidelines", fail)

    labels: list[Label] = []
    seen_hotkeys: dict[str, str] = {}
    for item, lname in _named_entries(data, "labels", "a", "label", LABEL_KEYS, fail):
        if lname == "O" or "+" in lname:
            fail(
                f"label {lname!r}: a label may not be named 'O' or contain '+' "
                "(both are taken by the agreement measures' token categories)",
                item, "name",
            )
        color = _opt_str(item, "color", fail)
        if color is not None and not COLOR_RE.match(color):
            fail(f"label {lname!r}: colour {color!r} is not #RRGGBB", item, "color")
        hotkey = _opt_str(item, "hotkey", fail)
        if hotkey is not None:
            if len(hotkey) != 1 or not hotkey.isprintable() or hotkey.isspace():
                fail(f"label {lname!r}: hotkey {hotkey!r} is not one printable character",
                     item, "hotkey")
            other = seen_hotkeys.get(hotkey.casefold())
            if other is not None:
                fail(f"label {lname!r}: hotkey {hotkey!r} is already {other!r}'s", item, "hotkey")
            seen_hotkeys[hotkey.casefold()] = lname
        labels.append(Label(lname, _opt_str(item, "group", fail), color, hotkey,
                            _opt_str(item, "description", fail)))
    label_names = {lab.name for lab in labels}

    attributes: list[Attribute] = []
    for item, aname in _named_entries(data, "attributes", "an", "attribute", ATTRIBUTE_KEYS,
                                      fail):
        values = _opt_str_list(item, "values", f"attribute {aname!r}", fail)
        alabels = _opt_str_list(item, "labels", f"attribute {aname!r}", fail)
        for lab in alabels or ():
            if lab not in label_names:
                fail(f"attribute {aname!r} names an unknown label {lab!r}", item, "labels")
        required = item.get("required", False)
        if required is None:
            required = False
        if not isinstance(required, bool):
            fail(f"attribute {aname!r}: 'required' must be true or false", item, "required")
        attributes.append(Attribute(aname, values or None, alabels, required))

    doc_labels: list[DocLabelScheme] = []
    for item, dname in _named_entries(data, "doc_labels", "a", "document label",
                                      DOC_LABEL_KEYS, fail):
        values = _opt_str_list(item, "values", f"document label {dname!r}", fail) or ()
        doc_labels.append(DocLabelScheme(dname, values))

    return Codebook(
        name=name,
        version=version,
        guidelines=guidelines,
        labels=tuple(fill_colors(labels) if fill else labels),
        attributes=tuple(attributes),
        doc_labels=tuple(doc_labels),
    )


def fill_colors(labels: list[Label] | tuple[Label, ...]) -> list[Label]:
    """Labels without a colour get one not used yet (while the palette lasts)."""
    used = {lab.color.lower() for lab in labels if lab.color}
    free = [c for c in PALETTE if c not in used]
    out = []
    for k, lab in enumerate(labels):
        if lab.color is None:
            lab = replace(lab, color=free.pop(0) if free else PALETTE[k % len(PALETTE)])
        out.append(lab)
    return out


def _named_entries(data: Mapping, key: str, article: str, what: str, allowed, fail):
    """Yield (entry, name) for each entry of the list data[key], each a mapping with a unique
    'name' and only the allowed keys."""
    raw = data.get(key) or []
    if not isinstance(raw, list):
        fail(f"{key!r} must be a list", data, key)
    seen: set[str] = set()
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping):
            fail(f"{article} {what} must be a mapping with a 'name'", raw, i)
        _check_keys(item, allowed, what, fail)
        name = _req_str(item, "name", what, fail, raw, i)
        if name in seen:
            fail(f"duplicate {what} name {name!r}", item, "name")
        seen.add(name)
        yield item, name


def _check_keys(item: Mapping, allowed: tuple[str, ...], what: str, fail) -> None:
    for key in item:
        if key not in allowed:
            fail(f"unknown key {key!r} in a {what} (allowed: {', '.join(allowed)})", item, key)


def _opt_str(item: Mapping, key: str, fail) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        fail(f"{key!r} must be a string (quote it)", item, key)
    return value


def _req_str(item: Mapping, key: str, what: str, fail, parent: Any, index: int) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value:
        fail(f"a {what} needs a non-empty string {key!r}", parent, index)
    return value


def _opt_str_list(item: Mapping, key: str, what: str, fail) -> tuple[str, ...] | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        fail(f"{what}: {key!r} must be a list of strings (quote yes/no/numbers)", item, key)
    if len(set(value)) != len(value):
        fail(f"{what}: {key!r} lists a value twice", item, key)
    return tuple(value)


def codebook_to_dict(cb: Codebook) -> dict[str, Any]:
    """The interchange's codebook object: keys in spec order, empty ones left out."""
    out: dict[str, Any] = {"name": cb.name}
    if cb.version is not None:
        out["version"] = cb.version
    if cb.guidelines:
        out["guidelines"] = cb.guidelines
    out["labels"] = [
        _compact({"name": lab.name, "group": lab.group, "color": lab.color,
                  "hotkey": lab.hotkey, "description": lab.description})
        for lab in cb.labels
    ]
    if cb.attributes:
        out["attributes"] = [
            _compact({"name": a.name, "values": list(a.values) if a.values else None,
                      "labels": list(a.labels) if a.labels is not None else None,
                      "required": True if a.required else None})
            for a in cb.attributes
        ]
    if cb.doc_labels:
        out["doc_labels"] = [
            _compact({"name": d.name, "values": list(d.values) or None}) for d in cb.doc_labels
        ]
    return out


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != ""}


def missing_from(project: Codebook, other: Codebook) -> list[str]:
    """What `other` declares that `project` lacks, as readable phrases."""
    out = [f"label {lab.name!r}" for lab in other.labels if project.label(lab.name) is None]
    names = {a.name for a in project.attributes}
    out += [f"attribute {a.name!r}" for a in other.attributes if a.name not in names]
    out += [f"document label {d.name!r}" for d in other.doc_labels
            if project.doc_label(d.name) is None]
    return out


def merged(project: Codebook, other: Codebook) -> Codebook:
    """`project` with what `other` declares and it lacks added as declared (--add-labels).

    Hotkeys or colours that would clash are dropped/re-chosen rather than refused, because the
    user asked for the labels to be added.
    """
    labels = list(project.labels)
    hotkeys = {lab.hotkey.casefold() for lab in labels if lab.hotkey}
    for lab in other.labels:
        if project.label(lab.name) is None:
            hk = lab.hotkey if lab.hotkey and lab.hotkey.casefold() not in hotkeys else None
            if hk:
                hotkeys.add(hk.casefold())
            labels.append(Label(lab.name, lab.group, lab.color, hk, lab.description))
    attrs = list(project.attributes)
    names = {a.name for a in attrs}
    for a in other.attributes:
        if a.name not in names:
            attrs.append(a)
        else:
            # an attribute the project has, declared for more labels or more values
            i = next(k for k, x in enumerate(attrs) if x.name == a.name)
            attrs[i] = _widened(attrs[i], a)
    docs = list(project.doc_labels)
    for d in other.doc_labels:
        existing = project.doc_label(d.name)
        if existing is None:
            docs.append(d)
        elif set(d.values) - set(existing.values):
            i = docs.index(existing)
            docs[i] = DocLabelScheme(
                d.name, existing.values + tuple(v for v in d.values if v not in existing.values)
            )
    return Codebook(project.name, project.version, project.guidelines, tuple(labels),
                    tuple(attrs), tuple(docs))


def _widened(mine: Attribute, theirs: Attribute) -> Attribute:
    labels = mine.labels
    if labels is not None:
        labels = None if theirs.labels is None else labels + tuple(
            x for x in theirs.labels if x not in labels)
    values = mine.values
    if values is not None:
        values = None if theirs.values is None else values + tuple(
            v for v in theirs.values if v not in values)
    return replace(mine, values=values, labels=labels)


def check_codebook(cb: Codebook) -> None:
    """The one validation of a codebook, however it was made (a file, the editor, an
    import): the rules of docs/spec/codebook.md over every label, attribute and document
    label, retired ones included (they travel in every export). InputError says what."""
    codebook_from_dict(codebook_to_dict(cb))


def codebook_yaml(cb: Codebook) -> str:
    """The codebook annotators work with (retired items left out) as a YAML file of
    docs/spec/codebook.md; `parse_codebook_yaml` reads it back as `cb.active()`.

    Strings that a YAML 1.1 reader would take for something else (yes, no, 1, ~) and
    hotkeys, colours and values are quoted; guidelines are a literal block."""
    import io
    import json

    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    def quoted(value: str) -> DoubleQuotedScalarString:
        return DoubleQuotedScalarString(value)

    data = codebook_to_dict(cb.active())
    if "guidelines" in data:
        text = data["guidelines"]
        # a literal block holds neither control characters nor, faithfully, trailing
        # spaces or tabs: such text is written double-quoted, with escapes
        plain = all(line == line.rstrip() and line.isprintable() for line in text.split("\n"))
        data["guidelines"] = LiteralScalarString(text) if plain and text.strip() else text
    for lab in data["labels"]:
        for key in ("hotkey", "color"):
            if key in lab:
                lab[key] = quoted(lab[key])
    for item in (*data.get("attributes", ()), *data.get("doc_labels", ())):
        if "values" in item:
            item["values"] = [quoted(v) for v in item["values"]]
    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.width = 100
    # YAML reads NEL and the Unicode line and paragraph separators as line breaks, and
    # the emitter writes them raw even inside quotes: where they occur, every non-ASCII
    # character is written escaped instead
    flat = json.dumps(data, ensure_ascii=False)
    yaml.allow_unicode = not any(c in flat for c in "\x85\u2028\u2029")
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()



RETIRED = "retired"  # a snapshot's key beside the spec's: which items are retired


def snapshot(cb: Codebook) -> dict[str, Any]:
    """The whole codebook as plain data, retired items marked (what a version keeps)."""
    out = codebook_to_dict(cb)
    retired = {
        "labels": [lab.name for lab in cb.labels if lab.retired],
        "attributes": [a.name for a in cb.attributes if a.retired],
        "doc_labels": [d.name for d in cb.doc_labels if d.retired],
    }
    if any(retired.values()):
        out[RETIRED] = retired
    return out


def from_snapshot(data: Mapping[str, Any]) -> Codebook:
    data = dict(data)
    retired = data.pop(RETIRED, None) or {}
    cb = codebook_from_dict(data)
    gone = {key: set(retired.get(key, ())) for key in ("labels", "attributes", "doc_labels")}
    return Codebook(
        cb.name, cb.version, cb.guidelines,
        tuple(replace(x, retired=x.name in gone["labels"]) for x in cb.labels),
        tuple(replace(x, retired=x.name in gone["attributes"]) for x in cb.attributes),
        tuple(replace(x, retired=x.name in gone["doc_labels"]) for x in cb.doc_labels))
