"""The comparison of sources as one self-contained HTML page a researcher can put in an
appendix: per concept, the sources' wording side by side with the expressions that set a
source apart; labels and document labels per source as charts and tables; the chi-square
test with its residuals; the method, cited. Figures are PNG images drawn with
matplotlib's Agg canvas (no global backend touched), embedded as base64.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path

from annotator.core.compare import ChiSquare, Comparison, ConceptComparison, LogOddsResult
from annotator.reports.html_cells import png as _png
from annotator.reports.html_cells import table as _table

Z_CRITICAL = 1.96  # |z| above it: the difference is unlikely under equal use (p < .05)
TOP = 5  # distinctive items listed per source

REFERENCES = (
    "Monroe, B. L., Colaresi, M. P., &amp; Quinn, K. M. (2008). Fightin' words: Lexical "
    "feature selection and evaluation for identifying the content of political conflict. "
    "<i>Political Analysis</i>, 16(4), 372–403. https://doi.org/10.1093/pan/mpn018",
    "Cochran, W. G. (1954). Some methods for strengthening the common χ² tests. "
    "<i>Biometrics</i>, 10(4), 417–451.",
    "Haberman, S. J. (1973). The analysis of residuals in cross-classified tables. "
    "<i>Biometrics</i>, 29(1), 205–220.",
    "Cramér, H. (1946). <i>Mathematical methods of statistics</i>. Princeton University "
    "Press.",
)

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 78em; color: #222;
       line-height: 1.4; }
h1, h2, h3 { font-weight: 600; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
td { font-variant-numeric: tabular-nums; }
th { background: #f3f3f3; }
table.wording td { min-width: 11em; }
.expr { display: block; margin: 0.15em 0 0.45em; }
.expr q { font-weight: 600; }
.chip { display: inline-block; font-size: 0.78em; padding: 0 0.35em; border-radius: 0.25em;
        border-left: 0.6em solid #999; background: #f4f4f4; margin-left: 0.3em; }
.meta { color: #666; font-size: 0.82em; }
.neg { color: #b22; } .pos { color: #272; } .neu { color: #666; }
.strong { font-weight: 600; }
.hi-pos { background: #d7ecd7; } .hi-neg { background: #f3d6d6; }
.box { background: #f7f7f2; border: 1px solid #ddd; padding: 0.6em 1em; margin: 1em 0; }
.empty, .null { color: #999; }
.figures img { margin: 0 1em 1em 0; vertical-align: top; max-width: 100%; }
.doc-id { color: #777; font-size: 0.85em; }
"""

VALUE_COLORS = {"negative": "#c0392b", "neutral": "#9e9e9e", "positive": "#2e7d32"}
_POLARITY_CLASS = {"negative": "neg", "positive": "pos", "neutral": "neu"}
_POLARITY_SIGN = {"negative": "−", "positive": "+", "neutral": "○"}


def _f(value: float | None, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return '<span class="null">–</span>'
    return f"{value:.{digits}f}"


def _p(value: float | None) -> str:
    if value is None:
        return '<span class="null">–</span>'
    return "&lt; 0.001" if value < 0.001 else f"{value:.3f}"


def _source_head(c: Comparison) -> list[str]:
    return [escape(s.key) + ("" if s.name else ' <span class="meta">(no source)</span>')
            for s in c.sources]


def _chip(label: str, colors: Mapping[str, str]) -> str:
    color = colors.get(label, "#999999")
    return f'<span class="chip" style="border-left-color:{escape(color)}">{escape(label)}</span>'


def _wording(cc: ConceptComparison, c: Comparison, colors: Mapping[str, str]) -> str:
    cells = []
    for source in c.source_keys:
        items = []
        for e in cc.sources[source]:
            pol = " ".join(
                f'<span class="{_POLARITY_CLASS.get(v, "neu")}" title="{escape(v)}">'
                f'{_POLARITY_SIGN.get(v, escape(v))}{n}</span>' for v, n in e.polarity.items())
            who = (f"{e.count}× · {len(e.annotators)} of {len(c.annotators)} annotators"
                   if c.annotators else f"{e.count}× in gold")
            items.append(f'<span class="expr"><q>{escape(e.text)}</q>{_chip(e.label, colors)}'
                         f'<br><span class="meta">{who}'
                         f'{" · polarity " + pol if pol else ""}</span></span>')
        cells.append("".join(items) or '<span class="empty">—</span>')
    return _table(_source_head(c), [cells]).replace("<table>", '<table class="wording">', 1)


def _distinctive(result: LogOddsResult, sources: Sequence[str], what: str) -> str:
    if result.reason:
        return f'<p class="empty">No log-odds for {what}: {escape(result.reason)}.</p>'
    rows = []
    for source in sources:
        mine = [r for r in result.rows if r.source == source and r.count > 0 and r.z > 0][:TOP]
        if not mine:
            continue
        shown = "<br>".join(
            f'<span class="{"strong" if r.z >= Z_CRITICAL else ""}">{escape(r.item)}</span> '
            f'<span class="meta">z = {r.z:.2f} ({r.count} here, {r.others} elsewhere)</span>'
            for r in mine)
        rows.append([escape(source), shown])
    if not rows:
        return ""
    return (f"<p>The {what} each source used most distinctively (weighted log-odds against "
            f"all other sources; <b>bold</b>: z ≥ {Z_CRITICAL}).</p>"
            + _table(["Source", f"Most distinctive {what}"], rows))


def _grouped_bars(table: Mapping[str, Mapping[str, int]], sources: Sequence[str],
                  colors: Mapping[str, str], title: str, stacked: bool = False,
                  unit: str = "spans") -> str:
    import numpy as np
    from matplotlib.figure import Figure

    items = sorted({k for per in table.values() for k in per})
    if not items:
        return ""
    fig = Figure(figsize=(min(14, 2.5 + 1.2 * len(sources)), 4.2))
    ax = fig.add_subplot()
    x = np.arange(len(sources))
    width = 0.8 / (1 if stacked else len(items))
    bottom = np.zeros(len(sources))
    for k, item in enumerate(items):
        values = np.array([table.get(s, {}).get(item, 0) for s in sources], dtype=float)
        where = x if stacked else x + (k - (len(items) - 1) / 2) * width
        ax.bar(where, values, width=width * (0.8 if stacked else 1), bottom=bottom if stacked
               else None, label=item, color=colors.get(item))
        if stacked:
            bottom += values
    ax.set_xticks(x, labels=[s if len(s) <= 22 else s[:20] + "…" for s in sources],
                  rotation=20, ha="right")
    ax.set_ylabel(unit)
    ax.set_title(title)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _png(fig)


def _test(t: ChiSquare, what: str, unit: str = "places") -> str:
    if t.statistic is None:
        return f'<p class="empty">No test of {what}: {escape(t.reason or "")}.</p>'
    head = (f"<p>χ² = {t.statistic:.2f}, df = {t.dof}, N = {t.n} {unit}, "
            f"Cramér's V = {_f(t.cramers_v)}, ")
    if t.p_value is None:
        head += f"<b>no p-value</b>: {escape(t.reason or '')}.</p>"
    else:
        head += f"p = {_p(t.p_value)}.</p>"
    rows = []
    for i, row in enumerate(t.rows):
        cells = [escape(row)]
        for j in range(len(t.columns)):
            r = t.adjusted_residuals[i][j]
            # coloured only where there is a test to read them by
            cls = "" if t.p_value is None else (
                "hi-pos" if r >= Z_CRITICAL else "hi-neg" if r <= -Z_CRITICAL else "")
            cells.append(f'<span class="{cls}">{t.observed[i][j]} '
                         f'<span class="meta">({t.expected[i][j]:.1f}; {r:+.2f})</span></span>')
        rows.append(cells)
    colours = ("" if t.p_value is None else " Green: more than expected, red: fewer "
               f"(|residual| ≥ {Z_CRITICAL}).")
    return (head + f"<p>Each cell: observed {unit} (expected under independence; adjusted "
            f"standardized residual).{colours}</p>"
            + _table([escape(what.split()[0].capitalize()), *map(escape, t.columns)], rows))


def compare_html(c: Comparison, *, title: str = "How the sources framed it",
                 colors: Mapping[str, str] | None = None,
) -> str:
    colors = dict(colors or {})
    keys = list(c.source_keys)
    layer = ("the gold layer (adjudicated)" if c.layer == "gold" else
             f"the annotators' spans ({escape(', '.join(c.annotators)) or 'none'})")
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>Event: {escape(c.event or 'all documents')}. Compared: {layer}. "
        f"{len(keys)} sources.</p>",
        _table(["Source", "Documents"], [
            [escape(s.key), "<br>".join(
                f'{escape(t or d)} <span class="doc-id">{escape(d)}</span>'
                for d, t in zip(s.documents, s.titles or (None,) * len(s.documents),
                                strict=True))] for s in c.sources]),
        '<div class="box"><b>How to read this report.</b> For each concept (the thing the '
        "articles talk about) the table shows, side by side, the words each source used "
        "for it, with the label they were given, how many spans and annotators marked "
        "them, and their polarity (− negative, ○ neutral, + positive). Below it, the "
        "expressions and labels that set a source apart from all the others: the weighted "
        "log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &amp; Quinn "
        "2008), whose z-score is large when a source uses an item more often than the "
        "others by more than chance would explain; the prior, the pooled counts of all "
        f"sources, keeps items seen once or twice from standing out. |z| ≥ {Z_CRITICAL} "
        "corresponds to p &lt; 0.05 for a single item (many items are looked at: read the "
        "rankings, not single crossings). Labels × sources are tested for independence "
        "with Pearson's χ²; Cramér's V (0 to 1) says how strongly labels depend on the "
        "source; adjusted standardized residuals show which cells drive it. When expected "
        "counts are too small for the χ² approximation (Cochran's rule) no p-value is "
        "given. Statistics count distinct places in the texts: the same words marked by "
        "several annotators count once.</div>",
    ]
    for cc in c.concepts:
        con = cc.concept
        parts.append(f'<h2 id="concept-{escape(con.id)}">{escape(con.name or con.id)} '
                     f'<span class="doc-id">{escape(con.id)}</span></h2>')
        if con.description:
            parts.append(f"<p>{escape(con.description)}</p>")
        parts.append(_wording(cc, c, colors))
        parts.append(_distinctive(cc.expressions, keys, "expressions"))
        parts.append(_distinctive(cc.labels, keys, "labels"))
    if not c.concepts:
        parts.append('<p class="empty">No span is linked to a concept here.</p>')

    parts.append("<h2>Labels per source</h2>")
    label_table = {s: dict(v) for s, v in c.labels_by_source.items()}
    chart = _grouped_bars(_by_item(label_table, keys), keys, colors, "Spans per label")
    parts.append(f'<div class="figures">{chart}</div>')
    labels = sorted({lab for v in label_table.values() for lab in v})
    parts.append(_table(["Label", *map(escape, keys)], [
        [_chip(lab, colors), *(str(label_table[s].get(lab, 0)) for s in keys)]
        for lab in labels]))
    parts.append("<h3>Are labels independent of the source?</h3>")
    parts.append(_test(c.label_test, "labels × sources"))
    parts.append(_distinctive(c.label_odds, keys, "labels"))
    parts.append("<h3>Expressions over all concepts</h3>")
    parts.append(_distinctive(c.expression_odds, keys, "expressions"))

    if c.doc_labels:
        parts.append("<h2>Document labels per source</h2>")
        for name, per in c.doc_labels.items():
            parts.append(f"<h3>{escape(name.replace('_', ' ').capitalize())}</h3>")
            unit = "documents" if c.layer == "gold" else "annotators' judgements"
            chart = _grouped_bars(_by_item(per, keys), keys, VALUE_COLORS, name, stacked=True,
                                  unit=unit)
            parts.append(f'<div class="figures">{chart}</div>')
            values = sorted({v for counts in per.values() for v in counts})
            parts.append(_table(["Value", *map(escape, keys)], [
                [escape(v), *(str(per[s].get(v, 0)) for s in keys)] for v in values]))
            parts.append(_test(c.doc_label_tests[name], f"{name} × sources", unit))

    if c.notes:
        parts.append("<h2>Notes</h2><ul>" + "".join(f"<li>{escape(n)}</li>" for n in c.notes)
                     + "</ul>")
    parts.append("<h2>Method</h2><p>For source <i>i</i> against the other sources pooled "
                 "(<i>j</i>), with counts <i>y</i>, totals <i>n</i>, prior counts "
                 "α<sub>w</sub> = pooled count of <i>w</i> and α<sub>0</sub> = Σα<sub>w</sub>: "
                 "δ<sub>w</sub> = ln[(y<sub>wi</sub>+α<sub>w</sub>) / (n<sub>i</sub>+α<sub>0"
                 "</sub>−y<sub>wi</sub>−α<sub>w</sub>)] − ln[(y<sub>wj</sub>+α<sub>w</sub>) / "
                 "(n<sub>j</sub>+α<sub>0</sub>−y<sub>wj</sub>−α<sub>w</sub>)], "
                 "σ²<sub>w</sub> = 1/(y<sub>wi</sub>+α<sub>w</sub>) + 1/(y<sub>wj</sub>+"
                 "α<sub>w</sub>), z = δ<sub>w</sub>/σ<sub>w</sub> (Monroe et al. 2008, eqs. "
                 "16, 18, 22). χ² without continuity correction; V = √(χ²/(N·(min(r,c)−1))); "
                 "adjusted residual (O−E)/√(E(1−r/N)(1−c/N)) (Haberman 1973); no p-value when "
                 "an expected count is below 1 or more than 20 % are below 5 (Cochran 1954)."
                 "</p><h2>References</h2><ul>"
                 + "".join(f"<li>{r}</li>" for r in REFERENCES) + "</ul>")
    parts.append("</body></html>")
    return "\n".join(p for p in parts if p)


def _by_item(per_source: Mapping[str, Mapping[str, int]], sources: Sequence[str]
             ) -> dict[str, dict[str, int]]:
    """source → item → n, with every source present."""
    return {s: dict(per_source.get(s, {})) for s in sources}


def write_compare_html(c: Comparison, out: str | Path, **kwargs) -> None:
    Path(out).write_text(compare_html(c, **kwargs), encoding="utf-8")
