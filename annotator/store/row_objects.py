"""Rows made into the core's objects: the one way each is done, for the store's
SQLAlchemy reads and for the start's first look (store.first_look), which reads the same
rows with the standard library's sqlite3 before SQLAlchemy is loaded. No SQLAlchemy here.

A row is anything with the columns as attributes (SQLAlchemy's Row, first_look's rows);
JSON columns arrive decoded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from annotator.core.layer import Layer, columns
from annotator.core.model import Attribute, Codebook, DocLabelScheme, Document, Label


class DocumentSummary(NamedTuple):
    """A row of the document list; status and counts are one annotator's (blind). A
    tuple: the list of a large corpus is tens of thousands of them, made at each read."""

    pk: int
    id: str
    title: str | None
    source: str | None
    event: str | None
    published: str | None
    length: int | None  # None only for a row another program wrote without it
    status: str | None  # None: not started
    spans: int
    gold: int


def document_from_row(r, text: str | None = None) -> Document:
    """A documents row as a Document; `text` stands for a row read without its text."""
    return Document(r.id, r.text if text is None else text, r.title, r.source, r.url,
                    r.published, r.author, r.event, r.meta or {})


def codebook_from_rows(settings: Mapping[str, object], labels: Iterable, attributes: Iterable,
                       schemes: Iterable, number: int | None) -> Codebook:
    """The codebook from the settings table (key → value), the rows of labels, attributes
    and kinds of document label in their order, and the newest codebook version number."""
    return Codebook(
        name=settings.get("codebook_name") or "Codebook",
        # the project's version number once it keeps versions (the file's before)
        version=number if number is not None else settings.get("codebook_version"),
        guidelines=settings.get("codebook_guidelines"),
        labels=tuple(Label(r.name, r.grp, r.color, r.hotkey, r.description, bool(r.retired))
                     for r in labels),
        attributes=tuple(
            Attribute(r.name, tuple(r.vals) if r.vals else None,
                      tuple(r.labels) if r.labels is not None else None, bool(r.required),
                      bool(r.retired))
            for r in attributes),
        doc_labels=tuple(DocLabelScheme(r.name, tuple(r.vals or ()), bool(r.retired))
                         for r in schemes),
    )


def layer_from_rows(rows: Iterable, names: Mapping[int, str]) -> Layer:
    """A layer from span rows (id, start, end, label name, attributes JSON text, concept
    id, note, annotator id) in text order; `names`: annotator id → name."""
    ids, starts, ends, labels, attributes, concepts, notes, who = columns(rows, 8)
    return Layer(ids, starts, ends, labels, attributes, concepts, notes,
                 [names[a] for a in who])


# Settings the start reads (store.first_look) as well as the store.
PACKAGE = "package"  # set in a hand-out package only
SUGGESTIONS_ON = "suggestions_for_annotators"  # absent: on
CODEBOOK_REVISION = "codebook_revision"  # counts the changes to the stored codebook


def suggestions_on(value: object) -> bool:
    """Whether annotators are offered suggestions, from the setting's stored value."""
    return value is None or bool(value)
