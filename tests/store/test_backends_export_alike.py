"""The same data exported from a PostgreSQL project and from an SQLite project gives the
same bytes, in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.services.exporting import export
from annotator.services.file_formats import ExportOptions, export_formats
from annotator.services.importing import import_paths
from annotator.services.project import init_project
from tests.filled import fill


def _files(out: Path) -> dict[str, bytes]:
    if out.is_dir():
        return {str(f.relative_to(out)): f.read_bytes() for f in sorted(out.rglob("*"))
                if f.is_file()}
    return {out.name: out.read_bytes()}


@pytest.fixture(scope="module")
def both(pg_cluster, tmp_path_factory):
    """A project made on SQLite, and the same data moved to PostgreSQL by its export."""
    folder = tmp_path_factory.mktemp("alike")
    lite = init_project(folder / "p.db")
    fill(lite)
    export(lite, "jsonl", folder / "all.jsonl")
    server = init_project(pg_cluster.new_database(), folder / "all.jsonl")
    import_paths(server, [folder / "all.jsonl"])
    yield lite, server
    lite.close()
    server.close()


OPTIONS = {"gold": ExportOptions(layer="gold"), "everyone": ExportOptions(),
           "alice": ExportOptions(layer="annotations", annotator="alice")}


@pytest.mark.parametrize("fmt", list(export_formats()))
@pytest.mark.parametrize("options", list(OPTIONS))
def test_every_format_exports_the_same_bytes(both, fmt, options, tmp_path):
    outputs = []
    for i, project in enumerate(both):
        out = tmp_path / f"{i}" / f"export.{fmt}"
        out.parent.mkdir()
        try:
            export(project, fmt, out, OPTIONS[options])
        except ImportError as exc:  # an optional format's package is not installed
            pytest.skip(str(exc))
        except InputError as exc:  # options the format refuses: refused alike
            assert i == 0
            with pytest.raises(InputError) as again:
                export(both[1], fmt, out, OPTIONS[options])
            assert str(again.value) == str(exc)
            return
        outputs.append(_files(out))
    assert outputs[0] == outputs[1] and outputs[0]
