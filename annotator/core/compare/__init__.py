"""Comparing sources (outlets): the words each chose for the same concept, labels and
document labels per source, and the statistics that say which differences the counts
support (stats.py). Pure Python and numpy: no Qt, no database."""

from .stats import ChiSquare, LogOdds, LogOddsResult, chi2_sf, chi_square, weighted_log_odds
from .tables import (
    ANNOTATIONS,
    GOLD,
    Comparison,
    ConceptComparison,
    DocumentLabel,
    Expression,
    MarkedSpan,
    Place,
    SourceDocument,
    SourceInfo,
    build,
    written,
)

__all__ = [
    "ANNOTATIONS", "GOLD", "ChiSquare", "Comparison", "ConceptComparison", "DocumentLabel",
    "Expression", "LogOdds", "LogOddsResult", "MarkedSpan", "Place", "SourceDocument",
    "SourceInfo", "build", "chi2_sf", "chi_square", "weighted_log_odds", "written",
]
