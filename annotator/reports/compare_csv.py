"""The comparison of sources as CSV: one row per number, for spreadsheets and R or pandas.

Columns ``section,concept,source,item,label,measure,value``:

- ``expression``: a concept's expression in a source (``item`` the text as written, with
  its ``label``); measures ``count``, ``annotators`` (the number) and ``polarity:VALUE``.
- ``labels_by_source``: spans per ``label`` in a ``source`` (measure ``count``).
- ``doc_labels_by_source``: ``item`` the document label's name, ``label`` its value.
- ``log_odds``: ``concept`` empty for the overall tables; ``item`` the expression or label
  (``label`` says which: ``expression`` or ``label``); measures ``count``, ``others``,
  ``prior``, ``log_odds``, ``variance``, ``z``.
- ``chi_square``: the test of labels × sources (``item`` = ``labels``) or of a document
  label (``item`` its name): ``n``, ``statistic``, ``dof``, ``p_value``, ``cramers_v``,
  ``reason``; per cell (``source``, ``label``) ``observed``, ``expected``, ``residual``,
  ``adjusted_residual``.
- ``note``: the notes, in ``value``.

An undefined number is an empty field. Cells follow the project's one CSV rule
(core/spreadsheet.py): text safe for spreadsheets, numbers as numbers; UTF-8 with a BOM,
RFC 4180 quoting.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from annotator.core import spreadsheet
from annotator.core.compare import ChiSquare, Comparison, LogOddsResult

HEADER = ("section", "concept", "source", "item", "label", "measure", "value")
Row = tuple[str, str, str, str, str, str, int | float | str]


def _num(value: object) -> int | float | str:
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else ""


def _odds(concept: str, kind: str, result: LogOddsResult) -> Iterator[Row]:
    for r in result.rows:
        for measure in ("count", "others", "prior", "log_odds", "variance", "z"):
            yield ("log_odds", concept, r.source, r.item, kind, measure,
                   _num(getattr(r, measure)))


def _test(item: str, t: ChiSquare) -> Iterator[Row]:
    for measure in ("n", "statistic", "dof", "p_value", "cramers_v"):
        yield ("chi_square", "", "", item, "", measure, _num(getattr(t, measure)))
    if t.reason:
        yield ("chi_square", "", "", item, "", "reason", t.reason)
    for i, row in enumerate(t.rows):
        for j, source in enumerate(t.columns):
            yield ("chi_square", "", source, item, row, "observed", _num(t.observed[i][j]))
            for measure, table in (("expected", t.expected), ("residual", t.residuals),
                                   ("adjusted_residual", t.adjusted_residuals)):
                if table:
                    yield ("chi_square", "", source, item, row, measure, _num(table[i][j]))


def compare_rows(c: Comparison) -> Iterator[Row]:
    for cc in c.concepts:
        cid = cc.concept.id
        for source, expressions in cc.sources.items():
            for e in expressions:
                yield ("expression", cid, source, e.text, e.label, "count", e.count)
                yield ("expression", cid, source, e.text, e.label, "annotators",
                       len(e.annotators))
                for value, n in e.polarity.items():
                    yield ("expression", cid, source, e.text, e.label, f"polarity:{value}",
                           n)
    for source, labels in c.labels_by_source.items():
        for label, n in labels.items():
            yield ("labels_by_source", "", source, "", label, "count", n)
    for name, per in c.doc_labels.items():
        for source, values in per.items():
            for value, n in values.items():
                yield ("doc_labels_by_source", "", source, name, value, "count", n)
    for cc in c.concepts:
        yield from _odds(cc.concept.id, "expression", cc.expressions)
        yield from _odds(cc.concept.id, "label", cc.labels)
    yield from _odds("", "expression", c.expression_odds)
    yield from _odds("", "label", c.label_odds)
    yield from _test("labels", c.label_test)
    for name, t in c.doc_label_tests.items():
        yield from _test(name, t)
    for note in c.notes:
        yield ("note", "", "", "", "", "", note)


def write_compare_csv(c: Comparison, out: str | Path | IO[str]) -> None:
    def emit(fh) -> None:
        writer = spreadsheet.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(compare_rows(c))

    if hasattr(out, "write"):
        buf = io.StringIO(newline="")
        emit(buf)
        out.write(buf.getvalue())
        return
    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        emit(fh)
