"""Label colours over the system's light or dark palette, kept readable.

A span's background is its label colour laid over the page with some transparency;
stacked spans lay their colours one over the other, so overlaps read as deeper tints
(each span still has its own underline). Text keeps the palette's text colour: the tint
is light on a light page and dark on a dark page, so contrast stays high in both.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from annotator.core.model import Codebook

FALLBACK = "#888888"


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def mix(under: QColor, over: QColor, alpha: float) -> QColor:
    a = max(0.0, min(1.0, alpha))
    return QColor.fromRgbF(under.redF() * (1 - a) + over.redF() * a,
                           under.greenF() * (1 - a) + over.greenF() * a,
                           under.blueF() * (1 - a) + over.blueF() * a)


class LabelColors:
    """Colours per label for one palette; rebuilt when the palette changes."""

    def __init__(self, codebook: Codebook, palette: QPalette):
        self.dark = is_dark(palette)
        self.base = palette.color(QPalette.ColorRole.Base)
        self.text = palette.color(QPalette.ColorRole.Text)
        self.solid: dict[str, QColor] = {}
        for label in codebook.labels:
            color = QColor(label.color or FALLBACK)
            if self.dark and color.lightnessF() < 0.45:
                # dark label colours vanish on a dark page: lift them
                color = color.lighter(150)
            self.solid[label.name] = color
        # First layer strong enough to see, later layers lighter so stacks stay readable.
        self.alphas = (0.42, 0.3, 0.22) if self.dark else (0.32, 0.24, 0.18)
        self._cache: dict[tuple[str, ...], QColor] = {}

    def color(self, label: str) -> QColor:
        got = self.solid.get(label)
        if got is None:
            got = self.solid[label] = QColor(FALLBACK)
        return got

    def background(self, labels: tuple[str, ...]) -> QColor:
        """The tint for text covered by `labels` (bottom layer first)."""
        got = self._cache.get(labels)
        if got is None:
            got = QColor(self.base)
            for k, label in enumerate(labels[:6]):
                got = mix(got, self.color(label), self.alphas[min(k, len(self.alphas) - 1)])
            self._cache[labels] = got
        return got

    def tint(self, label: str, strength: float = 0.35) -> QColor:
        """One label's colour over the page at a chosen strength (the reviewer's panes
        mark gold, candidates and the selection apart by strength)."""
        return mix(self.base, self.color(label), strength + (0.1 if self.dark else 0.0))

    def readable(self, color: str) -> QColor:
        """A fixed colour (a state, a level) lifted on a dark page."""
        got = QColor(color)
        return got.lighter(160) if self.dark else got
