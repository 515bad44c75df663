"""The agreement report written as JSON, CSV and HTML."""

from __future__ import annotations

import csv
import html
import io
import json
import math
import re
from dataclasses import fields

import numpy as np
import pytest

from annotator.core.agreement import Measures, as_json, build_report, most_disagreed_spans
from annotator.core.model import DONE, DocLabel, Document, Span
from annotator.core.records import DocumentRecord
from annotator.reports import (
    agreement_csv,
    agreement_html,
    agreement_json,
    alpha_reading,
    write_agreement_csv,
    write_agreement_html,
    write_agreement_json,
)

TEXT = "The sham election was held today."


def records():
    return [
        DocumentRecord(Document("d1", TEXT), (
            Span("alice", 4, 17, "Loaded"), Span("bob", 4, 8, "Loaded"),
            Span("carol", 4, 17, "Loaded"), Span("alice", 18, 21, "<Attr>"),
        ), doc_labels=(DocLabel("alice", "frame", "P"), DocLabel("bob", "frame", "E"))),
        DocumentRecord(Document("d2", TEXT), (Span("alice", 0, 3, "Loaded"),),
                       status={"bob": DONE}),
        DocumentRecord(Document("d3", TEXT), (Span("dave", 0, 3, "Loaded"),)),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def report():
    return build_report(records(), bootstrap=50)


def test_json_has_no_nan_and_reads_back(report, tmp_path):
    text = agreement_json(report)
    assert "NaN" not in text and "Infinity" not in text
    assert json.loads(text) == as_json(report)
    write_agreement_json(report, tmp_path / "a.json")
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8")) == as_json(report)


def test_json_turns_nan_and_numpy_numbers_into_plain_values():
    weird = {"a": math.nan, "b": [np.float64(0.5), np.int64(3), math.inf], "c": np.float32(1),
             "d": np.bool_(True)}
    assert json.loads(json.dumps(as_json(weird))) == {"a": None, "b": [0.5, 3, None], "c": 1.0,
                                                      "d": True}


def _expected_rows(report):
    """One row per number, counted from the report itself."""
    measures = len(fields(Measures)) + 1  # the interval is two rows
    overall = 2 + measures  # documents, tokens
    pairs = 4 * len(report.pairs)
    # support and the measures; then the pairs
    labels = sum(1 + measures + 4 * len(e.pairs) for e in report.labels.values())
    documents = 2 * len(report.documents_detail)
    doc_labels = 2 * len(report.doc_labels)
    attributes = 3 * len(report.attributes)
    confusion = 2 * len(report.confusion.labels) ** 2
    gold = sum(8 + 7 * len(g.labels) for g in report.against_gold.values())
    gamma = 0 if report.gamma is None else 7 + 5 * len(report.gamma.labels)
    return (overall + pairs + labels + documents + doc_labels + attributes + confusion + gold
            + gamma)


def test_csv_one_row_per_number(report, tmp_path):
    rows = list(csv.reader(io.StringIO(agreement_csv(report))))
    assert rows[0] == ["scope", "label", "a", "b", "measure", "value"]
    body = rows[1:]
    assert len(body) == _expected_rows(report)
    assert {r[0] for r in body} == {"overall", "pair", "label", "label_pair", "document",
                                    "doc_label", "attribute", "confusion"}  # fmt: skip
    index = {tuple(r[:5]): r[5] for r in body}
    assert len(index) == len(body)  # no row twice
    assert index[("overall", "", "", "", "documents")] == "3"
    alpha = report.overall.krippendorff_alpha
    assert float(index[("overall", "", "", "", "krippendorff_alpha")]) == alpha  # unrounded
    ci = report.overall.krippendorff_alpha_ci95
    assert float(index[("overall", "", "", "", "krippendorff_alpha_ci95_low")]) == ci.low
    assert float(index[("overall", "", "", "", "krippendorff_alpha_ci95_high")]) == ci.high
    pair = report.pairs[0]
    key = ("pair", "", pair.a, pair.b, "cohen_kappa")
    assert float(index[key]) == pair.cohen_kappa
    assert index[("document", "", "d3", "", "krippendorff_alpha")] == ""  # null: empty field
    assert index[("doc_label", "frame", "", "", "units")] == "1"
    assert index[("label", "Loaded", "", "", "support")] == "5"
    write_agreement_csv(report, tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == agreement_csv(report)


def test_html_reads_like_a_report(report, tmp_path):
    found = most_disagreed_spans(records(), limit=5)
    page = agreement_html(report, disagreements=found)
    assert page.startswith("<!DOCTYPE html>")
    assert len(re.findall(r'src="data:image/png;base64,[A-Za-z0-9+/=]+"', page)) == 3
    assert "Cohen" in page and "Span F1" in page
    for word in ("reliable", "tentative", "not reliable"):
        assert word in page
    assert "&lt;Attr&gt;" in page and "<Attr>" not in page  # label names are escaped
    assert "Spans disagreed on most" in page and "sham" in page
    for note in report.notes:
        assert html.escape(note) in page
    write_agreement_html(report, tmp_path / "a.html", disagreements=found)
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == page


def test_html_without_pairs_or_labels():
    alone = build_report([DocumentRecord(Document("d", TEXT), status={"alice": DONE})])
    page = agreement_html(alone)
    assert "data:image/png" not in page
    assert "undefined" in page
    empty = agreement_html(build_report([]))
    assert "0 documents" in empty


@pytest.mark.parametrize(("value", "reading"), [
    (0.8, "reliable"), (0.95, "reliable"), (0.667, "tentative"), (0.7999, "tentative"),
    (0.6669, "not reliable"), (-0.2, "not reliable"), (None, "undefined"),
])  # fmt: skip
def test_alpha_reading(value, reading):
    assert alpha_reading(value) == reading
