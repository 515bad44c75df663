"""Table cells of the HTML reports: numbers with three decimals, intervals, the reading of
alpha, tables (shared by the sections of the agreement report)."""

from __future__ import annotations

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



