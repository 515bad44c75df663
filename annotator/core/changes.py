"""What changed in a project, so that views refresh only what they show.

Every service that changes data returns a `Changes`; the store builds it from the rows the
transaction wrote, so a service cannot forget to report something. Changes made by other
processes come back in the same shape (services.watching), filtered by the blind rules.
"""

from __future__ import annotations

from dataclasses import dataclass

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
ANNOTATORS = "annotators"  # people and their roles
ASSIGNMENTS = "assignments"  # documents in annotators' queues
ROUNDS = "rounds"  # calibration rounds and their documents
# machine suggestions, the annotators' rejections of them and the setting that hides them;
# everyone hears of them (each view shows only what is offered to its viewer)
SUGGESTIONS = "suggestions"

OWN_WORK = frozenset({SPANS, DOC_LABELS, STATUSES, NOTES, ASSIGNMENTS})  # one annotator's
REVIEW = frozenset({GOLD, GOLD_DOC_LABELS, DECISIONS})  # the reviewers'
SHARED = frozenset({DOCUMENTS, CODEBOOK, CONCEPTS, ANNOTATORS, ROUNDS,
                    SUGGESTIONS})  # everyone's to see
KINDS = OWN_WORK | REVIEW | SHARED


@dataclass(frozen=True)
class Changes:
    """`tables` are the kinds above; `documents` the ids of the documents touched.

    `span_ids` and `gold_ids` are the rows of spans and gold spans created, changed or
    removed, in the order they were written. When `complete` is False they may not list
    every such row (changes reported by another process): a view showing a touched
    document re-reads it instead of applying the ids.
    """

    tables: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    span_ids: tuple[int, ...] = ()
    gold_ids: tuple[int, ...] = ()
    annotators: frozenset[str] = frozenset()  # whose own work (OWN_WORK) changed
    description: str = ""  # for the status bar and the undo menu ("Add span 'Word choice'")
    complete: bool = True

    def __bool__(self) -> bool:
        return bool(self.tables)

    def touches(self, table: str, doc_id: str | None = None) -> bool:
        return table in self.tables and (doc_id is None or doc_id in self.documents)

    def __or__(self, other: Changes) -> Changes:
        """Both changes together (the description of the later one, when it has one)."""
        if not other:
            return self
        if not self:
            return other
        return Changes(self.tables | other.tables, self.documents | other.documents,
                       tuple(dict.fromkeys(self.span_ids + other.span_ids)),
                       tuple(dict.fromkeys(self.gold_ids + other.gold_ids)),
                       self.annotators | other.annotators,
                       other.description or self.description,
                       self.complete and other.complete)


NOTHING = Changes()
