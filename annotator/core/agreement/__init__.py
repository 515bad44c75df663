"""Agreement between annotators, as the agreement spec defines it.

The report::

    build_report(records, annotators=None, labels=None, bootstrap=1000, progress=None)
        -> AgreementReport (typed; ``as_json(report)`` is the spec's JSON form)
    most_disagreed_spans(records, annotators=None, labels=None, limit=10) -> dict[str, list]

The measures on plain data (units × raters tables of codes or values, span tuples),
usable on their own::

    nominal_alpha, ordinal_alpha, fleiss_kappa, fleiss_kappa_ratings, cohen_kappa,
    gwet_ac1, span_f1, partial_span_f1, unitizing_alpha, unitizing_disagreement,
    best_alignment_costs (γ's best alignments of many continua)

What is behind a label-confusion cell: ``meetings(records, row, column, level)``.

A measure the data cannot define raises ``Undefined`` (with ``.reason``); the report
turns it into ``None`` and a note. Pure Python and numpy: no Qt, no database.
"""

from .alignment import Continua, best_alignment_costs
from .alpha import nominal_alpha
from .confusion import NONE, SPANS, TOKENS, Meeting, meetings
from .disagreement import DisagreedSpan, most_disagreed_spans, voted_spans
from .errors import Cancelled, Undefined
from .gwet import gwet_ac1
from .kappa import cohen_kappa, fleiss_kappa, fleiss_kappa_ratings
from .ordinal import ordinal_alpha
from .report import DEFAULT_BOOTSTRAP, build_report
from .results import (
    SCHEMA,
    AgreementReport,
    AnnotatorGold,
    AttributeAgreement,
    Confusion,
    DocLabelMeasures,
    DocumentMeasures,
    Gamma,
    GammaValues,
    GoldMeasures,
    Interval,
    LabelMeasures,
    Measures,
    PairMeasures,
    as_json,
    number_items,
)
from .spans import partial_span_f1, span_f1
from .unitizing import unitizing_alpha, unitizing_disagreement
from .units import participants_of

__all__ = [
    "DEFAULT_BOOTSTRAP",
    "NONE",
    "SCHEMA",
    "SPANS",
    "TOKENS",
    "AgreementReport",
    "AnnotatorGold",
    "AttributeAgreement",
    "Cancelled",
    "Confusion",
    "Continua",
    "DisagreedSpan",
    "DocLabelMeasures",
    "DocumentMeasures",
    "Gamma",
    "GammaValues",
    "GoldMeasures",
    "Interval",
    "LabelMeasures",
    "Measures",
    "Meeting",
    "PairMeasures",
    "Undefined",
    "as_json",
    "best_alignment_costs",
    "build_report",
    "cohen_kappa",
    "fleiss_kappa",
    "fleiss_kappa_ratings",
    "gwet_ac1",
    "meetings",
    "most_disagreed_spans",
    "voted_spans",
    "nominal_alpha",
    "number_items",
    "ordinal_alpha",
    "partial_span_f1",
    "participants_of",
    "span_f1",
    "unitizing_alpha",
    "unitizing_disagreement",
]
