"""The agreement report's measures as the view names and explains them.

``key`` names a measure in the view (its choosers, tests) and is its field in the
report's typed blocks: ``value`` reads it from ``Measures`` (overall, a label) or
``PairMeasures`` (a pair).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

MEAN = ", mean over pairs"


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    short: str
    tip: str
    reading: bool = False  # the usual reading of alpha applies
    pair_tip: str = ""  # a mean over pairs: what one pair's value is

    def value(self, block: Any) -> float | None:
        return getattr(block, self.key)

    def of_a_pair(self) -> Measure:
        """The measure of one pair that this one averages over the pairs."""
        return Measure(self.key.removesuffix("_mean"), self.name.removesuffix(MEAN),
                       self.short, self.pair_tip)


ALPHA = Measure(
    "krippendorff_alpha", "Krippendorff's α (tokens)", "α",
    "Nominal alpha over every token: which label (or none) each annotator gave it. "
    "Missing where an annotator did not take part in a document.", reading=True)
FLEISS = Measure(
    "fleiss_kappa", "Fleiss' κ", "Fleiss κ",
    "Over the tokens of the documents every annotator took part in.")
COHEN_MEAN = Measure(
    "cohen_kappa_mean", "Cohen's κ" + MEAN, "Cohen κ",
    "Cohen's kappa of each pair over the documents both took part in, averaged.",
    pair_tip="Over the tokens of the documents both took part in.")
AC1 = Measure(
    "gwet_ac1", "Gwet's AC1", "AC1",
    "Like alpha over tokens, but robust when almost every token is unlabelled "
    "(the kappa paradox).")
F1_MEAN = Measure(
    "span_f1_mean", "Span F1 (exact)" + MEAN, "Span F1",
    "Spans match only with the same start, end and label.",
    pair_tip="2·both / (spans of one + spans of the other), on the documents both took "
             "part in.")
PARTIAL_MEAN = Measure(
    "span_f1_partial_mean", "Span F1 (partial)" + MEAN, "Partial F1",
    "SemEval-2020 Task 11 score: overlapping spans of one label earn partial credit.",
    pair_tip="Overlapping spans of one label earn partial credit (SemEval-2020 Task 11).")
UNITIZING = Measure(
    "unitizing_alpha", "Krippendorff's α_U (characters)", "α_U",
    "Alpha for unitizing: where spans begin and end, per label, on the characters.",
    reading=True)

OVERALL = (ALPHA, FLEISS, COHEN_MEAN, AC1, F1_MEAN, PARTIAL_MEAN, UNITIZING)
PAIR = tuple(m.of_a_pair() for m in (COHEN_MEAN, F1_MEAN, PARTIAL_MEAN))

# What the per-label chart can show.
LABEL_CHART = (ALPHA, F1_MEAN, PARTIAL_MEAN, UNITIZING, COHEN_MEAN, AC1, FLEISS)

READING_TIP = ("The usual reading of alpha (Krippendorff): ≥ 0.800 reliable, ≥ 0.667 "
               "tentative conclusions only, below: not reliable.")


def measure(key: str, among: tuple[Measure, ...]) -> Measure:
    return next(m for m in among if m.key == key)


def measure_box(name: str, measures: Iterable[Measure]) -> QComboBox:
    """A chooser of measures, each explained in its tooltip; an item's data is its key."""
    box = QComboBox()
    box.setObjectName(name)
    for m in measures:
        box.addItem(m.name, m.key)
        box.setItemData(box.count() - 1, m.tip, Qt.ItemDataRole.ToolTipRole)
    return box
