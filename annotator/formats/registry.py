"""Which module reads or writes which format. Modules are imported only when used, so that
heavy optional libraries (spaCy, datasets, cassis) never slow down the command line.

A reader module has ``read(path) -> ImportBatch | list[ImportBatch]``; a folder reader
also ``claims(folder) -> bool``. A reader of a format that may name no annotator has
``ANNOTATED = True`` and ``read(path, annotator=None)``: `annotator` names the layer for
spans the file does not attribute to anyone (`annotator import --annotator`).
A writer module has ``write_export(corpus, out, options) -> ExportResult`` (see
annotator/formats/export_spec.py; ``WRITES_FOLDER = True`` when `out` is a folder it
makes; ``WRITES_SPANS = False`` when it writes no spans, as the Label Studio config) and,
for the interchange, ``write`` (standard output).
"""

from __future__ import annotations

import importlib
import os
import stat
from pathlib import Path
from types import ModuleType

from annotator.core.errors import InputError
from annotator.formats.input_files import check_file, check_name, files_in

# extension -> reader module
FILE_READERS: dict[str, str] = {
    ".jsonl": "annotator.formats.jsonl",
    ".ndjson": "annotator.formats.jsonl",
    ".txt": "annotator.formats.plaintext",
    ".html": "annotator.formats.html",
    ".htm": "annotator.formats.html",
    ".csv": "annotator.formats.csv_docs",
    ".json": "annotator.formats.label_studio",
    ".ann": "annotator.formats.brat",
    ".xmi": "annotator.formats.xmi",
    ".labels": "annotator.formats.semeval",
    ".tsv": "annotator.formats.semeval",
}

# readers that take a whole folder when it looks like theirs, asked in this order
FOLDER_READERS: list[str] = [
    "annotator.formats.brat",  # .ann files
    "annotator.formats.xmi",  # .xmi files anywhere below
    "annotator.formats.semeval",  # article<ID>.txt and *.labels / *.tsv
]

# `annotator import --from NAME`: the reader of every path given, file or folder
READERS: dict[str, str] = {
    "jsonl": "annotator.formats.jsonl",
    "txt": "annotator.formats.plaintext",
    "html": "annotator.formats.html",
    "csv": "annotator.formats.csv_docs",
    "brat": "annotator.formats.brat",
    "doccano": "annotator.formats.doccano",
    "label-studio": "annotator.formats.label_studio",
    "semeval": "annotator.formats.semeval",
    "xmi": "annotator.formats.xmi",
}

# format name -> (writer module, one-line description)
WRITERS: dict[str, tuple[str, str]] = {
    "jsonl": ("annotator.formats.jsonl", "the lossless interchange (everything)"),
    "csv": ("annotator.formats.csv_spans", "one row per span, safe to open in a spreadsheet"),
    "spacy": ("annotator.formats.spacy_docbin",
              "spaCy DocBin: spans in doc.spans['sc'] (extra: spacy)"),
    "conll": ("annotator.formats.conll", "token-per-line BIO tags, CoNLL-2003 style"),
    "brat": ("annotator.formats.brat", "brat standoff: .txt + .ann per document (folder)"),
    "semeval": ("annotator.formats.semeval",
                "SemEval-2020 Task 11: article<ID>.txt + labels.tsv (folder)"),
    "xmi": ("annotator.formats.xmi",
            "UIMA CAS XMI + TypeSystem.xml for INCEpTION (folder; extra: xmi)"),
    "hf": ("annotator.formats.hf_dataset",
           "Hugging Face datasets save_to_disk: spans and ner_tags (folder; extra: hf)"),
    "label-studio": ("annotator.formats.label_studio", "Label Studio JSON tasks"),
    "label-studio-config": ("annotator.formats.label_studio_config",
                            "the Label Studio labelling config (XML) for the codebook"),
    "doccano": ("annotator.formats.doccano", "doccano sequence-labelling JSONL"),
}

# files a folder import skips: they describe the others
SIDE_FILES = {"manifest.json", "document_ids.json"}


def load(module: str) -> ModuleType:
    return importlib.import_module(module)


def reader_for(path: Path) -> ModuleType:
    module = FILE_READERS.get(path.suffix.lower())
    if module is None:
        known = ", ".join(sorted(FILE_READERS))
        raise InputError(f"unknown file type {path.suffix or '(none)'!r} (known: {known})",
                         str(path))
    if module == "annotator.formats.jsonl":
        # .jsonl is the interchange, or doccano's: told apart by the first line's keys
        doccano = load("annotator.formats.doccano")
        if doccano.looks_like(path):
            return doccano
    return load(module)


def named_reader(fmt: str) -> ModuleType:
    if fmt not in READERS:
        raise InputError(f"unknown import format {fmt!r} (known: {', '.join(READERS)})")
    return load(READERS[fmt])


def folder_reader(folder: Path) -> ModuleType | None:
    for name in FOLDER_READERS:
        module = load(name)
        if module.claims(folder):
            return module
    return None


def writer(name: str) -> ModuleType:
    if name not in WRITERS:
        raise InputError(f"unknown export format {name!r} (known: {', '.join(WRITERS)})")
    return load(WRITERS[name][0])


def expand(paths: list[Path], fmt: str | None = None) -> list[tuple[Path, ModuleType]]:
    """Files to read, in order, each with its reader; folders expand to their files.

    With `fmt` (`--from`), every path goes whole to that format's reader, except that a
    folder of a one-file-per-document format expands to its files of that kind.
    """
    if fmt is not None:
        return _expand_as(paths, named_reader(fmt))
    out: list[tuple[Path, ModuleType]] = []
    for path in paths:
        if _is_folder(path):
            module = folder_reader(path)
            if module is not None:
                out.append((path, module))
                continue
            files = files_in(path, lambda name: not name.startswith(".")
                             and name not in SIDE_FILES
                             and Path(name).suffix.lower() in FILE_READERS)
            if not files:
                raise InputError("no file to import in this folder "
                                 f"(known types: {', '.join(sorted(FILE_READERS))})", str(path))
            out += [(f, reader_for(f)) for f in files]
        else:
            check_file(path)  # a FIFO or device must not reach a reader's first look
            out.append((path, reader_for(path)))
    return out


def _is_folder(path: Path) -> bool:
    """A folder given by the user (a link to one is followed); OS errors in plain words."""
    check_name(path)
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except FileNotFoundError:
        raise InputError("no such file or folder", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", str(path)) from None


def _expand_as(paths: list[Path], module: ModuleType) -> list[tuple[Path, ModuleType]]:
    out: list[tuple[Path, ModuleType]] = []
    suffixes = {ext for ext, name in FILE_READERS.items() if name == module.__name__}
    suffixes |= set(getattr(module, "EXTENSIONS", ()))
    for path in paths:
        if _is_folder(path) and not hasattr(module, "claims"):
            files = files_in(path, lambda name: not name.startswith(".")
                             and name not in SIDE_FILES and Path(name).suffix.lower() in suffixes)
            if not files:
                raise InputError(f"no {'/'.join(sorted(suffixes))} file in this folder",
                                 str(path))
            out += [(f, module) for f in files]
        else:
            out.append((path, module))
    return out
