"""Agreement on span attributes and on document labels, at the level their values call for.

Span attributes are compared on the spans that two annotators or more marked alike (same
document, start, end and label), among the report's participants and labels; the
attribute counts only where the codebook says the span's label carries it. Each such span
is a unit, its annotators the raters; an annotator who left the attribute empty is missing
there. Document labels: each kind is compared over the documents, its raters those who
gave it a value (as ``doc_labels`` in the report).

The level: ordinal where the codebook's list of values is a scale, nominal otherwise
(free text too). The codebook has no key that says a list is
ordered, so a list reads as a scale when it has three values or more and either every
value is a number (ranked by value), or its middle value is "neutral" (any case), as in
negative / neutral / positive or a Likert scale: ranked in the codebook's order.
Closed values are compared as written; free text after collapsing white space and case.
An ordinal value that is not on the scale, or several values of one kind of document label
from one annotator, is left out (and counted in the notes).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Codebook, Span
from ..records import DocumentRecord
from .alpha import nominal_alpha
from .errors import Undefined
from .notes import Notes
from .ordinal import ordinal_alpha
from .ratings import MISSING, encode, unit_agreement
from .results import AttributeAgreement
from .units import participants_of

NOMINAL, ORDINAL = "nominal", "ordinal"
SPAN, DOCUMENT = "span", "document"


@dataclass(frozen=True)
class Scheme:
    """One attribute or kind of document label as this module measures it."""

    name: str
    unit: str
    values: tuple[str, ...] | None  # None: free text
    labels: frozenset[str] | None = None  # the span labels that carry it; None: all

    @property
    def scale(self) -> tuple[str, ...] | None:
        """The values in rank order when they form a scale, else None."""
        values = self.values
        if values is None or len(values) < 3:
            return None
        numbers = [_number(v) for v in values]
        if all(n is not None for n in numbers):
            return tuple(v for _, v in sorted(zip(numbers, values, strict=True)))
        if len(values) % 2 == 1 and values[len(values) // 2].strip().casefold() == "neutral":
            return values
        return None

    @property
    def level(self) -> str:
        return ORDINAL if self.scale is not None else NOMINAL


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if np.isfinite(value) else None


@dataclass(frozen=True)
class AttributeResult:
    key: str  # the report's key: the name, "NAME (document)" if an attribute has it too
    scheme: Scheme
    alpha: float | None
    reason: str | None
    units: int
    observed: float | None
    left_out: int  # values not on the scale, or several from one annotator


def schemes(codebook: Codebook | None, records: Sequence[DocumentRecord]) -> list[Scheme]:
    """The codebook's attributes and kinds of document labels, in its order, then those
    the data use and the codebook lacks (free text, by name)."""
    out: list[Scheme] = []
    declared = {a.name for a in codebook.attributes} if codebook else set()
    for a in codebook.attributes if codebook else ():
        out.append(Scheme(a.name, SPAN, a.values,
                          frozenset(a.labels) if a.labels is not None else None))
    used = sorted({k for r in records for s in r.annotations for k in s.attributes} - declared)
    out += [Scheme(name, SPAN, None) for name in used]
    kinds = {d.name for d in codebook.doc_labels} if codebook else set()
    for d in codebook.doc_labels if codebook else ():
        out.append(Scheme(d.name, DOCUMENT, d.values or None))
    out += [Scheme(name, DOCUMENT, None)
            for name in sorted({d.name for r in records for d in r.doc_labels} - kinds)]
    return out


def attribute_agreement(records: Sequence[DocumentRecord], codebook: Codebook | None, *,
                        annotators: Collection[str] | None = None,
                        labels: Collection[str] | None = None) -> list[AttributeResult]:
    """Alpha per attribute and per kind of document label (see the module's note)."""
    found = schemes(codebook, records)
    names = {s.name for s in found if s.unit == SPAN}
    units = _marked_alike(records, annotators, labels)
    out = []
    for scheme in found:
        key = scheme.name
        if scheme.unit == DOCUMENT and key in names:
            key = f"{key} (document)"
        if scheme.unit == SPAN:
            table = [[_value(scheme, given.get(scheme.name)) for given in unit]
                     for label, unit in units if scheme.labels is None or label in scheme.labels]
        else:
            table = _document_values(records, scheme, annotators)
        out.append(_measure(key, scheme, table))
    return out


def _marked_alike(records: Iterable[DocumentRecord], annotators, labels
                  ) -> list[tuple[str, list[Mapping[str, str]]]]:
    """Per span marked alike by two participants or more: its label and, per annotator
    (all of them, in order), the attributes they gave it (empty if they did not mark it)."""
    wanted = None if labels is None else set(labels)
    everyone = sorted({s.annotator for r in records for s in r.annotations}
                      | {n for r in records for n in r.status})
    slot = {name: i for i, name in enumerate(everyone)}
    out = []
    for r in records:
        took = participants_of(r, annotators)
        marks: dict[tuple[int, int, str], dict[str, Span]] = {}
        for s in r.annotations:
            if s.annotator in took and (wanted is None or s.label in wanted):
                marks.setdefault((s.start, s.end, s.label), {}).setdefault(s.annotator, s)
        for (_, _, label), who in sorted(marks.items()):
            if len(who) >= 2:
                row: list[Mapping[str, str]] = [{}] * len(everyone)
                for name, span in who.items():
                    row[slot[name]] = span.attributes
                out.append((label, row))
    return out


_OFF_SCALE = object()


def _value(scheme: Scheme, raw: object) -> object:
    if not isinstance(raw, str) or not raw.strip():
        return None
    if scheme.values is None:
        return " ".join(raw.split()).casefold()
    scale = scheme.scale
    if scale is not None:
        return scale.index(raw) if raw in scale else _OFF_SCALE
    return raw


def _document_values(records, scheme: Scheme, annotators) -> list[list[object]]:
    wanted = None if annotators is None else set(annotators)
    given: list[dict[str, set[str]]] = []
    for r in records:
        mine: dict[str, set[str]] = {}
        for d in r.doc_labels:
            if d.name == scheme.name and (wanted is None or d.annotator in wanted):
                mine.setdefault(d.annotator, set()).add(d.value)
        given.append(mine)
    raters = sorted({a for g in given for a in g})
    rows = []
    for g in given:
        row: list[object] = []
        for a in raters:
            values = g.get(a)
            if not values:
                row.append(None)
            elif scheme.scale is not None:
                row.append(_value(scheme, next(iter(values))) if len(values) == 1
                           else _OFF_SCALE)
            else:
                row.append("+".join(sorted(values)))
        rows.append(row)
    return rows


def _measure(key: str, scheme: Scheme, table: list[list[object]]) -> AttributeResult:
    left_out = sum(1 for row in table for v in row if v is _OFF_SCALE)
    clean = [[None if v is _OFF_SCALE else v for v in row] for row in table]
    scale = scheme.scale
    if clean and clean[0]:
        if scale is not None:
            codes = np.array([[MISSING if v is None else v for v in row] for row in clean],
                             dtype=np.int64)
        else:
            codes = encode(clean)[0]
    else:
        codes = np.zeros((len(clean), 0), dtype=np.int64)
    m, agree = unit_agreement(codes) if codes.size else (np.zeros(len(clean)), None)
    pairable = m >= 2
    units = int(pairable.sum())
    observed = None
    if units:
        observed = float((agree[pairable] / (m[pairable] - 1)).sum() / m[pairable].sum())
    try:
        if not units:
            raise Undefined("no unit has values from two annotators")
        alpha = (ordinal_alpha(codes, len(scale)) if scale is not None
                 else nominal_alpha(codes))
        reason = None
    except Undefined as e:
        alpha, reason = None, e.reason
    return AttributeResult(key, scheme, alpha, reason, units, observed, left_out)


def attributes_block(records: Sequence[DocumentRecord], codebook: Codebook | None,
                     notes: Notes, *, annotators: Collection[str] | None = None,
                     labels: Collection[str] | None = None) -> dict[str, AttributeAgreement]:
    """The report's ``attributes``, nulls and values left out noted."""
    out = {}
    for item in attribute_agreement(records, codebook, annotators=annotators, labels=labels):
        scope = f"attributes[{item.key}]"
        if item.alpha is None:
            notes.null(scope, "krippendorff_alpha", str(item.reason))
        if item.observed is None:
            notes.null(scope, "observed_agreement", str(item.reason))
        if item.left_out:
            what = ("values not on its scale, or several from one annotator,"
                    if item.scheme.unit == DOCUMENT else "values not on its scale")
            notes.add(f"{scope}: {item.left_out} {what} were left out", scope)
        out[item.key] = AttributeAgreement(item.alpha, item.scheme.level, item.units,
                                           item.observed, item.scheme.unit)
    return out
