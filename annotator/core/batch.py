"""What an importer hands over: records read from one file, with the line each came from,
and the checks every importer shares (codebook labels and attributes, concepts); one
span's own checks are core.span_checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from annotator.core.errors import InputError
from annotator.core.model import NO_ATTRIBUTES, Attribute, Codebook, Concept, Span, span_rows
from annotator.core.span_checks import allowed_attributes, attributes_problem, unknown_labels_error

if TYPE_CHECKING:  # the first window checks spans with this module, and makes neither
    from annotator.core.gold import GoldSpan
    from annotator.core.records import DocumentRecord


@dataclass
class ImportBatch:
    file: str
    records: list[DocumentRecord] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # line (1-based) of each record
    codebook: Codebook | None = None  # the file's own codebook, if it declares one
    concepts: list[Concept] = field(default_factory=list)
    # (record index, span key) -> line, for formats whose records span many lines
    span_lines: dict[tuple[int, tuple], int] = field(default_factory=dict)
    # For a format whose label names are a restricted spelling of the codebook's (brat's
    # types): (name as read, the codebook's labels) -> the label it stands for.
    label_resolver: Callable[[str, Sequence[str]], str] | None = None

    def add(self, record: DocumentRecord, line: int) -> None:
        self.records.append(record)
        self.lines.append(line)

    def line_of(self, index: int, span: Span | GoldSpan) -> int:
        return self.line_at(index, span.key)

    def line_at(self, index: int, key: tuple) -> int:
        """The line of record `index`'s span with this key."""
        return self.span_lines.get((index, key), self.lines[index])

    def resolve_labels(self, names: Sequence[str]) -> None:
        """Labels as read become the codebook's, through label_resolver. Spans that become
        the same span are one (the first kept)."""
        if self.label_resolver is None:
            return
        to = {label: self.label_resolver(label, names) for label in self.labels_used()}
        if all(a == b for a, b in to.items()):
            return
        lines: dict[tuple[int, tuple], int] = {}
        for i, record in enumerate(self.records):
            kept: dict[tuple, Span] = {}
            for span in record.annotations:
                new = replace(span, label=to[span.label])
                if new.key not in kept:
                    kept[new.key] = new
                    lines[(i, new.key)] = self.line_of(i, span)
            gold: dict[tuple, GoldSpan] = {}
            for g in record.gold:
                new_gold = replace(g, label=to[g.label])
                gold.setdefault(new_gold.key, new_gold)
            self.records[i] = replace(record, annotations=tuple(kept.values()),
                                      gold=tuple(gold.values()))
        self.span_lines = lines
        if self.codebook is not None:  # the attributes the file declares for its labels
            self.codebook = replace(self.codebook, attributes=tuple(
                replace(a, labels=tuple(dict.fromkeys(to.get(x, x) for x in a.labels)))
                if a.labels else a for a in self.codebook.attributes))

    def labels_used(self) -> set[str]:
        return {row[LABEL] for r in self.records for row in _labelled(r, rejections=True)}


# What the checks read of a span, a row of SpanRows or _labelled's
START, END, LABEL, ATTRIBUTES, CONCEPT = 1, 2, 3, 4, 5


def _labelled(record: DocumentRecord, rejections: bool = False) -> list[tuple]:
    """What in a record names a label: spans, gold spans and suggestions (and, for the
    labels alone, the annotators' rejections of suggestions), as rows whose first four
    fields are the key (annotator, start, end, label) line_at knows, and then the
    attributes and concept."""
    rows = list(span_rows(record.annotations))
    if record.gold or record.suggestions or (rejections and record.rejections):
        rows += [(g.key, g.start, g.end, g.label, g.attributes, g.concept)
                 for g in (*record.gold, *record.suggestions)]
        if rejections:
            rows += [(r.annotator, r.start, r.end, r.label, NO_ATTRIBUTES, None)
                     for r in record.rejections]
    return rows


def _key(row: tuple) -> tuple:
    """The key a row's line is recorded under (a span's annotator, start, end, label)."""
    return row[0] if type(row[0]) is tuple else row[:4]


def check_against_codebook(batch: ImportBatch, codebook: Codebook) -> None:
    """Labels known (all unknown ones listed together), attributes allowed and valid."""
    unknown: dict[str, list[int]] = {}
    known = set(codebook.label_names())
    for i, record in enumerate(batch.records):
        for row in _labelled(record, rejections=True):
            if row[LABEL] not in known:
                unknown.setdefault(row[LABEL], []).append(batch.line_at(i, _key(row)))
    if unknown:
        raise unknown_labels_error(batch.file, unknown)
    allowed: dict[str, dict[str, Attribute]] = {}  # by label: looked up once, not per span
    for i, (record, line) in enumerate(zip(batch.records, batch.lines, strict=True)):
        for row in _labelled(record):
            # most spans carry no attributes: nothing to check, no codebook lookup
            if not row[ATTRIBUTES]:
                continue
            label = row[LABEL]
            if label not in allowed:
                allowed[label] = allowed_attributes(codebook, label)
            problem = attributes_problem(allowed[label], label, row[ATTRIBUTES])
            if problem:
                raise InputError(problem, batch.file, batch.line_at(i, _key(row)))
        for dl in (*record.doc_labels, *record.gold_doc_labels):
            scheme = codebook.doc_label(dl.name)
            if scheme is None:
                raise InputError(
                    f"document label {dl.name!r} is not in the codebook "
                    "(add it, or import with --add-labels)", batch.file, line)
            if scheme.values and dl.value not in scheme.values:
                raise InputError(
                    f"document label {dl.name!r}: {dl.value!r} is not one of "
                    f"{', '.join(scheme.values)}", batch.file, line)


def check_concepts(batch: ImportBatch, known: Iterable[str]) -> None:
    declared = set(known) | {c.id for c in batch.concepts}
    for i, record in enumerate(batch.records):
        for row in _labelled(record):
            if row[CONCEPT] is not None and row[CONCEPT] not in declared:
                raise InputError(
                    f"span {row[START]}-{row[END]} names concept {row[CONCEPT]!r}, "
                    "declared neither in the file nor in the project", batch.file,
                    batch.line_at(i, _key(row)))


def is_iso_date(value: str) -> bool:
    """What the interchange accepts as `published`: an ISO 8601 date or date-time."""
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parse(value)
            return True
        except ValueError:
            pass
    return False
