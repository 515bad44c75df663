"""Long work reports its progress and stops when the callback raises Cancelled, with
nothing written (services.progress), on an import and on an export."""

from __future__ import annotations

import pytest

from annotator.services.demo import DEMO_FILE
from annotator.services.exporting import export
from annotator.services.importing import import_paths
from annotator.services.progress import Cancelled
from annotator.services.project import SEEDS
from annotator.services.reading import documents


def cancelling(at: str):
    """A progress callback that records the reports and cancels at the one saying `at`."""
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, message: str) -> None:
        seen.append((done, total, message))
        if message == at:
            raise Cancelled

    return progress, seen


def test_a_cancelled_import_stores_nothing(project):
    # cancelled while storing the last file: the five articles stored before roll back
    progress, seen = cancelling(at="Storing annotations.jsonl")
    with pytest.raises(Cancelled):
        import_paths(project, [SEEDS, DEMO_FILE], progress=progress)
    assert [m for _, _, m in seen].count("Storing 000_d2e00c955d6db165.txt") == 1
    assert all(0 <= done <= total == 6 for done, total, _ in seen)
    assert documents(project, None) == []
    summary = import_paths(project, [SEEDS, DEMO_FILE])  # not left locked or half-written
    assert len(documents(project, None)) == 5 and summary.added["spans"] == 271


def test_a_cancelled_export_leaves_no_file(seeded_project, tmp_path):
    out = tmp_path / "out" / "corpus.jsonl"
    out.parent.mkdir()
    progress, seen = cancelling(at="Finishing")  # the last report, before the file appears
    with pytest.raises(Cancelled):
        export(seeded_project, "jsonl", out, progress=progress)
    assert [m for _, _, m in seen] == ["Reading the project", "Writing jsonl", "Finishing"]
    assert list(out.parent.iterdir()) == []
    export(seeded_project, "jsonl", out)
    assert out.read_text(encoding="utf-8").count("\"text\": ") == 5  # the articles
