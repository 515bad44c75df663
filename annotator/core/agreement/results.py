"""The agreement report as typed values, and its JSON form.

Each block is a frozen dataclass whose field names and order are the keys of the
``agreement/1`` JSON, so that ``as_json`` is the one place where
the report becomes plain data, and ``number_items`` the one place that says which of a
block's fields are numbers (the CSV's rows). Readers (the command line, the reports, the
GUI) use the fields; nothing outside this module spells a key.

A field marked ``FLAT`` is merged into its parent's object (a label's measures sit beside
its ``support`` and ``pairs``); a field marked ``OPTIONAL`` is left out of the JSON when it
is ``None`` (a part of the report that was not asked for).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from numbers import Integral
from typing import NamedTuple

import numpy as np

SCHEMA = "agreement/1"

Number = float | None

FLAT = {"flat": True}
OPTIONAL = {"optional": True}


class Interval(NamedTuple):
    """A 95 % interval; ``[low, high]`` in the JSON, as any tuple."""

    low: float
    high: float


@dataclass(frozen=True)
class Measures:
    """The measures of ``overall`` and of each label, in the spec's order."""

    krippendorff_alpha: Number
    krippendorff_alpha_ci95: Interval | None
    fleiss_kappa: Number
    cohen_kappa_mean: Number
    gwet_ac1: Number
    span_f1_mean: Number
    span_f1_partial_mean: Number
    unitizing_alpha: Number


@dataclass(frozen=True)
class PairMeasures:
    """One pair of annotators over the documents both took part in (``documents``)."""

    a: str
    b: str
    documents: int
    cohen_kappa: Number
    span_f1: Number
    span_f1_partial: Number


@dataclass(frozen=True)
class LabelMeasures:
    support: int
    measures: Measures = field(metadata=FLAT)
    pairs: tuple[PairMeasures, ...] = ()


@dataclass(frozen=True)
class DocumentMeasures:
    id: str
    annotators: tuple[str, ...]
    krippendorff_alpha: Number
    span_f1_mean: Number


@dataclass(frozen=True)
class DocLabelMeasures:
    krippendorff_alpha: Number
    units: int


@dataclass(frozen=True)
class AttributeAgreement:
    """Agreement on one attribute of spans that annotators marked alike (``unit``
    "span"), or on one kind of document label (``unit`` "document"), at the ``level``
    its values call for: "nominal" or "ordinal"."""

    krippendorff_alpha: Number
    level: str
    units: int
    observed_agreement: Number
    unit: str


@dataclass(frozen=True)
class Confusion:
    """Label against label, summed over ordered pairs of annotators: ``tokens[i][j]``
    tokens one annotator gave ``labels[i]`` and the other ``labels[j]``; ``spans[i][j]``
    spans of ``labels[i]`` meeting spans of ``labels[j]``. The last label is ``O``."""

    labels: tuple[str, ...]
    tokens: tuple[tuple[int, ...], ...]
    spans: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class GoldMeasures:
    """An annotator's spans against the gold layer of the adjudicated documents."""

    precision: Number
    recall: Number
    f1: Number
    f1_partial: Number
    accepted_unchanged: Number
    spans: int
    gold: int


@dataclass(frozen=True)
class AnnotatorGold:
    measures: GoldMeasures = field(metadata=FLAT)
    documents: int = 0
    labels: Mapping[str, GoldMeasures] = field(default_factory=dict)


@dataclass(frozen=True)
class GammaValues:
    gamma: Number
    observed_disorder: Number
    expected_disorder: Number
    ci95: Interval | None


@dataclass(frozen=True)
class Gamma:
    """γ overall and per label, with the chance sampling it was computed with."""

    values: GammaValues = field(metadata=FLAT)
    samples: int = 0
    seed: int = 0
    labels: Mapping[str, GammaValues] = field(default_factory=dict)


@dataclass(frozen=True)
class AgreementReport:
    """The whole report; ``labels`` and ``doc_labels`` are read-only by convention."""

    schema: str
    annotators: tuple[str, ...]
    documents: int
    tokens: int
    overall: Measures
    pairs: tuple[PairMeasures, ...]
    labels: Mapping[str, LabelMeasures]
    documents_detail: tuple[DocumentMeasures, ...]
    doc_labels: Mapping[str, DocLabelMeasures]
    attributes: Mapping[str, AttributeAgreement]
    confusion: Confusion
    against_gold: Mapping[str, AnnotatorGold]
    gamma: Gamma | None = field(metadata=OPTIONAL)
    notes: tuple[str, ...] = ()

    def pairs_of(self, label: str | None = None) -> tuple[PairMeasures, ...]:
        """The pairs over all labels (``None``) or over one label."""
        return self.pairs if label is None else self.labels[label].pairs


def as_json(value: object) -> object:
    """The JSON form of a report or of any part of it: dicts, lists, plain numbers, and
    ``None`` for a number that is not finite."""
    if is_dataclass(value) and not isinstance(value, type):
        out: dict[str, object] = {}
        for f in fields(value):
            item = getattr(value, f.name)
            if f.metadata.get("optional") and item is None:
                continue
            if f.metadata.get("flat"):
                out.update(as_json(item))  # type: ignore[arg-type]
            else:
                out[f.name] = as_json(item)
        return out
    if isinstance(value, Mapping):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [as_json(v) for v in value]
    return _scalar(value)


def _scalar(value: object) -> object:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, Integral):
        return int(value)
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else None


def number_items(block: object) -> Iterator[tuple[str, Number]]:
    """A block's numbers one by one as ``(key, value)``, in the JSON's order: every field
    that holds a number or ``None``, an interval as two, ``KEY_low`` and ``KEY_high`` (the
    CSV's rows). Names, lists and nested blocks are not numbers; ``FLAT`` fields are
    walked into."""
    for f in fields(block):  # type: ignore[arg-type]
        item = getattr(block, f.name)
        if f.metadata.get("flat"):
            yield from number_items(item)
        elif isinstance(item, Interval) or item is None and "Interval" in str(f.type):
            yield f"{f.name}_low", item.low if item is not None else None
            yield f"{f.name}_high", item.high if item is not None else None
        elif item is None or isinstance(item, Integral | float):
            yield f.name, item
