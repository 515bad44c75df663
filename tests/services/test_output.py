"""The one writer behind every output (services.output): checked before any work, written
whole or not at all, never over the project's own files."""

from __future__ import annotations

import pytest

from annotator.core.errors import InputError
from annotator.services import output
from annotator.services.progress import Cancelled


def test_a_failed_fill_leaves_nothing_and_the_old_file_as_it_was(tmp_path):
    out = tmp_path / "report.csv"
    out.write_text("yesterday's", encoding="utf-8")

    def half(tmp):
        tmp.write_text("half of today's", encoding="utf-8")
        raise Cancelled

    with pytest.raises(Cancelled):
        output.write(out, half)
    assert out.read_text(encoding="utf-8") == "yesterday's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]  # no temporary left
    assert output.write(out, lambda tmp: tmp.write_text("today's", encoding="utf-8")) == 7
    assert out.read_text(encoding="utf-8") == "today's"


def test_a_folder_output_appears_whole(tmp_path):
    out = tmp_path / "export"

    def fill(tmp):
        tmp.mkdir()
        (tmp / "a.txt").write_text("a", encoding="utf-8")
        return "done"

    assert output.write(out, fill, folder=True) == "done"
    assert [p.name for p in out.iterdir()] == ["a.txt"]
    with pytest.raises(InputError, match="not empty"):
        output.check(out, folder=True)  # never mixed into a folder holding files
    with pytest.raises(InputError, match="is a folder; give a file name"):
        output.check(out)


def test_the_projects_own_files_are_refused_before_any_work(project, tmp_path):
    if not project.target.endswith(".db"):
        pytest.skip("a PostgreSQL project has no files")
    called = []
    with pytest.raises(InputError):
        output.write(project.target, called.append, project=project.target)
    assert called == []
    with pytest.raises(InputError, match="no output given"):
        output.check("")
