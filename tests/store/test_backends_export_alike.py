"""The same data exported from a PostgreSQL project and from an SQLite project gives the
same bytes, in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.formats import registry
from annotator.formats.export_spec import ExportOptions
from annotator.services import adjudicate as ad
from annotator.services import annotate as an
from annotator.services.exporting import export
from annotator.services.importing import import_paths
from annotator.services.project import SEEDS, init_project

D1, D2 = "000_d2e00c955d6db165", "001_32d5df32ea7c4246"


def _fill(project) -> None:
    import_paths(project, [SEEDS])
    an.add_concept(project, "alice", "The election")
    for who in ("alice", "bob", "carol"):
        an.add_span(project, who, D1, 0, 5, "Word choice", attributes={"polarity": "negative"},
                    concept="the-election")
        an.add_span(project, who, D2, 6, 15, "Political")
    an.add_span(project, "alice", D1, 10, 20, "Loaded language", note="é — “quoted” 😀")
    an.set_doc_label(project, "bob", D1, "primary_frame", "Political")
    an.set_document_note(project, "carol", D2, "unsure")
    an.set_status(project, "alice", D1, "done")
    an.add_annotator(project, "dana", role="reviewer")
    ad.accept(project, "dana", D1, (0, 5, "Word choice"))
    ad.auto(project, "dana", "majority")


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
    _fill(lite)
    export(lite, "jsonl", folder / "all.jsonl")
    server = init_project(pg_cluster.new_database(), folder / "all.jsonl")
    import_paths(server, [folder / "all.jsonl"])
    yield lite, server
    lite.close()
    server.close()


OPTIONS = {"gold": ExportOptions(layer="gold"), "everyone": ExportOptions(),
           "alice": ExportOptions(layer="annotations", annotator="alice")}


@pytest.mark.parametrize("fmt", list(registry.WRITERS))
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
        except InputError as exc:  # a one-layer format asked for everyone's spans
            assert i == 0 and "one layer" in str(exc)
            with pytest.raises(InputError, match="one layer"):
                export(both[1], fmt, tmp_path / "1" / "x", OPTIONS[options])
            return
        outputs.append(_files(out))
    assert outputs[0] == outputs[1] and outputs[0]
