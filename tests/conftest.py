"""Shared fixtures: every test gets real SQLite files in its own tmp_path, never a mock."""

from __future__ import annotations

import os
from pathlib import Path

# GUI tests run without a screen; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from annotator.services.project import SEEDS, init_project  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """The default project, settings and logs go to a temporary folder, not the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture
def project(tmp_path):
    """An empty project with the default framing codebook, in a real SQLite file."""
    p = init_project(tmp_path / "project.db")
    yield p
    p.close()


@pytest.fixture
def seeded_project(project):
    """The project with the five sample articles."""
    from annotator.services.importing import import_paths

    import_paths(project, [SEEDS])
    return project


@pytest.fixture
def demo_project(project):
    """The demo project: the sample articles annotated by alice, bob and carol, partly
    adjudicated by dana, with concepts linked (seeds/demo/annotations.jsonl)."""
    from annotator.services.demo import DEMO_FILE
    from annotator.services.importing import import_paths

    import_paths(project, [SEEDS, DEMO_FILE])
    return project


@pytest.fixture
def write_jsonl(tmp_path):
    """Write dicts (or raw strings) as lines of a .jsonl file; returns its path."""
    import json

    counter = {"n": 0}

    def write(*lines, name: str | None = None) -> Path:
        counter["n"] += 1
        path = tmp_path / (name or f"input{counter['n']}.jsonl")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            for line in lines:
                fh.write((line if isinstance(line, str) else
                          json.dumps(line, ensure_ascii=False)) + "\n")
        return path

    return write
