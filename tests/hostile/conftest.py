"""The hostile-input tests: a project that already holds something, so that "unchanged"
means more than "empty"; and the long fuzz run, off unless asked for (`-m fuzz`)."""

from __future__ import annotations

import json

import pytest


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "fuzz: the long hypothesis run over every importer (off by default; "
                   "run with `pytest -m fuzz tests/hostile`)")


def pytest_collection_modifyitems(config, items):
    if "fuzz" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="the long fuzz run: pytest -m fuzz tests/hostile")
    for item in items:
        if item.get_closest_marker("fuzz") is not None:
            item.add_marker(skip)


@pytest.fixture
def db(tmp_path):
    from annotator.cli import main

    path = tmp_path / "project.db"
    assert main(["init", str(path)]) == 0
    stored = tmp_path / "stored.jsonl"
    stored.write_text(json.dumps({"id": "stored", "text": "Stored text.",
                                  "status": {"bob": "done"}}) + "\n", encoding="utf-8")
    assert main(["import", str(path), str(stored)]) == 0
    stored.unlink()
    return path
