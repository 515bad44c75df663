"""Parts of the HTML reports: numbers with three decimals, intervals, the reading of
alpha, tables, figures as embedded PNG (shared by the agreement and comparison reports)."""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence
from typing import Any

from annotator.core.agreement import Interval

RELIABLE = 0.800
TENTATIVE = 0.667


def alpha_reading(value: float | None) -> str:
    """The usual reading of an alpha: reliable, tentative, not reliable (or undefined)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "undefined"
    if value >= RELIABLE:
        return "reliable"
    if value >= TENTATIVE:
        return "tentative"
    return "not reliable"


def num(value: Any) -> str:
    if value is None:
        return '<span class="null" title="undefined: see the notes">–</span>'
    if isinstance(value, int):
        return str(value)
    return f"{float(value):.3f}"


def ci(value: Interval | None) -> str:
    if value is None:
        return num(None)
    return f"[{value.low:.3f}, {value.high:.3f}]"


def reading(value: float | None) -> str:
    word = alpha_reading(value)
    return f'<span class="reading {word.replace(" ", "-")}">{word}</span>'


def table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    if not rows:
        return '<p class="empty">Nothing to show.</p>'
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'





def png(fig: Any) -> str:
    """A matplotlib figure as an embedded image, drawn with the Agg canvas directly so that
    no global backend (a GUI's Qt one) is touched."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img alt="" src="data:image/png;base64,{data}">'
