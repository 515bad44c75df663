"""The candidate table's model: rows made only when a view asks for them, and the rows a
filter keeps following decisions, undo and another reviewer's change."""

from __future__ import annotations

from annotator.core import adjudication as adj
from annotator.gui.adjudication import candidates
from annotator.gui.adjudication.candidates import OPEN, CandidateModel, CandidateTable
from annotator.services import adjudicate, annotate
from annotator.services import adjudication_view as reading
from annotator.services.changes import Changes
from tests.gui.adjudication.adjudication_seed import D0, WC


def test_rows_are_made_only_for_the_rows_a_table_shows(qtbot, view, monkeypatch):
    made = []

    class Counted(candidates.Row):
        def __post_init__(self) -> None:
            super().__post_init__()
            made.append(self.key)
    monkeypatch.setattr(candidates, "Row", Counted)
    model = CandidateModel(view.colors)
    table = CandidateTable(model)
    qtbot.addWidget(table)
    row_height = table.verticalHeader().defaultSectionSize()
    table.resize(900, table.horizontalHeader().sizeHint().height() + 3 * row_height)
    model.set_adjudication(view.adjudication)
    total = model.rowCount()
    assert total == len(view.adjudication.candidates) == 9
    assert made == []  # nothing is formatted up front
    table.show()
    qtbot.waitExposed(table)
    qtbot.waitUntil(lambda: len(made) >= 3)
    assert len(made) < total  # only the rows on screen
    assert len(set(made)) == len(made)  # each once, then kept
    # a row asked for again is the one made before; its texts are right
    first = model.rows[0]
    assert model.rows[0] is first and first.key == view.adjudication.candidates[0].key
    assert model.index(0, 4).data() == " ".join(first.text.split())[:60]
    # the rows seen whole are what the document holds, in the table's order
    assert [r.key for r in model.rows] == [r.key for r in view.adjudication.candidates]


def test_only_the_places_numbers_are_aligned_right(view):
    from PySide6.QtCore import Qt

    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    aligned = [view.model.index(0, col).data(Qt.ItemDataRole.TextAlignmentRole)
               for col in range(view.model.columnCount())]
    assert aligned == [None, None, right.value, right.value, None, None, None, None]


def open_keys(model) -> list:
    return [r.key for r in model.rows]


def test_the_open_filter_follows_a_decision_an_undo_and_another_reviewer(qtbot, view):
    view.filter.setCurrentIndex(view.filter.findData(OPEN))
    model = view.model
    everything = [r.key for r in view.adjudication.candidates if r.state == adj.OPEN]
    assert open_keys(model) == everything
    text = view.adjudication.document.text
    start = text.index("military offensive")
    key = (start, start + len("military offensive"), WC)
    view.select_candidate(key)
    removed = []
    model.rowsRemoved.connect(lambda *_a: removed.append(1))
    view.actions.accept.trigger()
    assert key not in open_keys(model) and removed == [1]
    assert open_keys(model) == [k for k in everything if k != key]
    # the next open candidate is selected
    assert view.selected_row() is not None and view.selected_row().state == adj.OPEN
    view.undo()
    assert open_keys(model) == everything
    assert model.rows[model.row_of(key)].state == adj.OPEN
    # another reviewer, in another process: the watcher names the document only
    annotate.add_annotator(view.project, "erin", role="reviewer")
    adjudicate.reject(view.project, "erin", D0, key)
    view.session.apply(Changes(tables=frozenset({"gold_spans", "decisions"}),
                               documents=frozenset({D0}), complete=False))
    assert open_keys(model) == [k for k in everything if k != key]
    assert model.row_of(key) is None
    view.filter.setCurrentIndex(view.filter.findData(candidates.ALL))
    assert model.rows[model.row_of(key)].state == adj.REJECTED
    assert [(r.key, r.state) for r in model.rows] == [
        (r.key, r.state) for r in reading.open_adjudication(view.project, "dana",
                                                             D0).candidates]


def test_paint_items_in_code_points_land_on_their_utf16_places(qtbot):
    from PySide6.QtGui import QTextCharFormat

    from annotator.gui.adjudication.text_pane import TextPane

    pane = TextPane()
    qtbot.addWidget(pane)
    text = "😀 first line\n😀😀 the sham 𝕏 election here\nlast 😀 line"
    pane.set_text(text)
    fmt = QTextCharFormat()
    fmt.setFontWeight(700)
    start = text.index("sham")
    end = text.index(" here")
    pane.show_items({"one": (start, end, (1,), "bold")}, lambda _key: fmt)
    pane.show()
    qtbot.waitExposed(pane)
    block = pane.document().findBlockByNumber(1)
    qtbot.waitUntil(lambda: bool(block.layout().formats()))
    (got,) = block.layout().formats()
    line = text.split("\n")[1]
    before = line[:line.index("sham")]
    # two emoji before it, one astral letter inside: UTF-16 counts each twice
    assert (got.start, got.length) == (len(before) + 2, end - start + 1)
    # changed by name: the old place is cleared, the new one painted
    last = text.index("line", text.index("last"))
    pane.change_items(["one"], {"two": (last, last + 4, (1,), "bold")})
    third = pane.document().findBlockByNumber(2)
    qtbot.waitUntil(lambda: bool(third.layout().formats()) and not block.layout().formats())
    (got,) = third.layout().formats()
    assert (got.start, got.length) == (len("last 😀 ") + 1, 4)


def test_the_gold_pane_formats_only_the_blocks_on_screen_of_a_new_text(qtbot):
    """The pane sets its text as the workbench does (SpanHighlighter.deaf): Qt does not
    call the highlighter for each block of it, and afterwards the highlighter hears the
    document again."""
    from PySide6.QtCore import SIGNAL, SLOT, QObject
    from PySide6.QtGui import QTextCharFormat

    from annotator.gui.adjudication.text_pane import TextPane

    pane = TextPane()
    qtbot.addWidget(pane)
    pane.resize(400, 300)
    pane.show()
    qtbot.waitExposed(pane)
    lines = [f"Paragraph {k}: the sham election was, they said, a lifeline."
             for k in range(600)]
    text = "\n".join(lines)
    fmt = QTextCharFormat()
    fmt.setFontWeight(700)
    items = {}
    at = 0
    for k, line in enumerate(lines):
        start = at + line.index("sham")
        items[k] = (start, start + len("sham election"), (1,), "bold")
        at += len(line) + 1
    asked = pane.highlighter.asked
    pane.set_text(text)
    pane.show_items(items, lambda _key: fmt)
    first = pane.document().firstBlock()
    qtbot.waitUntil(lambda: bool(first.layout().formats()))
    assert [(f.start, f.length) for f in first.layout().formats()] == [
        (lines[0].index("sham"), len("sham election"))]
    assert 0 < pane.highlighter.asked - asked < len(lines) // 4
    assert QObject.disconnect(pane.document(), SIGNAL("contentsChange(int,int,int)"),
                              pane.highlighter, SLOT("_q_reformatBlocks(int,int,int)"))


def test_a_rows_cells_follow_its_decision(qtbot, view):
    """A row's texts and looks are kept once asked for: a decision makes them again."""
    model = view.model
    text = view.adjudication.document.text
    start = text.index("military offensive")
    key = (start, start + len("military offensive"), WC)
    at = model.row_of(key)
    state, words = model.index(at, 0), model.index(at, 4)
    assert state.data() == candidates.STATE_TEXT[adj.OPEN]  # asked for, so kept
    assert words.data(candidates.Qt.ItemDataRole.BackgroundRole) is None
    view.select_candidate(key)
    view.actions.reject.trigger()
    assert state.data() == candidates.STATE_TEXT[adj.REJECTED]
    assert words.data(candidates.Qt.ItemDataRole.FontRole).strikeOut()
    view.undo()
    assert state.data() == candidates.STATE_TEXT[adj.OPEN]
    assert not words.data(candidates.Qt.ItemDataRole.FontRole)


def test_each_cell_answers_the_roles_of_its_rows_state(qtbot, view):
    """A row's looks, made once per row: the state and agreement in bold and their own
    colours, a rejected row greyed with its words struck out, accepted words tinted with
    the label's colour, the label's swatch, the places aligned right, the voters in the
    tooltip; roles the table does not use answer nothing."""
    from PySide6.QtCore import QModelIndex, Qt

    role = Qt.ItemDataRole
    model = view.model
    text = view.adjudication.document.text
    start = text.index("military offensive")
    key = (start, start + len("military offensive"), WC)
    cells = [model.index(model.row_of(key), col) for col in range(model.columnCount())]

    def answers(kind):
        return [cell.data(kind) for cell in cells]

    colors = view.colors
    assert [bool(f and f.bold()) for f in answers(role.FontRole)] == [True, True] + [False] * 6
    assert answers(role.DecorationRole)[5] == colors.color(WC)
    assert answers(role.BackgroundRole) == [None] * 8
    assert "Marked by" in answers(role.ToolTipRole)[0]
    assert answers(role.CheckStateRole) == [None] * 8
    assert answers(role.UserRole) == [None] * 8
    # an index of no cell (row -1) answers nothing, not the last row's looks
    assert model.data(QModelIndex(), role.DisplayRole) is None
    view.select_candidate(key)
    view.actions.reject.trigger()
    grey = colors.readable("#8a8a8a")
    foreground = answers(role.ForegroundRole)
    assert foreground[0].color() == colors.readable(candidates.STATE_COLORS[adj.REJECTED])
    assert [b.color() for b in foreground[2:]] == [grey] * 6
    assert [bool(f and f.strikeOut()) for f in answers(role.FontRole)] == [
        False] * 4 + [True] + [False] * 3
    view.undo()
    view.select_candidate(key)
    view.actions.accept.trigger()
    background = answers(role.BackgroundRole)
    assert background[4].color() == colors.tint(WC, 0.22)
    assert [b for i, b in enumerate(background) if i != 4] == [None] * 7
    assert [f for f in answers(role.ForegroundRole)[2:] if f is not None] == []


def test_the_table_paints_a_plain_cell_from_its_answers_not_role_by_role(qtbot, view):
    """Qt's delegate asks `data` for seven roles of every cell it paints, a call into
    Python each; the table's painter takes a plain cell's answers in one step. Only the
    selected row, which Qt paints, is asked role by role."""
    asked = []

    class Counted(CandidateModel):
        def data(self, index, role=candidates.DISPLAY):
            asked.append(index.row())
            return super().data(index, role)

    model = Counted(view.colors)
    table = CandidateTable(model)
    qtbot.addWidget(table)
    table.resize(900, table.horizontalHeader().sizeHint().height()
                 + 6 * table.verticalHeader().defaultSectionSize())
    model.set_adjudication(view.adjudication)
    table.show()
    qtbot.waitExposed(table)
    table.selectRow(1)
    asked.clear()
    table.viewport().grab()
    assert table.rowAt(table.viewport().height() - 1) > 3  # rows 0-4 at least painted
    assert set(asked) == {1}
