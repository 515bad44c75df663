"""The candidate table: every candidate of the document, and the gold spans no candidate
stands for, with votes, attributes and state, colour-coded."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.core import adjudication as adj
from annotator.core.model import GoldSpan
from annotator.gui.adjudication.palette import (
    CONFLICT_COLOR,
    LEVEL_COLORS,
    LEVEL_TEXT,
    STATE_COLORS,
    STATE_TEXT,
)
from annotator.gui.colors import LabelColors
from annotator.gui.names import fields_text
from annotator.services.adjudication_view import Adjudication, CandidateRow

COLUMNS = ("State", "Agreement", "Start", "End", "Text", "Label", "Annotators", "Attributes")
ALL, OPEN, DISPUTED, DECIDED = "all", "open", "disputed", "decided"
FILTERS = {ALL: "All candidates", OPEN: "Open", DISPUTED: "Disputed or conflicting",
           DECIDED: "Decided"}


@dataclass(frozen=True)
class Row:
    """A table row: a candidate, or a gold span the reviewer added."""

    candidate: CandidateRow | None
    gold: GoldSpan | None
    text: str
    key: adj.Key = field(init=False)
    order: tuple = field(init=False, repr=False, compare=False)  # the table's order

    def __post_init__(self) -> None:
        key = self.candidate.key if self.candidate is not None else self.gold.key
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "order", (*key, self.candidate is None))

    @property
    def state(self) -> str:
        return self.candidate.state if self.candidate is not None else "added"


def _order(row: Row) -> tuple:
    return row.order


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


class CandidateModel(QAbstractTableModel):
    def __init__(self, colors: LabelColors, parent=None):
        super().__init__(parent)
        self.colors = colors
        self.rows: list[Row] = []
        self.participants: tuple[str, ...] = ()
        self.filter = ALL
        self._all: list[Row] = []

    def set_adjudication(self, view: Adjudication | None) -> None:
        self.beginResetModel()
        self._all = []
        self.participants = ()
        if view is not None:
            self.participants = view.participants
            rows = [Row(r, r.gold, r.text) for r in view.candidates]
            rows += self._added(view).values()
            rows.sort(key=_order)
            self._all = rows
        self._apply_filter()
        self.endResetModel()

    @staticmethod
    def _added(view: Adjudication) -> dict[int | None, Row]:
        """Rows of the gold spans no candidate stands for, by gold id."""
        claimed = {r.gold.id for r in view.candidates if r.gold is not None}
        return {g.id: Row(None, g, view.document.text[g.start:g.end]) for g in view.gold
                if g.id not in claimed}

    def update(self, view: Adjudication, keys) -> None:
        """The candidates named by `keys` changed state: their rows change, leave or join
        the filtered rows; the rest of the table stays as it is (and so does the current
        row). When the gold spans no candidate stands for change too, the table is made
        again."""
        old_added = {r.gold.id: r.gold for r in self._all if r.candidate is None}
        added = self._added(view)
        if old_added != {i: r.gold for i, r in added.items()}:
            self.set_adjudication(view)
            return
        last = len(COLUMNS) - 1
        for key in keys:
            cr = view.row(key)
            new = Row(cr, cr.gold, cr.text)
            at = bisect_left(self._all, new.order, key=_order)
            old = self._all[at]
            self._all[at] = new
            here = bisect_left(self.rows, new.order, key=_order)
            was = here < len(self.rows) and self.rows[here] is old
            if was and self._keep(new):
                self.rows[here] = new
                self.dataChanged.emit(self.index(here, 0), self.index(here, last))
            elif was:
                self.beginRemoveRows(QModelIndex(), here, here)
                del self.rows[here]
                self.endRemoveRows()
            elif self._keep(new):
                self.beginInsertRows(QModelIndex(), here, here)
                self.rows.insert(here, new)
                self.endInsertRows()

    def set_filter(self, name: str) -> None:
        self.beginResetModel()
        self.filter = name
        self._apply_filter()
        self.endResetModel()

    def _keep(self, r: Row) -> bool:
        if self.filter == ALL:
            return True
        if r.candidate is None:
            return self.filter == DECIDED
        c = r.candidate
        if self.filter == OPEN:
            return c.state == adj.OPEN
        if self.filter == DECIDED:
            return c.state != adj.OPEN
        return c.candidate.level in (adj.MINORITY, adj.SINGLE) or c.candidate.conflicting

    def _apply_filter(self) -> None:
        self.rows = [r for r in self._all if self._keep(r)]

    def row_of(self, key: adj.Key) -> int | None:
        at = bisect_left(self.rows, (*key, False), key=_order)
        if at < len(self.rows) and self.rows[at].key == tuple(key):
            return at
        return None

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 0:
                return QBrush(self.colors.readable(STATE_COLORS[row.state]))
            if col == 1 and row.candidate is not None:
                c = row.candidate.candidate
                color = CONFLICT_COLOR if c.conflicting else LEVEL_COLORS[c.level]
                return QBrush(self.colors.readable(color))
            if row.state == adj.REJECTED:
                return QBrush(QColor(self.colors.readable("#8a8a8a")))
        if role == Qt.ItemDataRole.FontRole:
            if col in (0, 1):
                font = QFont()
                font.setBold(True)
                return font
            if row.state == adj.REJECTED and col == 4:
                font = QFont()
                font.setStrikeOut(True)
                return font
        if role == Qt.ItemDataRole.DecorationRole and col == 5:
            return self.colors.color(row.key[2])
        if role == Qt.ItemDataRole.BackgroundRole and col == 4 and row.state in (
                adj.ACCEPTED, adj.EDITED, "added"):
            return QBrush(self.colors.tint(row.key[2], 0.22))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        return None

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


class CandidateTable(QTableView):
    """The table; emits the key of the row the reviewer selects."""

    currentKeyChanged = Signal(object)  # noqa: N815 (Qt naming)

    def __init__(self, model: CandidateModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
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
        self.selectionModel().currentRowChanged.connect(self._current_changed)

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
