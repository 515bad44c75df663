"""What an exporter is given and what it gives back.

An exporter module has ``write_export(corpus: Corpus, out: Path, options: ExportOptions)
-> ExportResult``. It writes to `out` (a file or a folder, as the format needs); the
service writes to a temporary path first and moves it into place, so that a failed or
cancelled export leaves nothing half-written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.model import Corpus, DocumentRecord

GOLD = "gold"
ANNOTATIONS = "annotations"


@dataclass(frozen=True)
class ExportOptions:
    layer: str | None = None  # gold | annotations | None (the format's default)
    annotator: str | None = None  # one annotator's spans
    labels: tuple[str, ...] = ()  # only these labels (empty: all)


@dataclass
class ExportResult:
    documents: int = 0
    spans: int = 0
    warnings: list[str] = field(default_factory=list)  # e.g. spans a format cannot hold


def filter_labels(corpus: Corpus, labels: tuple[str, ...]) -> Corpus:
    """The corpus with only the spans (annotations and gold) of the given labels."""
    if not labels:
        return corpus
    keep = set(labels)
    docs = tuple(
        DocumentRecord(
            r.document,
            tuple(s for s in r.annotations if s.label in keep),
            r.doc_labels, r.status,
            tuple(g for g in r.gold if g.label in keep),
            r.gold_doc_labels, r.notes,
        )
        for r in corpus.documents
    )
    return Corpus(corpus.codebook, corpus.concepts, docs)
