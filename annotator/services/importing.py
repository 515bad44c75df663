"""Import: every file read first, then one transaction — all or nothing. The checks against
the project (its codebook, concepts and texts) are made inside that transaction, so that a
concurrent writer cannot slip between the check and the write."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.batch import ImportBatch, check_against_codebook, check_concepts
from annotator.core.codebook import check_codebook, fill_colors, merged, missing_from
from annotator.core.codebook_edits import added_entries
from annotator.core.errors import InputError
from annotator.core.gc_pauses import no_gc_pauses
from annotator.core.model import Codebook, Label
from annotator.core.wording import count
from annotator.formats import registry
from annotator.formats.input_files import collecting_skips
from annotator.services.changes import NOTHING, Changes
from annotator.services.progress import Progress, no_progress
from annotator.services.project import Project
from annotator.store import written
from annotator.store.annotator_rows import ensure_annotators
from annotator.store.bulk_indexes import indexes_after_rows
from annotator.store.codebook_rows import concept_pks, save_codebook
from annotator.store.codebook_versions import record_version
from annotator.store.corpus_rows import counts, merge_records, stored_texts
from annotator.store.history import log_event

# Documents whose rows are built and inserted together: the rows of a whole corpus at once
# took more memory than its parsed records.
BATCH_DOCUMENTS = 200
# The tables whose indexes an import into an empty one makes after its rows: the spans'
# label index took a twentieth of storing them.
INDEXED_AFTER = ("spans", "gold_spans")


@dataclass(frozen=True)
class ImportSummary:
    files: int
    documents: int  # documents read
    added: dict[str, int]  # rows added per table (documents, spans, ...)
    labels_added: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()  # "path: why" for files folder listings left out
    changes: Changes = field(default=NOTHING)  # what the open views need to update

    def describe(self) -> str:
        a = self.added
        parts = [count(a["documents"], "new document"), count(a["spans"], "span")]
        parts += [f"{a[k]} {k.replace('_', ' ')}" for k in
                  ("doc_labels", "gold_spans", "statuses") if a.get(k)]
        text = (f"Read {count(self.documents, 'document')} from {count(self.files, 'file')}; added "
                + ", ".join(parts) + ".")
        if self.labels_added:
            text += " Added to the codebook: " + ", ".join(self.labels_added) + "."
        if not any(a.values()):
            text += " Nothing new: the project already had all of it."
        if self.skipped:
            shown = self.skipped[:10]
            more = len(self.skipped) - len(shown)
            text += (f" Skipped {count(len(self.skipped), 'file')}: " + "; ".join(shown)
                     + (f"; and {more} more" if more else "") + ".")
        return text


def read_batches(paths: Sequence[str | os.PathLike], progress: Progress = no_progress, *,
                 fmt: str | None = None, annotator: str | None = None) -> list[ImportBatch]:
    """`fmt`: read every path as this format (file_formats.import_formats); `annotator`:
    the layer for spans a format does not attribute to anyone."""
    files = registry.expand([Path(p) for p in paths], fmt)
    batches: list[ImportBatch] = []
    for i, (path, reader) in enumerate(files):
        progress(i, len(files), f"Reading {path.name}")
        batches.extend(reader.read(path, annotator))
    return batches


def check_batches(codebook: Codebook, batches: list[ImportBatch], add_labels: bool
                  ) -> tuple[Codebook, tuple[str, ...]]:
    """The codebook to import under: `codebook` (the project's) with additions if allowed,
    and what was added."""
    added: list[str] = []
    for batch in batches:
        batch.resolve_labels(codebook.label_names())
        if batch.codebook is not None:
            lacking = missing_from(codebook, batch.codebook)
            if lacking and not add_labels:
                raise InputError(
                    "the file's codebook declares what the project lacks: "
                    + ", ".join(lacking) + " (import with --add-labels to add them)",
                    batch.file, 1)
            if lacking:
                codebook = merged(codebook, batch.codebook)
                added += lacking
        if add_labels:
            unknown = sorted(batch.labels_used() - set(codebook.label_names()))
            if unknown:
                codebook = merged(codebook, Codebook(
                    labels=tuple(Label(n) for n in unknown)))
                added += [f"label {n!r}" for n in unknown]
    if added:
        # colours for labels declared without one; retired items stay retired
        codebook = replace(codebook, labels=tuple(fill_colors(codebook.labels)))
        check_codebook(codebook)
    for batch in batches:
        check_against_codebook(batch, codebook)
    return codebook, tuple(added)


def check_texts(stored: dict[str, str], batches: list[ImportBatch]) -> None:
    """A known document id with a different text is refused: its offsets would move.
    `stored`: the sha256 of the stored documents by id."""
    seen: dict[str, tuple[str, str, int]] = {}
    for batch in batches:
        for record, line in zip(batch.records, batch.lines, strict=True):
            sha = record.document.sha256
            if record.id in stored and stored[record.id] != sha:
                raise InputError(
                    f"document {record.id!r} is already in the project with a different "
                    "text (its spans' offsets would not match)", batch.file, line)
            other = seen.get(record.id)
            if other is not None and other[0] != sha:
                raise InputError(
                    f"document {record.id!r} was read from {other[1]}:{other[2]} with a "
                    "different text", batch.file, line)
            seen.setdefault(record.id, (sha, batch.file, line))


def import_paths(project: Project, paths: Sequence[str | os.PathLike], *,
                 add_labels: bool = False, actor: str | None = None,
                 progress: Progress = no_progress, fmt: str | None = None,
                 annotator: str | None = None,
                 batch_size: int = BATCH_DOCUMENTS) -> ImportSummary:
    """Import files and folders; InputError (nothing written) for any bad input.

    `progress` may raise Cancelled; the transaction is then rolled back. `fmt` and
    `annotator`: see read_batches; `batch_size`: see import_batches.
    """
    # a corpus read is millions of small objects without cycles: the collector's full
    # collections, each walking all of them, were a fifth of an import's time
    with no_gc_pauses(), collecting_skips() as skipped:
        batches = read_batches(paths, progress, fmt=fmt, annotator=annotator)
        summary = import_batches(project, batches, add_labels=add_labels, actor=actor,
                                 progress=progress, batch_size=batch_size)
        # freed before collection is back on: else the first allocation after would walk
        # them all once more
        del batches
    return replace(summary, skipped=tuple(f"{path} ({why})" for path, why in skipped.items()))


def import_batches(project: Project, batches: list[ImportBatch], *, add_labels: bool = False,
                   actor: str | None = None, progress: Progress = no_progress,
                   batch_size: int = BATCH_DOCUMENTS) -> ImportSummary:
    """`batch_size`: documents stored per round of inserts, all in the one transaction."""
    n_docs = sum(len(b.records) for b in batches)
    # every row refers to rows looked up or made in this transaction, under the write lock
    with project.store.write(references_checked=False) as conn:
        before = project.codebook_in(conn)
        codebook, labels_added = check_batches(before, batches, add_labels)
        known_concepts = set(concept_pks(conn))
        for batch in batches:
            check_concepts(batch, known_concepts)
        check_texts(stored_texts(conn, [r.id for b in batches for r in b.records]), batches)
        before_counts = counts(conn)
        files = ", ".join(sorted({Path(b.file).name for b in batches}))
        if labels_added:
            save_codebook(conn, codebook)
            who = ensure_annotators(conn, [actor])[actor] if actor else None
            record_version(conn, who, f"Import {', '.join(labels_added)} from {files}",
                           added_entries(before, codebook))
        with indexes_after_rows(conn, INDEXED_AFTER):
            for i, batch in enumerate(batches):
                # reported before every round, so that a cancel is heard within a large file
                for start in range(0, max(len(batch.records), 1), batch_size):
                    progress(i, len(batches), f"Storing {Path(batch.file).name}")
                    merge_records(conn, batch.records[start:start + batch_size],
                                  batch.concepts if start == 0 else ())
        after = counts(conn)
        added = {k: after[k] - before_counts[k] for k in after}
        if any(added.values()):  # a repeated import changes nothing, not even the log
            who = ensure_annotators(conn, [actor])[actor] if actor else None
            log_event(conn, who, "import", f"imported {n_docs} documents from {files}: {added}")
        changes = written.changes(conn, f"Import {files}")
        progress(len(batches), len(batches), "Done")
    if labels_added:
        project.forget_codebook()
    return ImportSummary(len(batches), n_docs, added, labels_added, changes=changes)
