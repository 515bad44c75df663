"""The formats the program reads and writes, one ``FileFormat`` each (file_format.py), and
how an import finds the format of each path it is given.

Adding a format: a module that defines the functions of file_format.py's ``Reader``
and/or ``Writer`` (and ``detect`` if it tells its files apart by content), and one
``FileFormat`` in FORMATS below. The order of FORMATS is the order of `export --help` and
the export dialog; READ_ORDER is that of `import --from`, CLAIM_ORDER the order in which
formats are asked whether a folder is theirs.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from annotator.core.errors import InputError
from annotator.formats.file_format import (
    EVERYTHING,
    Detect,
    FileFormat,
    Holds,
    Layers,
    Output,
)
from annotator.formats.input_files import check_file, check_name, files_in

_ID_MAP = "document_ids.json"  # formats.common.ID_MAP_FILE

FORMATS: tuple[FileFormat, ...] = (
    FileFormat("jsonl", "annotator.formats.jsonl", reads=True, writes=True,
               description="the lossless interchange (everything)",
               extensions=(".jsonl", ".ndjson"), stream=True, holds=EVERYTHING),
    FileFormat("txt", "annotator.formats.plaintext", reads=True, extensions=(".txt",),
               side_files=("manifest.json",)),
    FileFormat("html", "annotator.formats.html", reads=True, extensions=(".html", ".htm")),
    FileFormat("csv", "annotator.formats.csv_docs", reads=True, extensions=(".csv",)),
    FileFormat("csv", "annotator.formats.csv_spans", writes=True,
               description="one row per span, safe to open in a spreadsheet",
               holds=Holds(Layers.SEVERAL, attributes=True, concepts=True, notes=True)),
    FileFormat("spacy", "annotator.formats.spacy_docbin", writes=True,
               description="spaCy DocBin: spans in doc.spans['sc'] (extra: spacy)",
               holds=Holds(Layers.ONE, attributes=True, concepts=True, notes=True)),
    FileFormat("conll", "annotator.formats.conll", writes=True,
               description="token-per-line BIO tags, CoNLL-2003 style",
               holds=Holds(Layers.ONE)),
    FileFormat("brat", "annotator.formats.brat", reads=True, writes=True,
               description="brat standoff: .txt + .ann per document (folder)",
               extensions=(".ann",), detect_paths=Detect.FOLDERS, asks_annotator=True,
               output=Output.DOCUMENT_FILES,
               holds=Holds(Layers.SEVERAL, attributes=True, concepts=True, notes=True),
               side_files=(_ID_MAP, "annotation.conf", "visual.conf", "tools.conf")),
    FileFormat("semeval", "annotator.formats.semeval", reads=True, writes=True,
               description="SemEval-2020 Task 11: article<ID>.txt + labels.tsv (folder)",
               extensions=(".labels", ".tsv"), detect_paths=Detect.FOLDERS,
               asks_annotator=True, output=Output.DOCUMENT_FILES, holds=Holds(Layers.ONE),
               side_files=(_ID_MAP,)),
    FileFormat("xmi", "annotator.formats.xmi", reads=True, writes=True,
               description="UIMA CAS XMI + TypeSystem.xml for INCEpTION (folder; extra: xmi)",
               extensions=(".xmi",), detect_paths=Detect.FOLDERS, asks_annotator=True,
               output=Output.DOCUMENT_FILES,
               holds=Holds(Layers.SEVERAL, attributes=True, concepts=True, notes=True),
               side_files=("TypeSystem.xml",)),
    FileFormat("hf", "annotator.formats.hf_dataset", writes=True,
               description="Hugging Face datasets save_to_disk: spans and ner_tags "
                           "(folder; extra: hf)",
               output=Output.FOLDER,
               holds=Holds(Layers.ONE, attributes=True, concepts=True, notes=True)),
    FileFormat("label-studio", "annotator.formats.label_studio", reads=True, writes=True,
               description="Label Studio JSON tasks", extensions=(".json",),
               asks_annotator=True,
               holds=Holds(Layers.SEVERAL, attributes=True, concepts=True, notes=True)),
    FileFormat("label-studio-config", "annotator.formats.label_studio_config", writes=True,
               description="the Label Studio labelling config (XML) for the codebook",
               stream=True, holds=Holds(codebook=True)),
    FileFormat("doccano", "annotator.formats.doccano", reads=True, writes=True,
               description="doccano sequence-labelling JSONL",
               extensions=(".jsonl", ".ndjson"), detect_paths=Detect.FILES,
               asks_annotator=True, holds=Holds(Layers.ONE)),
)


# the interchange, the formats of documents alone, then the others by name
READ_ORDER = ("jsonl", "txt", "html", "csv", "brat", "doccano", "label-studio", "semeval",
              "xmi")
# a folder of .ann files that also holds .xmi files is brat's; one with .xmi files beside
# article<ID>.txt files and labels is INCEpTION's export
CLAIM_ORDER = ("brat", "xmi", "semeval")


def readers() -> list[FileFormat]:
    return sorted((f for f in FORMATS if f.reads), key=lambda f: READ_ORDER.index(f.name))


def writers() -> list[FileFormat]:
    return [f for f in FORMATS if f.writes]


def extensions() -> list[str]:
    """Every extension an import takes by name, sorted."""
    return sorted({ext for f in readers() for ext in f.extensions})


def side_files() -> set[str]:
    return {name for f in FORMATS for name in f.side_files}


def reader_named(name: str) -> FileFormat:
    """The reader of `import --from NAME`."""
    return _named(readers(), name, "import")


def writer_named(name: str) -> FileFormat:
    """The writer of `export --format NAME`."""
    return _named(writers(), name, "export")


def _named(formats: list[FileFormat], name: str, direction: str) -> FileFormat:
    for fmt in formats:
        if fmt.name == name:
            return fmt
    raise InputError(f"unknown {direction} format {name!r} "
                     f"(known: {', '.join(f.name for f in formats)})")


def reader_for(path: Path) -> FileFormat:
    """The format of a file, by its extension; where formats share one, the first that
    detects the file as its own, else the one that detects nothing (the interchange)."""
    suffix = path.suffix.lower()
    found = [f for f in readers() if suffix in f.extensions]
    if not found:
        raise InputError(f"unknown file type {path.suffix or '(none)'!r} "
                         f"(known: {', '.join(extensions())})", str(path))
    for fmt in found:
        if fmt.detect_paths is Detect.FILES and fmt.detect(path):
            return fmt
    fallback = [f for f in found if f.detect_paths is not Detect.FILES]
    return (fallback or found)[0]


def folder_reader(folder: Path) -> FileFormat | None:
    """The format that takes the whole folder as its own, if any."""
    for name in CLAIM_ORDER:
        fmt = reader_named(name)
        if fmt.detect(folder):
            return fmt
    return None


def expand(paths: list[Path], name: str | None = None) -> list[tuple[Path, FileFormat]]:
    """Files to read, in order, each with its format; folders expand to their files.

    With `name` (`--from`), every path goes whole to that format's reader, except that a
    folder of a one-file-per-document format expands to its files of that kind.
    """
    if name is not None:
        return _expand_as(paths, reader_named(name))
    out: list[tuple[Path, FileFormat]] = []
    for path in paths:
        if _is_folder(path):
            fmt = folder_reader(path)
            if fmt is not None:
                out.append((path, fmt))
                continue
            files = _files_of(path, extensions())
            if not files:
                raise InputError("no file to import in this folder "
                                 f"(known types: {', '.join(extensions())})", str(path))
            out += [(f, reader_for(f)) for f in files]
        else:
            check_file(path)  # a FIFO or device must not reach a reader's first look
            out.append((path, reader_for(path)))
    return out


def _files_of(folder: Path, suffixes) -> list[Path]:
    """The folder's files of these extensions, without hidden and side files."""
    skip = side_files()
    return files_in(folder, lambda name: not name.startswith(".") and name not in skip
                    and Path(name).suffix.lower() in suffixes)


def _is_folder(path: Path) -> bool:
    """A folder given by the user (a link to one is followed); OS errors in plain words."""
    check_name(path)
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except FileNotFoundError:
        raise InputError("no such file or folder", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", str(path)) from None


def _expand_as(paths: list[Path], fmt: FileFormat) -> list[tuple[Path, FileFormat]]:
    out: list[tuple[Path, FileFormat]] = []
    for path in paths:
        if _is_folder(path) and fmt.detect_paths is not Detect.FOLDERS:
            files = _files_of(path, fmt.extensions)
            if not files:
                raise InputError(f"no {'/'.join(sorted(fmt.extensions))} file in this folder",
                                 str(path))
            out += [(f, fmt) for f in files]
        else:
            out.append((path, fmt))
    return out
