"""The document as annotators read it: select, press a label's key, see every span.

A read-only QPlainTextEdit (it lays out only what is shown). Backgrounds come from the
highlighter; on top, each span gets its own underline, stacked when spans overlap, and
the selected span a frame. Hovering lists every label under the pointer. Positions are
Qt's UTF-16 ones; the session converts them to code points.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QRegion,
    QResizeEvent,
    QTextCursor,
    QTextLine,
)
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QToolTip, QWidget

from annotator.gui.colors import LabelColors
from annotator.gui.highlighter import (
    SpanHighlighter,
    blocks_down,
    label_style,
    match_blocks,
    visible_blocks,
)
from annotator.gui.lifetime import connect_for
from annotator.gui.names import fields_text
from annotator.gui.qt_namespace import (
    SELECTABLE_BY_KEYBOARD,
    SELECTABLE_BY_MOUSE,
    Qt,
    set_enum_property,
)
from annotator.gui.session import Session
from annotator.gui.span_edges import END, START

BAR = 2.0  # underline thickness
BAR_GAP = 1.0
FRAME_REACH = 4  # pixels a frame's pen reaches past its line
MAX_BARS = 3  # stacked underlines drawn per line; deeper stacks show in the tooltip
MAX_BANDS = 4  # separate parts of a repaint painted one by one, at most
READING_WIDTH_EM = 46  # a comfortable line length; the text is centred beyond it
ZOOM_STEP = 1.1


def apart(region: QRegion) -> list[QRect] | None:
    """The few bands of lines a repaint is made of, when painting them one by one covers
    much less than their bounding rect (None: paint the region in one go)."""
    if region.rectCount() < 2:
        return None
    bands: dict[tuple[int, int], QRect] = {}
    for rect in region:
        key = (rect.top(), rect.bottom())
        bands[key] = bands[key].united(rect) if key in bands else rect
    if not 1 < len(bands) <= MAX_BANDS:
        return None
    covered = sum(rect.height() for rect in bands.values())
    return list(bands.values()) if 3 * covered < 2 * region.boundingRect().height() else None


def _span_lines(layout, block: tuple[int, int], span: tuple[int, int]):
    """The first and last line of a block's layout that a UTF-16 range reaches (None: the
    block is not laid out, or the range is not in it)."""
    bs, be = block
    s, e = max(span[0], bs) - bs, min(span[1], be) - bs
    if layout is None or layout.lineCount() == 0 or e <= s:
        return None
    first = max(layout.lineForTextPosition(s).lineNumber(), 0)
    return first, max(layout.lineForTextPosition(e - 1).lineNumber(), first)


def _line_at(layout, y: float) -> int:
    """The last line of a layout starting at or above `y` (relative to its block)."""
    found = 0
    for k in range(layout.lineCount()):
        if layout.lineAt(k).y() > y:
            break
        found = k
    return found


class TextView(QPlainTextEdit):
    label_requested = Signal(str)  # a label's hotkey was pressed

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._own_viewport()
        self.session = session
        self.setObjectName("text_view")
        self.setReadOnly(True)
        set_enum_property(self, "textInteractionFlags",
                          SELECTABLE_BY_MOUSE | SELECTABLE_BY_KEYBOARD)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(12)
        self.setPlaceholderText("Open a document from the list on the left.")
        base = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        self._base_points = max(base.pointSizeF(), 9.0) * 1.25
        self.zoom_steps = 0.0
        self._apply_font()
        self.highlighter = SpanHighlighter(self.document())
        self.colors = LabelColors(session.codebook, self.palette())
        self._formatting = False
        self._bar_cache: dict[int, list] = {}  # block -> underline rectangles
        self._press: QPoint | None = None
        self._hotkeys: dict[str, str] = {}
        self.suggestions = None  # gui.suggestions.Suggestions, once attached
        self._update_hotkeys()
        self.verticalScrollBar().valueChanged.connect(self.format_visible)
        self._behind = False  # hidden while another document opened: shown on return
        session.document_opened.connect(self._show_document)
        session.workbench_shown.connect(self._workbench_shown)
        session.spans_changed.connect(self._spans_changed)
        self._framed: tuple[int, int] | None = None  # the selected span's UTF-16 range
        session.selection_changed.connect(self._selection_changed)
        connect_for(self, session.codebook_changed, self._codebook_changed)

    def _own_viewport(self) -> None:
        """A viewport made by Python, set up as Qt sets up its own. The one Qt made, handed
        to Python at the first `viewport()`, is a plain QWidget known to Python only as
        a QWidget*: PySide looked for its class among every QWidget subclass and made
        all their types first, 60-odd with their enums (20-25 ms before the first
        paint). The I-beam pointer comes at the turn after the first paint (`first_painted`),
        with the Qt namespace its shape is named in."""
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        self.setViewport(viewport)  # Qt deletes its own
        # the layout measured text on the old viewport: fonts and DPI come from here
        self.document().documentLayout().setPaintDevice(viewport)

    def first_painted(self) -> None:
        """At the turn after the window's first paint."""
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)

    def attach_suggestions(self, layer) -> None:
        """Show a layer of suggestions (dashed outlines) and let keys act on its current
        one."""
        self.suggestions = layer
        layer.changed.connect(self.viewport().update)
        layer.current_changed.connect(lambda _id: self.viewport().update())

    def reveal_suggestion(self, item) -> None:
        """Scroll a suggestion (a SpanItem of the suggestions' layer) into view."""
        if item is not None:
            self._centre_on(item.s16)
            self.viewport().update()

    # ---------------------------------------------------------------- showing

    def _update_hotkeys(self) -> None:
        self._hotkeys = {lab.hotkey.lower(): lab.name for lab in self.session.codebook.labels
                         if lab.hotkey}

    def _show_document(self) -> None:
        if self.session.workbench_hidden:
            # Reviewer mode shows the document: laying it out here as well, unseen, took
            # a third of each switch there. The old text stays (the highlighter keeps its
            # own index of it), unselected, until the workbench comes back.
            self._behind = True
            self.clear_selection()
            return
        self._behind = False
        doc = self.session.doc
        self.highlighter.attach(None, None)
        self.forget_geometry()
        with self.highlighter.deaf():
            self.setPlainText(doc.index.qt_text() if doc is not None else "")
        if doc is None:
            return
        index = doc.index
        match_blocks(self.document(), index)
        self.highlighter.attach(index, label_style(self.colors))
        self.format_visible()

    def _workbench_shown(self, shown: bool) -> None:
        if shown:
            self.catch_up()

    def catch_up(self) -> None:
        """Show the session's document if it opened while the workbench was hidden (its
        spans as they are now, another user's included)."""
        if self._behind:
            self._show_document()

    def _spans_changed(self, delta) -> None:
        drawn = {n: self._bar_cache.get(n) for n in delta.blocks}
        self.forget_geometry(delta.blocks)
        self.highlighter.refresh(delta.blocks, quiet=True)
        self.update_blocks(delta.blocks, self._new_spans_lines(delta, drawn))

    def _new_spans_lines(self, delta, drawn: dict):
        """For new spans alone: the lines of a block that labelling changed, those the
        new spans cover and those whose underlines moved (a new span can push an
        overlapping one's underline down a level on lines of its own). None when a
        span went or moved: where it was drawn is no longer known."""
        doc = self.session.doc
        if doc is None or delta.reset or any(op != "insert" for op, _row in delta.ops):
            return None
        index = doc.index
        items = [index.by_id.get(i) for i in delta.ids]
        if None in items:
            return None

        def lines(n: int, layout) -> tuple[int, int] | None:
            before = drawn.get(n)
            if not before or layout.lineCount() == 0:
                # not painted yet, or its first span: Qt, laying out with formats a
                # block that had none, may draw even its untouched lines a shade apart
                return None
            block = index.block_range(n)
            now = self._bar_cache[n] = self._bar_rects(layout, index.paint(n).bars)
            changed = {_line_at(layout, y) for _x, y, _w, _label in set(before) ^ set(now)}
            for it in items:
                got = _span_lines(layout, block, (it.s16, it.e16))
                if got is not None:
                    changed.update(got)
            return (min(changed), max(changed)) if changed else None

        return lines

    def _selection_changed(self, _span_id) -> None:
        framed = self._framed
        item = self.session.selected_item()
        self._framed = (item.s16, item.e16) if item is not None else None
        doc = self.session.doc
        if doc is None:
            return
        # the lines framed, not their paragraphs: the frame is all that changed there
        index = doc.index
        for was in (framed, self._framed):
            if was is not None:
                self.update_blocks(
                    index.blocks_of(*was),
                    lambda n, layout, was=was: _span_lines(layout, index.block_range(n), was))

    def update_blocks(self, blocks, lines=None) -> None:
        """Repaint where these blocks are shown, not the whole view: labelling repainted
        every line on screen for the one that changed. The underlines reach down into
        the line below, and frames a little around. `lines(n, layout)`: the first and
        last line of block n to repaint, None for all of it (laid out when asked)."""
        wanted = set(blocks)
        if not wanted:
            return
        last = max(wanted)
        reach = self.fontMetrics().height()
        viewport = self.viewport()
        width = viewport.width()
        for block, geo in self._blocks_reaching(viewport.height()):
            n = block.blockNumber()
            if n > last:
                break
            if n not in wanted:
                continue
            top, bottom = geo.top(), geo.bottom()
            got = lines(n, block.layout()) if lines is not None else None
            if got is not None:
                layout = block.layout()
                first, end = layout.lineAt(got[0]), layout.lineAt(got[1])
                top, bottom = geo.top() + first.y(), geo.top() + end.y() + end.height()
            viewport.update(QRect(0, int(top) - FRAME_REACH, width,
                                  int(bottom - top) + reach + 2 * FRAME_REACH))

    def visible_blocks(self) -> tuple[int, int]:
        return visible_blocks(self)

    def format_visible(self, *_args) -> None:
        if self._formatting or self.session.doc is None:
            return
        self._formatting = True
        try:
            self.highlighter.show_visible(self)
        finally:
            self._formatting = False

    def resizeEvent(self, event) -> None:  # noqa: N802
        # the margins first: Qt lays the text out here, for the viewport's new width
        self._centre_text(relayout=False)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.forget_geometry()
        self.format_visible()

    def _centre_text(self, relayout: bool = True) -> None:
        width = self.fontMetrics().averageCharWidth() * READING_WIDTH_EM * 2
        side = max(0, int((self.width() - width) / 2))
        if side == self.viewportMargins().left():
            return
        self.setViewportMargins(side, 0, side, 0)
        if relayout:
            # Qt lays the text out again when the widget's width changes, not its
            # margins': without this the text stays as wide as the old viewport
            QPlainTextEdit.resizeEvent(self, QResizeEvent(self.size(), QSize()))
            self.forget_geometry()

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._recolour()

    def _codebook_changed(self) -> None:
        self._update_hotkeys()
        self._recolour()

    def _recolour(self) -> None:
        self.colors = LabelColors(self.session.codebook, self.palette())
        self.session.doc and self.session.doc.index.forget_paint()
        self.session.kept.clear()  # their paint was worked out in the old colours
        self.highlighter.restyle(label_style(self.colors))
        self.format_visible()
        self.viewport().update()

    # ---------------------------------------------------------------- zoom

    def _apply_font(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, self._base_points * ZOOM_STEP ** self.zoom_steps))
        self.setFont(font)

    def set_zoom(self, steps: float) -> None:
        self.zoom_steps = max(-6.0, min(12.0, steps))
        self._apply_font()
        self.forget_geometry()
        self._centre_text()
        self.format_visible()

    def zoom_by(self, delta: float) -> None:
        self.set_zoom(0.0 if delta == 0 else self.zoom_steps + delta)

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    # ---------------------------------------------------------------- positions

    def selection_range(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return cursor.selectionStart(), cursor.selectionEnd()

    def select_range(self, s16: int, e16: int) -> None:
        self.catch_up()  # the positions are the session's document's
        cursor = QTextCursor(self.document())
        cursor.setPosition(s16)
        cursor.setPosition(e16, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.format_visible()

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    def reveal(self, span_id: int) -> None:
        """Scroll a span into the middle of the view (the text cursor goes to its start)."""
        doc = self.session.doc
        item = doc.index.by_id.get(span_id) if doc else None
        if item is not None:
            self._centre_on(item.s16)

    def _centre_on(self, s16: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(s16)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.format_visible()

    def char_at(self, point: QPoint) -> int | None:
        """The UTF-16 position of the character under a viewport point, if any."""
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        while block.isValid():
            geo = self.blockBoundingGeometry(block).translated(offset)
            if geo.top() > point.y():
                return None
            if geo.bottom() >= point.y():
                layout = block.layout()
                y = point.y() - geo.top()
                x = point.x() - geo.left()
                for k in range(layout.lineCount()):
                    line = layout.lineAt(k)
                    if line.y() <= y < line.y() + line.height():
                        if x < line.x() or x > line.x() + line.naturalTextWidth():
                            return None
                        rel = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
                        end = line.textStart() + line.textLength()
                        return block.position() + min(rel, max(line.textStart(), end - 1))
                return None
            block = block.next()
        return None

    # ---------------------------------------------------------------- user actions

    def apply_label(self, label: str) -> None:
        """A label chosen (hotkey or palette): label the selection, or relabel the span."""
        session = self.session
        got = self.selection_range()
        if got is not None:
            if session.label_selection(got[0], got[1], label) is not None:
                self.clear_selection()
        elif session.selected is not None:
            session.relabel(session.selected, label)
        else:
            session.message.emit("Select some text, or click a span, then choose a label.")
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        text = event.text()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if self.selection_range() is None and self._suggestion_key(event, mods, key, text):
            event.accept()
            return
        if plain and text and text.lower() in self._hotkeys:
            self.label_requested.emit(self._hotkeys[text.lower()])
            event.accept()
            return
        session = self.session
        if mods == Qt.KeyboardModifier.NoModifier and key in (Qt.Key.Key_Delete,
                                                               Qt.Key.Key_Backspace):
            if session.selected is not None:
                session.delete_span(session.selected)
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            if self.selection_range() is not None:
                self.clear_selection()
            else:
                session.select(None)
            event.accept()
            return
        alt = Qt.KeyboardModifier.AltModifier
        if mods & alt and key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up,
                                  Qt.Key.Key_Down):
            self._alt_arrow(key, bool(mods & Qt.KeyboardModifier.ShiftModifier))
            event.accept()
            return
        super().keyPressEvent(event)

    def _suggestion_key(self, event: QKeyEvent, mods, key, text: str) -> bool:
        """Keys on the current suggestion: Enter accepts, a label's key accepts it as that
        label, Del rejects, Esc lets go of it. False when there is none or the key is
        not one of those."""
        layer = self.suggestions
        if layer is None or layer.item(layer.current) is None:
            return False
        none = mods == Qt.KeyboardModifier.NoModifier
        if none and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._after_accept(layer.accept())
            return True
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if plain and text and text.lower() in self._hotkeys:
            self._after_accept(layer.accept(self._hotkeys[text.lower()]))
            return True
        if none and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            layer.reject()
            return True
        if key == Qt.Key.Key_Escape:
            layer.select(None)
            return True
        return False

    def _after_accept(self, span_id: int | None) -> None:
        """The next suggestion is current now: scroll it into view, so that Enter again
        goes on down the document."""
        if span_id is not None:
            self.reveal_suggestion(self.suggestions.item(self.suggestions.current))

    def _alt_arrow(self, key, shift: bool) -> None:
        session = self.session
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step_selection(-1 if key == Qt.Key.Key_Up else 1)
            return
        if session.selected is None:
            session.message.emit("Click a span first to grow or shrink it.")
            return
        step = -1 if key == Qt.Key.Key_Left else 1
        session.resize(session.selected, END if shift else START, step)

    def step_selection(self, step: int) -> None:
        """Select the next (or previous) span in text order."""
        doc = self.session.doc
        if doc is None or not len(doc.index):
            return
        index = doc.index
        if self.session.selected in index.by_id:
            row = index.row_of(self.session.selected) + step
        else:
            row = 0 if step > 0 else len(index) - 1
        if 0 <= row < len(index):
            item = index.at_row(row)
            self.session.select(item.id)
            self.reveal(item.id)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        click = self._press is not None and (pos - self._press).manhattanLength() < 4
        self._press = None
        if event.button() != Qt.MouseButton.LeftButton or not click:
            return
        if self.selection_range() is not None or self.session.doc is None:
            return
        char = self.char_at(pos)
        under = self.session.doc.index.spans_at(char) if char is not None else []
        if not under:
            self.session.select(None)
            offered = self.suggestions.at(char) if (self.suggestions is not None
                                                    and char is not None) else []
            if offered:
                ids = [it.id for it in offered]
                current = self.suggestions.current
                self.suggestions.select(ids[(ids.index(current) + 1) % len(ids)]
                                        if current in ids else ids[0])
            elif self.suggestions is not None:
                self.suggestions.select(None)
            return
        ids = [it.id for it in under]
        # clicking again where spans overlap steps through them, innermost first
        if self.session.selected in ids:
            nxt = ids[(ids.index(self.session.selected) + 1) % len(ids)]
        else:
            nxt = ids[0]
        self.session.select(nxt)

    def tooltip_html(self, char: int | None) -> str | None:
        import html  # its table of entities is not needed to show the window

        doc = self.session.doc
        if doc is None or char is None:
            return None
        under = doc.index.spans_at(char)
        offered = self.suggestions.at(char) if self.suggestions is not None else []
        if not under and not offered:
            return None
        rows = []
        for it in under:
            color = self.colors.color(it.label).name()
            extra = fields_text(it.attributes, it.concept, it.note, sep=" · ")
            quote = " ".join(doc.text[it.start:it.end].split())
            if len(quote) > 60:
                quote = quote[:57] + "…"
            rows.append(f"<p style='white-space:pre; margin:2px 0'><span style='color:{color}'>"
                        f"■</span> <b>{html.escape(it.label)}</b>  “{html.escape(quote)}”"
                        + (f"<br>    <i>{html.escape(extra)}</i>" if extra else "")
                        + "</p>")
        for it in offered:
            color = self.colors.color(it.label).name()
            score = self.suggestions.scores.get(it.id)
            quote = " ".join(doc.text[it.start:it.end].split())
            if len(quote) > 60:
                quote = quote[:57] + "…"
            rows.append(f"<p style='white-space:pre; margin:2px 0'><span style='color:{color}'>"
                        f"▭</span> suggested <b>{html.escape(it.label)}</b>  "
                        f"“{html.escape(quote)}”<br>    <i>from "
                        f"{html.escape(self.suggestions.source(it))}"
                        + (f", score {score:.2f}" if score is not None else "")
                        + "; click, then Enter accepts, Del rejects</i></p>")
        return "".join(rows)

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            tip = self.tooltip_html(self.char_at(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    # ---------------------------------------------------------------- painting

    def paintEvent(self, event) -> None:  # noqa: N802
        bands = apart(event.region())
        if bands is None:
            self._paint(event)
            return
        # Qt paints a plain text edit's whole bounding rect: labelling far from the span
        # selected before (its frame taken off, the new span's drawn) repainted every
        # line between the two
        for rect in bands:
            self._paint(QPaintEvent(rect))

    def _paint(self, event) -> None:
        super().paintEvent(event)
        doc = self.session.doc
        if doc is None:
            return
        index = doc.index
        selected = self.session.selected_item()
        painter = QPainter(self.viewport())
        # this band alone: the others of the repaint draw their own (a frame drawn twice
        # darkens its antialiased edges)
        painter.setClipRect(event.rect())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        above = event.rect().top() - self.fontMetrics().height() - FRAME_REACH
        for block, geo in self._blocks_reaching(event.rect().bottom()):
            if geo.bottom() < above:  # nothing of it reaches the part repainted
                continue
            n = block.blockNumber()
            rects = self._bar_cache.get(n)
            if rects is None:
                rects = self._bar_cache[n] = self._bar_rects(block.layout(),
                                                             index.paint(n).bars)
            for x, y, w, label in rects:
                painter.fillRect(QRectF(geo.left() + x, geo.top() + y, w, BAR),
                                 self.colors.color(label))
            if selected is not None:
                bs, be = index.block_range(n)
                if selected.s16 <= be and selected.e16 > bs:
                    self._frame(painter, block.layout(), geo.topLeft(),
                                max(selected.s16, bs) - bs, min(selected.e16, be) - bs,
                                self.colors.color(selected.label))
            if self.suggestions is not None and self.suggestions.index is not None:
                self._outline_suggestions(painter, block, geo.topLeft())
        painter.end()

    def _blocks_reaching(self, bottom: float):
        """The blocks on screen down to `bottom`, and the one above the first: a lower
        underline of its last line reaches into the viewport's top. Left out, it was
        missing there, and scrolling carried the miss (or a bar drawn before) down the
        view: Qt moves the pixels and repaints only the strip uncovered."""
        first = self.firstVisibleBlock()
        before = first.previous() if first.isValid() else first
        if before.isValid():
            layout = self.document().documentLayout()
            top = layout.blockBoundingRect(first).translated(self.contentOffset()).top()
            rect = layout.blockBoundingRect(before)  # lays it out if it was not
            yield before, rect.translated(self.contentOffset().x(), top - rect.height())
        yield from blocks_down(self, bottom)

    def _outline_suggestions(self, painter: QPainter, block, origin: QPointF) -> None:
        """Dashed outlines in the label's colour, lightly filled; the current one solid."""
        layer = self.suggestions
        n = block.blockNumber()
        bs, be = layer.index.block_range(n)
        layout = block.layout()
        for it in layer.index.in_block(n):
            s, e = max(it.s16, bs) - bs, min(it.e16, be) - bs
            if e <= s:
                continue
            color = QColor(self.colors.color(it.label))
            current = it.id == layer.current
            pen = QPen(color, 2.0 if current else 1.3)
            pen.setStyle(Qt.PenStyle.SolidLine if current else Qt.PenStyle.DashLine)
            painter.setPen(pen)
            fill = QColor(color)
            fill.setAlpha(70 if current else 28)
            painter.setBrush(fill)
            for line, x0, x1 in self._line_parts(layout, s, e):
                painter.drawRoundedRect(QRectF(origin.x() + x0 - 1, origin.y() + line.y() + 1,
                                               x1 - x0 + 2, line.height() - 2), 3, 3)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    @staticmethod
    def _line_parts(layout, s: int, e: int):
        first = layout.lineForTextPosition(s).lineNumber()
        last = layout.lineForTextPosition(max(s, e - 1)).lineNumber()
        for k in range(max(first, 0), max(last, first) + 1):
            line = layout.lineAt(k)
            a = max(s, line.textStart())
            b = min(e, line.textStart() + line.textLength())
            if b <= a:
                continue
            x0 = line.cursorToX(a)
            x1 = line.cursorToX(b)
            x0 = x0[0] if isinstance(x0, tuple) else x0
            x1 = x1[0] if isinstance(x1, tuple) else x1
            yield line, min(x0, x1), max(x0, x1)

    def _bar_rects(self, layout, bars) -> list[tuple[float, float, float, str]]:
        """Underlines of a block relative to its top left, computed once per layout.

        Downward from just under the baseline: through the descenders' room into the
        empty top of the next line, never across the letters themselves.
        """
        below = max(1.0, self.fontMetrics().underlinePos())
        out = []
        for s, e, level, item in bars:
            if level >= MAX_BARS:
                continue
            for line, x0, x1 in self._line_parts(layout, s, e):
                y = line.y() + line.ascent() + below + level * (BAR + BAR_GAP)
                out.append((x0 + 0.5, y, x1 - x0 - 1, item.label))
        return out

    def forget_geometry(self, blocks=None) -> None:
        if blocks is None:
            self._bar_cache.clear()
        else:
            for n in blocks:
                self._bar_cache.pop(n, None)

    def _frame(self, painter: QPainter, layout, origin: QPointF, s: int, e: int,
               color: QColor) -> None:
        pen = QPen(color.darker(130) if not self.colors.dark else color.lighter(130), 2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for line, x0, x1 in self._line_parts(layout, s, e):
            rect = QRectF(origin.x() + x0 - 1, origin.y() + line.y(), x1 - x0 + 2,
                          line.height())
            painter.drawRoundedRect(rect, 3, 3)
