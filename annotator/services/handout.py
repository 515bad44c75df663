"""Hand out and collect without a server: a package is a project file of its own, for one
annotator, which they open with the app on their own laptop; collecting brings their
work back into the project.

A package holds the codebook, the annotator's documents (their queue, in order; every
document when the project has no assignments), their own spans, document labels,
statuses, notes and active time on them, and the concepts of those documents' events.
Nobody else's work is in it (blind): no other annotator's spans, notes or statuses, no
decisions, no gold, no action log; the only person in it is the annotator.

Collecting follows the interchange's merge rules: nothing in the project is overwritten
or deleted, a status only moves forward, so collecting the same package twice changes
nothing. Only the work of the annotator the package was made for is collected. Refused
whole, with nothing written: a file that is not a package, a package made for another
project, a document whose text differs, and work that does not fit the project's
codebook as it is now (the codebook changed since the package was made).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core import handout as core
from annotator.core.batch import ImportBatch, check_concepts
from annotator.core.errors import InputError, ProjectError
from annotator.core.handout import PackageInfo, codebook_fingerprint
from annotator.core.model import ANNOTATOR, REVIEWER, Concept
from annotator.core.records import DocumentRecord
from annotator.core.wording import count
from annotator.services import output
from annotator.services.changes import Changes
from annotator.services.progress import Progress, no_progress
from annotator.services.project import Project
from annotator.services.reading import queue_pks
from annotator.store.sqlite_file import sqlite_path

# ---------------------------------------------------------------- what a project is

def project_id(project: Project) -> str:
    from annotator.store import project_settings as settings

    with project.store.read() as conn:
        found = settings.project_id(conn)
    if found is None:
        with project.store.write() as conn:
            found = settings.ensure_project_id(conn)
    return found


def codebook_version(conn) -> int | None:
    """The number of the project's codebook version, which a package records and
    collecting compares (None for a database that numbers none, such as a package: the
    codebook's fingerprint alone then tells a changed codebook)."""
    from annotator.store.codebook_versions import current_version

    return current_version(conn) or None


def project_name(target: str) -> str:
    path = sqlite_path(target)
    return path.name if path is not None else target.rsplit("/", 1)[-1]


# ---------------------------------------------------------------- packing

@dataclass(frozen=True)
class Packed:
    path: str
    info: PackageInfo
    spans: int

    def describe(self) -> str:
        return (f"Wrote {self.path} for {self.info.annotator}: "
                f"{count(self.info.documents, 'document')}, "
                f"{count(self.spans, 'span')} of their own so far. They open it with "
                f"`annotator gui {Path(self.path).name}`; bring it back with "
                f"`annotator collect`.")


@dataclass
class _Contents:
    info: PackageInfo
    records: list[DocumentRecord]
    concepts: list[Concept]
    codebook: object
    queue: list  # the annotator's assignments, in order
    stretches: list


def pack(project: Project, annotator: str, out: str | os.PathLike,
         progress: Progress = no_progress) -> Packed:
    """Write `annotator`'s package to `out` (a new project file)."""
    _checked_output(out, project.target)
    contents = _contents(project, annotator, progress)
    progress(1, 3, "Writing the package")
    _checked_output(out, project.target)
    output.write(out, lambda tmp: _fill(tmp, contents), project=project.target)
    progress(3, 3, "Done")
    spans = sum(len(r.annotations) for r in contents.records)
    return Packed(str(out), contents.info, spans)


def _contents(project: Project, annotator: str, progress: Progress) -> _Contents:
    from annotator.store import activity_rows, assignment_rows
    from annotator.store.annotator_rows import annotator_id, annotator_roles
    from annotator.store.codebook_rows import load_codebook, load_concepts
    from annotator.store.corpus_rows import load_records
    from annotator.store.history import now
    from annotator.store.lookups import list_documents

    own_id = project_id(project)
    with project.store.read() as conn:
        role = annotator_roles(conn).get(annotator)
        if role is None:
            known = ", ".join(n for n, r in annotator_roles(conn).items() if r == ANNOTATOR)
            raise InputError(f"no annotator {annotator!r} in the project (its annotators: "
                             f"{known or 'none yet'})")
        if role == REVIEWER:
            raise InputError(f"{annotator!r} is a reviewer: a package holds one annotator's "
                             "documents and work")
        queue = queue_pks(conn, annotator)
        everything = [s.pk for s in list_documents(conn, None)]
        pks = everything if queue is None else queue
        if not pks:
            raise InputError(f"{annotator!r} has no documents assigned; assign some first "
                             "(`annotator assign`)")
        by_pk = {s.pk: s.id for s in list_documents(conn, None)}
        ids = [by_pk[pk] for pk in pks]
        progress(0, 3, f"Reading {count(len(ids), 'document')}")
        records = {r.id: core.own_work(r, annotator) for r in load_records(conn, ids)}
        events = {records[i].document.event for i in ids}
        used = {s.concept for r in records.values() for s in r.annotations if s.concept}
        concepts = [c for c in load_concepts(conn) if c.event in events or c.id in used]
        aid = annotator_id(conn, annotator)
        assigned = assignment_rows.assignments(conn, [annotator])
        stretches = [s for s in activity_rows.stretches(conn, aid) if s.doc_id in records]
        codebook = load_codebook(conn)
        info = PackageInfo(own_id, project_name(project.target), annotator,
                           codebook_fingerprint(codebook), now(), len(ids),
                           codebook_version=codebook_version(conn))
    return _Contents(info, [records[i] for i in ids], concepts, codebook, assigned,
                     stretches)


def _fill(path: Path, c: _Contents) -> None:
    from annotator.store import activity_rows, assignment_rows
    from annotator.store import project_settings as settings
    from annotator.store.annotator_rows import ensure_annotators
    from annotator.store.codebook_rows import save_codebook
    from annotator.store.corpus_rows import merge_records
    from annotator.store.lookups import list_documents
    from annotator.store.project_store import open_store

    store = open_store(str(path), create=True)
    try:
        with store.write() as conn:
            save_codebook(conn, c.codebook)
            settings.ensure_project_id(conn)  # the package's own
            ensure_annotators(conn, [c.info.annotator])
            merge_records(conn, c.records, c.concepts)
            ids = ensure_annotators(conn, [])
            pks = {s.id: s.pk for s in list_documents(conn, None)}
            assignment_rows.insert_assignments(conn, c.queue, pks, ids)
            activity_rows.record(conn, c.stretches, pks, ids)
            settings.put(conn, settings.PACKAGE, c.info.as_dict())
    finally:
        store.close()


def _checked_output(out: str | os.PathLike, project_target: str) -> None:
    """Refused before any work: what services.output refuses, and any existing file (a
    package there may hold an annotator's work not collected yet)."""
    output.check(out, project=project_target)
    if os.path.lexists(out):
        raise InputError(f"{out} already exists; a package is written to a new file "
                         "(remove or rename the old one first: it may hold work not "
                         "collected yet)")


# ---------------------------------------------------------------- collecting

@dataclass(frozen=True)
class Collected:
    """What collecting one package brought."""

    path: str
    info: PackageInfo
    added: dict[str, int]  # rows added per table
    time: int  # stretches of active time added or extended
    kept: int = 0  # the annotator's spans in the project the package no longer has
    ignored: dict[str, int] = field(default_factory=dict)  # other names' work, not taken
    codebook_changed: bool = False

    def describe(self) -> str:
        a = self.added
        parts = [count(a.get("spans", 0), "span"),
                 count(a.get("doc_labels", 0), "document label"),
                 count(a.get("statuses", 0), "status", "statuses"),
                 count(a.get("document_notes", 0), "note")]
        text = (f"{self.path} ({self.info.annotator}, {count(self.info.documents, 'document')}"
                f"): added " + ", ".join(parts))
        if self.time:
            text += f", {count(self.time, 'stretch', 'stretches')} of active time"
        if not any(a.values()) and not self.time:
            text = (f"{self.path} ({self.info.annotator}): nothing new; the project "
                    "already had all of it")
        lines = [text + "."]
        if self.codebook_changed:
            lines.append("  The codebook changed since the package was made; the work fits "
                         "the codebook as it is now.")
        if self.kept:
            lines.append(f"  {count(self.kept, 'span')} of {self.info.annotator}'s in the "
                         "project are no longer in the package (deleted or changed there); "
                         "they were kept: collecting never deletes or overwrites.")
        for name, n in sorted(self.ignored.items()):
            lines.append(f"  Left out: {count(n, 'item')} of work by {name!r} (a package "
                         f"brings back only {self.info.annotator}'s work).")
        return "\n".join(lines)


@dataclass
class _Package:
    path: str
    info: PackageInfo
    records: list[DocumentRecord]
    concepts: list[Concept]
    stretches: list
    ignored: dict[str, int]


def collect(project: Project, paths: Sequence[str | os.PathLike], *,
            actor: str | None = None, progress: Progress = no_progress
            ) -> tuple[list[Collected], Changes]:
    """Bring packages' work back; all of them or, on any problem, none."""
    from annotator.store import activity_rows, written
    from annotator.store.annotator_rows import ensure_annotators
    from annotator.store.codebook_rows import load_codebook, load_concepts
    from annotator.store.corpus_rows import counts, merge_records
    from annotator.store.history import log_event
    from annotator.store.lookups import list_documents

    if not paths:
        raise InputError("name the packages to collect")
    packages = []
    for i, path in enumerate(paths):
        progress(i, len(paths) + 1, f"Reading {Path(path).name}")
        packages.append(_read_package(str(path)))
    own_id = project_id(project)
    with project.store.read() as conn:
        codebook = load_codebook(conn)
        known_concepts = {c.id for c in load_concepts(conn)}
        version = codebook_version(conn)
    fingerprint = codebook_fingerprint(codebook)
    for p in packages:
        _check_package(p, own_id, codebook, (fingerprint, version), known_concepts,
                       project.target)
    progress(len(paths), len(paths) + 1, "Storing the work")
    results = []
    with project.store.write() as conn:
        _check_texts(conn, packages)
        for p in packages:
            before = counts(conn)
            kept = _kept_spans(conn, p)
            merge_records(conn, p.records, p.concepts)
            after = counts(conn)
            added = {k: after[k] - before[k] for k in after}
            ids = ensure_annotators(conn, [p.info.annotator])
            pks = {s.id: s.pk for s in list_documents(conn, None)}
            time = activity_rows.record(conn, p.stretches, pks, ids)
            if any(added.values()) or time:
                log_event(conn, _actor_id(conn, actor), "collect",
                          f"collected {Path(p.path).name} ({p.info.annotator}): {added}, "
                          f"{time} stretches of active time")
            results.append(Collected(p.path, p.info, added, time, kept, p.ignored,
                                     p.info.codebook != fingerprint))
        changes = written.changes(conn, f"Collect {count(len(packages), 'package')}")
    progress(len(paths) + 1, len(paths) + 1, "Done")
    return results, changes


def _read_package(path: str) -> _Package:
    from annotator.store import activity_rows
    from annotator.store import project_settings as settings
    from annotator.store.annotator_rows import annotator_id
    from annotator.store.codebook_rows import load_concepts
    from annotator.store.corpus_rows import load_records
    from annotator.store.project_store import open_store

    if not Path(path).is_file():
        raise InputError("no such file" if not Path(path).exists() else
                         "not a file: give a package made by `annotator pack`", path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise InputError(f"cannot read it: {exc.strerror or exc}", path) from None
    if head != b"SQLite format 3\x00":
        raise InputError("not a hand-out package (made by `annotator pack`): not even a "
                         "project file", path)
    try:
        store = open_store(path)
    except ProjectError as exc:
        raise InputError(f"not a hand-out package ({exc})", path) from None
    try:
        with store.read() as conn:
            data = settings.get(conn, settings.PACKAGE)
            if data is None:
                raise InputError("a project, but not a hand-out package (made by "
                                 "`annotator pack`); to bring in a whole project, export "
                                 "it as JSONL and import that", path)
            info = PackageInfo.from_dict(data, path)
            ignored: dict[str, int] = {}
            records = []
            for record in load_records(conn):
                for name in core.others(record, info.annotator):
                    ignored[name] = ignored.get(name, 0) + _work_count(record, name)
                records.append(core.own_work(record, info.annotator))
            concepts = load_concepts(conn)
            aid = annotator_id(conn, info.annotator)
            stretches = activity_rows.stretches(conn, aid) if aid is not None else []
    finally:
        store.close()
    return _Package(path, info, records, concepts, stretches, ignored)


def _work_count(record: DocumentRecord, name: str) -> int:
    return (sum(1 for s in record.annotations if s.annotator == name)
            + sum(1 for d in record.doc_labels if d.annotator == name)
            + (name in record.status) + (name in record.notes))


def _check_package(p: _Package, own_id: str, codebook,
                   now_: tuple[str, int | None], known_concepts: set[str],
                   target: str) -> None:
    fingerprint, version = now_
    if p.info.project_id != own_id:
        raise InputError(
            f"this package was made for another project ({p.info.project}, made "
            f"{p.info.made[:10]}), not {project_name(target)}; collect it into the project "
            "it came from", p.path)
    problem = core.misfit(codebook, p.records)
    if problem:
        changed = p.info.codebook != fingerprint
        why = (f"the project's codebook has changed since {p.info.codebook_then(version)}, "
               f"and {p.info.annotator}'s work does not fit it"
               if changed else f"{p.info.annotator}'s work does not fit the project's "
               "codebook")
        raise InputError(
            f"{why}: {problem}. Nothing was collected. Put back in the codebook what the "
            "work uses, collect, then change the codebook again; or hand out a new "
            "package", p.path)
    check_concepts(ImportBatch(p.path, p.records, [None] * len(p.records),
                               concepts=p.concepts), known_concepts)


def _check_texts(conn, packages: list[_Package]) -> None:
    from annotator.store.corpus_rows import stored_texts

    ids = {r.id for p in packages for r in p.records}
    stored = stored_texts(conn, ids)
    for p in packages:
        for r in p.records:
            if r.id not in stored:
                raise InputError(f"document {r.id!r} is not in the project (it was removed "
                                 "since the package was made); nothing was collected",
                                 p.path)
            if stored[r.id] != r.document.sha256:
                raise InputError(f"document {r.id!r} has a different text in the project "
                                 "than in the package (its spans' offsets would not match); "
                                 "nothing was collected", p.path)


def _kept_spans(conn, p: _Package) -> int:
    """The annotator's spans in the project on the package's documents that the package
    does not have (deleted or changed there), which collecting keeps."""
    from annotator.store.corpus_rows import load_records

    if not p.records:
        return 0
    stored = load_records(conn, [r.id for r in p.records])
    theirs = {(r.id, s.start, s.end, s.label) for r in p.records for s in r.annotations}
    return sum(1 for r in stored for s in r.annotations
               if s.annotator == p.info.annotator and (r.id, s.start, s.end, s.label)
               not in theirs)


def _actor_id(conn, name: str | None) -> int | None:
    from annotator.store.annotator_rows import ensure_annotators

    return None if name is None else ensure_annotators(conn, [name])[name]
