"""What the program reads beside its code is found through annotator.data, as installed."""

from __future__ import annotations

import re
from pathlib import Path

from annotator import data

ROOT = Path(__file__).resolve().parents[1]


def test_nothing_the_program_reads_is_missing():
    assert data.missing() == []
    assert data.icon_sizes() == [16, 32, 48, 64, 128, 256]


def test_every_file_of_the_data_folders_is_reachable_through_the_package():
    for folder, found in (("resources", data.resources_dir()), ("db", data.migrations_dir()),
                          ("seeds", data.seeds_dir())):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert (found / path.relative_to(ROOT / folder)).is_file(), path


def test_no_module_finds_files_relative_to_its_own_location():
    """Paths built from __file__ work in a checkout only; a wheel needs annotator.data."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "annotator").rglob("*.py")
                 if re.search(r"__file__\)?[^\n]*parents?\b", p.read_text(encoding="utf-8"))]
    assert offenders == []
