"""The sections of the HTML agreement report that a codebook is revised with: agreement on
attributes and document labels, label confusion, annotators against gold, and γ."""

from __future__ import annotations

from html import escape

from annotator.core.agreement import AgreementReport, Confusion, GoldMeasures
from annotator.reports.html_cells import ci, num, reading, table

# Styles inline, so that the page's head stays what it was before these sections.
CAPTION = '<p style="color: #555; font-size: 0.9em; max-width: 60em;">'
_UNIT = {"span": "spans marked alike", "document": "documents"}


def sections(report: AgreementReport) -> list[str]:
    """HTML parts, in the report's order."""
    parts = ["<h2>Attributes and document labels</h2>",
             CAPTION + "Span attributes over the spans two annotators or more marked alike "
             "(same place and label); document labels over the documents. Ordinal where "
             "the codebook's values are a scale.</p>"]
    parts.append(table(
        ["Name", "Over", "Level", "α", "Reading", "Units", "Observed agreement"],
        [[escape(name), _UNIT.get(a.unit, escape(a.unit)), escape(a.level),
          num(a.krippendorff_alpha), reading(a.krippendorff_alpha), num(a.units),
          num(a.observed_agreement)] for name, a in report.attributes.items()]))
    parts += _confusion(report.confusion)
    parts += _gold(report)
    if report.gamma is not None:
        parts += _gamma(report)
    return parts


def _confusion(confusion: Confusion) -> list[str]:
    out = ["<h2>Label confusion</h2>",
           CAPTION + "Row: one annotator’s label; column: the other’s, summed over "
           "both orders of every pair of annotators, on the documents both took part in. "
           "Off the diagonal: where definitions blur; O: one annotator marked nothing "
           "there.</p>"]
    for title, matrix in (("Tokens", confusion.tokens), ("Spans that meet", confusion.spans)):
        out.append(f"<h3>{title}</h3>")
        out.append(_matrix(confusion.labels, matrix))
    return out


def _matrix(labels, matrix) -> str:
    if len(labels) < 2:
        return "<p>Nothing to show.</p>"
    # shades relative to the largest cell but "O against O" (most tokens, no news)
    top = max((v for i, row in enumerate(matrix) for j, v in enumerate(row)
               if not (i == j == len(labels) - 1)), default=0) or 1
    head = "".join(f"<th>{escape(x)}</th>" for x in labels)
    rows = []
    last = len(labels) - 1
    for i, (name, row) in enumerate(zip(labels, matrix, strict=True)):
        cells = "".join(
            f'<td style="text-align: right; background: rgba(31, 119, 180, '
            f'{0.05 + 0.6 * min(v / top, 1):.2f})">{v}</td>' if v and not i == j == last
            else f'<td style="text-align: right">{v}</td>' for j, v in enumerate(row))
        rows.append(f'<tr><th style="text-align: right">{escape(name)}</th>{cells}</tr>')
    return (f"<table><thead><tr><th></th>{head}</tr></thead>"
            f'<tbody>{"".join(rows)}</tbody></table>')


def _gold_cells(m: GoldMeasures) -> list[str]:
    return [num(m.spans), num(m.gold), num(m.precision), num(m.recall), num(m.f1),
            num(m.f1_partial), num(m.accepted_unchanged)]


def _gold(report: AgreementReport) -> list[str]:
    out = ["<h2>Annotators against gold</h2>"]
    if not report.against_gold:
        return out + ["<p>No document is adjudicated yet.</p>"]
    out.append(CAPTION + "On the adjudicated documents each annotator took part "
               "in: exact precision, recall and F1 of their spans against the gold layer, "
               "the partial (SemEval) F1, and the share of their spans gold holds as they "
               "marked them.</p>")
    measures = ["Spans", "Gold", "Precision", "Recall", "F1", "Partial F1",
                "Accepted unchanged"]
    out.append(table(["Annotator", "Documents", *measures],
                     [[escape(name), num(g.documents), *_gold_cells(g.measures)]
                      for name, g in report.against_gold.items()]))
    out.append("<h3>Per label</h3>")
    out.append(table(["Annotator", "Label", *measures],
                     [[escape(name), escape(label), *_gold_cells(m)]
                      for name, g in report.against_gold.items()
                      for label, m in g.labels.items()]))
    return out


def _gamma(report: AgreementReport) -> list[str]:
    g = report.gamma
    assert g is not None
    rows = [["All labels", num(g.values.gamma), ci(g.values.ci95),
             num(g.values.observed_disorder), num(g.values.expected_disorder)]]
    rows += [[escape(name), num(v.gamma), ci(v.ci95), num(v.observed_disorder),
              num(v.expected_disorder)] for name, v in g.labels.items()]
    return ["<h2>γ (Mathet et al. 2015)</h2>",
            CAPTION + "1 − observed / expected disorder of the best alignment of "
            f"units; the expected disorder over {g.samples} random continua (seed "
            f"{g.seed}), its 95 % interval from their spread.</p>",
            table(["Labels", "γ", "95 % CI", "Observed disorder", "Expected disorder"], rows)]
