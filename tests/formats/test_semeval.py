"""SemEval-2020 Task 11: strict four-column TSV, texts beside it, read back and refused."""

from __future__ import annotations

import re

import pytest

from annotator.formats.common import id_to_stem
from tests.formats.helpers import (
    TEXT,
    TRICKY_ID,
    expected_spans,
    fresh_import,
    refuse,
    tricky_lines,
)

LINE = re.compile(r"([^\t\n]+)\t([^\t\n]+)\t(\d+)\t(\d+)")


def test_folder_round_trip(tricky, exported, tmp_path):
    out, result = exported(tricky, "semeval", "se", annotator="alice")
    stem = id_to_stem(TRICKY_ID)
    assert (out / f"article{stem}.txt").read_bytes() == TEXT.encode("utf-8")
    lines = (out / "labels.tsv").read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and len(lines) - 1 == result.spans == 4
    for line in lines[:-1]:
        article, _, begin, end = LINE.fullmatch(line).groups()
        text = (out / f"article{article}.txt").read_bytes().decode("utf-8")
        assert 0 <= int(begin) < int(end) <= len(text)
    stored = fresh_import(tmp_path, out, args=["--annotator", "alice"])
    want = expected_spans(tricky_lines(), "alice")
    assert {k: {s[:4] for s in v} for k, v in stored.items()} == {
        k: {s[:4] for s in v} for k, v in want.items()}


def test_gold_has_the_reviewers_beside(tricky, exported):
    out, _ = exported(tricky, "semeval", "gold")
    decided = (out / "decided_by.tsv").read_text(encoding="utf-8")
    assert "\tWord choice\t" in decided and decided.count("\n") == 2
    assert "\tcarol\n" in decided and "\tdave\n" in decided


def test_the_task_data_layout(tmp_path):
    """Articles and labels in two sibling folders, as the task's data ships."""
    data = tmp_path / "datasets"
    (data / "train-articles").mkdir(parents=True)
    (data / "train-labels-task2-technique-classification").mkdir()
    text = "Title 😀\n\nThe sham vote was a farce.\n"
    (data / "train-articles" / "article111.txt").write_text(text, encoding="utf-8")
    (data / "train-articles" / "article222.txt").write_text("No labels here.",
                                                             encoding="utf-8")
    (data / "train-labels-task2-technique-classification" / "article111.task2-TC.labels"
     ).write_text("111\tLoaded_Language\t13\t17\n111\tName_Calling,Labeling\t13\t22\n",
                  encoding="utf-8")
    stored = fresh_import(tmp_path, data, args=["--add-labels"])
    assert stored["222"] == set()
    assert {s[:4] for s in stored["111"]} == {("semeval", 13, 17, "Loaded_Language"),
                                             ("semeval", 13, 22, "Name_Calling,Labeling")}
    assert text[13:17] == "sham"


@pytest.mark.parametrize(("labels", "line", "words"), [
    ("1\tLoaded_Language\t0\t4\n1\tLoaded_Language\t4\n", 2, "SI"),
    ("1\tLoaded_Language\t0\t4\t9\n", 1, "5 tab-separated fields"),
    ("1\tLoaded_Language\t0\t99\n", 1, "out of range"),
    ("1\tLoaded_Language\t4\t4\n", 1, "empty span"),
    ("1\tLoaded_Language\tzero\t4\n", 1, "whole numbers"),
    ("\n2\tLoaded_Language\t0\t4\n", 2, "no text for article '2'"),
])
def test_bad_labels_are_refused(tmp_path, capsys, labels, line, words):
    folder = tmp_path / "se"
    folder.mkdir()
    (folder / "article1.txt").write_text("sham vote", encoding="utf-8")
    (folder / "l.tsv").write_text(labels, encoding="utf-8")
    err = refuse(tmp_path, capsys, folder, args=["--add-labels"])
    assert f"l.tsv:{line}: " in err and words in err
