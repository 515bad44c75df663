"""The corpus: title, source, event, your status and span count; a progress count.

Blind: statuses and counts are the current annotator's own. A reviewer adjudicating sees
instead each document's disagreement at a glance (set_review): its candidates unanimous,
majority, disputed and still open, and whether it is adjudicated.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QProgressBar,
)

from annotator.core.model import DONE, IN_PROGRESS
from annotator.gui import qt_namespace as qt
from annotator.gui.column_model import (
    ColumnModel,
    filtered,
    row_table,
    select_row,
    show_model,
)
from annotator.gui.lifetime import connect_for
from annotator.gui.panel import Panel
from annotator.gui.session import Session

COLUMNS = ("", "Title", "Source", "Event", "Spans", "Unan.", "Maj.", "Disp.", "Open")
TITLE, SOURCE, EVENT, SPANS = 1, 2, 3, 4
TITLE_MIN = 180  # the title keeps this much room: Event, then Source, give way to it
COUNT_PADDING = 14  # beside a count's text in its cell
REVIEW_COLUMNS = (5, 6, 7, 8)
REVIEW_TIPS = ("Candidates every annotator who took part marked",
               "Candidates more than half of them marked, not all",
               "Candidates half or fewer marked ('–': only one annotator took part, "
               "nothing to compare)",
               "Candidates without a decision yet")
# the adjudication view's level colours (annotator/gui/adjudication/palette.py)
REVIEW_COLORS = ("#2e7d32", "#1565c0", "#c77700", None)
DOC_ID = qt.USER_ROLE + 1
# The roles `data` answers, as ints (gui/qt_namespace): Qt asks for seven or so for each
# cell it paints, and naming a member of Qt's enums (Qt.ItemDataRole.DisplayRole) takes
# 1-3 us each time.
DISPLAY, TOOLTIP, FONT, FOREGROUND, ALIGNMENT = (
    qt.DISPLAY_ROLE, qt.TOOLTIP_ROLE, qt.FONT_ROLE, qt.FOREGROUND_ROLE, qt.TEXT_ALIGNMENT_ROLE)
ANSWERED = frozenset((DOC_ID, DISPLAY, TOOLTIP, FONT, FOREGROUND, ALIGNMENT))
CENTRED = qt.ALIGN_CENTER
MARKS = {DONE: "✔", IN_PROGRESS: "◐", None: ""}
STATUS_TEXT = {DONE: "done", IN_PROGRESS: "in progress", None: "not started"}


def review_counts(summary) -> tuple[str, str, str, str]:
    """Unanimous, majority, disputed, open. With one annotator there is nothing to
    compare: those three read '–' (their candidates are neither agreed nor disputed)."""
    compared = ((summary.unanimous, summary.majority, summary.disputed)
                if summary.participants > 1 else ("–",) * 3)
    return (*(f"{n:,}" if isinstance(n, int) else n for n in compared),
            f"{summary.open:,}")


def review_tip(summary) -> str:
    if not summary.participants:
        return "Nobody has annotated this document yet."
    state = ("adjudicated" if summary.adjudicated else
             f"{summary.open} of {summary.candidates} candidates still open")
    if summary.participants == 1:
        return (f"1 annotator took part: nothing to compare · {summary.candidates} "
                f"candidates, each for you to decide\n{summary.gold} gold spans · {state}")
    conflicts = f", {summary.conflicting} conflicting" if summary.conflicting else ""
    return (f"{summary.participants} annotators took part · {summary.candidates} "
            f"candidates: {summary.unanimous} unanimous, {summary.majority} majority, "
            f"{summary.disputed} disputed{conflicts}\n{summary.gold} gold spans · {state}")


class DocumentListModel(ColumnModel):
    columns = COLUMNS
    header_tips = dict(zip(REVIEW_COLUMNS, REVIEW_TIPS, strict=True))

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.bold_font = QFont()
        self.bold_font.setBold(True)
        session.documents_changed.connect(self.reset)
        session.document_opened.connect(self._current_changed)
        connect_for(self, session.spans_changed, lambda _d: self._count_cell_changed())
        self._current: str | None = None
        self._rows: dict[str, int] = {}  # row by document id, of the list `_rows_of`
        self._rows_of: list | None = None
        self.review: dict | None = None  # doc id -> core.adjudication.Summary, reviewing
        # Colours, not QBrushes: the delegate takes a colour as the text's brush, and making
        # a QBrush from Python makes PySide build QGradient's type (its overloads) before
        # the first paint
        self._review_colors = [QColor(c) if c else None for c in REVIEW_COLORS]
        self._done_color = QColor("#2e9d4f")

    def set_review(self, summaries: dict | None) -> None:
        """Show the reviewer's columns (a summary per document), or the annotator's."""
        self.beginResetModel()
        self.review = dict(summaries) if summaries is not None else None
        self.endResetModel()

    def update_review(self, summaries: dict) -> None:
        """New summaries for a few documents: only their rows repaint."""
        if self.review is None:
            return
        self.review.update(summaries)
        for doc_id in summaries:
            row = self.row_of(doc_id)
            if row is not None:
                self.row_changed(row)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.session.summaries)

    def _count(self, row: int) -> int:
        s = self.session.summaries[row]
        doc = self.session.doc
        # the open document's count follows each edit without re-reading the list
        return len(doc.index) if doc is not None and doc.id == s.id else s.spans

    def data(self, index: QModelIndex, role=DISPLAY):
        if role not in ANSWERED or not index.isValid():
            return None
        s = self.session.summaries[index.row()]
        col = index.column()
        review = self.review.get(s.id) if self.review is not None else None
        if role == DOC_ID:
            return s.id
        if role == TOOLTIP:
            tip = (f"{s.title or s.id}\n{s.source or 'unknown source'}"
                   f"{' · ' + s.published if s.published else ''}\n"
                   f"id {s.id}" + (f" · {s.length:,} characters"
                                   if s.length is not None else ""))
            if self.review is None:
                return f"{tip} · {STATUS_TEXT[s.status]}"
            return f"{tip}\n\n{review_tip(review)}" if review is not None else tip
        if role == FONT:
            if self.session.doc is not None and s.id == self.session.doc.id:
                return self.bold_font
            if review is not None and col == REVIEW_COLUMNS[-1] and review.open:
                return self.bold_font
            return None
        if self.review is not None and (col == 0 or col in REVIEW_COLUMNS):
            return self._review_cell(review, col, role)
        if col in REVIEW_COLUMNS:  # hidden while annotating; the filter still asks
            return None
        if role == DISPLAY:
            return (MARKS[s.status], s.title or s.id, s.source or "", s.event or "",
                    f"{self._count(index.row()):,}")[col]
        if role == FOREGROUND and col == 0 and s.status == DONE:
            return self._done_color
        if role == ALIGNMENT and col in (0, SPANS):
            return CENTRED
        return None

    def _review_cell(self, summary, col: int, role):
        """The reviewer's columns: a mark for adjudicated, then the counts."""
        if role == ALIGNMENT:
            return CENTRED
        if summary is None:  # not read yet
            return None
        if not summary.participants:
            return "–" if role == DISPLAY and col else None
        if role == DISPLAY:
            if col == 0:
                return "✔" if summary.adjudicated else (
                    "◐" if summary.open < summary.candidates or summary.gold else "")
            return review_counts(summary)[col - REVIEW_COLUMNS[0]]
        if role == FOREGROUND:
            return self._review_colors[0 if col == 0 else col - REVIEW_COLUMNS[0]]
        return None

    def texts_of(self, col: int) -> set[str]:
        """The different texts a count column shows (as `data` does, without asking it
        row by row: at 10,000 documents that was a quarter of showing the list)."""
        if col == SPANS:
            doc = self.session.doc
            open_id = doc.id if doc is not None else None
            # the different counts first: a few hundred to format, not 10,000
            texts = {f"{n:,}" for n in {s.spans for s in self.session.summaries
                                         if s.id != open_id}}
            if open_id is not None and self.row_of(open_id) is not None:
                texts.add(f"{len(doc.index):,}")
            return texts
        texts = set()
        k = col - REVIEW_COLUMNS[0]
        for s in self.session.summaries:
            summary = self.review.get(s.id) if self.review is not None else None
            if summary is not None:
                texts.add(review_counts(summary)[k] if summary.participants else "–")
        return texts

    def row_of(self, doc_id: str | None) -> int | None:
        summaries = self.session.summaries  # a new list each time the list is read
        if summaries is not self._rows_of:
            self._rows = {s.id: i for i, s in enumerate(summaries)}
            self._rows_of = summaries
        return self._rows.get(doc_id)

    def _count_cell_changed(self) -> None:
        """The open document's spans changed: only its count shows it."""
        doc = self.session.doc
        row = self.row_of(doc.id if doc is not None else None)
        if row is not None:
            cell = self.index(row, SPANS)
            self.dataChanged.emit(cell, cell)

    def _current_changed(self) -> None:
        rows = {self.row_of(self._current)}
        self._current = self.session.doc.id if self.session.doc else None
        rows.add(self.row_of(self._current))
        for row in rows - {None}:
            self.row_changed(row)


class DocumentList(Panel):
    def __init__(self, session: Session, parent=None):
        super().__init__(session, "document_list", parent, spacing=4)
        layout = self.parts
        self.progress_text = QLabel()
        self.progress_text.setObjectName("progress_text")
        layout.addWidget(self.progress_text)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        layout.addWidget(self.progress)
        self.model = DocumentListModel(session, self)
        self.proxy, self.filter = filtered(self.model, self, "Filter documents…")
        layout.addWidget(self.filter)
        self.view = row_table("document_table", self)
        show_model(self.view, self.proxy, self.model)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 26)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(SOURCE, 80)
        header.resizeSection(EVENT, 70)
        for col in (SPANS, *REVIEW_COLUMNS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        self._show_columns()
        self.view.clicked.connect(self._open)
        self.view.activated.connect(self._open)
        layout.addWidget(self.view)
        session.documents_changed.connect(self._update_progress)
        session.documents_changed.connect(self._follow)
        session.document_opened.connect(self._follow)
        connect_for(self, session.spans_changed, lambda _d: self._count_changed())
        self._update_progress()

    def _open(self, index: QModelIndex) -> None:
        doc_id = index.data(DOC_ID)
        if doc_id is not None:
            self.session.open(doc_id)

    def set_review(self, summaries: dict | None) -> None:
        """Reviewer's columns (summaries by document id) or, with None, the annotator's."""
        self.model.set_review(summaries)
        self._show_columns()
        self._update_progress()
        self._follow()

    def update_review(self, summaries: dict) -> None:
        self.model.update_review(summaries)
        self._update_progress()

    def _show_columns(self) -> None:
        reviewing = self.model.review is not None
        self.view.setColumnHidden(SPANS, reviewing)
        for col in REVIEW_COLUMNS:
            self.view.setColumnHidden(col, not reviewing)
        self._size_counts()

    def _fit_columns(self) -> None:
        """Source and Event only where the title keeps TITLE_MIN beside them (both are in
        the row's tooltip, and the filter finds them either way). A reviewer's counts
        take Source's place; one event for the whole corpus says nothing per row."""
        reviewing = self.model.review is not None
        header = self.view.horizontalHeader()
        wanted = [c for c, on in ((SOURCE, not reviewing),
                                  (EVENT, len({s.event for s in self.session.summaries}) > 1))
                  if on]
        # the header is as wide as the view's viewport (QTableView keeps it so), and
        # asking for the viewport itself made PySide build the type of every QWidget
        # subclass before the first paint (see text_view._own_viewport)
        room = header.width() - sum(
            header.sectionSize(c) for c in range(len(COLUMNS))
            if c not in (TITLE, SOURCE, EVENT) and not self.view.isColumnHidden(c))
        for col in (SOURCE, EVENT):
            show = col in wanted and room - header.sectionSize(col) >= TITLE_MIN
            if show:
                room -= header.sectionSize(col)
            if self.view.isColumnHidden(col) == show:
                self.view.setColumnHidden(col, not show)

    def _size_counts(self) -> None:
        """The count columns as wide as their widest number (10,000, not "10…")."""
        model, header = self.model, self.view.horizontalHeader()
        columns = REVIEW_COLUMNS if model.review is not None else (SPANS,)
        bold = QFontMetrics(model.bold_font)
        for col in columns:
            widest = max([bold.horizontalAdvance(t) for t in model.texts_of(col)]
                         + [header.fontMetrics().horizontalAdvance(COLUMNS[col])])
            width = widest + COUNT_PADDING
            if header.sectionSize(col) != width:
                header.resizeSection(col, width)
        self._fit_columns()

    def _count_changed(self) -> None:
        """The open document's count follows each edit: widen its column if it must."""
        row = self.model.row_of(self.session.doc.id if self.session.doc else None)
        if row is None or self.model.review is not None:
            return
        text = self.model.index(row, SPANS).data() or ""
        if QFontMetrics(self.model.bold_font).horizontalAdvance(text) + COUNT_PADDING > \
                self.view.horizontalHeader().sectionSize(SPANS):
            self._size_counts()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_columns()

    def _update_progress(self) -> None:
        summaries = self.session.summaries
        self._size_counts()
        if self.model.review is not None:
            self._review_progress()
            return
        done = sum(1 for s in summaries if s.status == DONE)
        started = sum(1 for s in summaries if s.status == IN_PROGRESS)
        self._show_progress(
            done, len(summaries), f"{done} of {len(summaries)} done" if summaries else
            "No documents for you: none imported yet, or none assigned to you",
            f"{started} in progress" if started else "")

    def _review_progress(self) -> None:
        review = self.model.review
        ids = [s.id for s in self.session.summaries]
        if ids and not review:
            self.progress_text.setText("Reading the disagreement…")
            self.progress.setValue(0)
            return
        done = sum(1 for i in ids if i in review and review[i].adjudicated)
        still = sum(review[i].open for i in ids if i in review)
        self._show_progress(done, len(ids), f"{done} of {len(ids)} adjudicated",
                            f"{still} candidate{'s' if still != 1 else ''} open" if still else "")

    def _show_progress(self, done: int, total: int, text: str, more: str) -> None:
        """The bar `done` of `total` full, under `text` and, if any, ` · more`."""
        self.progress_text.setText(f"{text} · {more}" if more else text)
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def _follow(self) -> None:
        row = self.model.row_of(self.session.doc.id if self.session.doc else None)
        if row is not None:
            select_row(self.view, self.proxy, self.model.index(row, 1))
