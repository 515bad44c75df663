"""The candidate table: every candidate of the document, and the gold spans no candidate
stands for, with votes, attributes and state, colour-coded."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.core import adjudication as adj
from annotator.core.gold import GoldSpan
from annotator.gui.adjudication.palette import (
    CONFLICT_COLOR,
    LEVEL_COLORS,
    LEVEL_TEXT,
    STATE_COLORS,
    STATE_TEXT,
)
from annotator.gui.colors import LabelColors
from annotator.gui.column_model import ColumnModel, show_model
from annotator.gui.names import fields_text
from annotator.gui.one_line_cells import OneLineCells
from annotator.services.adjudication_view import Adjudication, CandidateRow

COLUMNS = ("State", "Agreement", "Start", "End", "Text", "Label", "Annotators", "Attributes")
# The roles `data` answers, as ints: naming a member of Qt's enums in `data` took 1-3 us
# each time, and Qt asks for seven roles of every cell it paints.
DISPLAY, DECORATION, TOOLTIP, FONT, ALIGNMENT, BACKGROUND, FOREGROUND = (
    int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.DecorationRole),
    int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.FontRole),
    int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.BackgroundRole),
    int(Qt.ItemDataRole.ForegroundRole))
ANSWERED = frozenset((DISPLAY, DECORATION, TOOLTIP, FONT, ALIGNMENT, BACKGROUND, FOREGROUND))
ALL, OPEN, DISPUTED, DECIDED = "all", "open", "disputed", "decided"
# the numbers' alignment, combined once: two flags combined in Python took 5-13 us, for
# each number cell at each paint of the table
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
FILTERS = {ALL: "All candidates", OPEN: "Open", DISPUTED: "Disputed or conflicting",
           DECIDED: "Decided"}


@dataclass(frozen=True)
class Row:
    """A table row: a candidate, or a gold span the reviewer added."""

    candidate: CandidateRow | None
    gold: GoldSpan | None
    text: str
    key: adj.Key = field(init=False)

    def __post_init__(self) -> None:
        key = self.candidate.key if self.candidate is not None else self.gold.key
        object.__setattr__(self, "key", key)

    @property
    def state(self) -> str:
        return self.candidate.state if self.candidate is not None else "added"


def attributes_text(row: Row) -> str:
    if row.candidate is None:
        return fields_text(row.gold.attributes, row.gold.concept)
    variants = row.candidate.candidate.variants
    shown = []
    for v in variants:
        fields = fields_text(v.attributes, v.concept)
        if not fields and len(variants) == 1:
            return ""
        who = f" ({', '.join(v.annotators)})" if len(variants) > 1 else ""
        shown.append((fields or "—") + who)
    return "  |  ".join(shown)


class Rows(Sequence):
    """The rows a model shows, made on demand: a table asks only for those on screen."""

    def __init__(self, model: CandidateModel):
        self._model = model

    def __len__(self) -> int:
        shown = self._model._shown
        return len(self._model._order) if shown is None else len(shown)

    def __getitem__(self, at):
        if isinstance(at, slice):
            return [self[i] for i in range(*at.indices(len(self)))]
        if at < 0:
            at += len(self)
        return self._model._row(self._model._at(at))


class CandidateModel(ColumnModel):
    """Every row of the document, held as the order it stands in and what it shows (a
    candidate's row of the Adjudication, or a gold span no candidate stands for); a row's
    `Row`, and so its texts, is made when asked for (kept until its candidate changes)."""

    columns = COLUMNS

    def __init__(self, colors: LabelColors, parent=None):
        super().__init__(parent)
        self.colors = colors
        self.participants: tuple[str, ...] = ()
        self.filter = ALL
        self.rows = Rows(self)
        self._text = ""
        self._order: list[tuple] = []  # every row's place in the table's order
        self._source: list[CandidateRow | GoldSpan] = []  # what each row shows
        self._made: dict[int, Row] = {}
        self._shown: list[int] | None = None  # the rows the filter keeps (None: all)
        # a table asks for each cell's roles at every paint: what does not change with the
        # row is made once (fonts, brushes by colour), a row's texts once per Row made
        self._brushes: dict[object, QBrush] = {}
        self._cells: dict[int, tuple] = {}
        self._bold, self._struck = QFont(), QFont()
        self._bold.setBold(True)
        self._struck.setStrikeOut(True)

    def set_adjudication(self, view: Adjudication | None) -> None:
        self.beginResetModel()
        self.participants = ()
        self._text = ""
        self._order, self._source, self._made, self._cells = [], [], {}, {}
        self._brushes.clear()  # the colours too may have changed since
        if view is not None:
            self.participants = view.participants
            self._text = view.document.text
            added = self._added(view)
            if added:
                pairs = [((*r.key, False), r) for r in view.candidates]
                pairs += [((*g.key, True), g) for g in added.values()]
                pairs.sort(key=itemgetter(0))
                self._order = [o for o, _ in pairs]
                self._source = [r for _, r in pairs]
            else:  # the candidates come in the table's order
                self._source = list(view.candidates)
                self._order = [(c.start, c.end, c.label, False)
                               for c in view.analysis.candidates]
        self._apply_filter()
        self.endResetModel()

    @staticmethod
    def _added(view: Adjudication) -> dict[int | None, GoldSpan]:
        """The gold spans no candidate stands for, by id."""
        claimed = {r.gold.id for r in view.candidates if r.gold is not None}
        return {g.id: g for g in view.gold if g.id not in claimed}

    def _row(self, at: int) -> Row:
        row = self._made.get(at)
        if row is None:
            source = self._source[at]
            if isinstance(source, CandidateRow):
                row = Row(source, source.gold, source.text)
            else:
                row = Row(None, source, self._text[source.start:source.end])
            self._made[at] = row
        return row

    def update(self, view: Adjudication, keys) -> None:
        """The candidates named by `keys` changed state: their rows change, leave or join
        the filtered rows; the rest of the table stays as it is (and so does the current
        row). When the gold spans no candidate stands for change too, the table is made
        again."""
        old_added = {s.id: s for s in self._source if isinstance(s, GoldSpan)}
        if old_added != self._added(view):
            self.set_adjudication(view)
            return
        for key in keys:
            cr = view.row(key)
            at = bisect_left(self._order, (*key, False))
            was_kept = self._keep(at)
            self._source[at] = cr
            self._made.pop(at, None)
            self._cells.pop(at, None)
            kept = self._keep(at)
            if self._shown is None:
                self.row_changed(at)
                continue
            here = bisect_left(self._shown, at)
            if was_kept and kept:
                self.row_changed(here)
            elif was_kept:
                self.beginRemoveRows(QModelIndex(), here, here)
                del self._shown[here]
                self.endRemoveRows()
            elif kept:
                self.beginInsertRows(QModelIndex(), here, here)
                self._shown.insert(here, at)
                self.endInsertRows()

    def set_filter(self, name: str) -> None:
        self.beginResetModel()
        self.filter = name
        self._apply_filter()
        self.endResetModel()

    def _keep(self, at: int) -> bool:
        if self.filter == ALL:
            return True
        source = self._source[at]
        if not isinstance(source, CandidateRow):
            return self.filter == DECIDED
        if self.filter == OPEN:
            return source.state == adj.OPEN
        if self.filter == DECIDED:
            return source.state != adj.OPEN
        c = source.candidate
        return c.level in (adj.MINORITY, adj.SINGLE) or c.conflicting

    def _apply_filter(self) -> None:
        self._shown = (None if self.filter == ALL
                       else [i for i in range(len(self._source)) if self._keep(i)])

    def row_of(self, key: adj.Key) -> int | None:
        at = bisect_left(self._order, (*key, False))
        if at >= len(self._order) or self._order[at][:3] != tuple(key):
            return None
        if self._shown is None:
            return at
        here = bisect_left(self._shown, at)
        return here if here < len(self._shown) and self._shown[here] == at else None

    def _indices(self) -> Sequence[int]:
        return range(len(self._order)) if self._shown is None else self._shown

    def next_open(self, key: adj.Key) -> adj.Key | None:
        """The first open candidate after `key`'s row (from the top when it is not
        shown), going round to the rows before it."""
        at = self.row_of(key)
        at = -1 if at is None else at
        shown = self._indices()
        for i in chain(shown[at + 1:], shown[:max(at, 0)]):
            source = self._source[i]
            if isinstance(source, CandidateRow) and source.state == adj.OPEN:
                return source.key
        return None

    def narrowest_at(self, position: int) -> adj.Key | None:
        """The key of the shortest row covering a position (the first of equals)."""
        best = None
        for i in self._indices():
            start, end = self._order[i][:2]
            if start > position:
                break
            if position < end and (best is None or end - start < best[1] - best[0]):
                best = self._order[i][:3]
        return best

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY):
        if role not in ANSWERED or not index.isValid():
            return None  # a table asks for seven roles a cell, some of them unused here
        if role == TOOLTIP:  # asked only where the pointer rests
            return self._tooltip(self._row(self._at(index.row())))
        return self.cell(index.row(), index.column()).get(role)

    def cell(self, row: int, column: int) -> dict[int, object]:
        """A cell's answers by role (but the tooltip), as `data` gives them one by one:
        what the table's delegate paints from."""
        at = self._at(row)
        cells = self._cells.get(at)
        if cells is None:
            cells = self._cells[at] = self._cells_of(self._row(at))
        return cells[column]

    def _at(self, row: int) -> int:
        """A shown row's place in the order (the filter may hide some)."""
        shown = self._shown
        return row if shown is None else shown[row]

    def _cells_of(self, row: Row) -> tuple[dict[int, object], ...]:
        """A row's cells, each its roles' answers, made once: Qt asks for every role of
        every cell at each paint of the table (~800 calls to paint a screenful)."""
        cells = tuple({DISPLAY: self._display(row, c)} for c in range(len(COLUMNS)))
        state = row.state
        cells[0][FOREGROUND] = self._brush(STATE_COLORS[state])
        cells[0][FONT] = cells[1][FONT] = self._bold
        if row.candidate is not None:
            c = row.candidate.candidate
            cells[1][FOREGROUND] = self._brush(CONFLICT_COLOR if c.conflicting
                                               else LEVEL_COLORS[c.level])
        if state == adj.REJECTED:
            for cell in cells[2:]:
                cell[FOREGROUND] = self._brush("#8a8a8a")
            cells[4][FONT] = self._struck
        cells[2][ALIGNMENT] = cells[3][ALIGNMENT] = RIGHT
        cells[5][DECORATION] = self.colors.color(row.key[2])
        if state in (adj.ACCEPTED, adj.EDITED, "added"):
            cells[4][BACKGROUND] = self._brush((row.key[2], 0.22))
        return cells

    def _brush(self, color) -> QBrush:
        """A fixed colour made readable (a string), or a label's tint ((label, strength))."""
        got = self._brushes.get(color)
        if got is None:
            got = self._brushes[color] = QBrush(
                self.colors.readable(color) if isinstance(color, str)
                else self.colors.tint(*color))
        return got

    def _display(self, row: Row, col: int):
        c = row.candidate.candidate if row.candidate is not None else None
        if col == 0:
            return STATE_TEXT[row.state]
        if col == 1:
            if c is None:
                return "reviewer"
            text = f"{LEVEL_TEXT[c.level]} {c.votes}/{c.participants}"
            return text + "  ⚡" if c.conflicting else text
        if col == 2:
            return row.key[0]
        if col == 3:
            return row.key[1]
        if col == 4:
            text = " ".join(row.text.split())
            return text if len(text) <= 60 else text[:57] + "…"
        if col == 5:
            return row.key[2]
        if col == 6:
            return ", ".join(c.annotators) if c is not None else "—"
        if col == 7:
            return attributes_text(row)
        return None

    def _tooltip(self, row: Row) -> str:
        if row.candidate is None:
            return f"Gold span added by {row.gold.decided_by}"
        c = row.candidate.candidate
        missing = [p for p in self.participants if p not in c.annotators]
        lines = [f"Marked by {', '.join(c.annotators)}"]
        if missing:
            lines.append(f"Not marked by {', '.join(missing)}")
        if c.conflicts:
            lines.append("Conflicts with " + "; ".join(
                f"{lab!r} {s}–{e}" for s, e, lab in c.conflicts))
        lines += [f"{who}: {note}" for who, note in c.notes]
        return "\n".join(lines)


# what the cells' painter keeps (fonts, colours, places, measured texts) follows from these
_LOOKS_CHANGED = frozenset((QEvent.Type.FontChange, QEvent.Type.PaletteChange,
                            QEvent.Type.StyleChange, QEvent.Type.LocaleChange,
                            QEvent.Type.LayoutDirectionChange))


class CandidateTable(QTableView):
    """The table; emits the key of the row the reviewer selects."""

    currentKeyChanged = Signal(object)  # noqa: N815 (Qt naming)

    def __init__(self, model: CandidateModel, parent: QWidget | None = None):
        super().__init__(parent)
        show_model(self, model, model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        for col, width in enumerate((92, 112, 46, 46, 180, 136, 118)):
            self.setColumnWidth(col, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the cells painted from the model's answers, each text laid out once
        self.cells = OneLineCells(self, model.cell)
        self.setItemDelegate(self.cells)
        self.selectionModel().currentRowChanged.connect(self._current_changed)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in _LOOKS_CHANGED:
            self.cells.forget()
        super().changeEvent(event)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        model: CandidateModel = self.model()
        key = model.rows[current.row()].key if current.isValid() else None
        self.currentKeyChanged.emit(key)

    def current_row(self) -> Row | None:
        index = self.currentIndex()
        model: CandidateModel = self.model()
        if not index.isValid() or index.row() >= len(model.rows):
            return None
        return model.rows[index.row()]

    def select_key(self, key: adj.Key | None) -> bool:
        model: CandidateModel = self.model()
        row = model.row_of(key) if key is not None else None
        if row is None:
            return False
        self.setCurrentIndex(model.index(row, 0))
        self.scrollTo(model.index(row, 0))
        return True
