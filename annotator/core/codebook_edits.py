"""Changes to a codebook as values: add, change, rename, retire or restore an item (a
label, an attribute, a kind of document label), rename one of its values, merge one label
into another, set the guidelines or the name.

`apply_edits` turns a codebook and edits into the new codebook (pure; the store carries
the spans along); `plan_import` turns a codebook file into the edits that make the project
say what the file says. Every edit names what it expects to find (the name, and for a
change each field as the editor saw it), so an edit made on a stale view is refused
instead of undoing someone else's change. Validity is checked once, over the result, by
core.codebook.check_codebook.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from annotator.core.codebook import fill_colors
from annotator.core.errors import InputError
from annotator.core.model import Attribute, Codebook, DocLabelScheme, Label

LABEL = "label"
ATTRIBUTE = "attribute"
DOC_LABEL = "document label"
KINDS = (LABEL, ATTRIBUTE, DOC_LABEL)
# what a Change may set, per kind (the name changes by Rename)
FIELDS = {LABEL: ("group", "color", "hotkey", "description"),
          ATTRIBUTE: ("values", "labels", "required"),
          DOC_LABEL: ("values",)}
TEXTS = ("name", "guidelines")

Item = Label | Attribute | DocLabelScheme


class Stale(InputError):
    """The edit was made on a view of the codebook that someone has changed since."""

    def __init__(self, problem: str, kind: str | None, name: str | None):
        super().__init__(problem)
        self.kind, self.name = kind, name

    def with_blame(self, blame: str | None,
                   then: str = "the editor now shows it as it is") -> Stale:
        """The same refusal saying who changed it (``blame``: "by bob in version 7") and
        what to do (``then``)."""
        text = self.problem
        if blame:
            text = text.replace(" since you saw it", f" {blame}, since you saw it")
        return Stale(f"{text}; nothing was changed ({then})", self.kind, self.name)


# ------------------------------------------------------------------ the edits

@dataclass(frozen=True)
class _ItemEdit:
    """An edit of the item ``name`` of a ``kind``. Its entry in its version's list of
    changes is its ``op``, the kind and the name, then the fields ``carried`` names (the
    entry's key: the field)."""

    kind: str
    name: str
    op: ClassVar[str]
    carried: ClassVar[Mapping[str, str]] = {}

    def entry(self) -> dict[str, Any]:
        return {"op": self.op, "kind": self.kind, "name": self.name,
                **{key: getattr(self, f) for key, f in self.carried.items()}}


@dataclass(frozen=True)
class Add:
    kind: str
    item: Item

    def describe(self) -> str:
        return f"Add {self.kind} {self.item.name!r}"

    def entry(self) -> dict[str, Any]:
        return {"op": "add", "kind": self.kind, "name": self.item.name}


@dataclass(frozen=True)
class Change(_ItemEdit):
    """Set fields of an item; ``fields`` holds (field, value as seen, new value)."""

    op = "change"

    fields: tuple[tuple[str, Any, Any], ...]

    def describe(self) -> str:
        parts = []
        for field, _, new in self.fields:
            parts.append(f"{_field_word(self.kind, field)} {_shown(new)}")
        return f"Set {self.kind} {self.name!r}: " + ", ".join(parts)

    def entry(self) -> dict[str, Any]:
        return {**super().entry(), "fields": [f for f, _, _ in self.fields]}


@dataclass(frozen=True)
class Rename(_ItemEdit):
    op = "rename"
    carried = {"to": "to"}

    to: str

    def describe(self) -> str:
        return f"Rename {self.kind} {self.name!r} to {self.to!r}"


@dataclass(frozen=True)
class Retire(_ItemEdit):
    """Retire an item (``retired`` True) or bring a retired one back (False)."""

    retired: bool = True

    @property
    def op(self) -> str:  # type: ignore[override]
        return "retire" if self.retired else "restore"

    def describe(self) -> str:
        return f"{self.op.capitalize()} {self.kind} {self.name!r}"


@dataclass(frozen=True)
class RenameValue(_ItemEdit):
    """Rename one value of an attribute or a kind of document label; renamed to another
    of its values, the two are merged (what held the one holds the other)."""

    op = "rename_value"
    carried = {"value": "value", "to": "to"}

    value: str
    to: str

    def describe(self) -> str:
        return f"Rename {self.kind} {self.name!r}'s value {self.value!r} to {self.to!r}"


@dataclass(frozen=True)
class Merge:
    """Every span of label ``name`` becomes one of ``into``; ``name`` is then retired."""

    name: str
    into: str
    kind: str = LABEL

    def describe(self) -> str:
        return f"Merge label {self.name!r} into {self.into!r}"

    def entry(self) -> dict[str, Any]:
        return {"op": "merge", "kind": LABEL, "name": self.name, "to": self.into}


@dataclass(frozen=True)
class SetText:
    """Set the codebook's ``name`` or ``guidelines`` (``seen``: as the editor saw it)."""

    field: str
    seen: str | None
    text: str | None

    @property
    def kind(self) -> str:
        return self.field

    @property
    def name(self) -> None:
        return None

    def describe(self) -> str:
        return ("Edit the guidelines" if self.field == "guidelines"
                else f"Name the codebook {self.text!r}")

    def entry(self) -> dict[str, Any]:
        return {"op": "set", "kind": self.field}


Edit = Add | Change | Rename | Retire | RenameValue | Merge | SetText


def describe(edits: Sequence[Edit]) -> str:
    """One line for the version list and the undo menu."""
    if not edits:
        return "No change"
    if len(edits) == 1:
        return edits[0].describe()
    return f"{edits[0].describe()} and {len(edits) - 1} more change" + (
        "s" if len(edits) > 2 else "")


def _field_word(kind: str, field: str) -> str:
    return {"color": "colour", "hotkey": "key", "labels": "labels",
            "values": "values"}.get(field, field)


def _shown(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and len(value) > 40:
        return repr(value[:37] + "…")
    return repr(value)


# ------------------------------------------------------------------ applying

def items(cb: Codebook, kind: str) -> tuple[Item, ...]:
    return {LABEL: cb.labels, ATTRIBUTE: cb.attributes, DOC_LABEL: cb.doc_labels}[kind]


def find(cb: Codebook, kind: str, name: str) -> Item | None:
    return next((x for x in items(cb, kind) if x.name == name), None)


def _with(cb: Codebook, kind: str, new: Iterable[Item]) -> Codebook:
    key = {LABEL: "labels", ATTRIBUTE: "attributes", DOC_LABEL: "doc_labels"}[kind]
    return replace(cb, **{key: tuple(new)})


def _found(cb: Codebook, kind: str, name: str) -> Item:
    item = find(cb, kind, name)
    if item is None:
        raise Stale(f"there is no {kind} {name!r} any more: it was renamed or merged "
                    "since you saw it", kind, name)
    return item


def _free(cb: Codebook, kind: str, name: str) -> None:
    item = find(cb, kind, name)
    if item is not None:
        hint = (f"restore the retired {kind} instead" if item.retired else
                "merge the two instead" if kind == LABEL else "choose another name")
        raise InputError(f"there is already a {kind} {name!r} ({hint})")


def clean_name(name: str, kind: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InputError(f"a {kind} needs a name")
    return name


def apply_edits(cb: Codebook, edits: Sequence[Edit]) -> Codebook:
    """The codebook after the edits, one after the other (not validated: see
    core.codebook.check_codebook). Raises Stale or InputError."""
    for edit in edits:
        cb = apply_edit(cb, edit)
    return cb


def apply_edit(cb: Codebook, edit: Edit) -> Codebook:
    if isinstance(edit, SetText):
        if edit.field not in TEXTS:
            raise InputError(f"a codebook has no text {edit.field!r}")
        now = getattr(cb, edit.field)
        if (now or None) != (edit.seen or None):
            what = "the guidelines were" if edit.field == "guidelines" else "the name was"
            raise Stale(f"{what} changed since you saw it", edit.field, None)
        text = edit.text if edit.field == "guidelines" else clean_name(edit.text, "codebook")
        return replace(cb, **{edit.field: text or None})
    kind = edit.kind
    if kind not in KINDS:
        raise InputError(f"a codebook has no {kind!r}")
    if isinstance(edit, Add):
        item = replace(edit.item, name=clean_name(edit.item.name, kind), retired=False)
        _free(cb, kind, item.name)
        out = _with(cb, kind, (*items(cb, kind), item))
        if kind == LABEL and item.color is None:
            out = replace(out, labels=tuple(fill_colors(out.labels)))
        return out
    if isinstance(edit, Merge):
        return _merge(cb, edit)
    item = _found(cb, kind, edit.name)
    if isinstance(edit, Change):
        return _change(cb, kind, item, edit.fields)
    if isinstance(edit, Rename):
        to = clean_name(edit.to, kind)
        if to == item.name:
            return cb
        _free(cb, kind, to)
        out = _replaced(cb, kind, item, replace(item, name=to))
        if kind == LABEL:
            out = replace(out, attributes=tuple(
                replace(a, labels=tuple(to if x == item.name else x for x in a.labels))
                if a.labels is not None else a for a in out.attributes))
        return out
    if isinstance(edit, Retire):
        if item.retired == edit.retired:
            return cb
        new = replace(item, retired=edit.retired)
        if kind == LABEL and edit.retired:
            new = replace(new, hotkey=None)  # its key is free for the labels in use
        return _replaced(cb, kind, item, new)
    if isinstance(edit, RenameValue):
        return _rename_value(cb, kind, item, edit)
    raise TypeError(f"not an edit: {edit!r}")


def _replaced(cb: Codebook, kind: str, old: Item, new: Item) -> Codebook:
    return _with(cb, kind, (new if x is old else x for x in items(cb, kind)))


def _change(cb: Codebook, kind: str, item: Item, fields: Sequence[tuple[str, Any, Any]]
            ) -> Codebook:
    values: dict[str, Any] = {}
    for field, seen, new in fields:
        if field not in FIELDS[kind]:
            raise InputError(f"a {kind} has no {field!r} to set")
        now = getattr(item, field)
        if _norm(field, now) != _norm(field, seen):
            raise Stale(f"{kind} {item.name!r} was changed since you saw it: its "
                        f"{_field_word(kind, field)} is now {_shown(now)}", kind, item.name)
        values[field] = _norm(field, new)
    return _replaced(cb, kind, item, replace(item, **values))


def _norm(field: str, value: Any) -> Any:
    """Empty text is no value; lists are tuples."""
    if isinstance(value, str):
        value = value.strip() if field != "description" else value
        return value or None
    if isinstance(value, list):
        return tuple(value)
    return value


def _rename_value(cb: Codebook, kind: str, item: Item, edit: RenameValue) -> Codebook:
    values = item.values or ()
    to = (edit.to or "").strip()
    if not to:
        raise InputError("a value cannot be empty")
    if edit.value not in values:
        raise Stale(f"{kind} {item.name!r} has no value {edit.value!r} any more: it was "
                    "changed since you saw it", kind, item.name)
    if to == edit.value:
        return cb
    if to in values:  # folded into a value it has: what held the old one holds that
        new_values = tuple(v for v in values if v != edit.value)
    else:
        new_values = tuple(to if v == edit.value else v for v in values)
    return _replaced(cb, kind, item, replace(item, values=new_values))


def _merge(cb: Codebook, edit: Merge) -> Codebook:
    if edit.name == edit.into:
        raise InputError("a label cannot be merged into itself")
    source = _found(cb, LABEL, edit.name)
    target = _found(cb, LABEL, edit.into)
    if target.retired:
        raise InputError(f"label {target.name!r} is retired: restore it first, or merge "
                         "into a label in use")
    return _replaced(cb, LABEL, source, replace(source, retired=True, hotkey=None))


# ------------------------------------------------------------------ a file over the project

def plan_import(current: Codebook, incoming: Codebook, base: Codebook | None = None
                ) -> list[Edit]:
    """The edits that make `current` say what `incoming` (a codebook file) says, merging
    by name: items the file names are added, restored or changed; active items it leaves
    out are retired (never deleted). Labels without a colour in the file keep theirs.

    With `base` (the project's codebook at the version the file was exported from), only
    what the file changed since `base` is applied, so that changes made in the project
    since are kept (a label renamed, retired or added since stays so); a field changed
    on both sides, differently, is refused.
    """
    edits: list[Edit] = []
    old = base.active() if base is not None else None
    for field in TEXTS:
        theirs = getattr(incoming, field) or None
        ours = getattr(current, field) or None
        if field == "name" and theirs == "Codebook":
            continue  # the file names no codebook
        was = _MISSING if old is None else (getattr(old, field) or None)
        merged = _pick(field, None, field, was, ours, theirs)
        if merged != ours:
            edits.append(SetText(field, ours, merged))
    retired_labels = {lab.name for lab in current.labels if lab.retired}

    def strip(field: str, value: Any) -> Any:
        # exports leave retired labels out of an attribute's labels: compare without them
        if field == "labels" and value is not None:
            return tuple(x for x in value if x not in retired_labels)
        return _norm(field, value)

    for kind in KINDS:
        ours_by = {x.name: x for x in items(current, kind)}
        theirs_by = {x.name: x for x in items(incoming, kind)}
        base_by = {x.name: x for x in items(old, kind)} if old is not None else None
        for name, theirs in theirs_by.items():
            ours = ours_by.get(name)
            was = base_by.get(name) if base_by is not None else None
            if was is not None and (ours is None or ours.retired):
                # renamed, merged or retired in the project since the file was exported
                if all(strip(f, getattr(theirs, f)) == strip(f, getattr(was, f))
                       for f in FIELDS[kind] if not (f == "color" and theirs.color is None)):
                    continue
                how = "retired" if ours is not None else "renamed or merged"
                raise Stale(f"{kind} {name!r} was {how} in the project since you saw it, "
                            "and the file changes it", kind, name)
            if ours is None:
                edits.append(Add(kind, replace(theirs, retired=False)))
                continue
            if ours.retired:
                edits.append(Retire(kind, name, False))
            fields = []
            for field in FIELDS[kind]:
                mine, new = getattr(ours, field), getattr(theirs, field)
                if kind == LABEL and field == "color" and new is None:
                    continue
                if base_by is None:
                    picked = strip(field, new)
                else:
                    start = strip(field, getattr(was, field)) if was is not None \
                        else strip(field, mine)  # added on both sides: as the file says
                    picked = _pick(kind, name, field, start, strip(field, mine),
                                   strip(field, new))
                if field == "labels" and picked is not None and mine is not None:
                    if tuple(picked) == strip(field, mine):
                        picked = mine  # the same labels in use: keep the project's order
                    else:
                        picked = tuple(picked) + tuple(x for x in mine if x in retired_labels)
                if _norm(field, picked) != _norm(field, mine):
                    fields.append((field, mine, picked))
            if fields:
                edits.append(Change(kind, name, tuple(fields)))
        for name, ours in ours_by.items():
            if name in theirs_by or ours.retired:
                continue
            if base_by is None or name in base_by:
                edits.append(Retire(kind, name))
    return edits


_MISSING = object()


def _pick(kind: str, name: str | None, field: str, base: Any, ours: Any, theirs: Any) -> Any:
    """Three-way choice of one field: the file's value where the file changed it, the
    project's where only the project did; both changed it differently: refused."""
    if base is _MISSING:
        return theirs
    if _norm(field, theirs) == _norm(field, base):
        return ours
    if _norm(field, ours) in (_norm(field, base), _norm(field, theirs)):
        return theirs
    what = f"{kind} {name!r}'s {_field_word(kind, field)}" if name else f"the {field}"
    raise Stale(f"{what} was changed in the project since you saw it (to {_shown(ours)}) "
                f"and in the file (to {_shown(theirs)})", kind, name)


def entries(edits: Sequence[Edit]) -> list[Mapping[str, Any]]:
    return [e.entry() for e in edits]


def added_entries(old: Codebook, new: Codebook) -> list[Mapping[str, Any]]:
    """What `new` adds to or changes in `old`, item by item (an import's version record)."""
    out: list[Mapping[str, Any]] = []
    for kind in KINDS:
        before = {x.name: x for x in items(old, kind)}
        for item in items(new, kind):
            was = before.get(item.name)
            if was is None:
                out.append(Add(kind, item).entry())
            elif was != item:
                out.append({"op": "change", "kind": kind, "name": item.name,
                            "fields": [f for f in FIELDS[kind]
                                       if getattr(was, f) != getattr(item, f)]})
    return out


# ------------------------------------------------------------------ what an edit touches

@dataclass(frozen=True)
class LabelUse:
    """How much a label is used: spans, the annotators who made them, gold spans."""

    spans: int = 0
    annotators: int = 0
    gold: int = 0


@dataclass(frozen=True)
class MergePreview:
    """What merging label `source` into `target` would do: `spans` spans by `annotators`
    annotators and `gold` gold spans become `target`'s; of them `duplicates` (and
    `gold_duplicates`) are dropped because the same annotator (the gold) already has a
    `target` span at that place; `attributes_dropped` spans lose values of attributes
    `target` does not carry."""

    source: str
    target: str
    spans: int
    annotators: int
    gold: int
    duplicates: int
    gold_duplicates: int
    attributes_dropped: int

    def sentence(self) -> str:
        def n(k: int, word: str) -> str:
            return f"{k} {word}{'' if k == 1 else 's'}"

        text = (f"{n(self.spans, 'span')} of {self.source!r} by "
                f"{n(self.annotators, 'annotator')} become {self.target!r}")
        if self.gold:
            text += f", and {n(self.gold, 'gold span')}"
        extra = []
        if self.duplicates or self.gold_duplicates:
            extra.append(f"{n(self.duplicates + self.gold_duplicates, 'span')} already "
                         f"marked {self.target!r} at the same place by the same annotator "
                         "(or the gold) are dropped as duplicates")
        if self.attributes_dropped:
            extra.append(f"{n(self.attributes_dropped, 'span')} lose attribute values "
                         f"that {self.target!r} does not carry")
        if extra:
            text += "; " + "; ".join(extra)
        return text + f". {self.source!r} is then retired (undo brings everything back)."
