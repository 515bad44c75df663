"""scripts/ensure-venv: which install a stamp stands for, run with a stand-in Python that
records what pip would have been asked (nothing is installed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

from tests.conftest import ROOT

RECORDER = '#!/bin/sh\necho "$@" >> "$(dirname "$0")/../../calls"\n'


def _checkout(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "ensure-venv", tmp_path / "scripts")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(RECORDER)
    python.chmod(0o755)
    for name in ("pyproject.toml", "setup.py"):
        (tmp_path / name).write_text("")
        os.utime(tmp_path / name, (1_000, 1_000))
    return tmp_path


def _installs(checkout: Path, extras: str) -> list[str]:
    calls = checkout / "calls"
    calls.unlink(missing_ok=True)
    subprocess.run(["bash", "scripts/ensure-venv", extras], cwd=checkout, check=True,
                   env={**os.environ, "PYTHON": str(checkout / ".venv" / "bin" / "python")},
                   capture_output=True)
    lines = calls.read_text().splitlines() if calls.exists() else []
    return [line for line in lines if " pip install " in f" {line} "]


def test_the_app_needs_no_install_after_the_tests_one(tmp_path):
    checkout = _checkout(tmp_path)
    assert _installs(checkout, "test") == [
        "-m pip install --disable-pip-version-check --no-compile -e .[test]"]
    assert _installs(checkout, "") == []
    assert _installs(checkout, "test") == []


def test_a_changed_pyproject_installs_again(tmp_path):
    checkout = _checkout(tmp_path)
    _installs(checkout, "test")
    later = time.time() + 10
    os.utime(checkout / "pyproject.toml", (later, later))
    assert _installs(checkout, "") == [
        "-m pip install --disable-pip-version-check --no-compile -e ."]


def test_the_tests_need_their_own_install_after_the_apps(tmp_path):
    checkout = _checkout(tmp_path)
    _installs(checkout, "")
    assert _installs(checkout, "test") == [
        "-m pip install --disable-pip-version-check --no-compile -e .[test]"]
