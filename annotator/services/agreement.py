"""Agreement between a project's annotators: the agreement report, its
files, and the documents and spans behind each number.

``analyse`` reads the project once (in bulk) into an ``AgreementData`` (the records without
the reviewers' work, and the filters checked against the project) and computes the report
from it: an ``Analysis``, which is everything a view shows. The spans most disagreed on
and the details a view shows on a click are asked of the analysis, so that they describe
the same data as its numbers.

Reviewers are not annotators: a reviewer's status ``done`` on a document would otherwise
count as "nothing here" (records carry no roles), so their spans, statuses and document
labels are left out before anything is measured; the gold is never an annotator's either.
"""

from __future__ import annotations

import difflib
import os
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import IO

from annotator.core.agreement import (
    DEFAULT_BOOTSTRAP,
    SPANS,
    AgreementReport,
    DisagreedSpan,
    Meeting,
    build_report,
    meetings,
    most_disagreed_spans,
    participants_of,
    voted_spans,
)
from annotator.core.codebook_versions import count_versions, mixed_note
from annotator.core.errors import InputError
from annotator.core.model import REVIEWER, Codebook
from annotator.core.records import DocumentRecord
from annotator.core.wording import shown_name
from annotator.reports import alpha_reading as alpha_reading  # the reading the reports give
from annotator.reports import write_agreement_csv, write_agreement_html, write_agreement_json
from annotator.services import output
from annotator.services.progress import Progress, no_progress
from annotator.services.project import Project
from annotator.store.annotator_rows import annotator_roles
from annotator.store.corpus_rows import load_records
from annotator.store.document_texts import texts_of
from annotator.store.lookups import doc_pks
from annotator.store.round_rows import round_documents

FORMATS = ("json", "csv", "html")
_EXTENSIONS = {".json": "json", ".csv": "csv", ".html": "html", ".htm": "html"}
DISAGREED_PER_LABEL = 10
READ_BATCH = 500  # documents read from the project at a time
# Progress messages of the steps around the computation (which reports its own).
_READ, _AFTER = "Reading the annotations", "Writing the report"


@dataclass(frozen=True)
class AgreementData:
    """What the report covers: the project's records without reviewers' work, and the
    filters (``--annotator``, ``--label``) as the report's builder takes them (``None``:
    no filter)."""

    records: tuple[DocumentRecord, ...]
    annotators: tuple[str, ...] | None
    labels: tuple[str, ...] | None
    reviewers: tuple[str, ...] = ()
    title: str = "Inter-annotator agreement"
    project: str | None = None  # the project's target: its files are never a report's
    codebook: Codebook | None = None
    # spans accepted from suggestions, per annotator, and whether they were left out
    from_suggestions: Mapping[str, int] = field(default_factory=dict)
    without_suggested: bool = False
    # None: the records carry their texts; otherwise they were left out of the records
    # (a corpus's texts can outweigh its spans) and this reads them again, in order.
    text_reader: Callable[[Sequence[str]], Iterator[str]] | None = field(
        default=None, compare=False, repr=False)

    def texts(self) -> Iterator[str]:
        """The records' texts, in their order (read again from the project when the
        records do not carry them)."""
        if self.text_reader is None:
            return (r.text for r in self.records)
        return self.text_reader([r.id for r in self.records])

    def records_with_texts(self) -> Iterator[DocumentRecord]:
        """The records with their texts, one at a time."""
        if self.text_reader is None:
            return iter(self.records)
        return (replace(r, document=replace(r.document, text=text))
                for r, text in zip(self.records, self.texts(), strict=True))

    def record(self, doc_id: str) -> DocumentRecord:
        for r in self.records:
            if r.id == doc_id:
                return r
        raise InputError(f"no document {doc_id!r} in the agreement data")

    def participants(self, record: DocumentRecord) -> set[str]:
        return participants_of(record, self.annotators)

    @property
    def titles(self) -> dict[str, str | None]:
        return {r.id: r.document.title for r in self.records}


def load(project: Project, annotators: Collection[str] = (),
         labels: Collection[str] = (), round: str | None = None,
         without_suggested: bool = False, *, texts_in_memory: bool = True,
         batch: int = READ_BATCH) -> AgreementData:
    """The project's data for agreement, filters checked; `round`: only that calibration
    round's documents (an unknown round is refused, naming the rounds there are).
    ``without_suggested``: leave out the spans annotators accepted from suggestions (which
    anchor them, raising agreement).

    An ``annotators`` name the project does not know, or that is a reviewer's, and a
    ``labels`` name the codebook does not know are refused with ``InputError`` (a typo
    would otherwise give a report about nobody, or a label with support 0).

    The documents are read ``batch`` at a time in one read transaction, each reduced to
    what agreement needs before the next are read; ``texts_in_memory=False`` leaves the
    texts out of the records (``AgreementData.texts`` reads them again when asked).
    """
    if batch < 1:
        raise ValueError("a batch holds at least one document")
    records: list[DocumentRecord] = []
    used_labels: set[str] = set()
    came: Counter[str] = Counter()
    with project.store.read() as conn:
        roles = annotator_roles(conn)
        ids = list(doc_pks(conn, None))  # import order, as load_records gives them
        if round is not None:
            wanted_docs = set(round_documents(conn, round))
            ids = [i for i in ids if i in wanted_docs]
        reviewers = tuple(sorted(n for n, role in roles.items() if role == REVIEWER))
        wanted = _check_annotators(annotators, roles)
        for lo in range(0, len(ids), batch):
            for r in load_records(conn, ids[lo:lo + batch]):
                used_labels.update(s.label for s in r.annotations)
                r = r.without(reviewers)
                came.update(s.annotator for s in r.annotations if s.suggested is not None
                            and (wanted is None or s.annotator in wanted))
                if without_suggested:
                    r = replace(r, annotations=tuple(s for s in r.annotations
                                                     if s.suggested is None))
                if not texts_in_memory:
                    r = replace(r, document=replace(r.document, text=""))
                records.append(r)
    label_filter = _check_labels(labels, project, used_labels)
    title = "Inter-annotator agreement"
    stem = shown_name(Path(project.target).stem) if "://" not in project.target else ""
    if stem:
        title += f": {stem}"
    if round is not None:
        title += f", round {round}"
    reader = None if texts_in_memory else partial(_read_texts, project, batch=batch)
    return AgreementData(tuple(records), wanted, label_filter, reviewers, title,
                         project.target, project.codebook, dict(sorted(came.items())),
                         without_suggested, reader)


def _read_texts(project: Project, doc_ids: Sequence[str], batch: int) -> Iterator[str]:
    """The documents' texts in the order given, read ``batch`` at a time."""
    with project.store.read() as conn:
        for lo in range(0, len(doc_ids), batch):
            some = doc_ids[lo:lo + batch]
            found = texts_of(conn, some)
            for doc_id in some:
                if doc_id not in found:
                    raise InputError(f"the document {doc_id!r} left the project while the "
                                     "agreement was computed; compute it again")
                yield found[doc_id]


def suggestion_note(data: AgreementData) -> str | None:
    """What the report says of spans that came from suggestions (None: there are none)."""
    if not data.from_suggestions:
        return None
    who = ", ".join(f"{name} {n}" for name, n in data.from_suggestions.items())
    if data.without_suggested:
        return (f"Spans accepted from suggestions were left out ({who}): the numbers "
                "measure what the annotators marked unprompted.")
    return (f"Spans accepted from suggestions are included ({who}): suggestions anchor "
            "annotators and raise agreement; compute without them to compare.")


def _check_annotators(names: Collection[str], roles: Mapping[str, str]
                      ) -> tuple[str, ...] | None:
    if not names:
        return None
    names = tuple(dict.fromkeys(n.strip() for n in names))
    unknown = [n for n in names if n not in roles]
    if unknown:
        known = _names([n for n, r in sorted(roles.items()) if r != REVIEWER]) or "none"
        raise InputError(f"no annotator {_names(unknown)} in the project "
                         f"(annotators: {known})")
    reviewing = [n for n in names if roles[n] == REVIEWER]
    if reviewing:
        role = "is a reviewer" if len(reviewing) == 1 else "are reviewers"
        raise InputError(f"{_names(reviewing)} {role}; agreement is measured between "
                         "annotators")
    return names


def _check_labels(names: Collection[str], project: Project,
                  used: Iterable[str]) -> tuple[str, ...] | None:
    if not names:
        return None
    names = tuple(dict.fromkeys(n.strip() for n in names))
    known = set(project.codebook.label_names())
    known.update(used)
    unknown = [n for n in names if n not in known]
    if unknown:
        guess = difflib.get_close_matches(unknown[0], sorted(known), n=1, cutoff=0.6)
        hint = (f"did you mean {guess[0]!r}?" if guess
                else f"labels: {_names(project.codebook.label_names())}")
        noun = "label" if len(unknown) == 1 else "labels"
        raise InputError(f"the codebook has no {noun} {_names(unknown)} ({hint})")
    return names


def _names(names: Sequence[str]) -> str:
    return ", ".join(repr(n) for n in names)


def report(data: AgreementData, bootstrap: int = DEFAULT_BOOTSTRAP,
           progress: Progress = no_progress, gamma: int = 0) -> AgreementReport:
    """The ``agreement/1`` report of ``data``; with ``gamma`` random continua, γ too.
    ``progress`` may raise ``Cancelled``."""
    if bootstrap < 0:
        raise InputError("the number of bootstrap draws cannot be negative")
    if gamma < 0:
        raise InputError("the number of random continua for gamma cannot be negative")
    message = "Computing agreement and gamma" if gamma else "Computing agreement"
    built = build_report(data.records, annotators=data.annotators, labels=data.labels,
                         bootstrap=bootstrap, codebook=data.codebook, gamma=gamma,
                         progress=lambda done, total: progress(done, total, message),
                         texts=data.texts())
    notes = (mixed_note(count_versions(
        s.codebook_version for r in data.records for s in r.annotations
        if (data.annotators is None or s.annotator in data.annotators)
        and (data.labels is None or s.label in data.labels))), suggestion_note(data))
    notes = tuple(n for n in notes if n)
    return replace(built, notes=(*built.notes, *notes)) if notes else built


@dataclass(frozen=True)
class Analysis:
    """One computation of the agreement: the data it covers and its report. What is behind
    a number (``pair_detail``, ``label_detail``, ``disagreements``) is asked of it, so that
    it describes the data the numbers were computed from."""

    data: AgreementData
    report: AgreementReport

    def pair_detail(self, a: str, b: str, label: str | None = None) -> PairDetail:
        return pair_detail(self.data, a, b, label)

    def label_detail(self, label: str) -> list[LabelSpan]:
        return label_detail(self.data, label)

    def disagreements(self, limit: int = DISAGREED_PER_LABEL
                      ) -> dict[str, list[DisagreedSpan]]:
        """Per label, the spans its annotators disagree on most (for the HTML report)."""
        return most_disagreed_spans(self.data.records, annotators=self.data.annotators,
                                    labels=self.data.labels, limit=limit,
                                    texts=self.data.texts())

    def confusion_detail(self, row: str, column: str, level: str = SPANS
                         ) -> list[ConfusionSpans]:
        """The spans behind a cell of the label confusion (``level`` "tokens" or
        "spans"), with their documents' titles."""
        titles = self.data.titles
        return [ConfusionSpans(titles[m.document], m)
                for m in meetings(self.data.records_with_texts(), row, column, level,
                                  annotators=self.data.annotators, labels=self.data.labels)]


@dataclass(frozen=True)
class ConfusionSpans:
    """One meeting behind a confusion cell (``meeting``) and its document's title."""

    title: str | None
    meeting: Meeting


def analyse(project: Project, annotators: Collection[str] = (), labels: Collection[str] = (),
            bootstrap: int = DEFAULT_BOOTSTRAP, progress: Progress = no_progress,
            gamma: int = 0, round: str | None = None,
            without_suggested: bool = False, texts_in_memory: bool = True) -> Analysis:
    """Read the project (see ``load`` for the filters and ``texts_in_memory``) and
    compute its report (with γ from ``gamma`` random continua, if not 0)."""
    progress(0, 1, _READ)
    data = load(project, annotators, labels, round, without_suggested,
                texts_in_memory=texts_in_memory)
    return Analysis(data, report(data, bootstrap, progress, gamma))


def compute(project: Project, annotators: Collection[str] = (), labels: Collection[str] = (),
            bootstrap: int = DEFAULT_BOOTSTRAP, progress: Progress = no_progress,
            gamma: int = 0, round: str | None = None,
            without_suggested: bool = False) -> AgreementReport:
    """The project's agreement report (see ``load`` for the filters)."""
    return analyse(project, annotators, labels, bootstrap, progress, gamma, round,
                   without_suggested).report


# ---------------------------------------------------------------- files

def format_for(out: str | os.PathLike, fmt: str | None = None) -> str:
    """The format asked for, else the one ``out``'s extension names, else JSON."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise InputError(f"unknown report format {fmt!r} (one of {', '.join(FORMATS)})")
        return fmt
    return _EXTENSIONS.get(Path(out).suffix.lower(), "json")


def write(analysis: Analysis, fmt: str | None, out: str | os.PathLike,
          progress: Progress = no_progress) -> Path:
    """Write the analysis's report as ``fmt`` (or as ``out``'s extension says) to ``out``
    atomically (services/output.py): a failure leaves no file, and an older one as it
    was; the project's own files are refused as ``out``. The HTML form also lists each
    label's spans disagreed on most, and the documents' titles."""
    fmt = format_for(out, fmt)
    output.check(out, project=analysis.data.project)
    progress(0, 1, _AFTER)
    spans = analysis.disagreements() if fmt == "html" else None
    progress(0, 1, _AFTER)  # the last chance to cancel before the file appears

    def fill(tmp: Path) -> None:
        if fmt == "json":
            write_agreement_json(analysis.report, tmp)
        elif fmt == "csv":
            write_agreement_csv(analysis.report, tmp)
        else:
            write_agreement_html(analysis.report, tmp, disagreements=spans,
                                 title=analysis.data.title, titles=analysis.data.titles)

    output.write(out, fill, project=analysis.data.project)
    progress(1, 1, _AFTER)
    return Path(out)


def dump(report: AgreementReport, fmt: str, stream: IO[str]) -> None:
    """Write the report as JSON or CSV to an open text stream (standard output)."""
    if fmt == "html":
        raise InputError("an HTML report is a file; give a file name ending in .html")
    if fmt == "csv":
        write_agreement_csv(report, stream)
    else:
        write_agreement_json(report, stream)


def export(project: Project, out: str | os.PathLike, fmt: str | None = None, *,
           annotators: Collection[str] = (), labels: Collection[str] = (),
           bootstrap: int = DEFAULT_BOOTSTRAP, progress: Progress = no_progress,
           gamma: int = 0, round: str | None = None,
           without_suggested: bool = False) -> tuple[Analysis, str]:
    """Compute the report and write it to ``out`` (``fmt`` or from the extension).

    Returns the analysis and the format written. Nothing is written when the input is
    refused, the work is cancelled or anything fails.
    """
    fmt = format_for(out, fmt)
    output.check(out, project=project.target)  # refused before the work, not after it
    analysis = analyse(project, annotators, labels, bootstrap, progress, gamma, round,
                       without_suggested, texts_in_memory=False)
    write(analysis, fmt, out, progress)
    return analysis, fmt


# ---------------------------------------------------------------- behind the numbers

@dataclass(frozen=True)
class MarkedSpan:
    """One of an annotator's spans as the detail views list it. ``overlapped``: the other
    annotator of the pair has a span of the same label overlapping it (a disagreement on
    the boundaries, which partial span F1 forgives)."""

    start: int
    end: int
    label: str
    text: str
    overlapped: bool = False


@dataclass(frozen=True)
class PairDocument:
    """A document both annotators of a pair took part in, with their spans compared
    exactly as ``(start, end, label)``."""

    document: str
    title: str | None
    both: tuple[MarkedSpan, ...]
    only_a: tuple[MarkedSpan, ...]
    only_b: tuple[MarkedSpan, ...]

    @property
    def disagreements(self) -> int:
        return len(self.only_a) + len(self.only_b)


@dataclass(frozen=True)
class PairDetail:
    a: str
    b: str
    label: str | None
    documents: tuple[PairDocument, ...]

    @property
    def counts(self) -> tuple[int, int, int]:
        """Spans both marked, only ``a`` marked, only ``b`` marked."""
        return (sum(len(d.both) for d in self.documents),
                sum(len(d.only_a) for d in self.documents),
                sum(len(d.only_b) for d in self.documents))


def pair_detail(data: AgreementData, a: str, b: str, label: str | None = None) -> PairDetail:
    """The documents and spans behind a pair's numbers: per document both took part in,
    the spans both marked and those only one of them marked (of ``label`` only, if
    given; otherwise of the report's labels)."""

    def keep(lab: str) -> bool:
        return lab == label if label is not None else (data.labels is None
                                                       or lab in data.labels)

    out = []
    for r, text in zip(data.records, data.texts(), strict=True):
        took = data.participants(r)
        if a not in took or b not in took:
            continue
        marks = {name: {(s.start, s.end, s.label) for s in r.annotations
                        if s.annotator == name and keep(s.label)} for name in (a, b)}
        both = marks[a] & marks[b]

        def listed(keys, other, text=text, marks=marks):
            return tuple(MarkedSpan(s, e, lab, text[s:e], _overlaps(s, e, lab, other))
                         for s, e, lab in sorted(keys))

        out.append(PairDocument(
            r.id, r.document.title, listed(both, ()),
            listed(marks[a] - both, marks[b] - both), listed(marks[b] - both, marks[a] - both)))
    return PairDetail(a, b, label, tuple(out))


def _overlaps(start: int, end: int, label: str, others: Iterable[tuple[int, int, str]]) -> bool:
    return any(lab == label and s < end and start < e for s, e, lab in others)


@dataclass(frozen=True)
class LabelSpan(DisagreedSpan):
    """A distinct span ``(document, start, end)`` of one label with who of the document's
    participants marked it (see ``DisagreedSpan``; ``score`` 0: all agree, None: a single
    participant), and the document's title."""

    title: str | None = None


def label_detail(data: AgreementData, label: str) -> list[LabelSpan]:
    """Every span of ``label`` on the report's documents, in document order then by
    offsets, with who marked it and who, having taken part, did not."""
    titles = data.titles
    return [LabelSpan(title=titles[v.document], **asdict(v))
            for _, _, v in voted_spans(data.records, annotators=data.annotators,
                                       labels=[label], texts=data.texts())]
