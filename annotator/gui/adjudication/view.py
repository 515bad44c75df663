"""AdjudicationView: the reviewer's widget. The text with the gold layer on the left, the
candidates and the selected one's details on the right, the annotators' layers side by
side below (toggled). It is built on an AdjudicationSession (gui/adjudication/session.py),
which holds what is shown and makes every decision; the view renders it, keeps the
selection and reads documents off the GUI thread."""

from __future__ import annotations

import html
from collections.abc import Callable
from itertools import repeat
from operator import itemgetter

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotator.core import adjudication as adj
from annotator.core.text import snap_to_words
from annotator.gui import collector
from annotator.gui.adjudication.actions import build_actions, split_button
from annotator.gui.adjudication.candidates import FILTERS, CandidateModel, CandidateTable, Row
from annotator.gui.adjudication.details import DetailPanel
from annotator.gui.adjudication.edit_dialog import EditDialog
from annotator.gui.adjudication.layers import (
    OPEN_MARK,
    SELECTED,
    LayersPanel,
    pane_style,
    span_item,
)
from annotator.gui.adjudication.palette import CONFLICT_COLOR
from annotator.gui.adjudication.session import AdjudicationSession
from annotator.gui.adjudication.summary import document_item_text, summary_html
from annotator.gui.adjudication.text_pane import TextPane
from annotator.gui.colors import LabelColors
from annotator.gui.jobs import Job
from annotator.gui.span_index import SpanIndex
from annotator.services import adjudicate
from annotator.services import adjudication_view as reading
from annotator.services.changes import Changes
from annotator.services.project import Project
from annotator.services.reading import concepts as project_concepts

PAINT_WAIT_MS = 500  # settled without a paint after this long (a window never exposed)
LOADING_SAID_MS = 250  # a read that takes longer says so


class AdjudicationView(QWidget):
    """The adjudication view for one reviewer.

    Raises InputError when `reviewer` does not have the reviewer role: only a reviewer
    sees everyone's work. Emits `changed(Changes)` after every decision, undo, redo and
    automatic run, so that a document list can refresh its disagreement counts. Changes
    made elsewhere come in through `session.apply(changes)`.
    """

    changed = Signal(object)  # services.changes.Changes
    documentShown = Signal(str)  # noqa: N815 (Qt naming)
    message = Signal(str)  # what happened, for a status bar
    bulkFinished = Signal(object)  # noqa: N815  AutoRun, or None when cancelled or failed
    # the document asked for is on screen (painted, or the view is hidden), or could not
    # be read: work in the background waits for it, since it would hold the paint up
    settled = Signal()

    def __init__(self, project: Project, reviewer: str, parent: QWidget | None = None, *,
                 document_chooser: bool = True, write: Callable | None = None):
        session = AdjudicationSession(project, reviewer, write=write)  # refuses a non-reviewer
        super().__init__(parent)
        session.setParent(self)
        self.session = session
        self.project = project
        self.reviewer = reviewer
        self.colors = LabelColors(project.codebook, self.palette())
        self.edit_dialog: EditDialog | None = None
        self.bulk: Job | None = None  # a corpus run under way
        self.loading: str | None = None  # the document being read, until it is shown
        self._load_job: Job | None = None
        self._loads = 0  # a read answers only if no other was asked for since
        # ends the hold on collecting of the read under way (gui.collector.hold)
        self._release_collecting = collector.not_held
        self._focus_when_shown = False
        self._deciding = False  # a decision of this view's is being applied (`_do`)
        self._advancing = False  # ... and the selection moves on from it afterwards
        self._select_when_shown: tuple[str, adj.Key] | None = None
        self._selected: adj.Key | None = None
        self._rendered: reading.Adjudication | None = None  # what the panes show
        self._unpainted: int | None = None  # the read (`_loads`) shown, not yet painted
        # doc id -> the workbench's SpanIndex of its text, when it has one (reviewer mode)
        self.text_index: Callable[[str], SpanIndex | None] | None = None
        self._style = pane_style(self.colors)
        self._build()
        self._connect()
        # Driven by a document list (the main window), the view neither reads every
        # document's summary for its chooser nor opens a first document of its own.
        self.set_document_chooser_visible(document_chooser)
        if document_chooser and self.documents.count():
            self.show_document(self.documents.itemData(0))
        else:
            self._update_actions()

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        self.actions = build_actions(self)
        self._undo_keys = self.actions.undo.shortcuts()
        self._redo_keys = self.actions.redo.shortcuts()
        self.documents = QComboBox()
        self.documents.setMinimumContentsLength(40)
        self.documents.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)  # else its one line sets the view's minimum width
        self.filter = QComboBox()
        for key, text in FILTERS.items():
            self.filter.addItem(text, key)
        self.show_layers = QCheckBox("Annotators side by side")

        top = QHBoxLayout()
        top.setContentsMargins(6, 4, 6, 0)
        self.documents_label = QLabel("Document")
        top.addWidget(self.documents_label)
        top.addWidget(self.documents, 1)
        top.addSpacing(12)
        top.addWidget(QLabel("Show"))
        top.addWidget(self.filter)
        top.addWidget(self.show_layers)
        top.addStretch()  # keeps the filters together when the chooser is hidden

        a = self.actions
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (a.accept, a.reject, a.reject_all, a.edit):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(a.add_gold)
        self.toolbar.addAction(a.remove_gold)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(split_button(a.unanimous_doc, a.unanimous_corpus, self))
        self.toolbar.addWidget(split_button(a.majority_doc, a.majority_corpus, self))
        self.toolbar.addAction(a.finish)
        self.toolbar.addSeparator()
        self.toolbar.addAction(a.undo)
        self.toolbar.addAction(a.redo)

        self.gold_pane = TextPane()
        self.gold_pane.setMinimumWidth(320)
        gold_box = QWidget()
        gold_col = QVBoxLayout(gold_box)
        gold_col.setContentsMargins(0, 0, 0, 0)
        gold_col.setSpacing(2)
        self.gold_title = QLabel("<b>Gold</b>")
        self.gold_title.setWordWrap(True)
        self.gold_title.setContentsMargins(6, 2, 6, 0)
        gold_col.addWidget(self.gold_title)
        gold_col.addWidget(self.gold_pane)

        self.model = CandidateModel(self.colors, self)
        self.table = CandidateTable(self.model)
        self.details = DetailPanel(self.colors)
        table_box = QWidget()
        table_col = QVBoxLayout(table_box)
        table_col.setContentsMargins(0, 0, 0, 0)
        table_col.setSpacing(2)
        self.summary.setContentsMargins(6, 2, 6, 0)
        table_col.addWidget(self.summary)
        table_col.addWidget(self.table)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(table_box)
        right.addWidget(self.details)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)

        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.addWidget(gold_box)
        self.main_split.addWidget(right)
        self.main_split.setStretchFactor(0, 2)
        self.main_split.setStretchFactor(1, 3)

        self.layers = LayersPanel(self.colors)
        self.layers.setVisible(False)
        self.layers.follow(self.gold_pane.verticalScrollBar())
        self.outer_split = QSplitter(Qt.Orientation.Vertical)
        self.outer_split.addWidget(self.main_split)
        self.outer_split.addWidget(self.layers)
        self.outer_split.setStretchFactor(0, 3)
        self.outer_split.setStretchFactor(1, 2)

        self.status = QLabel()
        self.status.setContentsMargins(6, 0, 6, 4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.outer_split, 1)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        a = self.actions
        a.accept.triggered.connect(self.accept_selected)
        a.reject.triggered.connect(self.reject_selected)
        a.reject_all.triggered.connect(self.reject_all_here)
        a.edit.triggered.connect(self.edit_selected)
        a.add_gold.triggered.connect(self.add_gold_from_selection)
        a.remove_gold.triggered.connect(self.remove_selected_gold)
        a.unanimous_doc.triggered.connect(lambda: self.accept_all(adj.UNANIMOUS))
        a.majority_doc.triggered.connect(lambda: self.accept_all(adj.MAJORITY))
        a.unanimous_corpus.triggered.connect(lambda: self.accept_all(adj.UNANIMOUS, True))
        a.majority_corpus.triggered.connect(lambda: self.accept_all(adj.MAJORITY, True))
        a.finish.triggered.connect(self.finish_document)
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        self.documents.activated.connect(
            lambda i: self.show_document(self.documents.itemData(i)))
        self.filter.currentIndexChanged.connect(
            lambda _i: self._refilter(self.filter.currentData()))
        self.show_layers.toggled.connect(self._toggle_layers)
        self.table.currentKeyChanged.connect(self._on_select)
        self.gold_pane.viewport().installEventFilter(self)
        s = self.session
        s.document_changed.connect(self._updated)
        s.summaries_changed.connect(self._show_summaries)
        s.undo_changed.connect(self._update_actions)
        s.message.connect(self._say)
        s.changed.connect(self.changed)

    @property
    def adjudication(self) -> reading.Adjudication | None:
        """The document on screen, as the session holds it."""
        return self.session.adjudication

    # ------------------------------------------------------------ documents

    def _show_summaries(self, doc_ids) -> None:
        s = self.session
        if self.documents.isHidden():
            return  # a document list drives the view (filled when shown: read_summaries)
        if doc_ids is None:
            self.documents.clear()
            for doc_id, summary in s.summaries.items():
                self.documents.addItem(document_item_text(s.titles.get(doc_id, doc_id),
                                                          summary), doc_id)
            if self.current_document() is not None:
                self.documents.setCurrentIndex(self.documents.findData(
                    self.current_document()))
            return
        for doc_id in doc_ids:
            index = self.documents.findData(doc_id)
            if index >= 0:
                self.documents.setItemText(index, document_item_text(
                    s.titles.get(doc_id, doc_id), s.summaries[doc_id]))

    def set_document_chooser_visible(self, visible: bool) -> None:
        """Hide the view's own document chooser when a document list drives it."""
        self.documents_label.setVisible(visible)
        self.documents.setVisible(visible)
        if visible and not self.documents.count():
            self.session.read_summaries()

    def set_undo_shortcuts(self, enabled: bool) -> None:
        """Give up Ctrl+Z / Ctrl+Shift+Z when a window binds them itself (two bindings of
        one key in one window cancel each other); its Edit menu then calls undo()/redo()
        while this view is shown."""
        self.actions.undo.setShortcuts(self._undo_keys if enabled else [])
        self.actions.redo.setShortcuts(self._redo_keys if enabled else [])

    def current_document(self) -> str | None:
        """The document on screen, whose candidates the keys decide on."""
        return self.session.current_document()

    def wanted_document(self) -> str | None:
        """The document being read, else the one on screen."""
        return self.loading or self.current_document()

    def show_document(self, doc_id: str, title: str | None = None,
                      text: str | None = None) -> Job | None:
        """Read a document off the GUI thread (a long one takes seconds), then show it.
        Meanwhile the view says it is loading and decides nothing: the keys act only on
        the document shown, never on one the reviewer has not seen yet. `text`: the
        document's text, when the caller has just read it (not read again)."""
        self._loads += 1
        ticket = self._loads
        self._unpainted = None  # what was shown before settles no more
        kept = self.session.kept_docs.get(doc_id)
        if kept is not None:  # shown before and changed by nobody since: nothing to read
            self.loading = doc_id
            self._loaded(ticket, kept)
            return None
        self.loading = doc_id
        self._show_loading(title or doc_id)
        # no collection on this thread takes Python's lock from the read, nor goes over
        # its many new objects before their paint
        self._release_collecting()
        self._release_collecting = collector.hold()
        read = self.session.read
        self._load_job = Job(
            lambda _progress: read(doc_id, text),
            "Opening the document", self, dialog=False,
            on_done=lambda got: self._loaded(ticket, got),
            on_error=lambda text: self._load_failed(ticket, text))
        return self._load_job.start()

    def is_loading(self) -> bool:
        return self.loading is not None

    def reveal_candidate(self, doc_id: str, key: adj.Key) -> None:
        """Select a candidate of a document and show it in the text, now if the document
        is shown, else once it is (it may still be being read)."""
        if self.loading is None and self.current_document() == doc_id:
            self.select_candidate(key)
            self.gold_pane.reveal(key[0], key[1])
        else:
            self._select_when_shown = (doc_id, key)

    def take_focus(self) -> None:
        """Focus the candidates (once the document is shown, if it is being read)."""
        if self.loading is not None:
            self._focus_when_shown = True
        else:
            self.table.setFocus()

    def _show_loading(self, title: str) -> None:
        """Decisions wait at once; the view says it is reading (greyed, "Loading …") only
        if the read is not over within LOADING_SAID_MS: saying it repainted the whole view
        once more, in the middle of a read that takes less."""
        if self.outer_split.isEnabled():  # else the focus has left the greyed view
            self._focus_when_shown = self._focus_when_shown or self.isAncestorOf(
                QApplication.focusWidget())
        self._update_actions()
        ticket = self._loads
        QTimer.singleShot(LOADING_SAID_MS, self, lambda: self._say_loading(ticket, title))

    def _say_loading(self, ticket: int, title: str) -> None:
        if ticket != self._loads or self.loading is None:
            return  # shown (or given up) already, or another one asked for since
        text = f"Loading “{html.escape(title)}”…"
        self.summary.setText(f"<span style='color:gray'>{text}</span>")
        self.gold_title.setText("<b>Gold</b> <span style='color:gray'>· loading…</span>")
        self.status.setText(f"<span style='color:gray'>{text} Decisions wait until it "
                            "is shown.</span>")
        self.outer_split.setEnabled(False)  # greyed: what is on screen is the old one

    def _load_failed(self, ticket: int, text: str) -> None:
        if ticket != self._loads:
            return
        self.loading = None
        self.outer_split.setEnabled(True)
        if self.adjudication is not None:
            self._render()
        self._say(f"Could not open the document: {text}", error=True)
        self._settle()

    def _loaded(self, ticket: int, adjudication: reading.Adjudication) -> None:
        if ticket != self._loads:
            return  # another document was asked for since: that one will show
        self.loading = None
        self.outer_split.setEnabled(True)
        self.status.setText("")
        doc_id = adjudication.document.id
        self.session.show(adjudication)
        self._selected = None
        index = self.documents.findData(doc_id)
        if index >= 0:
            self.documents.setCurrentIndex(index)
        known = self.text_index(doc_id) if self.text_index is not None else None
        with self.gold_pane.formatting_once():  # where the selection has brought it
            self.gold_pane.set_text(adjudication.document.text, known)
            self._render()
            if self.show_layers.isChecked():
                self._fill_layers()
            first_open = next((r.key for r in self.adjudication.candidates
                               if r.state == adj.OPEN), None)
            wanted, self._select_when_shown = self._select_when_shown, None
            if wanted is not None and wanted[0] == doc_id:
                self.select_candidate(wanted[1])
                self.gold_pane.reveal(wanted[1][0], wanted[1][1])
            else:
                self.select_candidate(first_open or (self.model.rows[0].key
                                                     if self.model.rows else None))
        if self._focus_when_shown:
            self._focus_when_shown = False
            self.table.setFocus()
        _lay_out_now()  # before the paint of what is shown, not after it
        self.documentShown.emit(doc_id)
        self._settle()

    def _settle(self) -> None:
        """`settled` once the gold pane has painted what was just shown (at once when it
        is not on screen)."""
        if not self.gold_pane.viewport().isVisible():
            self._unpainted = None
            self._release_collecting()
            self.settled.emit()
            return
        ticket = self._unpainted = self._loads
        QTimer.singleShot(PAINT_WAIT_MS, self, lambda: self._painted(ticket))

    def _painted(self, ticket: int) -> None:
        if self._unpainted == ticket:
            self._unpainted = None
            self._release_collecting()
            self.settled.emit()

    def refresh(self) -> None:
        """Read the current document whole again (changed elsewhere, not said how)."""
        if self.loading is None:  # else the read under way brings the latest
            self.session.reload()

    def _updated(self) -> None:
        """The session updated the shown document: render what changed, keeping the
        selection."""
        if self.loading is not None:
            return  # the document on screen is about to be replaced
        keep = self._selected
        view = self.adjudication
        if view.revised is not None and self.session.base is self._rendered:
            self._revise(self._rendered, view)
        else:
            self._render()
            if self.show_layers.isChecked():
                self._fill_layers()
        self.select_candidate(keep)
        if not self._deciding:  # else laid out once the decision has moved on (`_do`)
            _lay_out_now()

    def _render(self) -> None:
        """The shown document whole: table, counts, the gold pane's paint."""
        view = self._rendered = self.adjudication
        self.model.set_adjudication(view)
        self._show_counts(view)
        self.gold_pane.show_items(self._paint_items(view), self._style)
        self._update_actions()

    def _paint_items(self, view: reading.Adjudication) -> dict:
        """The gold pane's items: a dashed line under each open candidate without gold at
        its place, the gold spans, the selection. Made in comprehensions, not a generator
        and a call per item: a 1 MB document has thousands of open candidates."""
        gold = {g.key for g in view.gold}
        rows = view.candidates
        keys = [k for k, state in zip(map(_key, map(_candidate, rows)), map(_state, rows),
                                      strict=True)
                if state == adj.OPEN and k not in gold]
        items = dict(zip(zip(repeat("open"), keys), _open_marks(keys), strict=False))
        items.update({("gold", g.id): span_item(g.start, g.end, g.label, 0.4)
                      for g in view.gold})
        if self._selected is not None:
            items["selected"] = _selection(self._selected)
        return items

    def _revise(self, before: reading.Adjudication, view: reading.Adjudication) -> None:
        """Only the candidates a decision changed: their rows, their marks in the text,
        the gold spans that came, went or changed, the counts."""
        self._rendered = view
        self.model.update(view, view.revised)
        self._show_counts(view)
        gold_keys = {g.key for g in view.gold}
        drop, put = [], {}
        for key in view.revised:
            if view.row(key).state == adj.OPEN and key not in gold_keys:
                put[("open", key)] = _open_mark(key)
            else:
                drop.append(("open", key))
        old = {g.id: g for g in before.gold}
        new = {g.id: g for g in view.gold}
        drop += [("gold", i) for i in old.keys() - new.keys()]
        put.update({("gold", i): span_item(g.start, g.end, g.label, 0.4)
                    for i, g in new.items() if old.get(i) != g})
        self.gold_pane.change_items(drop, put)
        if (self._selected is not None and self._selected in view.revised
                and not self._advancing):
            row = self.table.current_row()
            self.details.show_row(row, view.participants)
        self._update_actions()

    def _show_counts(self, view: reading.Adjudication) -> None:
        self.summary.setText(summary_html(view.summary, self.colors))
        legend = "<span style='color:gray'> · dashed underline: open candidate</span>"
        self.gold_title.setText(f"<b>Gold</b> <span style='color:gray'>· {len(view.gold)} "
                                f"span{'s' if len(view.gold) != 1 else ''}</span>{legend}")

    def _fill_layers(self) -> None:
        view = self.adjudication
        if view is not None:
            self.layers.set_layers(view.document.text, dict(view.layers), dict(view.statuses))
            if self._selected is not None:
                self.layers.reveal(self._selected[0], self._selected[1])

    def _toggle_layers(self, on: bool) -> None:
        self.layers.setVisible(on)
        if on:
            self._fill_layers()

    def _refilter(self, name: str) -> None:
        keep = self._selected
        self.model.set_filter(name)
        if not self.table.select_key(keep):
            self._on_select(None)

    # ------------------------------------------------------------ selection

    def select_candidate(self, key: adj.Key | None) -> None:
        if key is None or not self.table.select_key(key):
            self.table.clearSelection()
            self._on_select(None)

    def selected_row(self) -> Row | None:
        return self.table.current_row()

    def _on_select(self, key) -> None:
        self._selected = tuple(key) if key is not None else None
        row = self.table.current_row() if key is not None else None
        self.details.show_row(row, self.adjudication.participants if self.adjudication else ())
        if self._rendered is not None:
            if self._selected is None:
                self.gold_pane.change_items(["selected"], {})
            else:
                self.gold_pane.change_items((), {"selected": _selection(self._selected)})
        if key is not None:
            self.gold_pane.reveal(key[0], key[1])
            if self.layers.isVisible():
                self.layers.reveal(key[0], key[1])
        self._update_actions()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (self._unpainted is not None and event.type() == QEvent.Type.Paint
                and watched is self.gold_pane.viewport()):
            ticket = self._unpainted  # settled once this paint is over
            QTimer.singleShot(0, self, lambda: self._painted(ticket))
        if (watched is self.gold_pane.viewport()
                and event.type() == QEvent.Type.MouseButtonRelease
                and self.gold_pane.selection() is None and self.adjudication is not None):
            at = self.gold_pane.position_at(event.position().toPoint())
            key = self.model.narrowest_at(at)
            if key is not None:
                self.table.select_key(key)
        return super().eventFilter(watched, event)

    def _update_actions(self) -> None:
        shown = self.loading is None  # nothing is decided on a document being read
        row = self.selected_row() if shown else None
        a = self.actions
        has_doc = self.adjudication is not None and shown
        is_cand = row is not None and row.candidate is not None
        for action in (a.accept, a.reject, a.reject_all, a.edit):
            action.setEnabled(is_cand)
        a.remove_gold.setEnabled(row is not None and row.gold is not None)
        for action in (a.add_gold, a.unanimous_doc, a.majority_doc, a.finish):
            action.setEnabled(has_doc)
        texts = self.session.undo_texts  # kept by the session: no query per selection
        a.undo.setEnabled(texts[0] is not None)
        a.redo.setEnabled(texts[1] is not None)
        a.undo.setToolTip(f"Undo: {texts[0]} (Ctrl+Z)" if texts[0] else "Nothing to undo")
        a.redo.setToolTip(f"Redo: {texts[1]} (Ctrl+Shift+Z)" if texts[1] else "Nothing to redo")

    # ------------------------------------------------------------ decisions

    def _do(self, call, *args, advance: bool = False, **kwargs) -> Changes | None:
        """A decision through the session; problems go to the status line (never a
        modal box)."""
        before = self._selected
        # the view shows what the decision changed once it has moved on (`_updated`): the
        # details of a candidate about to be left, and a layout of the window between,
        # were work no paint showed
        self._deciding = True
        self._advancing = advance and before is not None
        try:
            changes = self.session.decide(call, *args, **kwargs)
        finally:
            self._deciding = self._advancing = False
        if changes is not None and advance and before is not None:
            self._advance_from(before)
        _lay_out_now()  # what it says in the status line too
        return changes

    def _advance_from(self, key: adj.Key) -> None:
        """After a decision, go on to the next open candidate; with none left, the
        details show what was decided on the one still selected."""
        following = self.model.next_open(key)
        if following is None or not self.table.select_key(following) or (
                self._selected != following):
            self.details.show_row(self.table.current_row(), self.adjudication.participants)

    def _candidate_key(self) -> adj.Key | None:
        row = self.selected_row()
        if row is None or row.candidate is None:
            self._say("Select a candidate first.", error=True)
            return None
        return row.key

    def accept_selected(self) -> None:
        key = self._candidate_key()
        if key:
            self._do(adjudicate.accept, self.current_document(), key, advance=True)

    def reject_selected(self) -> None:
        key = self._candidate_key()
        if key:
            self._do(adjudicate.reject, self.current_document(), key, advance=True)

    def reject_all_here(self) -> None:
        key = self._candidate_key()
        if not key:
            return
        place = [r.key for r in self.adjudication.place(key)]
        start, end = min(k[0] for k in place), max(k[1] for k in place)
        self._do(adjudicate.reject_all, self.current_document(), start, end, keys=place,
                 advance=True)

    def edit_selected(self) -> EditDialog | None:
        """Open the edit dialog for the selected candidate (window-modal, not blocking)."""
        key = self._candidate_key()
        if not key:
            return None
        row = self.selected_row()
        cr = row.candidate
        if cr.gold is not None and cr.state in (adj.ACCEPTED, adj.EDITED):
            g = cr.gold
            start, end, label, attrs, concept, note = (g.start, g.end, g.label, g.attributes,
                                                       g.concept, g.note)
        else:
            attrs, concept = cr.candidate.chosen()
            start, end, label, note = key[0], key[1], key[2], None
        return self._open_dialog(f"Accept with an edit — {key[2]} {key[0]}–{key[1]}",
                                 start, end, label, attrs, concept, note,
                                 lambda v: self._do(adjudicate.accept_with_edit,
                                                    self.current_document(), key, **v,
                                                    advance=True))

    def add_gold_from_selection(self) -> EditDialog | None:
        if self.adjudication is None:
            return None
        picked = self.gold_pane.selection()
        if picked is None:
            self._say("Select some text in the gold pane first.", error=True)
            return None
        start, end = snap_to_words(self.adjudication.document.text, *picked)
        if end <= start:
            self._say("The selection holds no words.", error=True)
            return None
        row = self.selected_row()
        label = row.key[2] if row is not None else self.project.codebook.labels[0].name
        return self._open_dialog("Add a gold span", start, end, label, {}, None, None,
                                 lambda v: self._do(adjudicate.add_gold,
                                                    self.current_document(), **v))

    def _open_dialog(self, title, start, end, label, attrs, concept, note, apply
                     ) -> EditDialog:
        dialog = EditDialog(self.project.codebook, project_concepts(self.project),
                            self.adjudication.document.text, title=title, start=start,
                            end=end, label=label, attributes=attrs, concept=concept,
                            note=note, parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: apply(dialog.values()))
        dialog.finished.connect(lambda _r: setattr(self, "edit_dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def remove_selected_gold(self) -> None:
        row = self.selected_row()
        if row is None or row.gold is None:
            self._say("Select a gold span first.", error=True)
            return
        self._do(adjudicate.remove_gold, self.current_document(), row.gold.id)

    def finish_document(self) -> None:
        if self.adjudication is not None:
            self._do(adjudicate.finish_document, self.current_document())

    def accept_all(self, policy: str, corpus: bool = False) -> None:
        if self.adjudication is None:
            return
        if not corpus:
            self.session.auto_document(policy, self.current_document())
            return
        self._start_bulk(policy)

    # ------------------------------------------------------------ corpus runs

    def _start_bulk(self, policy: str) -> None:
        """The workbench's background runner: one transaction, which a cancel rolls
        back."""
        auto = self.session.auto
        self.bulk = Job(lambda progress: auto(policy, None, progress),
                        f"Accepting all {policy} candidates…", self,
                        on_done=lambda run: self._on_bulk_end(run, "", False),
                        on_error=lambda text: self._on_bulk_end(None, text, True),
                        on_cancel=lambda: self._on_bulk_end(
                            None, "Cancelled; nothing changed.", False))
        self.bulk.dialog.setWindowTitle("Adjudicating the corpus")
        self._set_busy(True)
        self.bulk.start()

    def _set_busy(self, busy: bool) -> None:
        """Nothing else happens during a corpus run; the progress dialog (a child window)
        stays usable, so the view itself is not disabled."""
        for widget in (self.toolbar, self.documents, self.filter, self.show_layers):
            widget.setEnabled(not busy)
        self.outer_split.setEnabled(not busy and self.loading is None)  # greyed while read
        for action in self.actions.all():
            action.setEnabled(not busy)
        if not busy:
            self._update_actions()

    def is_busy(self) -> bool:
        return self.bulk is not None

    def cancel_bulk(self, wait: bool = False) -> None:
        """Cancel a corpus run (its transaction rolls back); `wait` until its thread has
        let go of the database (the window is closing)."""
        if self.bulk is not None:
            self.bulk.cancel()
            if wait:
                self.bulk.wait()

    def _on_bulk_end(self, run, message: str, error: bool) -> None:
        self.bulk = None
        self._set_busy(False)
        if run is not None:
            self.session.finish_run(run)
        else:
            self._say(message, error=error)
        self.bulkFinished.emit(run)

    # ------------------------------------------------------------ undo

    def undo(self) -> None:
        self._replay(self.session.undo)

    def redo(self) -> None:
        self._replay(self.session.redo)

    def _replay(self, call) -> None:
        changes = call()
        doc_ids = sorted(changes.documents) if changes else []
        if len(doc_ids) == 1 and doc_ids[0] != self.current_document():
            self.show_document(doc_ids[0])  # where the undone decision was

    def _say(self, text: str, error: bool = False) -> None:
        color = CONFLICT_COLOR if error else "gray"
        self.status.setText(f"<span style='color:{color}'>{text}</span>")
        self.message.emit(text)


_candidate, _state = itemgetter(0), itemgetter(1)  # of a CandidateRow, in C
_key = adj.Candidate.key.fget


def _open_marks(keys: list[adj.Key]) -> list:
    """The dashed line under each open candidate, made column by column in C."""
    starts, ends, labels = (list(map(itemgetter(i), keys)) for i in range(3))
    return list(zip(starts, ends, zip(repeat(OPEN_MARK), starts, ends, labels, strict=False),
                    zip(repeat("open"), labels, strict=False), strict=True))


def _open_mark(key: adj.Key):
    return _open_marks([key])[0]


def _lay_out_now(steps: int = 12) -> None:
    """Lay out now what the view's new texts changed, up to the window. A label's new
    text relays out its box, whose layout asks the splitter above it, which asks the
    next one up, and so on: one step at each turn of the event loop (an event posted
    while posted events are delivered waits for the next turn). The window's paint came
    in the middle, then the rest of the steps, and the view was painted again. Each
    delivery here is one step; `steps` is more than the widgets from a label up to the
    window."""
    for _ in range(steps):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _selection(key: adj.Key):
    return (key[0], key[1], (SELECTED,), ("selected", key[2]))
