"""What a file format is to the rest of the program: its name, its files, what it can hold,
and the module that reads or writes it.

A ``FileFormat`` is a declaration: it names its module instead of importing it, so that
listing the formats (``annotator --help``, the export dialog) imports none of them, and
heavy optional libraries (spaCy, datasets, cassis) load only when a format is used. Its
``read``, ``detect``, ``write`` and ``stream`` load the module on first use and call the
functions every such module defines (``Reader``, ``Detector``, ``Writer``,
``StreamWriter`` below). annotator/formats/registry.py lists the formats.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import IO, TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the declarations are read before anything a format needs is imported
    from annotator.core.batch import ImportBatch
    from annotator.core.records import Corpus, DocumentRecord
    from annotator.formats.export_spec import ExportOptions, ExportResult


class Layers(Enum):
    """How many layers of spans a format's file holds."""

    NONE = "none"  # no spans: documents, or the codebook
    ONE = "one"  # one annotator's spans, or the gold layer
    SEVERAL = "several"  # one layer whose annotators are told apart (every annotator's)
    EVERY = "every"  # every layer at once: each annotator's and the gold (the interchange)


class Detect(Enum):
    """What ``detect(path)`` of the format's module is asked."""

    NEVER = "never"  # the extension says it all
    FILES = "files"  # a file of an extension other formats share: is it this format's?
    FOLDERS = "folders"  # a folder: is the whole of it this format's (read as one)?


class Output(Enum):
    """What an export in the format is."""

    FILE = "one file"
    FOLDER = "a folder"  # the format's own layout (hf's dataset)
    DOCUMENT_FILES = "a folder with files per document"  # brat, SemEval, XMI


@dataclass(frozen=True)
class Holds:
    """What a format's files can carry of a project (spans always have offsets and a
    label, documents their text and id)."""

    layers: Layers = Layers.NONE
    attributes: bool = False  # a span's attributes
    concepts: bool = False  # the concept a span is linked to
    notes: bool = False  # a span's note
    doc_labels: bool = False  # document labels
    progress: bool = False  # each annotator's status and note on a document
    decisions: bool = False  # the reviewers' adjudication decisions
    codebook: bool = False  # labels, attributes and document labels as declared


EVERYTHING = Holds(Layers.EVERY, attributes=True, concepts=True, notes=True, doc_labels=True,
                   progress=True, decisions=True, codebook=True)


class Reader(Protocol):
    """A reading module. ``annotator`` is given only to a format whose files may not say
    whose spans they are (``FileFormat.asks_annotator``): the layer for those spans."""

    def read(self, path: Path, annotator: str | None = None
             ) -> ImportBatch | list[ImportBatch]: ...


class Detector(Protocol):
    def detect(self, path: Path) -> bool: ...


class Writer(Protocol):
    """A writing module: see annotator/formats/export_spec.py for what `out` is."""

    def write_export(self, corpus: Corpus, out: Path, options: ExportOptions
                     ) -> ExportResult: ...


class StreamWriter(Writer, Protocol):
    """A writer that can also write to an open stream (``-o -``): ``select`` keeps what
    the options ask for, ``write`` writes it and returns the number of documents."""

    def select(self, corpus: Corpus, options: ExportOptions) -> Corpus: ...

    def write(self, corpus: Corpus, out: IO[str]) -> int: ...


@dataclass(frozen=True)
class FileFormat:
    """One format one module reads or writes (or both). A reader and a writer may share a
    name when they are the two directions of one kind of file (``csv``)."""

    name: str  # `import --from NAME`, `export --format NAME`
    module: str  # the module that reads or writes it, imported on first use
    reads: bool = False
    writes: bool = False
    description: str = ""  # a writer's one line for `export --help` and the export dialog
    extensions: tuple[str, ...] = ()  # the files an import takes for this format
    detect_paths: Detect = Detect.NEVER
    asks_annotator: bool = False  # see Reader
    output: Output = Output.FILE
    stream: bool = False  # writes to standard output too (StreamWriter)
    holds: Holds = field(default_factory=Holds)
    # beside the documents, describing them: never imported as documents themselves
    side_files: tuple[str, ...] = ()

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)

    @property
    def writes_folder(self) -> bool:
        return self.output is not Output.FILE

    def detect(self, path: Path) -> bool:
        """Whether `path` is this format's (see Detect): False for a format that does not
        tell its files from others'."""
        if self.detect_paths is Detect.NEVER:
            return False
        module: Detector = self.load()
        return module.detect(path)

    def read(self, path: Path, annotator: str | None = None) -> list[ImportBatch]:
        module: Reader = self.load()
        result = (module.read(path, annotator=annotator) if self.asks_annotator
                  else module.read(path))
        return result if isinstance(result, list) else [result]

    def write(self, corpus: Corpus, out: Path, options: ExportOptions) -> ExportResult:
        module: Writer = self.load()
        return module.write_export(corpus, out, options)

    def writes_records(self) -> bool:
        """Whether the whole project can be written a document at a time, as it is read
        (write_records): a module with ``write_records(corpus, records, out)``."""
        return self.writes and hasattr(self.load(), "write_records")

    def write_records(self, corpus: Corpus, records: Iterable[DocumentRecord], out: Path
                      ) -> ExportResult:
        """Write the codebook and concepts of `corpus` (its documents are not read) and
        `records`, consumed one at a time, with no layer chosen."""
        return self.load().write_records(corpus, records, out)

    def write_stream(self, corpus: Corpus, options: ExportOptions, out: IO[str]) -> int:
        module: StreamWriter = self.load()
        return module.write(module.select(corpus, options), out)
