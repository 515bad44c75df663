"""Suggestions in the workbench: the layer of proposed spans offered to the current
annotator on the open document, which one is current, and accepting or rejecting it.

The layer is indexed like the annotator's own spans (a SpanIndex), so a document with
10,000 suggestions opens and paints as one with 10,000 spans does. It is re-read whenever
the open document's spans or suggestions change (an accept, a reject, an undo, a run of a
recommender in another window): what is offered depends on all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu

from annotator.gui.session import Session
from annotator.gui.span_index import SpanIndex, SpanItem
from annotator.gui.window_actions import window_action as _action
from annotator.services import suggestions as service
from annotator.services.changes import SPANS, SUGGESTIONS, Changes

if TYPE_CHECKING:
    from annotator.gui.shell import Window

DEFAULT_MINIMUM = 0.8


class Suggestions(QObject):
    changed = Signal()  # the layer was re-read: repaint
    current_changed = Signal(object)  # the current suggestion's id, or None

    def __init__(self, session: Session, shown: bool = True):
        super().__init__()
        self.session = session
        self.shown = shown
        self.index: SpanIndex | None = None
        self.scores: dict[int, float | None] = {}
        self.current: int | None = None
        self._suggested = False  # anything suggested on the open document, taken or not
        self._own: Changes | None = None  # what our own accept or reject is absorbing
        self._behind = False  # a read put off while the workbench is hidden
        session.document_opened.connect(self.reload)
        session.workbench_shown.connect(self._workbench_shown)
        session.identity_changed.connect(self.reload)
        session.changed.connect(self._changes)
        session.selection_changed.connect(self._span_selected)

    # ---------------------------------------------------------------- the layer

    def reload(self) -> None:
        session = self.session
        doc = session.doc
        self.index, self.scores, self._suggested = None, {}, False
        # under reviewer mode nothing shows them: read once the workbench is shown again
        self._behind = session.workbench_hidden
        if doc is not None and session.user is not None and self.shown and not self._behind:
            got = session._run(service.offered, session.project, doc.id, session.me)
            self._suggested = got is not None and got.suggested
            if got is not None and len(got):
                self.index = SpanIndex.from_layer(doc.text, got)
                if self.index.block_starts != doc.index.block_starts:
                    self.index.rebase(doc.index.block_starts)
                self.scores = dict(zip(got.ids, got.scores, strict=True))
        if self.current is not None and (self.index is None
                                         or self.current not in self.index.by_id):
            self._set_current(None)
        self.changed.emit()

    def _workbench_shown(self, shown: bool) -> None:
        if shown and self._behind:
            self.reload()

    def _changes(self, changes: Changes) -> None:
        doc = self.session.doc
        if changes is self._own:
            return  # taken out of the layer where it was made, without re-reading 10,000
        # spans change what is offered only where something is suggested
        if doc is not None and ((self._suggested and changes.touches(SPANS, doc.id))
                                or (SUGGESTIONS in changes.tables
                                    and (not changes.documents or doc.id in changes.documents))):
            self.reload()

    def _span_selected(self, span_id) -> None:
        if span_id is not None:
            self._set_current(None)  # one thing is current at a time: a span or a suggestion

    def set_shown(self, on: bool) -> None:
        self.shown = on
        self.reload()

    def __len__(self) -> int:
        return len(self.index) if self.index is not None else 0

    def item(self, suggestion_id: int | None) -> SpanItem | None:
        if self.index is None or suggestion_id is None:
            return None
        return self.index.by_id.get(suggestion_id)

    def source(self, item: SpanItem) -> str:
        return item.annotator  # the Offered layer keeps each one's source there

    def at(self, pos16: int) -> list[SpanItem]:
        return self.index.spans_at(pos16) if self.index is not None else []

    # ---------------------------------------------------------------- current

    def _set_current(self, suggestion_id: int | None) -> None:
        if suggestion_id != self.current:
            self.current = suggestion_id
            self.current_changed.emit(suggestion_id)

    def select(self, suggestion_id: int | None) -> None:
        if suggestion_id is not None:
            if self.item(suggestion_id) is None:
                return
            self.session.select(None)
        self._set_current(suggestion_id)
        item = self.item(suggestion_id)
        if item is not None:
            score = self.scores.get(suggestion_id)
            self.session.message.emit(
                f"Suggestion {item.label!r} from {self.source(item)}"
                + (f", score {score:.2f}" if score is not None else "")
                + ": Enter accepts, a label's key accepts it as that label, Del rejects.")

    def step(self, step: int) -> SpanItem | None:
        """Make the next (or previous) suggestion in text order current."""
        if not len(self):
            self.session.message.emit("No suggestions on this document.")
            return None
        index = self.index
        if self.current in index.by_id:
            row = index.row_of(self.current) + step
        else:
            row = self._row_near_selection(step)
        if not 0 <= row < len(index):
            self.session.message.emit("No more suggestions this way.")
            return None
        item = index.at_row(row)
        self.select(item.id)
        return item

    def _row_near_selection(self, step: int) -> int:
        """From the selected span onwards (or the document's start or end)."""
        span = self.session.selected_item()
        if span is None:
            return 0 if step > 0 else len(self.index) - 1
        rows = [r for r in range(len(self.index))
                if (self.index.at_row(r).start >= span.start) == (step > 0)]
        if not rows:
            return -1
        return rows[0] if step > 0 else rows[-1]

    # ---------------------------------------------------------------- verbs

    def accept(self, label: str | None = None) -> int | None:
        """Accept the current suggestion (as `label`, when given): the new span's id,
        selected, and the next suggestion becomes current."""
        item = self.item(self.current)
        if item is None:
            return None
        session = self.session
        row = self.index.row_of(item.id)
        changes = session.write(service.accept, session.project, session.me, item.id, label)
        if changes is None:
            return None
        if not changes:
            session.message.emit("You have that span already.")
            return None
        self._absorb_own(changes, item, label or item.label)
        self._current_after(row)
        new = changes.span_ids[0] if changes.span_ids else None
        session.message.emit(changes.description + " (Ctrl+Z takes it back).")
        return new

    def reject(self) -> bool:
        item = self.item(self.current)
        if item is None:
            return False
        session = self.session
        row = self.index.row_of(item.id)
        changes = session.write(service.reject, session.project, session.me, item.id)
        if changes is None:
            return False
        self._absorb_own(changes, item, item.label)
        self._current_after(row)
        session.message.emit(changes.description + " (Ctrl+Z takes it back).")
        return True

    def _absorb_own(self, changes: Changes, item: SpanItem, label: str) -> None:
        """The session takes the new span; the layer drops the suggestion, and any other
        one now the annotator's (the same place with the label accepted)."""
        self._own = changes
        try:
            self.session.absorb(changes)
        finally:
            self._own = None
        index = self.index
        for other in index.spans_between(item.s16, item.e16):
            if other.id == item.id or (other.start, other.end, other.label) == (
                    item.start, item.end, label):
                index.remove(other.id)
                self.scores.pop(other.id, None)
        self.changed.emit()

    def _current_after(self, row: int) -> None:
        """After the one at `row` is gone: the suggestion that took its place."""
        if self.index is not None and len(self.index):
            self.select(self.index.at_row(min(row, len(self.index) - 1)).id)
        else:
            self._set_current(None)

    def accept_above(self, minimum: float) -> Changes | None:
        session = self.session
        if session.doc is None:
            return None
        changes = session.write(service.accept_above, session.project, session.me,
                                session.doc.id, minimum)
        if changes is not None:
            session.absorb(changes)
            session.message.emit(changes.description + ".")
        return changes

    def ask_accept_above(self, parent) -> None:
        if not len(self):
            self.session.message.emit("No suggestions on this document.")
            return
        value, ok = QInputDialog.getDouble(
            parent, "Accept suggestions", "Accept every suggestion on this document "
            "scoring at least:", DEFAULT_MINIMUM, -1e9, 1e9, 2)
        if ok:
            self.accept_above(value)


def build_menu(window: Window) -> None:
    """The Suggestions menu (after the Span menu)."""
    layer: Suggestions = window.suggestions
    view = window.text_view
    bar = window.menuBar()
    menu = QMenu("S&uggestions", window)
    view_menu = next((a for a in bar.actions() if a.text() == "&View"), None)
    if view_menu is not None:
        bar.insertMenu(view_menu, menu)
    else:
        bar.addMenu(menu)
    window.workbench_menus.append(menu)
    show = _action(window, "&Show suggestions", layer.set_shown, None, "show_suggestions",
                   checkable=True, tip="Proposed spans from models and recommenders: dashed "
                   "outlines, nobody's annotation until accepted")
    show.setChecked(layer.shown)
    menu.addAction(show)
    menu.addSeparator()
    menu.addAction(_action(window, "&Next suggestion", lambda: view.reveal_suggestion(
        layer.step(1)), "F8", "next_suggestion"))
    menu.addAction(_action(window, "&Previous suggestion", lambda: view.reveal_suggestion(
        layer.step(-1)), "Shift+F8", "previous_suggestion"))
    accept = QAction("&Accept\tEnter", window)
    accept.triggered.connect(lambda _c=False: layer.accept())
    menu.addAction(accept)
    reject = QAction("&Reject\tDel", window)
    reject.triggered.connect(lambda _c=False: layer.reject())
    menu.addAction(reject)
    menu.addAction(_action(window, "Accept all &above a score…",
                           lambda: layer.ask_accept_above(window), None, "accept_above"))
    menu.addSeparator()
    runs = window.suggestion_runs
    menu.addAction(_action(window, "&Import suggestions…", runs.ask_import, None,
                           "import_suggestions", tip="A file of scored spans (interchange "
                           "JSONL) or Label Studio predictions"))
    menu.addAction(_action(window, "Suggest p&hrases labelled elsewhere", runs.phrases, None,
                           "suggest_phrases"))
    menu.addAction(_action(window, "&Train the tagger and suggest", runs.train, None,
                           "train_tagger", tip="Learns from gold (or agreed spans) on this "
                           "machine; shows its scores on held-out documents"))
    menu.addAction(_action(window, "The tagger's &scores…", runs.show_scores, None,
                           "tagger_scores"))
    menu.addSeparator()
    accepted = _action(window, "Accepted &by annotator…", runs.show_acceptance, None,
                       "suggestion_acceptance", tip="Reviewers: how many of each annotator's "
                       "spans came from suggestions, and how many were left unchanged")
    menu.addAction(accepted)
    offer = _action(window, "&Offer suggestions to annotators", lambda on: _offer(window, on),
                    None, "offer_suggestions", checkable=True,
                    tip="Reviewers: turn suggestions off for annotators (a calibration "
                    "round) or on again")
    menu.addAction(offer)

    def sync() -> None:
        session = window.session
        offer.blockSignals(True)
        offer.setChecked(service.enabled(session.project))
        offer.blockSignals(False)
        reviewer = session.is_reviewer()
        offer.setEnabled(reviewer)
        accepted.setEnabled(reviewer)

    menu.aboutToShow.connect(sync)
    window.session.identity_changed.connect(sync)
    sync()


def _offer(window: Window, on: bool) -> None:
    session = window.session
    changes = session.write(service.set_enabled, session.project, on, session.me)
    if changes is not None:
        session.absorb(changes)
        session.message.emit(changes.description + "." if changes else "No change.")
