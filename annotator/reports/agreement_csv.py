"""The agreement report as CSV: one row per number.

Columns ``scope,label,a,b,measure,value``. ``scope`` is ``overall``, ``pair``, ``label``,
``label_pair``, ``document`` (its id in ``a``) or ``doc_label`` (its name in ``label``);
an interval is two rows, ``krippendorff_alpha_ci95_low`` and ``_high``; a null is an empty
field. The counts (``documents``, ``tokens``, ``support``, ``units``) are rows too. Rows
come in the report's order: overall, pairs, each label followed by its pairs, documents,
document labels; then ``attribute`` (its key in ``label``), ``confusion`` (one annotator's
label in ``a``, the other's in ``b``, measure ``tokens`` or ``spans``), ``against_gold``
(the annotator in ``a``) and ``against_gold_label``, ``gamma`` and ``gamma_label`` (with
``--gamma``). Cells follow the project's one CSV rule (annotator/core/spreadsheet.py): a
label, name or id that could start a spreadsheet formula gets a leading quote; the numbers
stay numbers.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from annotator.core import spreadsheet
from annotator.core.agreement import AgreementReport, number_items

HEADER = ("scope", "label", "a", "b", "measure", "value")
Row = tuple[str, str, str, str, str, int | float | str]


def _value(value: object) -> int | float | str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else ""


def _measures(scope: str, label: str, a: str, b: str, block: object) -> Iterator[Row]:
    for key, value in number_items(block):
        yield (scope, label, a, b, key, _value(value))


def agreement_rows(report: AgreementReport) -> Iterator[Row]:
    """The report's numbers as CSV rows, header excluded."""
    yield ("overall", "", "", "", "documents", _value(report.documents))
    yield ("overall", "", "", "", "tokens", _value(report.tokens))
    yield from _measures("overall", "", "", "", report.overall)
    for pair in report.pairs:
        yield from _measures("pair", "", pair.a, pair.b, pair)
    for name, entry in report.labels.items():
        yield from _measures("label", name, "", "", entry)
        for pair in entry.pairs:
            yield from _measures("label_pair", name, pair.a, pair.b, pair)
    for doc in report.documents_detail:
        yield from _measures("document", "", doc.id, "", doc)
    for name, entry in report.doc_labels.items():
        yield from _measures("doc_label", name, "", "", entry)
    yield from _additions(report)


def _additions(report: AgreementReport) -> Iterator[Row]:
    """Attributes, label confusion, annotators against gold and γ, after the rest."""
    for name, entry in report.attributes.items():
        yield from _measures("attribute", name, "", "", entry)
    confusion = report.confusion
    for i, row in enumerate(confusion.labels):
        for j, column in enumerate(confusion.labels):
            yield ("confusion", "", row, column, "tokens", _value(confusion.tokens[i][j]))
            yield ("confusion", "", row, column, "spans", _value(confusion.spans[i][j]))
    for name, entry in report.against_gold.items():
        yield from _measures("against_gold", "", name, "", entry)
        for label, measures in entry.labels.items():
            yield from _measures("against_gold_label", label, name, "", measures)
    if report.gamma is not None:
        yield from _measures("gamma", "", "", "", report.gamma)
        for label, values in report.gamma.labels.items():
            yield from _measures("gamma_label", label, "", "", values)


def agreement_csv(report: AgreementReport) -> str:
    out = io.StringIO()
    _write(report, out)
    return out.getvalue()


def write_agreement_csv(report: AgreementReport, target: str | Path | IO[str]) -> None:
    """Write the CSV to a path (UTF-8) or an open text file (opened with ``newline=""``)."""
    if isinstance(target, str | Path):
        with open(target, "w", encoding="utf-8", newline="") as f:
            _write(report, f)
    else:
        _write(report, target)


def _write(report: AgreementReport, f: IO[str]) -> None:
    writer = spreadsheet.writer(f, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(agreement_rows(report))
