"""One annotator's layer of a document, held column by column so that switching documents
stays fast: a Span dataclass per row and every attributes JSON value decoded cost 70 ms of
the workbench's 100 ms budget on a document with 10,000 spans. Attributes stay JSON text,
decoded only for the rows a view actually shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from annotator.core.model import DocLabel, Document, Span


def decode_attributes(raw: str | None) -> Mapping[str, str]:
    """Attributes stored as JSON text (None or "null" when there are none)."""
    if not raw or raw == "null":
        return {}
    return json.loads(raw)


def columns(rows: Iterable[Sequence], width: int) -> list[list]:
    """Rows of `width` items as `width` lists, column by column (empty lists for no
    rows)."""
    rows = rows if isinstance(rows, list) else list(rows)
    return [list(map(itemgetter(i), rows)) for i in range(width)]


@dataclass
class Layer:
    """Spans as parallel columns in text order: by (start, end), then label and
    annotator (the order SQLite keeps them in). Offsets are code points."""

    ids: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    attributes: list[str | None] = field(default_factory=list)  # JSON text
    concepts: list[str | None] = field(default_factory=list)
    notes: list[str | None] = field(default_factory=list)
    annotators: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    def span(self, i: int) -> Span:
        return Span(self.annotators[i], self.starts[i], self.ends[i], self.labels[i],
                    decode_attributes(self.attributes[i]), self.concepts[i], self.notes[i],
                    self.ids[i])

    def spans(self) -> list[Span]:
        return [self.span(i) for i in range(len(self))]


@dataclass(frozen=True)
class LayerDocument:
    """A document with one annotator's work on it (blind), or everyone's (None)."""

    document: Document
    annotator: str | None
    layer: Layer
    doc_labels: tuple[DocLabel, ...]
    status: str | None
    note: str | None
