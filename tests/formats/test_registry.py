"""Each format's declaration in the registry agrees with its module and with what its files
really hold."""

from __future__ import annotations

import inspect

import pytest

from annotator.core.batch import ImportBatch
from annotator.formats import common, plaintext, registry, xmi
from annotator.formats.file_format import Detect, Layers
from annotator.formats.registry import FORMATS
from tests.filled import fill


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f"{f.name}-{f.module.rsplit('.')[-1]}")
def test_the_declaration_matches_the_module(fmt):
    module = fmt.load()
    assert getattr(module, "NAME", fmt.name) == fmt.name
    assert fmt.reads == hasattr(module, "read")
    if fmt.reads:
        takes = "annotator" in inspect.signature(module.read).parameters
        assert takes == fmt.asks_annotator
        assert fmt.extensions and all(e == e.lower() and e.startswith(".")
                                      for e in fmt.extensions)
    assert fmt.writes == hasattr(module, "write_export")
    assert fmt.writes == bool(fmt.description)
    assert fmt.stream == (hasattr(module, "write") and hasattr(module, "select"))
    assert (fmt.detect_paths is not Detect.NEVER) == hasattr(module, "detect")


def test_names_modules_and_side_files():
    for direction in (registry.readers(), registry.writers()):
        names = [f.name for f in direction]
        assert len(names) == len(set(names))
    assert len({f.module for f in FORMATS}) == len(FORMATS)
    assert {common.ID_MAP_FILE, plaintext.MANIFEST, xmi.TYPESYSTEM} <= registry.side_files()
    # a format that shares its extensions with another tells its files apart by content
    for fmt in registry.readers():
        sharing = [f for f in registry.readers() if set(f.extensions) & set(fmt.extensions)]
        assert len(sharing) == 1 or sum(f.detect_paths is not Detect.FILES
                                        for f in sharing) == 1


def test_every_reader_has_its_place_in_the_orders():
    names = [f.name for f in registry.readers()]
    assert sorted(names) == sorted(registry.READ_ORDER) and len(set(names)) == len(names)
    assert sorted(registry.CLAIM_ORDER) == sorted(
        f.name for f in registry.readers() if f.detect_paths is Detect.FOLDERS)


def test_a_folder_is_claimed_in_the_documented_order(tmp_path):
    """.ann files make a folder brat's, else .xmi files INCEpTION's, else SemEval's."""
    (tmp_path / "article1.txt").write_text("Sham election.", encoding="utf-8")
    (tmp_path / "labels.tsv").write_text("1\tPolitical\t0\t4\n", encoding="utf-8")
    assert registry.folder_reader(tmp_path).name == "semeval"
    (tmp_path / "a.xmi").write_text("<xmi/>", encoding="utf-8")
    assert registry.folder_reader(tmp_path).name == "xmi"
    (tmp_path / "a.ann").write_text("", encoding="utf-8")
    assert registry.folder_reader(tmp_path).name == "brat"
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "a.txt").write_text("Sham", encoding="utf-8")
    assert registry.folder_reader(tmp_path / "other") is None


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    from annotator.services.project import init_project

    project = init_project(tmp_path_factory.mktemp("holds") / "p.db")
    fill(project)
    yield project
    project.close()


@pytest.mark.parametrize("fmt", [f for f in registry.writers() if f.reads],
                         ids=lambda f: f.name)
def test_what_a_format_holds_comes_back(filled, fmt, tmp_path):
    """Written and read back, a format keeps what its declaration says it holds and no
    more: one annotator's spans or several, attributes, concepts, notes, document labels,
    statuses, decisions, the codebook."""
    from annotator.services.exporting import export
    from annotator.services.file_formats import ExportOptions

    holds = fmt.holds
    options = {Layers.ONE: ExportOptions(annotator="alice"),
               Layers.SEVERAL: ExportOptions(layer="annotations"),
               Layers.EVERY: ExportOptions()}[holds.layers]
    out = tmp_path / ("out" if fmt.writes_folder else f"out{fmt.extensions[0]}")
    export(filled, fmt.name, out, options)
    batches: list[ImportBatch] = fmt.read(out, "someone")
    records = [r for b in batches for r in b.records]
    spans = [s for r in records for s in r.annotations]
    annotators = {s.annotator for s in spans}
    assert len(records) == 5 and spans
    assert {Layers.ONE: len(annotators) == 1,
            Layers.SEVERAL: annotators == {"alice", "bob", "carol"},
            Layers.EVERY: len(annotators) == 3 and any(r.gold for r in records)}[holds.layers]
    assert any(s.attributes for s in spans) == holds.attributes
    assert any(s.concept for s in spans) == holds.concepts
    assert any(s.note for s in spans) == holds.notes
    assert any(r.doc_labels for r in records) == holds.doc_labels
    assert any(r.status or r.notes for r in records) == holds.progress
    assert any(r.decisions for r in records) == holds.decisions
    # a format may declare the attributes its spans use; the codebook declares labels
    assert any(b.codebook is not None and b.codebook.labels for b in batches) == holds.codebook
