"""What a service call changed, so that views refresh only what they show."""

from __future__ import annotations

from dataclasses import dataclass, field

SPANS = "spans"
DOC_LABELS = "doc_labels"
STATUSES = "statuses"
NOTES = "document_notes"
GOLD = "gold_spans"
GOLD_DOC_LABELS = "gold_doc_labels"
DECISIONS = "decisions"
DOCUMENTS = "documents"
CODEBOOK = "codebook"
CONCEPTS = "concepts"


@dataclass(frozen=True)
class Changes:
    tables: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()  # ids of the documents touched
    span_ids: tuple[int, ...] = ()  # spans (or gold spans) created or changed
    description: str = ""  # for the status bar and the undo menu ("Add span 'Word choice'")

    def __bool__(self) -> bool:
        return bool(self.tables)

    def touches(self, table: str, doc_id: str | None = None) -> bool:
        return table in self.tables and (doc_id is None or doc_id in self.documents)


NOTHING = Changes()


def from_log(changes: list[dict], documents: set[str], description: str,
             span_ids: tuple[int, ...] = ()) -> Changes:
    if not changes:
        return NOTHING
    return Changes(frozenset(c["t"] for c in changes), frozenset(documents), span_ids,
                   description)


@dataclass
class Collected:
    """Row changes gathered during one action, before they are logged."""

    rows: list[dict] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)

    def add(self, change: dict | None, doc_id: str | None = None) -> None:
        if change is not None:
            self.rows.append(change)
            if doc_id is not None:
                self.documents.add(doc_id)
