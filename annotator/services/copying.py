"""Copying a whole project to another database, SQLite or PostgreSQL, either way round
(annotator copy SRC DST), and checking the copy.

The source is read in one transaction (a consistent snapshot, while others may go on
working) and written to a destination that must be empty: a new file, or a database
without tables. The copy is checked before it is reported: every table has as many rows,
and the canonical JSONL export of both is the same, byte for byte. A copy that fails
leaves the destination as it was.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import ProjectError
from annotator.core.records import Corpus
from annotator.formats import jsonl
from annotator.services.progress import Progress, no_progress
from annotator.services.project import open_project
from annotator.store import copying
from annotator.store.codebook_rows import load_codebook, load_concepts
from annotator.store.corpus_rows import load_records
from annotator.store.engine import shown
from annotator.store.migrate import is_empty
from annotator.store.project_store import open_store
from annotator.store.sqlite_file import sqlite_path

__all__ = ["CopyReport", "copy_project", "shown"]


@dataclass(frozen=True)
class CopyReport:
    counts: dict[str, int]  # rows per table, the same in both
    export_bytes: int  # size of the JSONL export found identical


def _canonical(conn) -> str:
    out = io.StringIO()
    jsonl.write(Corpus(load_codebook(conn), tuple(load_concepts(conn)),
                       tuple(load_records(conn))), out)
    return out.getvalue()


def _refuse_non_empty(dst: str) -> None:
    path = sqlite_path(dst)
    if path is not None:
        if path.exists() and (path.is_dir() or path.stat().st_size > 0):
            raise ProjectError(f"{shown(dst)} already exists: copy into a new file (nothing was "
                               "written)")
        return
    store = open_store(dst, create=True, migrate=False)
    try:
        if not is_empty(store.engine):
            raise ProjectError(f"{shown(dst)} is not empty (it has tables): copy into an empty "
                               "database (nothing was written)")
    finally:
        store.close()


def copy_project(src: str | os.PathLike, dst: str, progress: Progress = no_progress
                 ) -> CopyReport:
    src, dst = str(src), str(dst)
    if src == dst:
        raise ProjectError("the source and the destination are the same project")
    _refuse_non_empty(dst)
    with open_project(src) as source:
        made = False
        try:
            target = open_store(dst, create=True)
            made = True
            try:
                n = len(copying.tables())
                with source.store.read() as sconn:
                    with target.write() as dconn:
                        copying.copy_rows(sconn, dconn, lambda table, rows: progress(
                            copying.tables().index(table), n, f"Copying {table}: {rows}"))
                    progress(n, n, "Checking the copy")
                    counts, export = copying.counts(sconn), _canonical(sconn)
                with target.read() as dconn:
                    copied, again = copying.counts(dconn), _canonical(dconn)
            finally:
                target.close()
            if copied != counts:
                raise ProjectError(f"the copy in {shown(dst)} does not hold what {shown(src)} "
                                   f"holds ({_differences(counts, copied)}); it was removed")
            if again != export:
                raise ProjectError(f"the copy in {shown(dst)} does not export what {shown(src)} "
                                   "exports; "
                                   "it was removed")
        except BaseException:
            if made:
                _discard(dst)
            raise
    progress(n, n, "Done")
    return CopyReport(counts, len(export.encode("utf-8")))


def _differences(a: dict[str, int], b: dict[str, int]) -> str:
    return ", ".join(f"{t}: {a.get(t)} → {b.get(t)}" for t in sorted(a) if a.get(t) != b.get(t))


def _discard(dst: str) -> None:
    path = sqlite_path(dst)
    if path is not None:
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        return
    store = open_store(dst, migrate=False)
    try:
        copying.drop_everything(store.engine)
    finally:
        store.close()
