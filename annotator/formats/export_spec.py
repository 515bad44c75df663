"""What an exporter is given and what it gives back.

An exporter module has ``write_export(corpus: Corpus, out: Path, options: ExportOptions)
-> ExportResult`` (file_format.Writer). It writes to `out` (a file or a folder, as the
format's ``FileFormat.output`` says), a path that does not exist yet: the service gives a
temporary path in a private folder and moves the result into place
(annotator/services/output.py), so that a failed or cancelled export leaves nothing
half-written. A writer opens only paths under `out` and writes nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from annotator.core.errors import InputError
from annotator.core.records import Corpus, DocumentRecord

GOLD = "gold"
ANNOTATIONS = "annotations"


@dataclass(frozen=True)
class ExportOptions:
    layer: str | None = None  # gold | annotations | None (the format's default)
    annotator: str | None = None  # one annotator's spans
    labels: tuple[str, ...] = ()  # only these labels (empty: all)
    comments: bool = False  # conll: comment lines naming each document (few tools read them)


@dataclass
class ExportResult:
    documents: int = 0
    spans: int = 0
    warnings: list[str] = field(default_factory=list)  # e.g. spans a format cannot hold
    layer: str | None = None  # which spans were written, as Layer.describe() says
    written: str | None = None  # what was written, when it is not documents


def filter_labels(corpus: Corpus, labels: tuple[str, ...]) -> Corpus:
    """The corpus with only the spans (annotations and gold) of the given labels."""
    if not labels:
        return corpus
    keep = set(labels)
    docs = tuple(
        replace(r, annotations=tuple(s for s in r.annotations if s.label in keep),
                gold=tuple(g for g in r.gold if g.label in keep),
                decisions=tuple(d for d in r.decisions if d.label is None or d.label in keep))
        for r in corpus.documents
    )
    return Corpus(corpus.codebook, corpus.concepts, docs)


def only_annotator(corpus: Corpus, name: str) -> Corpus:
    """One annotator's own work and nothing else (no gold, no decisions, no one else's):
    what an annotator exports from the app stays blind."""
    docs = tuple(
        replace(r, annotations=tuple(s for s in r.annotations if s.annotator == name),
                doc_labels=tuple(d for d in r.doc_labels if d.annotator == name),
                status={a: v for a, v in r.status.items() if a == name},
                notes={a: v for a, v in r.notes.items() if a == name},
                gold=(), gold_doc_labels=(), decisions=())
        for r in corpus.documents
    )
    return Corpus(corpus.codebook, corpus.concepts, docs)


def only_layer(corpus: Corpus, gold: bool) -> Corpus:
    """For a format that holds the whole project (the interchange): the gold layer alone
    (gold spans and document labels), or the annotators' work alone (their spans,
    document labels, statuses and notes, without gold or the reviewers' decisions)."""
    if gold:
        docs = tuple(replace(r, annotations=(), doc_labels=(), status={}, notes={},
                             decisions=()) for r in corpus.documents)
    else:
        docs = tuple(replace(r, gold=(), gold_doc_labels=(), decisions=())
                     for r in corpus.documents)
    return Corpus(corpus.codebook, corpus.concepts, docs)


# ---------------------------------------------------------------- which layer a format writes

@dataclass(frozen=True)
class LayerSpan:
    """A span as every format writes it, whichever layer it comes from."""

    start: int
    end: int
    label: str
    by: str  # the annotator, or for a gold span the reviewer who decided it
    attributes: Mapping[str, str] = field(default_factory=dict)
    concept: str | None = None
    note: str | None = None
    gold: bool = False
    sources: tuple[str, ...] = ()  # gold: the annotators it was accepted from


@dataclass(frozen=True)
class Layer:
    """The spans an export writes: the gold layer, one annotator's, or every annotator's."""

    kind: str  # GOLD | ANNOTATIONS | "annotator"
    annotator: str | None = None

    @property
    def gold(self) -> bool:
        return self.kind == GOLD

    def describe(self) -> str:
        if self.kind == GOLD:
            return "the gold layer"
        if self.annotator is not None:
            return f"{self.annotator}'s spans"
        return "every annotator's spans"

    def spans(self, record: DocumentRecord) -> list[LayerSpan]:
        """The record's spans of this layer, sorted by (start, end, label, by)."""
        if self.kind == GOLD:
            out = [LayerSpan(g.start, g.end, g.label, g.decided_by, g.attributes, g.concept,
                             g.note, True, tuple(g.sources)) for g in record.gold]
        else:
            out = [LayerSpan(s.start, s.end, s.label, s.annotator, s.attributes, s.concept,
                             s.note) for s in record.annotations
                   if self.annotator is None or s.annotator == self.annotator]
        out.sort(key=lambda s: (s.start, s.end, s.label, s.by))
        return out


def choose_layer(corpus: Corpus, options: ExportOptions, fmt: str, several: bool) -> Layer:
    """The one rule every span format follows to pick what it writes.

    `--annotator NAME`: that annotator's spans. `--layer gold`: the gold layer.
    `--layer annotations`: every annotator's spans, which only a format that can tell
    annotators apart (`several`) holds; a one-layer format takes it when just one annotator
    has spans. Neither: the gold layer when the project has one, else as `annotations`.
    """
    annotators = sorted({s.annotator for r in corpus.documents for s in r.annotations})
    has_gold = any(r.gold for r in corpus.documents)
    if options.annotator is not None:
        if options.layer == GOLD:
            raise InputError("--annotator and --layer gold ask for two different layers; "
                             "give one of them")
        known = set(annotators) | {a for r in corpus.documents for a in r.status}
        if options.annotator not in known:
            shown = ", ".join(annotators) or "none"
            raise InputError(f"no annotator {options.annotator!r} in the project "
                             f"(annotators with spans: {shown})")
        return Layer("annotator", options.annotator)
    if options.layer == GOLD or (options.layer is None and has_gold):
        if not has_gold:
            raise InputError("the project has no gold spans yet (adjudicate first, or export "
                             "--layer annotations or --annotator NAME)")
        return Layer(GOLD)
    if several or len(annotators) <= 1:
        return Layer(ANNOTATIONS, annotators[0] if len(annotators) == 1 and not several
                     else None)
    raise InputError(
        f"the {fmt} format holds one layer and {len(annotators)} annotators have spans "
        f"({', '.join(annotators)}): export --annotator NAME"
        + (" or --layer gold" if has_gold else ""))
