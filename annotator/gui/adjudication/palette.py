"""Colours of the adjudication view: label tints over the page, and the agreement levels
and decision states, chosen to stay readable on light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from annotator.core import adjudication as adj
from annotator.core.model import Codebook

FALLBACK = "#888888"

# Muted so that a table full of them stays calm; the hue carries the meaning.
LEVEL_COLORS = {
    adj.UNANIMOUS: "#2e7d32",
    adj.MAJORITY: "#1565c0",
    adj.MINORITY: "#c77700",
    adj.SINGLE: "#757575",
}
CONFLICT_COLOR = "#c62828"
STATE_COLORS = {
    adj.OPEN: "#757575",
    adj.ACCEPTED: "#2e7d32",
    adj.EDITED: "#6a1b9a",
    adj.REJECTED: "#c62828",
    "added": "#00838f",
}
STATE_TEXT = {
    adj.OPEN: "open",
    adj.ACCEPTED: "✓ accepted",
    adj.EDITED: "✎ edited",
    adj.REJECTED: "✗ rejected",
    "added": "+ added",
}
LEVEL_TEXT = {
    adj.UNANIMOUS: "unanimous",
    adj.MAJORITY: "majority",
    adj.MINORITY: "minority",
    adj.SINGLE: "single",
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def mix(under: QColor, over: QColor, alpha: float) -> QColor:
    return QColor.fromRgbF(under.redF() * (1 - alpha) + over.redF() * alpha,
                           under.greenF() * (1 - alpha) + over.greenF() * alpha,
                           under.blueF() * (1 - alpha) + over.blueF() * alpha)


class Tints:
    """Label colours, solid (for marks and swatches) and as a tint over the page."""

    def __init__(self, codebook: Codebook, palette: QPalette):
        self.dark = is_dark(palette)
        self.base = palette.color(QPalette.ColorRole.Base)
        self._solid = {}
        for label in codebook.labels:
            color = QColor(label.color or FALLBACK)
            if self.dark and color.lightnessF() < 0.45:
                color = color.lighter(150)  # dark label colours vanish on a dark page
            self._solid[label.name] = color

    def solid(self, label: str) -> QColor:
        return self._solid.get(label) or QColor(FALLBACK)

    def tint(self, label: str, strength: float = 0.35) -> QColor:
        return mix(self.base, self.solid(label), strength + (0.1 if self.dark else 0.0))

    def readable(self, color: str) -> QColor:
        """A level or state colour lifted on a dark page."""
        got = QColor(color)
        return got.lighter(160) if self.dark else got
