"""What a service call changed (core.changes): every service that changes data returns a
`Changes`, and views refresh from it."""

from annotator.core.changes import (
    ANNOTATORS,
    ASSIGNMENTS,
    CODEBOOK,
    CONCEPTS,
    DECISIONS,
    DOC_LABELS,
    DOCUMENTS,
    GOLD,
    GOLD_DOC_LABELS,
    NOTES,
    NOTHING,
    OWN_WORK,
    REVIEW,
    ROUNDS,
    SHARED,
    SPANS,
    STATUSES,
    SUGGESTIONS,
    Changes,
)

__all__ = ["ANNOTATORS", "ASSIGNMENTS", "CODEBOOK", "CONCEPTS", "DECISIONS", "DOC_LABELS",
           "DOCUMENTS", "GOLD", "GOLD_DOC_LABELS", "NOTES", "NOTHING", "OWN_WORK", "REVIEW",
           "ROUNDS", "SHARED", "SPANS", "STATUSES", "SUGGESTIONS", "Changes"]
