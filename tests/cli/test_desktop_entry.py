"""`annotator desktop-entry --install/--uninstall`: the app in the desktop's menu, with
its icon, written under XDG_DATA_HOME (a temporary folder here, see tests/conftest.py)."""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from annotator import data
from annotator.cli import main


def entry_file() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "applications" / "framing-annotator.desktop"


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_install_puts_the_app_in_the_menu_with_its_icon(capsys):
    assert main(["desktop-entry", "--install"]) == 0
    assert "Framing annotator" in capsys.readouterr().out
    entry = read_entry(entry_file())
    assert entry["Type"] == "Application" and entry["Name"] == "Framing annotator"
    assert entry["Icon"] == "framing-annotator"
    command = shlex.split(entry["Exec"])
    assert command[1:] == ["gui", "%f"]
    assert os.access(command[0], os.X_OK) and entry["TryExec"] == command[0]
    done = subprocess.run([command[0], "--version"], capture_output=True, text=True,
                          timeout=120)
    assert done.stdout.startswith("annotator ")

    icons = Path(os.environ["XDG_DATA_HOME"]) / "icons" / "hicolor"
    assert (icons / "scalable/apps/framing-annotator.svg").read_bytes() == \
        data.icon("svg").read_bytes()
    for size in (16, 32, 48, 64, 128, 256):
        assert (icons / f"{size}x{size}/apps/framing-annotator.png").read_bytes() == \
            data.icon(str(size)).read_bytes()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-utils is not installed")
def test_the_entry_passes_the_freedesktop_validator():
    assert main(["desktop-entry", "--install"]) == 0
    done = subprocess.run(["desktop-file-validate", str(entry_file())], capture_output=True,
                          text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_uninstall_removes_what_install_wrote_and_nothing_else(capsys):
    share = Path(os.environ["XDG_DATA_HOME"])
    theirs = share / "applications" / "someone-else.desktop"
    theirs.parent.mkdir(parents=True)
    theirs.write_text("[Desktop Entry]\nName=Other\n", encoding="utf-8")
    assert main(["desktop-entry", "--install"]) == 0
    capsys.readouterr()
    assert main(["desktop-entry", "--uninstall"]) == 0
    assert "Removed 8 files" in capsys.readouterr().out
    assert [p for p in share.rglob("*") if p.is_file()] == [theirs]
    assert main(["desktop-entry", "--uninstall"]) == 0
    assert "Nothing to remove" in capsys.readouterr().out


def test_a_data_folder_that_cannot_be_written_is_said_plainly(monkeypatch, tmp_path, capsys):
    blocker = tmp_path / "share"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["desktop-entry", "--install"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("annotator: error: cannot change the desktop entry: ")
    assert err.count("\n") == 1


def test_one_of_install_or_uninstall_is_required(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["desktop-entry"])
    assert exit_.value.code == 2


def test_a_relative_data_home_is_ignored_as_the_specification_says(monkeypatch):
    from annotator.services.desktop_entry import data_home

    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    assert data_home() == Path.home() / ".local" / "share"


@pytest.mark.parametrize(("path", "quoted"), [
    ("/usr/bin/annotator", "/usr/bin/annotator"),
    ("/home/a b/bin/annotator", '"/home/a b/bin/annotator"'),
    ('/opt/x$y"z/annotator', '"/opt/x\\\\$y\\\\"z/annotator"'),
    ("/opt/100%/annotator", '"/opt/100%%/annotator"'),
])
def test_exec_quotes_what_the_specification_reserves(path, quoted):
    from annotator.services.desktop_entry import entry_text

    lines = entry_text([path]).splitlines()
    assert f"Exec={quoted} gui %f" in lines
