"""`annotator compare` on the demo project, made as a user makes it (init, import the
seeds and the demo annotations): the three formats, standard output, and refusals."""

from __future__ import annotations

import csv
import html
import io
import json

import pytest

from annotator.cli import main
from annotator.services.demo import DEMO_FILE
from annotator.services.project import SEEDS

NTD = "NTD"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "demo.db"
    assert main(["init", str(path)]) == 0
    assert main(["import", str(path), str(SEEDS), str(DEMO_FILE)]) == 0
    return str(path)


def test_json_has_the_shape_scripts_rely_on(db, tmp_path, capsys):
    out = tmp_path / "c.json"
    capsys.readouterr()
    assert main(["compare", db, "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("5 sources, 8 concepts, 271 spans from the annotators' spans "
                              "(alice, bob, carol).")
    assert "no p-value (counts too small for a chi-square test" in printed
    assert f"Wrote the json report to {out}." in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["schema"] == "compare/1"
    assert {"concepts", "labels_by_source"} <= set(report)
    for concept in report["concepts"]:
        assert {"id", "name", "event", "sources"} <= set(concept)
        assert concept["event"] == "putin-china-2024"
        for expressions in concept["sources"].values():
            for e in expressions:
                assert {"text", "label", "count", "annotators", "polarity"} <= set(e)
                assert e["count"] == len(e["places"])
                assert set(e["polarity"]) <= {"negative", "neutral", "positive"}
    election = next(c for c in report["concepts"] if c["id"] == "election")
    assert {"text": "sham election", "label": "Word choice", "count": 2,
            "annotators": ["alice", "carol"], "polarity": {"negative": 2}}.items() <= {
        **next(e for e in election["sources"][NTD] if e["text"] == "sham election")}.items()
    assert set(report["labels_by_source"]) == {s["source"] for s in report["sources"]}
    assert sum(report["labels_by_source"][NTD].values()) == 48
    # a document without a source counts under its own id, and the notes say so
    assert "000_d2e00c955d6db165" in report["labels_by_source"]
    assert any("000_d2e00c955d6db165" in n for n in report["notes"])
    test = report["statistics"]["labels"]["chi_square"]
    assert test["p_value"] is None and test["reason"].startswith("counts too small")


def test_json_on_the_gold_layer_to_standard_output(db, capsys):
    capsys.readouterr()
    assert main(["compare", db, "--layer", "gold", "--concept", "election", "-o", "-"]) == 0
    got = capsys.readouterr()
    report = json.loads(got.out)
    assert report["layer"] == "gold" and [c["id"] for c in report["concepts"]] == ["election"]
    assert got.err.startswith("5 sources, 1 concept, 30 spans from the gold layer.")


def test_csv_one_row_per_number(db, tmp_path):
    out = tmp_path / "c.csv"
    assert main(["compare", db, "--format", "csv", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == ["section", "concept", "source", "item", "label", "measure",
                             "value"]
    sham = [r for r in rows if r["section"] == "expression" and r["item"] == "sham election"]
    assert {(r["measure"], r["value"]) for r in sham} == {
        ("count", "2"), ("annotators", "2"), ("polarity:negative", "2")}
    z = [float(r["value"]) for r in rows if r["section"] == "log_odds" and r["measure"] == "z"]
    assert min(z) < 0 < max(z)  # negative numbers stay numbers, not quoted text
    assert any(r["section"] == "chi_square" and r["measure"] == "reason" for r in rows)
    assert any(r["section"] == "note" for r in rows)


def test_html_report_for_an_appendix(db, tmp_path):
    out = tmp_path / "c.html"
    assert main(["compare", db, "-o", str(out)]) == 0
    page = html.unescape(out.read_text(encoding="utf-8"))
    assert page.startswith("<!DOCTYPE html>")
    assert "How the sources framed it: Putin's state visit to China, May 2024" in page
    for text in ("the election", "<q>sham election</q>", "<q>coasted to his fifth term</q>",
                 "Monroe, B. L., Colaresi", "Cochran", "Cramér's V", "data:image/png;base64",
                 "Primary frame", "no p-value", "(no source)"):
        assert text in page, text


@pytest.mark.parametrize(("args", "message"), [
    (["--annotator", "zoe"], "no annotator 'zoe'"),
    (["--layer", "gold", "--annotator", "bob"], "gold layer is the reviewers'"),
    (["--concept", "nothing"], "no concept 'nothing'"),
    (["--event", "other"], "no documents of event 'other'"),
])
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(db, tmp_path, capsys,
                                                                 args, message):
    out = tmp_path / "c.json"
    capsys.readouterr()
    assert main(["compare", db, *args, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()


def test_html_cannot_go_to_standard_output_and_a_folder_must_exist(db, tmp_path, capsys):
    assert main(["compare", db, "-f", "html", "-o", "-"]) == 2
    assert main(["compare", db, "-o", str(tmp_path / "no" / "c.json")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_what_the_system_refuses_is_a_plain_refusal(db, tmp_path, capsys):
    out = tmp_path / ("x" * 300 + ".json")  # longer than any file system allows
    assert main(["compare", db, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "Traceback" not in err
    assert not any(p.suffix in (".json", ".partial") for p in tmp_path.iterdir())
    # a name that fits is written, though ".partial" added to it would not fit: the
    # temporary file's name is short
    out = tmp_path / ("y" * 250 + ".json")
    assert main(["compare", db, "-o", str(out)]) == 0
    assert out.exists() and not any(".partial" in p.name for p in tmp_path.iterdir())
