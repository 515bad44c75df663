"""`annotator agreement` on real projects: the files it writes, what it prints, and how it
refuses bad input (exit status 2) or stops without leaving a file."""

from __future__ import annotations

import csv
import json
from dataclasses import replace

import pytest

from annotator.cli import main
from annotator.core.agreement import as_json, build_report
from annotator.services.progress import Cancelled
from annotator.store.corpus_rows import load_records
from tests.gui.agreement.agreement_seed import REVIEWER, WC, seed


@pytest.fixture
def db(seeded_project):
    seed(seeded_project)
    return seeded_project.target


@pytest.fixture
def out(tmp_path):
    (tmp_path / "out").mkdir()
    return tmp_path / "out"


def _reference(project_target, **filters):
    from annotator.services.project import open_project

    with open_project(project_target) as p, p.store.read() as conn:
        records = load_records(conn)
        codebook = p.codebook
    records = [replace(r, annotations=tuple(s for s in r.annotations if s.annotator != REVIEWER),
                       doc_labels=tuple(d for d in r.doc_labels if d.annotator != REVIEWER),
                       status={k: v for k, v in r.status.items() if k != REVIEWER})
               for r in records]
    return as_json(build_report(records, codebook=codebook, **filters))


def test_json_report_is_the_specs_from_the_database(db, out, capsys):
    assert main(["agreement", db, "-o", str(out / "a.json"), "--bootstrap", "200"]) == 0
    report = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert report == _reference(db, bootstrap=200)
    assert report["schema"] == "agreement/1" and report["annotators"] == ["alice", "bob", "carol"]
    printed = capsys.readouterr().out
    alpha = report["overall"]["krippendorff_alpha"]
    low, high = report["overall"]["krippendorff_alpha_ci95"]
    assert "3 annotators (alice, bob, carol), 5 documents" in printed
    assert "Not counted (reviewers): dana." in printed
    assert f"Krippendorff's alpha {alpha:.3f} (tentative), 95% CI [{low:.3f}, {high:.3f}]" \
        in printed
    assert f"Wrote the json report to {out / 'a.json'}." in printed


def test_filters_and_bootstrap_zero(db, out, capsys):
    target = out / "a.json"
    assert main(["agreement", db, "-o", str(target), "--annotator", "bob", "--annotator",
                 "alice", "--label", WC, "--label", "Morality", "--bootstrap", "0"]) == 0
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report == _reference(db, annotators=["alice", "bob"], labels=[WC, "Morality"],
                                bootstrap=0)
    assert report["overall"]["krippendorff_alpha_ci95"] is None
    assert list(report["labels"]) == ["Morality", WC]
    assert "no interval" in capsys.readouterr().out


def test_csv_has_one_row_per_number(db, out):
    assert main(["agreement", db, "-o", str(out / "a.csv"), "--bootstrap", "50"]) == 0
    report = _reference(db, bootstrap=50)
    with open(out / "a.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["scope", "label", "a", "b", "measure", "value"]
    got = {tuple(r[:5]): r[5] for r in rows[1:]}
    assert len(got) == len(rows) - 1  # one row per number: no key twice
    assert got[("overall", "", "", "", "tokens")] == str(report["tokens"])
    low, high = report["overall"]["krippendorff_alpha_ci95"]
    assert got[("overall", "", "", "", "krippendorff_alpha_ci95_low")] == repr(low)
    assert got[("overall", "", "", "", "krippendorff_alpha_ci95_high")] == repr(high)
    pair = report["pairs"][0]
    assert got[("pair", "", pair["a"], pair["b"], "cohen_kappa")] == repr(pair["cohen_kappa"])
    assert got[("label", WC, "", "", "support")] == "13"
    scopes = {r[0] for r in rows[1:]}
    assert scopes == {"overall", "pair", "label", "label_pair", "document", "doc_label",
                      "attribute", "confusion"}  # no gold yet, and no --gamma


def test_html_report_for_people(db, out):
    assert main(["agreement", db, "-o", str(out / "a.html")]) == 0
    page = (out / "a.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count('src="data:image/png;base64,') == 3  # two heatmaps, the label bars
    assert "Cohen&#x27;s κ" in page or "Cohen's κ" in page
    assert 'class="reading tentative"' in page and "Reading of alpha" in page
    assert "Spans disagreed on most" in page and "three insignificant rivals" in page
    assert REVIEWER not in page


def test_format_option_overrides_the_extension(db, out):
    assert main(["agreement", db, "-o", str(out / "a.txt"), "--format", "csv",
                 "--bootstrap", "0"]) == 0
    assert (out / "a.txt").read_text(encoding="utf-8").startswith("scope,label,a,b")
    assert main(["agreement", db, "-o", str(out / "b.report"), "--bootstrap", "0"]) == 0
    assert json.loads((out / "b.report").read_text(encoding="utf-8"))["schema"] == \
        "agreement/1"


def test_standard_output(db, capsys):
    assert main(["agreement", db, "-o", "-", "--bootstrap", "0"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == _reference(db, bootstrap=0)
    assert "3 annotators" in captured.err


@pytest.mark.parametrize(("args", "message"), [
    (["--annotator", "zed"], "no annotator 'zed' in the project"),
    (["--annotator", REVIEWER], "'dana' is a reviewer"),
    (["--label", "Word Choice"], "did you mean 'Word choice'?"),
    (["--label", "Frobnicate"], "the codebook has no label 'Frobnicate'"),
])
def test_unknown_names_exit_2_and_write_nothing(db, out, capsys, args, message):
    assert main(["agreement", db, "-o", str(out / "a.json"), *args]) == 2
    assert message in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_missing_project_exits_2(tmp_path, capsys):
    assert main(["agreement", str(tmp_path / "nope.db"), "-o", str(tmp_path / "a.json")]) == 2
    assert "no such project" in capsys.readouterr().err
    assert not (tmp_path / "a.json").exists()


@pytest.mark.parametrize("args", [["--bootstrap", "-1"], ["--bootstrap", "many"],
                                  ["--format", "xml"]])
def test_bad_options_exit_2(db, out, args):
    with pytest.raises(SystemExit) as stop:
        main(["agreement", db, "-o", str(out / "a.json"), *args])
    assert stop.value.code == 2
    assert list(out.iterdir()) == []


def test_html_to_standard_output_and_missing_folder_exit_2(db, out, capsys):
    assert main(["agreement", db, "-o", "-", "--format", "html"]) == 2
    assert main(["agreement", db, "-o", str(out / "no" / "a.json")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_cancel_leaves_no_file(db, out, monkeypatch, capsys):
    def cancel(self, done, total, message=""):
        if message == "Computing agreement" and done > 10:
            raise Cancelled()

    monkeypatch.setattr("annotator.cli.progress.TerminalProgress.__call__", cancel)
    assert main(["agreement", db, "-o", str(out / "a.html")]) == 1
    assert "cancelled; nothing was written" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_help_has_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["agreement", "--help"])
    assert "example: annotator agreement putin.db -o agreement.html" in capsys.readouterr().out


@pytest.fixture
def revised(seeded_project):
    from tests.gui.agreement.agreement_seed import seed_revision

    seed(seeded_project)
    seed_revision(seeded_project)
    return seeded_project.target


def test_gamma_attributes_confusion_and_gold(revised, out, capsys):
    target = out / "a.json"
    assert main(["agreement", revised, "-o", str(target), "--bootstrap", "0", "--gamma",
                 "--gamma-samples", "5"]) == 0
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report == _reference(revised, bootstrap=0, gamma=5)
    assert list(report)[-6:] == ["doc_labels", "attributes", "confusion", "against_gold",
                                 "gamma", "notes"]
    assert report["gamma"]["samples"] == 5 and report["gamma"]["seed"] == 12345
    assert report["attributes"]["polarity"]["level"] == "ordinal"
    assert report["attributes"]["tone"]["unit"] == "document"
    assert set(report["against_gold"]) == {"alice", "bob", "carol"}
    printed = capsys.readouterr().out
    assert f"Gamma {report['gamma']['gamma']:.3f}, 95% CI" in printed
    assert "(5 random continua)" in printed
    assert "Against gold (F1 on adjudicated documents): alice" in printed


def test_gamma_samples_imply_gamma_and_csv_has_its_rows(revised, out):
    target = out / "a.csv"
    assert main(["agreement", revised, "-o", str(target), "--bootstrap", "0",
                 "--gamma-samples", "3"]) == 0
    with open(target, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    scopes = {r[0] for r in rows[1:]}
    assert {"attribute", "confusion", "against_gold", "against_gold_label", "gamma",
            "gamma_label"} <= scopes
    assert ["gamma", "", "", "", "samples", "3"] in rows
    assert main(["agreement", revised, "-o", str(out / "b.json"), "--bootstrap", "0"]) == 0
    assert "gamma" not in json.loads((out / "b.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("args", [["--gamma-samples", "0"], ["--gamma-samples", "x"]])
def test_bad_gamma_samples_are_refused(db, out, args, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["agreement", db, "-o", str(out / "a.json"), *args])
    assert exc.value.code == 2
    assert "gamma" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_the_commands_default_is_the_cores():
    from annotator.cli.cmd_agreement import GAMMA_SAMPLES
    from annotator.core.agreement.gamma import DEFAULT_SAMPLES

    assert GAMMA_SAMPLES == DEFAULT_SAMPLES
