"""The project's data as plain frozen dataclasses, shared by every layer: the codebook,
documents and what annotators mark in them. Beside it: core.proposals (suggestions, a
span's provenance, rejections), core.gold (the reviewer's gold and decisions),
core.records (a document with everything said about it, a corpus). They are apart because
making a dataclass costs about a millisecond, and the first window needs only these.

Offsets are Unicode code points (Python ``str`` indices), end exclusive.
Mappings inside frozen dataclasses are treated as read-only by convention.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import starmap
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.proposals import Provenance

IN_PROGRESS = "in_progress"
DONE = "done"
STATUSES = (IN_PROGRESS, DONE)

ANNOTATOR = "annotator"
REVIEWER = "reviewer"
ROLES = (ANNOTATOR, REVIEWER)

# The attributes of a span that has none, one mapping shared by all of them: a corpus of a
# million spans would otherwise hold a million empty dicts. Read-only, so sharing is safe.
NO_ATTRIBUTES: Mapping[str, str] = MappingProxyType({})


def sha256_of(text: str) -> str:
    import hashlib  # not at import: it loads OpenSSL's library, which the start never uses

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Label:
    name: str
    group: str | None = None
    color: str | None = None
    hotkey: str | None = None
    description: str | None = None
    # retired: kept for the spans that have it, offered for no new span
    retired: bool = False


@dataclass(frozen=True)
class Attribute:
    name: str
    values: tuple[str, ...] | None = None  # None: free text
    labels: tuple[str, ...] | None = None  # None: every label
    required: bool = False
    retired: bool = False

    def applies_to(self, label: str) -> bool:
        return self.labels is None or label in self.labels


@dataclass(frozen=True)
class DocLabelScheme:
    name: str
    values: tuple[str, ...] = ()
    retired: bool = False


@dataclass(frozen=True)
class Codebook:
    name: str = "Codebook"
    version: str | int | None = None
    guidelines: str | None = None
    labels: tuple[Label, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    doc_labels: tuple[DocLabelScheme, ...] = ()

    def label(self, name: str) -> Label | None:
        return next((lab for lab in self.labels if lab.name == name), None)

    def label_names(self) -> tuple[str, ...]:
        return tuple(lab.name for lab in self.labels)

    def attributes_for(self, label: str) -> tuple[Attribute, ...]:
        return tuple(a for a in self.attributes if a.applies_to(label))

    def doc_label(self, name: str) -> DocLabelScheme | None:
        return next((d for d in self.doc_labels if d.name == name), None)

    def groups(self) -> dict[str | None, list[Label]]:
        """Labels by group, groups in order of first appearance."""
        out: dict[str | None, list[Label]] = {}
        for lab in self.labels:
            out.setdefault(lab.group, []).append(lab)
        return out

    def active(self) -> Codebook:
        """What is offered for new work: without the retired labels, attributes and
        document labels (an attribute's labels then name active labels only)."""
        if not any(x.retired for x in (*self.labels, *self.attributes, *self.doc_labels)):
            return self
        names = {lab.name for lab in self.labels if not lab.retired}
        return Codebook(
            self.name, self.version, self.guidelines,
            tuple(lab for lab in self.labels if not lab.retired),
            tuple(Attribute(a.name, a.values, None if a.labels is None else tuple(
                x for x in a.labels if x in names), a.required)
                  for a in self.attributes if not a.retired),
            tuple(d for d in self.doc_labels if not d.retired))


@dataclass(frozen=True)
class Concept:
    id: str
    name: str | None = None
    type: str | None = None
    event: str | None = None
    description: str | None = None


# slots: an import of a large corpus holds a million of them
@dataclass(frozen=True, slots=True)
class Span:
    annotator: str
    start: int
    end: int
    label: str
    attributes: Mapping[str, str] = field(default_factory=dict)
    concept: str | None = None
    note: str | None = None
    id: int | None = field(default=None, compare=False)  # the database row, when stored
    # the project's codebook version when its annotator last made or changed it
    codebook_version: int | None = field(default=None, compare=False)
    suggested: Provenance | None = None  # accepted from a suggestion

    @property
    def key(self) -> tuple[str, int, int, str]:
        """What makes a span unique: an exact duplicate is one span."""
        return (self.annotator, self.start, self.end, self.label)


class SpanRows(Sequence):
    """Spans held as tuples in Span's field order, each made a Span when read: an importer
    builds no object per span (a frozen dataclass took a tenth of a large import), and
    the import's checks and inserts read `rows` (span_rows)."""

    __slots__ = ("rows",)

    def __init__(self, rows: tuple[tuple, ...]):
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(starmap(Span, self.rows[index]))
        return Span(*self.rows[index])

    def __iter__(self) -> Iterator[Span]:
        return starmap(Span, self.rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SpanRows | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


def span_rows(spans: Sequence[Span]) -> Sequence[tuple]:
    """The spans as SpanRows holds them: tuples in Span's field order (annotator, start,
    end, label, attributes, concept, note, id, codebook_version, suggested)."""
    if type(spans) is SpanRows:
        return spans.rows
    return [(s.annotator, s.start, s.end, s.label, s.attributes, s.concept, s.note, s.id,
             s.codebook_version, s.suggested) for s in spans]


@dataclass(frozen=True)
class DocLabel:
    annotator: str
    name: str
    value: str


@dataclass(frozen=True)
class Document:
    """A document's text and metadata; the text never changes after import."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    event: str | None = None
    meta: Mapping[str, object] = field(default_factory=dict)

    @cached_property  # an import checks it against the project's, then stores it
    def sha256(self) -> str:
        return sha256_of(self.text)


