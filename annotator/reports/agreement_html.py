"""The agreement report as one self-contained HTML page for people to read.

Tables of every measure, pairwise heatmaps of Cohen's kappa and of span F1, per-label
bars of alpha with their intervals, the usual reading of alpha (≥ 0.800 reliable,
≥ 0.667 tentative, below: not reliable), and, when given, the spans each label's
annotators disagree on most. Figures are PNG images embedded as base64, drawn with
matplotlib's Agg canvas directly, so that no global backend (a GUI's Qt one) is touched.
Numbers are shown with three decimals; the JSON and CSV forms keep them unrounded.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import IO, Any

from annotator.core.agreement import AgreementReport, Measures, PairMeasures
from annotator.reports.agreement_codebook_html import sections
from annotator.reports.html_cells import (
    RELIABLE,
    TENTATIVE,
    ci,
    num,
    png,
    reading,
    table,
)

# (name, value, read as an alpha)
_MEASURES: tuple[tuple[str, Callable[[Measures], float | None], bool], ...] = (
    ("Krippendorff's α (tokens)", lambda m: m.krippendorff_alpha, True),
    ("Fleiss' κ", lambda m: m.fleiss_kappa, False),
    ("Cohen's κ, mean over pairs", lambda m: m.cohen_kappa_mean, False),
    ("Gwet's AC1", lambda m: m.gwet_ac1, False),
    ("Span F1 (exact), mean over pairs", lambda m: m.span_f1_mean, False),
    ("Span F1 (partial, SemEval), mean over pairs", lambda m: m.span_f1_partial_mean, False),
    ("Krippendorff's α_U (characters)", lambda m: m.unitizing_alpha, True),
)


def _heatmap(annotators: Sequence[str], pairs: Sequence[PairMeasures],
             value_of: Callable[[PairMeasures], float | None], title: str) -> str:
    """Annotators × annotators matrix of one pairwise measure."""
    import matplotlib
    import numpy as np
    from matplotlib.figure import Figure

    n = len(annotators)
    index = {a: i for i, a in enumerate(annotators)}
    grid = np.full((n, n), np.nan)
    for p in pairs:
        value = value_of(p)
        if value is not None:
            grid[index[p.a], index[p.b]] = grid[index[p.b], index[p.a]] = value
    side = 1.2 + 0.55 * n
    fig = Figure(figsize=(side + 1.2, side))
    ax = fig.add_subplot()
    low = min(0.0, float(np.nanmin(grid))) if np.isfinite(grid).any() else 0.0
    cmap = matplotlib.colormaps["viridis"].with_extremes(bad="#e6e6e6")
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=low, vmax=1.0)
    ax.set_xticks(range(n), labels=annotators, rotation=45, ha="right")
    ax.set_yticks(range(n), labels=annotators)
    if n <= 15:
        for i in range(n):
            for j in range(n):
                if i != j:
                    text = "–" if math.isnan(grid[i, j]) else f"{grid[i, j]:.2f}"
                    ax.text(j, i, text, ha="center", va="center", fontsize=8,
                            color="white" if not math.isnan(grid[i, j]) and grid[i, j] < 0.5
                            else "black")  # fmt: skip
    ax.set_title(title)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    return png(fig)


def _label_bars(labels: Mapping[str, Measures]) -> str:
    """Per label: alpha with its interval, span F1 and α_U, against the reading's lines."""
    import numpy as np
    from matplotlib.figure import Figure

    names = list(labels)
    series: tuple[tuple[Callable[[Measures], float | None], str], ...] = (
        (lambda m: m.krippendorff_alpha, "α (tokens)"),
        (lambda m: m.span_f1_mean, "span F1"),
        (lambda m: m.unitizing_alpha, "α_U"),
    )
    y = np.arange(len(names))
    height = 0.8 / len(series)
    fig = Figure(figsize=(8, 1.2 + 0.45 * len(names) * len(series) / 2))
    ax = fig.add_subplot()
    for k, (value_of, title) in enumerate(series):
        values = [value_of(labels[n]) for n in names]
        shown = [v if v is not None else np.nan for v in values]
        offset = y + (k - (len(series) - 1) / 2) * height
        xerr = None
        if k == 0:  # alpha, with its interval
            err = np.zeros((2, len(names)))
            for i, n in enumerate(names):
                ci = labels[n].krippendorff_alpha_ci95
                if ci is not None and values[i] is not None:
                    err[:, i] = [max(0.0, values[i] - ci.low), max(0.0, ci.high - values[i])]
            xerr = err
        ax.barh(offset, shown, height=height, label=title, xerr=xerr, capsize=2)
    ax.axvline(TENTATIVE, color="#b36b00", linestyle="--", linewidth=1)
    ax.axvline(RELIABLE, color="#2d7a2d", linestyle="--", linewidth=1)
    ax.set_yticks(y, labels=names)
    ax.invert_yaxis()
    ax.set_xlim(min(0.0, ax.get_xlim()[0]), 1.0)
    ax.set_xlabel("value (no bar: undefined; dashed lines: 0.667 and 0.800)")
    # Above the plot: inside, it hides the bars of the last labels.
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(series), fontsize=8,
              frameon=False)
    return png(fig)


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; color: #222; }
h1, h2, h3 { font-weight: 600; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
td { font-variant-numeric: tabular-nums; }
th { background: #f3f3f3; }
.null { color: #999; }
.reading { padding: 0 0.4em; border-radius: 0.3em; }
.reliable { background: #dff0d8; }
.tentative { background: #fcf0d2; }
.not-reliable { background: #f8d7d7; }
.undefined { background: #eee; }
.figures img { margin: 0 1em 1em 0; vertical-align: top; }
.notes li { margin: 0.2em 0; }
.span-text { font-style: italic; }
.doc-id { color: #777; font-size: 0.85em; }
.offsets { white-space: nowrap; }
"""


def agreement_html(
    report: AgreementReport,
    *,
    disagreements: Mapping[str, Sequence[Any]] | None = None,
    title: str = "Inter-annotator agreement",
    titles: Mapping[str, str | None] | None = None,
) -> str:
    """The report as an HTML page. ``disagreements``: per label, the spans annotators
    disagree on most (``annotator.core.agreement.most_disagreed_spans``). ``titles``:
    documents' titles by id, shown beside the ids (the report itself has ids only)."""
    titles = titles or {}
    annotators = list(report.annotators)
    overall = report.overall
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{len(annotators)} annotators ({escape(', '.join(annotators)) or 'none'}), "
        f"{report.documents} documents, {report.tokens} tokens.</p>",
        '<p>Reading of alpha: ≥ 0.800 <span class="reading reliable">reliable</span>, '
        '≥ 0.667 <span class="reading tentative">tentative</span>, below: '
        '<span class="reading not-reliable">not reliable</span>. '
        "– marks a value the data leave undefined; the notes at the end say why.</p>",
        "<h2>Overall</h2>",
    ]
    rows = []
    for k, (name, value_of, is_alpha) in enumerate(_MEASURES):
        value = value_of(overall)
        extra = "95 % CI " + ci(overall.krippendorff_alpha_ci95) if k == 0 else ""
        rows.append([escape(name), num(value), extra, reading(value) if is_alpha else ""])
    parts.append(table(["Measure", "Value", "Interval", "Reading"], rows))

    parts.append("<h2>Pairs of annotators</h2>")
    pairs = report.pairs
    parts.append(_pairtable(pairs))
    if len(annotators) >= 2:
        parts.append('<div class="figures">')
        parts.append(_heatmap(annotators, pairs, lambda p: p.cohen_kappa, "Cohen's κ"))
        parts.append(_heatmap(annotators, pairs, lambda p: p.span_f1, "Span F1 (exact)"))
        parts.append("</div>")

    labels = report.labels
    parts.append("<h2>Labels</h2>")
    if labels:
        measures = {name: entry.measures for name, entry in labels.items()}
        parts.append(f'<div class="figures">{_label_bars(measures)}</div>')
    rows = []
    for name, entry in labels.items():
        m = entry.measures
        rows.append([
            escape(name), num(entry.support), num(m.krippendorff_alpha),
            ci(m.krippendorff_alpha_ci95), reading(m.krippendorff_alpha),
            num(m.fleiss_kappa), num(m.cohen_kappa_mean), num(m.gwet_ac1),
            num(m.span_f1_mean), num(m.span_f1_partial_mean), num(m.unitizing_alpha),
        ])  # fmt: skip
    parts.append(table(
        ["Label", "Spans", "α", "95 % CI", "Reading", "Fleiss' κ", "Cohen's κ", "AC1",
         "Span F1", "Partial F1", "α_U"], rows,
    ))  # fmt: skip

    for name, entry in labels.items():
        parts.append(f"<h3>{escape(name)}: pairs</h3>")
        parts.append(_pairtable(entry.pairs))
        if disagreements is not None:
            parts.append(_disagreementtable(disagreements.get(name, ()), titles))

    parts.append("<h2>Document labels</h2>")
    parts.append(table(
        ["Name", "Documents with two values or more", "α", "Reading"],
        [[escape(n), num(e.units), num(e.krippendorff_alpha),
          reading(e.krippendorff_alpha)] for n, e in report.doc_labels.items()],
    ))  # fmt: skip

    parts.append("<h2>Documents</h2>")
    parts.append(table(
        ["Document", "Annotators", "α", "Span F1, mean over pairs"],
        [[_document(d.id, titles), escape(", ".join(d.annotators)),
          num(d.krippendorff_alpha), num(d.span_f1_mean)]
         for d in report.documents_detail],
    ))  # fmt: skip

    parts += sections(report)
    parts.append("<h2>Notes</h2>")
    notes = report.notes
    if notes:
        parts.append('<ul class="notes">' + "".join(f"<li>{escape(n)}</li>" for n in notes)
                     + "</ul>")  # fmt: skip
    else:
        parts.append("<p>None.</p>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _pairtable(pairs: Sequence[PairMeasures]) -> str:
    return table(
        ["A", "B", "Documents shared", "Cohen's κ", "Span F1", "Span F1 (partial)"],
        [[escape(p.a), escape(p.b), num(p.documents), num(p.cohen_kappa), num(p.span_f1),
          num(p.span_f1_partial)] for p in pairs],
    )


def _document(doc_id: str, titles: Mapping[str, str | None]) -> str:
    title = titles.get(doc_id)
    if not title:
        return escape(doc_id)
    return f'{escape(title)}<br><span class="doc-id">{escape(doc_id)}</span>'


def _disagreementtable(items: Sequence[Any], titles: Mapping[str, str | None]) -> str:
    head = "<h4>Spans disagreed on most</h4>"
    if not items:
        return head + '<p class="empty">No span was marked by some and not by others.</p>'
    rows = []
    for x in items:
        missing = ", ".join(
            f"{a} (overlapping span)" if a in x.overlapping else a for a in x.not_marked_by
        )
        rows.append([
            _document(x.document, titles), f'<span class="offsets">{x.start}–{x.end}</span>',
            f'<span class="span-text">{escape(x.text)}</span>',
            escape(", ".join(x.marked_by)), escape(missing), f"{x.score:.2f}",
        ])  # fmt: skip
    return head + table(
        ["Document", "Offsets", "Text", "Marked by", "Not marked by", "Disagreement"], rows
    )


def write_agreement_html(
    report: AgreementReport,
    target: str | Path | IO[str],
    *,
    disagreements: Mapping[str, Sequence[Any]] | None = None,
    title: str = "Inter-annotator agreement",
    titles: Mapping[str, str | None] | None = None,
) -> None:
    text = agreement_html(report, disagreements=disagreements, title=title, titles=titles)
    if isinstance(target, str | Path):
        Path(target).write_text(text, encoding="utf-8")
    else:
        target.write(text)
