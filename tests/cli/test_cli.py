"""The command line: help, version, init, and how failures are reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import __version__
from annotator.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]


def test_version_and_python_m(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"annotator {__version__}"
    proc = subprocess.run([sys.executable, "-m", "annotator", "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "init" in proc.stdout and "export" in proc.stdout


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return list(action.choices)


def test_core_commands_exist():
    assert {"init", "import", "export", "gui"} <= set(subcommands())


@pytest.mark.parametrize("command", subcommands())
def test_every_subcommand_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert f"annotator {command}" in out and "example:" in out


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from annotator.cli import build_parser; build_parser(); "
            "heavy = [m for m in ('PySide6', 'sqlalchemy', 'spacy', 'datasets', 'cassis', "
            "'matplotlib', 'numpy', 'trafilatura') if m in sys.modules]; print(heavy)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert proc.stdout.strip() == "[]", proc.stderr


def test_init_with_a_yaml_or_an_interchange_codebook(tmp_path, capsys):
    cb = tmp_path / "cb.yaml"
    cb.write_text("name: Tiny\nlabels:\n  - name: Spin\n    hotkey: s\n", encoding="utf-8")
    assert main(["init", str(tmp_path / "a.db"), "--codebook", str(cb)]) == 0
    assert "Tiny" in capsys.readouterr().out
    assert main(["export", str(tmp_path / "a.db"), "-o", str(tmp_path / "a.jsonl")]) == 0
    assert main(["init", str(tmp_path / "b.db"), "--codebook", str(tmp_path / "a.jsonl")]) == 0
    line = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert json.loads(line)["codebook"]["labels"] == [
        {"name": "Spin", "color": "#1f77b4", "hotkey": "s"}]


def test_init_refuses_an_existing_file_and_a_bad_codebook(tmp_path, capsys):
    db = tmp_path / "a.db"
    assert main(["init", str(db)]) == 0
    assert main(["init", str(db)]) == 2
    assert "already exists" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("labels:\n  - name: A\n    hotkey: aa\n", encoding="utf-8")
    assert main(["init", str(tmp_path / "b.db"), "--codebook", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:3:" in err and "hotkey" in err
    assert not (tmp_path / "b.db").exists()


def test_export_to_standard_output(seeded_project, capsys):
    assert main(["export", seeded_project.target, "-o", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 7 and json.loads(lines[2])["id"] == "000_d2e00c955d6db165"


def test_an_unknown_format_is_a_usage_error(seeded_project, tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["export", seeded_project.target, "--format", "docx", "-o", str(tmp_path / "x")])
    assert info.value.code == 2


def test_an_unexpected_error_is_one_line_with_the_details_in_a_log(capsys):
    from annotator.cli.errors import log_path, run_guarded

    def buggy(args):
        raise RuntimeError("a bug")

    assert run_guarded(buggy, None) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "RuntimeError: a bug" in err
    assert str(log_path()) in err
    assert "Traceback" in log_path().read_text(encoding="utf-8")


def test_exporting_a_file_over_a_folder_is_refused(tmp_path, capsys):
    db = tmp_path / "a.db"
    assert main(["init", str(db)]) == 0
    (tmp_path / "out").mkdir()
    assert main(["export", str(db), "-o", str(tmp_path / "out")]) == 2
    assert "is a folder" in capsys.readouterr().err


@pytest.mark.parametrize("command", subcommands())
def test_a_command_parsed_alone_reads_as_with_every_command(command, capsys):
    """main() builds only the named command's parser: its help, its usage errors and the
    values it parses are those of the parser with every command."""
    alone, every = build_parser(command), build_parser()

    def parsed(parser, argv):
        try:
            got = vars(parser.parse_args(argv))
        except SystemExit as exc:
            got = exc.code
        return got, capsys.readouterr()

    for argv in ([command, "--help"], [command, "--no-such-option"], [command],
                 [command, "a.db", "b", "c", "d"]):
        assert parsed(alone, argv) == parsed(every, argv), argv
    action = next(a for a in alone._actions if a.dest == "command")
    assert list(action.choices) == [command]


def test_a_command_alone_is_only_for_a_command_named_first(capsys):
    with pytest.raises(SystemExit):
        main(["no-such-command"])
    err = capsys.readouterr().err
    assert "invalid choice: 'no-such-command'" in err and "'gui'" in err
    with pytest.raises(SystemExit):
        main(["--version", "gui"])
    assert capsys.readouterr().out.strip() == f"annotator {__version__}"
