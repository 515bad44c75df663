"""A table's one-line cells painted as Qt's own delegate paints them, at a fraction of
its cost.

Qt's delegate (QStyledItemDelegate, then the style's CE_ItemViewItem) asks the model for
seven roles of a cell, each a call into Python, and lays the cell's text out four or five
times (the item's size, each of its three parts' places, the elision, the drawing): two
thirds of the paint of a screenful of the reviewer's candidates. `OneLineCells` takes a
cell's answers from its model in one step (`cell(row, column)`: role -> answer) and paints
a plain cell itself: the background brush, the colour swatch of a colour decoration, the
text in its font, colour and alignment, elided at the right as the style elides it, at the
places the style gives those parts; a text is measured once (kept for the texts met
again: states, labels, voters) and drawn once. Any other cell (selected, focused,
disabled, right to left, or with a character its font does not hold, which Qt draws in
another font that moves the line) is left to Qt's delegate, so it looks as it always did.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from PySide6.QtCore import QLocale, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QIcon, QPalette, QPixmap, QRawFont
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

DISPLAY, DECORATION, FONT, ALIGNMENT, BACKGROUND, FOREGROUND = (
    int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.DecorationRole),
    int(Qt.ItemDataRole.FontRole), int(Qt.ItemDataRole.TextAlignmentRole),
    int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ForegroundRole))
_STATE = QStyle.StateFlag
# a cell in any of these states is Qt's to paint (a row, a cell, a table greyed)
_QTS = (_STATE.State_Selected | _STATE.State_HasFocus | _STATE.State_Editing).value
_ENABLED, _ACTIVE = _STATE.State_Enabled.value, _STATE.State_Active.value
_RIGHT = int(Qt.AlignmentFlag.AlignRight)
_ELIDE = Qt.TextElideMode.ElideRight
MEASURED_KEPT = 4096  # texts whose drawn form is kept; past that, forgotten all at once
FONTS_KEPT = 32


class _Font:
    """A font as a cell shows it (resolved against the view's): its metrics, the height
    of its line as Qt lays one out, the characters it holds itself."""

    def __init__(self, font):
        self.font = font
        self.metrics = QFontMetricsF(font)
        self.ascent = self.metrics.ascent()
        # QTextLayout.boundingRect: the line's ascent and descent, whole pixels up
        self.height = math.ceil(self.ascent + self.metrics.descent())
        self._raw = QRawFont.fromFont(font)
        self._held: set[str] = set()

    def holds(self, text: str) -> bool:
        """Whether the font itself has every character of `text` (else Qt draws some in
        another font, whose ascent moves the line)."""
        held = self._held
        if held.issuperset(text):
            return True
        for ch in set(text).difference(held):
            if not self._raw.supportsCharacter(ord(ch)):
                return False
            held.add(ch)
        return True


class OneLineCells(QStyledItemDelegate):
    """Paints `view`'s plain cells from `cell(row, column)`: role -> answer for the roles
    DisplayRole, DecorationRole (a colour), FontRole, TextAlignmentRole, BackgroundRole
    and ForegroundRole the cell has. The view does not wrap its text; `forget()` when its
    font, palette, style, locale or icon size changes."""

    def __init__(self, view: QTableView, cell: Callable[[int, int], Mapping[int, object]]):
        super().__init__(view)
        self._view = view
        self._cell = cell
        self.forget()

    def forget(self) -> None:
        self._fonts: dict[int | None, _Font] = {}
        self._cell_fonts: list = []  # the cells' fonts, kept so that no other takes an id
        self._places: dict[tuple, tuple] = {}
        self._icons: dict[int, QIcon] = {}
        self._pens: dict[int, object] = {}
        self._drawn: dict[tuple, tuple[str, float]] = {}
        self._locale = None

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        state = option.state.value
        if (state & _QTS or not state & _ENABLED
                or option.direction != Qt.LayoutDirection.LeftToRight):
            super().paint(painter, option, index)
            return
        cell = self._cell(index.row(), index.column())
        text = cell.get(DISPLAY)
        if text is not None and not isinstance(text, str):
            locale = self._locale if self._locale is not None else self._locale_of(option)
            text = self.displayText(text, locale)
        font = self._font(cell.get(FONT))
        if text and not font.holds(text):
            super().paint(painter, option, index)
            return
        rect = option.rect
        x, y, width, height = rect.getRect()
        decoration = cell.get(DECORATION)
        place = self._places.get((width, height, decoration is not None))
        if place is None:
            place = self._place(option, width, height, decoration is not None)
        text_left, text_width, text_top, text_height, swatch = place
        background = cell.get(BACKGROUND)
        if background is not None:
            painter.fillRect(rect, background)
        if decoration is not None:
            self._swatch(decoration, option).paint(painter, swatch.translated(x, y))
        if not text:
            return
        drawn = self._drawn.get((id(font), text, text_width))
        if drawn is None:
            drawn = self._measure(font, text, text_width)
        shown, advance = drawn
        left = x + text_left
        alignment = cell.get(ALIGNMENT)
        if alignment is not None and alignment & _RIGHT:
            left += text_width - advance
        foreground = cell.get(FOREGROUND)
        painter.setPen(foreground.color() if foreground is not None
                       else self._pen(state & _ACTIVE))
        painter.setFont(font.font)
        top = y + text_top + (text_height - font.height) // 2
        painter.drawText(QPointF(left, top + font.ascent), shown)

    def _measure(self, font: _Font, text: str, width: int) -> tuple[str, float]:
        """The text as drawn in `width` (elided at the right when it is wider, as the
        style elides it) and its advance."""
        metrics = font.metrics
        advance = metrics.horizontalAdvance(text)
        shown = text
        if advance > width:
            shown = metrics.elidedText(text, _ELIDE, width)
            advance = metrics.horizontalAdvance(shown)
        if len(self._drawn) >= MEASURED_KEPT:
            self._drawn.clear()
        self._drawn[(id(font), text, width)] = (shown, advance)
        return shown, advance

    def _font(self, font) -> _Font:
        """A cell's font, known by the font object the model answers with: a model that
        keeps its fonts (as CandidateModel does) has them measured once; one that makes a
        new font at each answer is measured anew, past FONTS_KEPT fonts."""
        got = self._fonts.get(id(font) if font is not None else None)
        if got is None:
            if len(self._fonts) >= FONTS_KEPT:
                self._fonts, self._cell_fonts, self._drawn = {}, [], {}
            view_font = self._view.font()
            got = _Font(view_font if font is None else font.resolve(view_font))
            self._fonts[id(font) if font is not None else None] = got
            self._cell_fonts.append(font)
        return got

    def _locale_of(self, option):
        self._locale = QLocale(option.locale)  # the view's, as it gives it to its cells
        return self._locale

    def _place(self, option, width: int, height: int, decorated: bool) -> tuple:
        """Where the style puts a cell's text (left, width, top, height) and swatch in a
        cell of this size: its own layout, asked once, of a cell with no text."""
        probe = QStyleOptionViewItem(option)
        probe.rect = QRect(0, 0, width, height)
        probe.text = ""
        feature = QStyleOptionViewItem.ViewItemFeature
        features = probe.features & ~feature.HasDisplay
        probe.features = (features | feature.HasDecoration if decorated
                          else features & ~feature.HasDecoration)
        view, element = self._view, QStyle.SubElement
        text = view.style().subElementRect(element.SE_ItemViewItemText, probe, view)
        swatch = view.style().subElementRect(element.SE_ItemViewItemDecoration, probe, view)
        # the style's own margin inside the text's place (QCommonStyle's viewItemDrawText)
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                          view) + 1
        got = self._places[(width, height, decorated)] = (
            text.x() + margin, text.width() - 2 * margin, text.y(), text.height(), swatch)
        return got

    def _swatch(self, color, option) -> QIcon:
        """A colour's swatch, as Qt's delegate makes one of a colour decoration."""
        got = self._icons.get(color.rgba())
        if got is None:
            pixmap = QPixmap(option.decorationSize)
            pixmap.fill(color)
            got = self._icons[color.rgba()] = QIcon(pixmap)
        return got

    def _pen(self, active: int):
        got = self._pens.get(active)
        if got is None:
            group = QPalette.ColorGroup.Normal if active else QPalette.ColorGroup.Inactive
            palette = self._view.palette()
            got = self._pens[active] = QColor(palette.color(group, QPalette.ColorRole.Text))
        return got
