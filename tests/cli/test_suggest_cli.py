"""`annotator suggest`: as a user runs it, on real files; bad input exits 2 naming the file,
line and problem, with nothing stored."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from annotator.cli import main

COMMANDS = Path(__file__).resolve().parents[1] / "services" / "suggest_commands"
TEXT = "The sham election gave Putin a fifth term, a lifeline for the regime."


@pytest.fixture
def db(tmp_path, write_jsonl, capsys):
    path = tmp_path / "p.db"
    assert main(["init", str(path)]) == 0
    assert main(["import", str(path), str(write_jsonl(
        {"id": "a", "text": TEXT}, {"id": "b", "text": "No loaded words here."}))]) == 0
    capsys.readouterr()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_run_and_status(db, write_jsonl, capsys):
    good = write_jsonl({"id": "a", "annotations": [
        {"start": 4, "end": 17, "label": "Loaded language", "score": 0.8,
         "text": "sham election"}]})
    assert main(["suggest", "import", str(db), str(good), "--source", "llm"]) == 0
    assert "Stored 1 suggestion from 'llm' on 1 document" in capsys.readouterr().out
    assert main(["suggest", "run", str(db), "--command",
                 f"{sys.executable} {COMMANDS / 'keyword.py'}", "--source", "kw"]) == 0
    assert "Stored 2 suggestions from 'kw' on 2 documents" in capsys.readouterr().out
    assert main(["suggest", "status", str(db)]) == 0
    out = capsys.readouterr().out
    assert "kw: 2 on 1 documents" in out and "llm: 1 on 1 documents" in out
    assert main(["suggest", "off", str(db)]) == 0
    assert main(["suggest", "status", str(db)]) == 0
    assert "turned off for annotators" in capsys.readouterr().out


def test_a_bad_file_exits_2_naming_file_and_line_and_stores_nothing(db, write_jsonl, capsys):
    bad = write_jsonl({"id": "a", "annotations": [{"start": 4, "end": 17,
                                                   "label": "Loaded language"}]},
                      {"id": "a", "annotations": []})
    before = _digest(db)
    assert main(["suggest", "import", str(db), str(bad), "--source", "llm"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2: document id 'a' appears twice" in err
    assert "Traceback" not in err
    assert _digest(db) == before


@pytest.mark.parametrize(("args", "problem"), [
    (["--command", "{python} {dir}/failing.py"], "exit status 1): model weights not found"),
    (["--command", "{python} {dir}/hanging.py", "--timeout", "1"], "within 1 s"),
    (["--command", "{python} {dir}/invalid.py"], "the command's output:2:"),
    (["--command", "no-such-program"], "no such program"),
    (["--command", "'unclosed"], "cannot be read"),
])
def test_a_bad_command_exits_2_and_stores_nothing(db, capsys, args, problem):
    args = [a.format(python=sys.executable, dir=COMMANDS) for a in args]
    assert main(["suggest", "run", str(db), *args]) == 2
    err = capsys.readouterr().err
    assert problem in err and "Traceback" not in err
    assert main(["suggest", "status", str(db)]) == 0
    assert "No suggestions stored." in capsys.readouterr().out


def test_a_bad_timeout_is_a_usage_error(db, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["suggest", "run", str(db), "--command", "x", "--timeout", "-3"])
    assert exited.value.code == 2
    assert "positive number of seconds" in capsys.readouterr().err

