"""Labelling changes what it shows and nothing more: no layout of the whole window for a
panel whose sizes did not change, no progress dialog built for a save that takes
milliseconds, and the text view's own geometry worked out in one pass, exactly as Qt
gives it block by block."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QProgressDialog


class _Count(QObject):
    """Counts the events of some types one object receives."""

    def __init__(self, target: QObject, *types: QEvent.Type):
        super().__init__()
        self.types = types
        self.seen: list = []
        target.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() in self.types:
            self.seen.append(event.type())
        return False


def _settle() -> None:
    for _ in range(5):  # posted layout requests post the next ones
        QApplication.processEvents()


@pytest.fixture
def shown(window, qtbot):
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    _settle()
    return window


def test_a_new_span_does_not_lay_out_the_whole_window_again(shown, wb):
    spans = shown.panel("spans")
    wb.label(shown, "Political Relief", "Word choice")  # the inspector builds its page
    shown.text_view.select_range(*wb.u16_range(shown, "State Visit"))
    _settle()
    layouts = _Count(shown, QEvent.Type.LayoutRequest)
    shown.text_view.apply_label("Loaded language")
    _settle()
    # the span count and the inspector's page changed, no panel's size: the docks stay
    assert spans.count.text() == "2 spans" and shown.session.selected is not None
    assert layouts.seen == []


def test_a_panel_that_needs_more_room_still_gets_it(shown, qtbot):
    dock, palette = shown.docks["labels"], shown.panel("labels")
    wanted = dock.width() + 60
    palette.setMinimumWidth(wanted)
    qtbot.waitUntil(lambda: dock.width() >= wanted)
    assert palette.width() >= wanted


def test_a_quick_save_builds_no_progress_dialog(shown, wb, monkeypatch):
    from annotator.gui import jobs

    made = []

    class Counted(QProgressDialog):
        def __init__(self, *args):
            super().__init__(*args)
            made.append(self)

    monkeypatch.setattr(jobs, "QProgressDialog", Counted)
    wb.label(shown, "Political Relief", "Word choice")
    assert shown.session.selected is not None  # saved and shown
    assert made == []


def test_the_blocks_on_screen_with_their_geometry_as_qt_gives_it(shown, wb):
    from annotator.gui.highlighter import blocks_down, visible_blocks

    view = shown.text_view
    view.resize(420, 300)  # lines wrap: blocks of several lines each
    _settle()
    bar = view.verticalScrollBar()
    checked = 0
    for value in (0, 1, bar.maximum() // 3, bar.maximum() // 2, bar.maximum()):
        bar.setValue(value)
        _settle()
        offset, height = view.contentOffset(), view.viewport().height()
        got = list(blocks_down(view, height))
        assert got and got[0][0] == view.firstVisibleBlock()
        for block, geo in got:
            assert geo == view.blockBoundingGeometry(block).translated(offset)
            assert geo.top() <= height
        after = got[-1][0].next()
        assert not after.isValid() or \
            view.blockBoundingGeometry(after).translated(offset).top() > height
        assert visible_blocks(view) == (got[0][0].blockNumber(), got[-1][0].blockNumber())
        checked += len(got)
    assert checked > 10


def test_the_document_list_hears_of_the_new_count_alone(shown, wb):
    from annotator.gui.document_list import SPANS

    model = shown.panel("documents").model
    told = []
    model.dataChanged.connect(
        lambda first, last, *_roles: told.append((first.row(), first.column(),
                                                  last.row(), last.column())))
    wb.label(shown, "Political Relief", "Word choice")
    row = model.row_of(shown.session.doc.id)
    assert told == [(row, SPANS, row, SPANS)]
    assert model.index(row, SPANS).data() == "1"


class _Painted(QObject):
    """The regions a widget is asked to paint."""

    def __init__(self, target):
        super().__init__()
        self.regions: list = []
        target.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.regions.append(event.region().boundingRect())
        return False


def test_a_new_span_repaints_its_lines_not_the_whole_text(shown, wb):
    view = shown.text_view
    viewport = view.viewport()
    wb.label(shown, "State Visit", "Economic")  # the inspector builds its page
    view.select_range(*wb.u16_range(shown, "Political Relief"))
    _settle()
    painted = _Painted(viewport)
    view.apply_label("Word choice")
    _settle()
    assert painted.regions, "the new span was not painted"
    # Qt's own answer to a block formatted again is to repaint the whole view
    assert all(r.height() < viewport.height() for r in painted.regions)


def _viewport_image(window):
    from PySide6.QtCore import QRect

    view = window.text_view.viewport()
    top_left = view.mapTo(window, view.rect().topLeft())
    shot = QApplication.primaryScreen().grabWindow(window.winId()).toImage()
    return shot.copy(QRect(top_left, view.size()))


def _shows_what_a_full_repaint_shows(window) -> bool:
    after = _viewport_image(window)
    window.text_view.viewport().repaint()
    _settle()
    return after == _viewport_image(window)


def test_the_text_shown_after_labelling_is_what_a_full_repaint_shows(shown, wb):
    phrases = [("Political Relief", "Word choice"), ("State Visit", "Economic"),
               ("Xi Offers", "Loaded language"), ("Political", "Morality")]
    for phrase, label in phrases:
        shown.text_view.select_range(*wb.u16_range(shown, phrase))
        _settle()
        shown.text_view.apply_label(label)
        _settle()
        assert _shows_what_a_full_repaint_shows(shown), \
            f"stale paint after labelling {phrase!r}"


def test_a_span_labelled_far_from_the_one_selected_repaints_two_bands(shown, wb, monkeypatch):
    from PySide6.QtWidgets import QPlainTextEdit

    view = shown.text_view
    wb.label(shown, "Political Relief", "Economic")  # selected: framed in the first line
    view.select_range(*wb.u16_range(shown, "Foreign Ministry confirmed"))
    _settle()
    assert shown.session.selected is not None
    painted = []
    base = QPlainTextEdit.paintEvent

    def spy(self, event):
        painted.append(event.rect())
        base(self, event)

    monkeypatch.setattr(QPlainTextEdit, "paintEvent", spy)
    view.apply_label("Word choice")
    _settle()
    # the old frame's line and the new span's lines, each on its own: not every line
    # between them as well
    assert len(painted) >= 2
    first, *_rest, last = sorted(painted, key=lambda r: r.top())
    assert first.bottom() < last.top()
    monkeypatch.undo()
    assert _shows_what_a_full_repaint_shows(shown)


def _window_image(window):
    return QApplication.primaryScreen().grabWindow(window.winId()).toImage()


def test_a_panels_repaint_stops_at_its_dock(shown, wb):
    wb.label(shown, "Political Relief", "Economic")
    shown.text_view.select_range(*wb.u16_range(shown, "State Visit"))
    _settle()
    shown.text_view.apply_label("Word choice")
    _settle()
    after = _window_image(shown)
    shown.repaint()
    _settle()
    assert after == _window_image(shown)  # what labelling painted is all there
    docks = {name: _Count(dock, QEvent.Type.Paint) for name, dock in shown.docks.items()}
    for name in ("inspector", "spans", "labels"):
        shown.panel(name).update()
    _settle()
    # a panel repaints inside its dock; a dock painted behind it loaded its title
    # buttons' icons from their files every time
    assert [name for name, count in docks.items() if count.seen] == []


PARAGRAPH = "The trip, Putin's first abroad"  # a paragraph of several lines


def _narrowed(window, wb):
    """The text view zoomed in so that the sample's paragraphs wrap over several lines,
    the paragraph scrolled into view; its block."""
    view = window.text_view
    view.set_zoom(8)
    _settle()
    view.select_range(*wb.u16_range(window, PARAGRAPH))
    view.clear_selection()
    _settle()
    block = view.document().findBlock(wb.u16_range(window, PARAGRAPH)[0])
    assert block.layout().lineCount() >= 7
    return block


def _regions(viewport):
    """The rects of each region a widget is asked to paint."""

    class Regions(QObject):
        def __init__(self):
            super().__init__()
            self.rects: list = []

        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                self.rects += list(event.region())
            return False

    spy = Regions()
    viewport.installEventFilter(spy)
    return spy


def _label(window, wb, phrase: str, label: str) -> None:
    window.text_view.select_range(*wb.u16_range(window, phrase))
    _settle()
    window.text_view.apply_label(label)
    _settle()


def test_a_new_span_in_a_long_paragraph_repaints_its_lines_not_the_paragraph(shown, wb):
    view = shown.text_view
    block = _narrowed(shown, wb)
    _label(shown, wb, "fifth term", "Word choice")  # selected: framed
    view.viewport().repaint()
    _settle()
    view.select_range(*wb.u16_range(shown, "financial institutions"))
    _settle()
    painted = _regions(view.viewport())
    view.apply_label("Economic")
    _settle()
    paragraph = view.blockBoundingGeometry(block).height()
    # the old frame's line and the new span's, each with the underlines' reach
    assert painted.rects and sum(r.height() for r in painted.rects) < paragraph
    assert _shows_what_a_full_repaint_shows(shown)  # a frame drawn once, the new span shown


def test_an_underline_pushed_down_a_level_is_repainted_on_all_its_lines(shown, wb):
    view = shown.text_view
    block = _narrowed(shown, wb)
    long = ("comes after Washington has committed tens of billions of dollars in new "
            "aid to Ukraine as it battles Russian forces. The U.S. also introduced")
    _label(shown, wb, long, "Word choice")
    layout, start = block.layout(), block.position()
    line = lambda u16: layout.lineForTextPosition(u16 - start).lineNumber()  # noqa: E731
    pushing = "last week, comes"  # starts first: takes the lowest underline
    # lines beyond the new span's and the line below it, which its underline reaches
    assert line(wb.u16_range(shown, long)[1] - 1) > line(wb.u16_range(shown, pushing)[1] - 1) + 2
    shown.session.select(None)  # its frame gone: its lines are not repainted for that
    view.viewport().repaint()
    _settle()
    _label(shown, wb, pushing, "Economic")
    assert _shows_what_a_full_repaint_shows(shown), "an underline left where it was"


# three underlines on a one-line paragraph: the lowest reaches below it, into the top of
# the paragraph after
STACKED = (("Post At: May 14/2024 10:50PM", "Word choice"), ("At: May 14/2024", "Economic"),
           ("May 14", "Political"))


def _scrolled_under(window, wb, phrase: str) -> int:
    """The scroll bar's value that shows the paragraph after the phrase's first."""
    view = window.text_view
    after = view.document().findBlock(wb.u16_range(window, phrase)[0]).next()
    bar = view.verticalScrollBar()
    for value in range(1, bar.maximum() + 1):
        bar.setValue(value)
        if view.firstVisibleBlock() == after:
            _settle()
            return value
    raise AssertionError(f"no scrolling shows the paragraph after {phrase!r} first")


def test_underlines_reaching_into_the_top_of_the_view_survive_scrolling(shown, wb):
    for phrase, label in STACKED:
        _label(shown, wb, phrase, label)
    shown.session.select(None)
    below = _scrolled_under(shown, wb, "Post At")
    # the paragraph just above the view, then in it, and above again: Qt moves the
    # pixels and repaints the strip uncovered
    for value in (below, below - 1, below):
        shown.text_view.verticalScrollBar().setValue(value)
        _settle()
        assert _shows_what_a_full_repaint_shows(shown), f"stale underlines at {value}"


def test_spans_labelled_just_above_the_view_show_their_underlines_in_it(shown, wb):
    _scrolled_under(shown, wb, "Post At")
    shown.text_view.viewport().repaint()
    _settle()
    for phrase, label in STACKED:  # as another writer's spans come: no scrolling to them
        shown.session.label_selection(*wb.u16_range(shown, phrase), label)
        _settle()
        assert _shows_what_a_full_repaint_shows(shown), f"stale after labelling {phrase!r}"
