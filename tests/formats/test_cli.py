"""Every format through the command line, as a user runs it."""

from __future__ import annotations

import pytest

from annotator.cli import main
from annotator.formats.file_format import Layers
from annotator.formats.registry import writers
from tests.formats.helpers import tricky_lines


@pytest.fixture
def db(tmp_path, write_jsonl):
    path = tmp_path / "p.db"
    assert main(["init", str(path)]) == 0
    assert main(["import", str(path), str(write_jsonl(*tricky_lines()))]) == 0
    return path


SPAN_FORMATS = [f.name for f in writers() if f.holds.layers is not Layers.NONE]


@pytest.mark.parametrize("fmt", SPAN_FORMATS)
def test_every_format_exports_the_gold_layer_by_default(db, tmp_path, capsys, fmt):
    out = tmp_path / f"out-{fmt}"
    capsys.readouterr()
    assert main(["export", str(db), "-f", fmt, "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert out.exists()
    if fmt != "jsonl":
        assert "the gold layer" in said and "(2 spans" in said


def test_warnings_and_mistakes(db, tmp_path, capsys):
    capsys.readouterr()
    assert main(["export", str(db), "-f", "conll", "--annotator", "alice", "-o",
                 str(tmp_path / "a.conll")]) == 0
    err = capsys.readouterr().err
    assert "warning: conll: document 'emoji/doc 1%': left out 2 span(s)" in err
    assert main(["export", str(db), "-f", "conll", "--layer", "annotations", "-o",
                 str(tmp_path / "b.conll")]) == 2
    assert "--annotator NAME" in capsys.readouterr().err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["export", str(db), "-f", "brat", "-o", str(tmp_path / "file")]) == 2
    assert "writes a folder" in capsys.readouterr().err
    assert not (tmp_path / "b.conll").exists()


def test_import_from_names_the_format(db, tmp_path, capsys):
    out = tmp_path / "tasks.txt"  # a name that says nothing of the format
    assert main(["export", str(db), "-f", "label-studio", "-o", str(out)]) == 0
    other = tmp_path / "q.db"
    assert main(["init", str(other)]) == 0
    capsys.readouterr()
    assert main(["import", str(other), str(out), "--from", "label-studio"]) == 0
    assert "added 2 new documents, 2 spans" in capsys.readouterr().out
