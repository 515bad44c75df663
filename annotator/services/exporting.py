"""Export a project in any registered format, atomically (see services/output.py for
what an output path may be)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.gc_pauses import no_gc_pauses
from annotator.core.records import Corpus, DocumentRecord
from annotator.formats import registry
from annotator.formats.export_spec import (
    ExportOptions,
    ExportResult,
    filter_labels,
    only_annotator,
)
from annotator.formats.file_format import FileFormat
from annotator.services import output
from annotator.services.progress import Progress, no_progress
from annotator.services.project import Project
from annotator.store.codebook_rows import load_codebook, load_concepts
from annotator.store.corpus_rows import iter_records, load_records


def load_corpus(project: Project, doc_ids=None) -> Corpus:
    with project.store.read() as conn:
        return Corpus(load_codebook(conn), tuple(load_concepts(conn)),
                      tuple(load_records(conn, doc_ids)))


def export(project: Project, fmt: str, out: str | os.PathLike,
           options: ExportOptions | None = None, progress: Progress = no_progress
           ) -> ExportResult:
    """Write the project to `out` ("-" is standard output for text formats)."""
    # a project read whole or streamed is a great many small objects without cycles: the
    # collector's full collections would walk them all again and again
    with no_gc_pauses():
        return _export(project, fmt, out, options or ExportOptions(), progress)


def _export(project: Project, fmt: str, out: str | os.PathLike, options: ExportOptions,
            progress: Progress) -> ExportResult:
    writer = registry.writer_named(fmt)
    folder = writer.writes_folder
    to_stdout = str(out) == "-"
    if not to_stdout:
        output.check(out, project=project.target, folder=folder)  # before any work
    if not to_stdout and options.layer is None and writer.writes_records():
        return _export_records(project, fmt, writer, out, options, progress)
    progress(0, 3, "Reading the project")
    corpus = filter_labels(load_corpus(project), options.labels)
    if options.annotator is not None:
        _check_annotator(options.annotator, _annotators(corpus.documents))
        corpus = only_annotator(corpus, options.annotator)
    progress(1, 3, f"Writing {fmt}")
    if to_stdout:
        return _write_stdout(writer, corpus, options)

    def fill(tmp: Path) -> ExportResult:
        result = writer.write(corpus, tmp, options)
        progress(2, 3, "Finishing")  # the last chance to cancel before the output appears
        return result

    result = output.write(out, fill, project=project.target, folder=folder)
    progress(3, 3, "Done")
    return result


def _write_stdout(writer: FileFormat, corpus: Corpus, options: ExportOptions
                  ) -> ExportResult:
    if not writer.stream:
        raise InputError("this format writes files; give -o FILE")
    return ExportResult(documents=writer.write_stream(corpus, options, sys.stdout))


def _annotators(records: Iterable[DocumentRecord]) -> set[str]:
    return {a for r in records for a in (
        *(s.annotator for s in r.annotations), *r.status, *(d.annotator for d in r.doc_labels))}


def _check_annotator(name: str, known: set[str]) -> None:
    if name not in known:
        raise InputError(f"no annotator {name!r} has worked in the project "
                         f"(annotators: {', '.join(sorted(known)) or 'none'})")


def _export_records(project: Project, fmt: str, writer: FileFormat, out: str | os.PathLike,
                    options: ExportOptions, progress: Progress) -> ExportResult:
    """The whole project written a document at a time as it is read: on a big project the
    records are never all in memory. One read transaction covers every chunk, so the file
    is one snapshot even while someone else writes; an unknown annotator is refused at the
    end, inside the atomic write, so nothing appears."""
    progress(0, 3, "Reading the project")
    with project.store.read() as conn:
        head = Corpus(load_codebook(conn), tuple(load_concepts(conn)), ())
        known: set[str] = set()

        def records() -> Iterator[DocumentRecord]:
            for record in iter_records(conn):
                one = filter_labels(Corpus(None, (), (record,)), options.labels)
                if options.annotator is not None:
                    known.update(_annotators(one.documents))
                    one = only_annotator(one, options.annotator)
                yield one.documents[0]

        def fill(tmp: Path) -> ExportResult:
            result = writer.write_records(head, records(), tmp)
            if options.annotator is not None:
                _check_annotator(options.annotator, known)
            progress(2, 3, "Finishing")  # the last chance to cancel before the output appears
            return result

        progress(1, 3, f"Writing {fmt}")
        result = output.write(out, fill, project=project.target, folder=writer.writes_folder)
    progress(3, 3, "Done")
    return result
