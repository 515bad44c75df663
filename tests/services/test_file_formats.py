"""The formats the command line and the choosers offer come from the formats registry
(services.file_formats), without importing any format's module."""

import subprocess
import sys

from annotator.formats import registry
from annotator.services import file_formats


def test_every_registered_writer_and_reader_is_offered():
    formats = file_formats.export_formats()
    assert list(formats) == [f.name for f in registry.FORMATS if f.writes] == [
        "jsonl", "csv", "spacy", "conll", "brat", "semeval", "xmi", "hf", "label-studio",
        "label-studio-config", "doccano"]
    assert "jsonl" in formats and all(isinstance(d, str) and d for d in formats.values())
    assert file_formats.import_formats() == ["jsonl", "txt", "html", "csv", "brat", "doccano",
                                             "label-studio", "semeval", "xmi"]
    extensions = file_formats.import_extensions()
    assert extensions == sorted({e for f in registry.FORMATS if f.reads for e in f.extensions})
    assert ".jsonl" in extensions and ".ann" in extensions
    assert file_formats.writer("brat").writes_folder
    assert not file_formats.writer("jsonl").writes_folder


def test_listing_the_formats_imports_none_of_them():
    """`annotator --help` and `export --help` list every format: none of the format modules
    (nor spaCy, datasets, cassis, lxml, trafilatura) is imported for that."""
    code = ("import sys, contextlib, io\n"
            "from annotator.cli import main\n"
            "for argv in (['--help'], ['export', '--help'], ['import', '--help']):\n"
            "    with contextlib.redirect_stdout(io.StringIO()):\n"
            "        try: main(argv)\n"
            "        except SystemExit: pass\n"
            "print(' '.join(sorted(sys.modules)))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True).stdout.split())
    modules = {f.module for f in registry.FORMATS}
    heavy = {"spacy", "datasets", "cassis", "lxml", "trafilatura", "numpy"}
    assert "annotator.formats.registry" in loaded
    assert not loaded & (modules | heavy)
