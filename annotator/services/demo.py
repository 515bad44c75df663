"""The demo project: the sample corpus annotated by three example annotators (alice, bob,
carol), partly adjudicated by a reviewer (dana), with concepts linked, so that a newcomer
sees the workbench, agreement, adjudication and the comparison of outlets with real
content. The annotations are a data file written by people reading the articles
(seeds/demo/annotations.jsonl, in the interchange format, each span with its covered text).
"""

from __future__ import annotations

from pathlib import Path

from annotator.services.project import SEEDS, Project
from annotator.services.sample_project import data_dir, open_or_create

DEMO_FILE = SEEDS / "demo" / "annotations.jsonl"
REVIEWER = "dana"  # the demo's reviewer: the identity a newcomer is offered


def demo_project_path() -> Path:
    return data_dir() / "demo-project.db"


def open_demo_project() -> Project:
    """The demo project in the user's data folder, made the first time (later: as the
    user left it)."""
    return open_or_create(demo_project_path(), [SEEDS, DEMO_FILE])
