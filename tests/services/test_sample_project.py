"""The sample project the app opens when given none (services.sample_project)."""

from __future__ import annotations

import os

from annotator.services import reading
from annotator.services.sample_project import default_project_path, open_default_project


def test_created_once_in_the_data_folder_then_reopened():
    path = default_project_path()
    assert str(path).startswith(os.environ["ANNOTATOR_DATA_DIR"]) and not path.exists()
    with open_default_project() as project:
        assert len(reading.documents(project, None)) == 5
    made = path.stat().st_ino
    with open_default_project() as project:
        assert len(reading.documents(project, None)) == 5
    assert path.stat().st_ino == made  # opened again, not made again
    assert not list(path.parent.glob("*.creating*"))
