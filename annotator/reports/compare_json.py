"""The comparison of sources as JSON (schema ``compare/1``).

The keys a script can rely on::

    {"schema": "compare/1",
     "concepts": [{"id", "name", "event",
                   "sources": {SOURCE: [{"text", "label", "count", "annotators",
                                         "polarity": {VALUE: n}}]}}],
     "labels_by_source": {SOURCE: {LABEL: n}}}

`text` is the covered text as written (white space made single spaces), `count` the number
of spans, `annotators` who marked them (for gold spans: the annotators they were accepted
from). Besides: each expression's `places`, the sources with their documents, per concept
and overall the weighted log-odds of expressions and labels per source, the chi-square
test of labels × sources, document labels per source, and notes. Numbers are not rounded;
an undefined statistic is null with its `reason`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from annotator.core.compare import ChiSquare, Comparison, Expression, LogOddsResult

SCHEMA = "compare/1"
METHOD = {
    "log_odds": "weighted log-odds ratio with an informative Dirichlet prior (Monroe, "
                "Colaresi & Quinn 2008, Political Analysis 16(4): 372-403), each source "
                "against all other sources pooled; prior: the pooled counts of all sources "
                "(alpha_w = y_w); z = delta / sqrt(variance)",
    "chi_square": "Pearson's chi-square test of independence of labels and sources "
                  "(no continuity correction), Cramer's V, Pearson residuals and adjusted "
                  "standardized residuals (Haberman 1973); no p-value when more than a fifth "
                  "of the expected counts are below 5 or any is below 1 (Cochran 1954)",
    "counting": "statistics count distinct places (document, start, end, label): the same "
                "words marked by several annotators count once; tables count spans",
}


def _expression(e: Expression) -> dict[str, Any]:
    return {"text": e.text, "label": e.label, "count": e.count,
            "annotators": list(e.annotators), "polarity": dict(e.polarity),
            "places": [{"document": p.doc_id, "start": p.start, "end": p.end, "by": p.by}
                       for p in e.places]}


def log_odds_json(result: LogOddsResult) -> dict[str, Any]:
    return {"prior_size": result.prior_size, "reason": result.reason,
            "rows": [{"source": r.source, "item": r.item, "count": r.count,
                      "others": r.others, "prior": r.prior, "log_odds": r.log_odds,
                      "variance": r.variance, "z": r.z} for r in result.rows]}


def chi_square_json(t: ChiSquare) -> dict[str, Any]:
    cells = [{"row": r, "source": c, "observed": t.observed[i][j],
              "expected": t.expected[i][j] if t.expected else None,
              "residual": t.residuals[i][j] if t.residuals else None,
              "adjusted_residual": t.adjusted_residuals[i][j] if t.adjusted_residuals else None}
             for i, r in enumerate(t.rows) for j, c in enumerate(t.columns)]
    return {"n": t.n, "statistic": t.statistic, "dof": t.dof, "p_value": t.p_value,
            "cramers_v": t.cramers_v, "reason": t.reason, "rows": list(t.rows),
            "sources": list(t.columns), "cells": cells, "dropped_rows": list(t.dropped_rows),
            "dropped_sources": list(t.dropped_columns)}


def compare_json(c: Comparison) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "event": c.event,
        "layer": c.layer,
        "annotators": list(c.annotators),
        "sources": [{"source": s.key, "name": s.name, "documents": list(s.documents)}
                    for s in c.sources],
        "concepts": [{
            "id": cc.concept.id, "name": cc.concept.name, "event": cc.concept.event,
            "type": cc.concept.type, "description": cc.concept.description,
            "sources": {k: [_expression(e) for e in v] for k, v in cc.sources.items()},
            "statistics": {"expressions": log_odds_json(cc.expressions),
                           "labels": log_odds_json(cc.labels)},
        } for cc in c.concepts],
        "labels_by_source": {k: dict(v) for k, v in c.labels_by_source.items()},
        "doc_labels_by_source": {name: {k: dict(v) for k, v in per.items()}
                                 for name, per in c.doc_labels.items()},
        "statistics": {
            "labels": {"chi_square": chi_square_json(c.label_test),
                       "log_odds": log_odds_json(c.label_odds)},
            "expressions": {"log_odds": log_odds_json(c.expression_odds)},
            "doc_labels": {name: {"chi_square": chi_square_json(t)}
                           for name, t in c.doc_label_tests.items()},
        },
        "method": METHOD,
        "notes": list(c.notes),
    }


def write_compare_json(c: Comparison, out: str | Path | IO[str]) -> None:
    text = json.dumps(compare_json(c), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if hasattr(out, "write"):
        out.write(text)
        return
    Path(out).write_text(text, encoding="utf-8")
