from __future__ import annotations

import pytest

from annotator.services.exporting import export
from annotator.services.importing import import_paths
from tests.formats.helpers import tricky_lines


@pytest.fixture
def tricky(project, write_jsonl):
    """The project with the seeds' first article and the tricky documents."""
    import_paths(project, [write_jsonl(*tricky_lines(), name="tricky.jsonl")])
    return project


@pytest.fixture
def exported(tmp_path):
    """export(project, fmt, name, **options) -> (path, ExportResult)."""
    from annotator.formats.export_spec import ExportOptions

    def run(project, fmt, name=None, **options):
        out = tmp_path / (name or f"out-{fmt}")
        result = export(project, fmt, out, ExportOptions(**options))
        return out, result

    return run
