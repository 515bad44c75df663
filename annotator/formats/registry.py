"""Which module reads or writes which format. Modules are imported only when used, so that
heavy optional libraries (spaCy, datasets, cassis) never slow down the command line.

A reader module has ``read(path) -> ImportBatch | list[ImportBatch]``; a folder reader
also ``claims(folder) -> bool``. A writer module has ``write_export(export, out) -> str``
(see annotator/formats/export_spec.py) or, for the interchange, ``write``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from annotator.core.errors import InputError

# extension -> reader module
FILE_READERS: dict[str, str] = {
    ".jsonl": "annotator.formats.jsonl",
    ".ndjson": "annotator.formats.jsonl",
    ".txt": "annotator.formats.plaintext",
    ".html": "annotator.formats.html",
    ".htm": "annotator.formats.html",
    ".csv": "annotator.formats.csv_docs",
}

# readers that take a whole folder when it looks like theirs (e.g. brat standoff)
FOLDER_READERS: list[str] = []

# format name -> (writer module, one-line description)
WRITERS: dict[str, tuple[str, str]] = {
    "jsonl": ("annotator.formats.jsonl", "the lossless interchange (everything)"),
}

# files a folder import skips: they describe the others
SIDE_FILES = {"manifest.json"}


def load(module: str) -> ModuleType:
    return importlib.import_module(module)


def reader_for(path: Path) -> ModuleType:
    module = FILE_READERS.get(path.suffix.lower())
    if module is None:
        known = ", ".join(sorted(FILE_READERS))
        raise InputError(f"unknown file type {path.suffix or '(none)'!r} (known: {known})",
                         str(path))
    return load(module)


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


def expand(paths: list[Path]) -> list[tuple[Path, ModuleType]]:
    """Files to read, in order, each with its reader; folders expand to their files."""
    out: list[tuple[Path, ModuleType]] = []
    for path in paths:
        if path.is_dir():
            module = folder_reader(path)
            if module is not None:
                out.append((path, module))
                continue
            files = sorted(p for p in path.iterdir()
                           if p.is_file() and not p.name.startswith(".")
                           and p.name not in SIDE_FILES
                           and p.suffix.lower() in FILE_READERS)
            if not files:
                raise InputError("no file to import in this folder "
                                 f"(known types: {', '.join(sorted(FILE_READERS))})", str(path))
            out += [(f, reader_for(f)) for f in files]
        elif path.exists():
            out.append((path, reader_for(path)))
        else:
            raise InputError("no such file or folder", str(path))
    return out
