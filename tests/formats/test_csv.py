"""The span CSV: read back with the csv module; no cell may start a formula."""

from __future__ import annotations

import csv
import json

from annotator.formats.csv_spans import FORMULA_STARTS, HEADER, safe, unsafe
from tests.formats.helpers import TEXT, TRICKY_ID


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(HEADER)
    return [dict(zip(HEADER, r, strict=True)) for r in rows[1:]]


def test_every_annotators_spans_and_no_formula_cell(tricky, exported):
    out, result = exported(tricky, "csv", "spans.csv", layer="annotations")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_rows(out)
    assert len(rows) == result.spans == 9
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(FORMULA_STARTS), cell
    tricky_rows = [r for r in rows if r["document_id"] == TRICKY_ID]
    for row in tricky_rows:
        assert row["layer"] == "annotation"
        start, end = int(row["start"]), int(row["end"])
        assert unsafe(row["text"]) == TEXT[start:end]  # code points, exact
        assert unsafe(row["source"]) == '=HYPERLINK("x")'
    word = next(r for r in tricky_rows if r["label"] == "Word choice"
                and r["annotator"] == "alice")
    assert json.loads(word["attributes"]) == {"polarity": "negative",
                                             "speaker": "Vladimir Putin"}
    assert word["concept"] == "election" and word["note"] == "line1\nline2 \\n = x"
    dash = next(r for r in tricky_rows if r["text"].startswith("'-dash"))
    assert dash["label"] == "Word choice"


def test_gold_rows_name_the_reviewer(tricky, exported):
    out, _ = exported(tricky, "csv", "gold.csv")
    rows = read_rows(out)
    assert {(r["layer"], r["annotator"], r["label"], r["sources"]) for r in rows} == {
        ("gold", "carol", "Word choice", "alice"), ("gold", "dave", "Loaded language", "")}


def test_safe_is_reversible():
    for value in ["=1+1", "+x", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted", "''", "plain", ""]:
        assert unsafe(safe(value)) == value
        assert not safe(value).startswith(FORMULA_STARTS)
