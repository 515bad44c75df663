"""Colours and number formats the agreement view shares with the HTML report.

The heatmap uses viridis, as the HTML report does: ordered, readable in grey and by
people with red-green colour blindness. The reading of alpha (reliable, tentative, not
reliable) keeps the report's green, amber and red.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from annotator.core.agreement import Interval
from annotator.gui.colors import is_dark, mix
from annotator.reports import alpha_reading

# viridis at 0, 1/9, ..., 1 (matplotlib's published colour map)
_VIRIDIS = [QColor(c) for c in (
    "#440154", "#482878", "#3e4989", "#31688e", "#26828e",
    "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725")]

_READING = {  # (light page, dark page)
    "reliable": ("#dff0d8", "#24502a"),
    "tentative": ("#fcf0d2", "#5c4716"),
    "not reliable": ("#f8d7d7", "#612a2a"),
    "undefined": ("#ececec", "#3a3a3a"),
}
_BAR = {"reliable": "#4c9a52", "tentative": "#d99a2b", "not reliable": "#cc5a5a"}
TENTATIVE_LINE = QColor("#b36b00")
RELIABLE_LINE = QColor("#2d7a2d")


def viridis(t: float) -> QColor:
    t = max(0.0, min(1.0, t)) * (len(_VIRIDIS) - 1)
    i = min(int(t), len(_VIRIDIS) - 2)
    return mix(_VIRIDIS[i], _VIRIDIS[i + 1], t - i)


def heat(value: float | None, low: float, palette: QPalette) -> QColor:
    """The cell colour of ``value`` on a scale from ``low`` to 1 (the report's)."""
    if value is None:
        return QColor("#4a4a4a") if is_dark(palette) else QColor("#e6e6e6")
    span = 1.0 - low
    return viridis((value - low) / span if span > 0 else 1.0)


def ink_on(color: QColor) -> QColor:
    """Black or white text, whichever reads better on ``color``."""
    luma = 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()
    return QColor("#000000") if luma > 0.45 else QColor("#ffffff")


def reading_background(value: float | None, palette: QPalette) -> QColor:
    light, dark = _READING[alpha_reading(value)]
    return QColor(dark if is_dark(palette) else light)


def bar_color(value: float | None, by_reading: bool, palette: QPalette) -> QColor:
    if by_reading and value is not None:
        return QColor(_BAR[alpha_reading(value)])
    return palette.color(QPalette.ColorRole.Highlight)


def num(value: float | int | None, digits: int = 3) -> str:
    """A number as people read it here (the report keeps every digit); – for undefined."""
    if value is None:
        return "–"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:.{digits}f}"


def interval(ci: Interval | None) -> str:
    return "–" if ci is None else f"{ci.low:.3f} – {ci.high:.3f}"
