"""Reviewer mode: the adjudication view in the middle of the main window, driven by its
document list, whose rows then show each document's disagreement (docs/adjudication.md).

Only an identity with the reviewer role enters it: the action is hidden for annotators,
and enter() asks the project again, since a reviewer sees everyone's work. Nothing here
costs an annotator anything (not even an import), nor a reviewer until they enter but
the view itself, which is built once the window has first painted, when the event loop
is idle (not in the first entry's time any more); the summaries are
read on entering (in the background), afterwards only for the documents a change
touched, and not even for the one on show, whose summary the view has just made.

One key, one action: the view gives up Ctrl+Z (Edit ▸ Undo calls its undo() instead) and
the workbench actions whose keys it uses (Ctrl+Return) are off while it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QVBoxLayout, QWidget

from annotator.core.errors import InputError
from annotator.gui.document_header import DocumentHeader
from annotator.gui.qt_namespace import Qt
from annotator.gui.refusal import refusal
from annotator.services.changes import Changes

if TYPE_CHECKING:
    from annotator.gui.shell import Shell

KEY = "Ctrl+Shift+A"
SYNC_LIMIT = 20  # summaries of up to this many documents are read on the spot
KEPT_DOCKS = ("documents",)  # the rest of the workbench's panels make room for the view
DOCUMENTS_WIDTH = 390
GOLD_WIDTH = 360  # the view's text column at first; the candidates' many columns get the rest
# hidden while adjudicating: they act on the hidden text, their keys are the view's, or
# they follow the reviewer's own statuses, which mean nothing here
WORKBENCH_ONLY = ("find", "find_next", "find_previous", "label_all", "done", "done_next",
                  "next_not_done", "snap")
REFUSED = ("Only a reviewer adjudicates: a reviewer sees everyone's work. Choose a name "
           "with the reviewer role (File ▸ Switch annotator…).")


class ReviewMode(QObject):
    toggled = Signal(bool)  # entered (True) or left (False)
    # True as entering begins (before the view is built and shown), False once left or
    # when entering failed: what follows reviewer mode's input (the active-time tracker)
    adjudicating = Signal(bool)

    def __init__(self, window: Shell):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.active = False
        self.view = None  # the AdjudicationView, once built
        self.page: QWidget | None = None
        self._stale: set[str] = set()  # changed by workbench actions while away
        self._want_all = False
        self._wanted: set[str] = set()
        self._held = False  # the reads wait until the document being opened is shown
        self._paint_held = False  # entering: the window paints nothing meanwhile
        self._holds = 0  # holds of the paint so far (a timer ends only its own)
        self._job = None  # the background read under way (gui.jobs.Job)
        self._workbench_state: QByteArray | None = None
        self._said: str | None = None  # the view's last line in the status bar
        self.separator = None  # the toolbar's, before the action (actions.py)
        self.refusal = refusal(window, KEY, "Adjudicating")
        self.painted = False  # the window has painted (first_painted): the view may be built
        session = self.session
        session.identity_changed.connect(self._identity_changed)
        session.opening.connect(self._opening)
        session.document_opened.connect(self._document_opened)
        session.documents_changed.connect(self._documents_changed)
        session.changed.connect(self._session_changed)

    @property
    def summaries(self) -> dict | None:
        """doc id -> Summary once read: the adjudication session's, the one cache."""
        session = self.view.session if self.view is not None else None
        return session.summaries if session is not None and session.summaries_held else None

    # ---------------------------------------------------------------- the action

    @property
    def action(self):
        return self.window.actions_by_name.get("adjudicate")

    def sync_action(self) -> None:
        """Reviewers see the action (checked while adjudicating); annotators do not."""
        action = self.action
        if action is None:
            return
        reviewer = self.session.is_reviewer()
        for a in (action, self.separator):
            if a is not None:
                a.setVisible(reviewer)
        action.setEnabled(reviewer)
        action.setChecked(self.active)
        self.refusal.setEnabled(not reviewer)

    def toggle(self) -> bool:
        return self.leave() if self.active else self.enter()

    # ---------------------------------------------------------------- entering, leaving

    def enter(self) -> bool:
        """Show the adjudication view; refused (False) unless the user is a reviewer."""
        if self.active:
            return True
        user = self.session.user
        if user is None:
            return self._refuse(REFUSED)
        if self.session.is_reviewer():  # else refused below, most likely: an annotator's
            self.adjudicating.emit(True)  # active time goes on
        if self.view is None:
            try:  # the view's session asks the project whether the user reviews
                self._build(user.name)
            except InputError:
                return self._refuse(REFUSED)
        else:
            from annotator.services.adjudication_view import can_review

            if not can_review(self.session.project, user.name):  # a role taken since
                return self._refuse(REFUSED)
        self.adjudicating.emit(True)  # (again, when the project knew a reviewer first)
        window = self.window
        self._workbench_state = window.saveState()
        self.active = True
        self.session.show_workbench(False)
        # the view's read first (a job's thread): the window is laid out for the view
        # while it runs, not before it starts
        doc = self.session.doc
        if doc is None:
            window.open_first()  # its opening starts the read
        else:
            self._opening(doc.id, doc.document)
        # the window laid out for the view before its page shows: shown first, the gold
        # pane came at the width it had before (320 px), then 385 as the docks went, then
        # 356, its text on screen laid out at each; the workbench's page hidden first,
        # else its text view is laid out again twice meanwhile
        window.workbench_page.hide()
        self._arrange_docks()
        window.layout().activate()
        window.stack.setCurrentWidget(self.page)
        self._enable_workbench(False)
        self._show_current(refresh=self.session.doc is not None
                           and self.session.doc.id in self._stale)
        documents = window.panel("documents")
        if documents is not None:
            documents.set_review(self.summaries or {})  # empty until the first read
        # the document first: the counts are read once it is on screen
        self._held = self.view.is_loading()
        if self._held:
            self._hold_paint()
        self._want(None if self.summaries is None else self._stale)
        self._stale.clear()
        self.sync_action()
        window.update_title()
        self.view.take_focus()
        self.toggled.emit(True)
        return True

    def _refuse(self, text: str) -> bool:
        self.adjudicating.emit(False)
        self.sync_action()
        self.session.failed.emit(text)
        return False

    def leave(self, force: bool = False) -> bool:
        """Back to the workbench (not during a corpus run, unless the window closes)."""
        if not self.active:
            return True
        if self.view.is_busy() and not force:
            self.sync_action()
            self.session.message.emit("Wait for the corpus run to finish (or cancel it).")
            return False
        window = self.window
        self.active = False
        self._release_paint()
        self.session.show_workbench(True)  # its views catch up before they show
        # the docks back before the workbench's page shows, as entering does for the
        # view: shown first, its text view came at the view's width, then at the docks'
        # first room, then at its own, its text on screen laid out at each (7.8 ms)
        if self._workbench_state is not None:
            window.restoreState(self._workbench_state)
        window.layout().activate()
        window.stack.setCurrentWidget(window.workbench_page)
        self._enable_workbench(True)
        self._unsay()
        documents = window.panel("documents")
        if documents is not None:
            documents.set_review(None)
        self.sync_action()
        window.update_title()
        window.text_view.setFocus()
        self.toggled.emit(False)
        self.adjudicating.emit(False)
        return True

    def shutdown(self) -> None:
        """The window closes: a corpus run is cancelled (its transaction rolls back; a
        thread left running would take the process down with the window), and the
        layout to remember is the workbench's."""
        view = self.view
        if view is not None and view.is_busy():
            view.cancel_bulk(wait=True)
        self.leave(force=True)

    def _build(self, reviewer: str) -> None:
        from annotator.gui.adjudication import AdjudicationView

        view = AdjudicationView(self.session.project, reviewer, document_chooser=False,
                                write=self.session.writes.call)  # the window's one queue
        view.set_undo_shortcuts(False)
        for action in (view.actions.undo, view.actions.redo):
            action.setVisible(False)  # the window's toolbar and Edit menu have them
        view.changed.connect(self._view_changed)
        view.session.summaries_changed.connect(self._show_summaries)
        view.session.read_later = self._want  # many documents: in the background
        view.text_index = self._text_index  # the workbench has the same text open
        live = getattr(self.window, "live", None)
        if live is not None:  # documents shown before are kept: this hears of all changes
            view.session.kept_docs.unheard = live.unheard
        view.documentShown.connect(self._view_shown)
        view.settled.connect(self._settled)
        view.message.connect(self._say)
        view.bulkFinished.connect(lambda _run: self._show_current())
        view.main_split.setSizes([GOLD_WIDTH, max(GOLD_WIDTH, self.window.width()
                                                  - DOCUMENTS_WIDTH - GOLD_WIDTH)])
        page = QWidget()
        page.setObjectName("adjudication_page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(DocumentHeader(self.session, own_status=False))
        layout.addWidget(view, 1)
        self.window.stack.addWidget(page)
        self.view, self.page = view, page

    def _say(self, text: str) -> None:
        self._said = text
        self.window.statusBar().showMessage(text, 6000)

    def _unsay(self) -> None:
        """Leaving: the view's last line goes with it (it spoke of a candidate or a
        decision no longer on screen); anything said since stays."""
        bar = self.window.statusBar()
        if self._said is not None and bar.currentMessage() == self._said:
            bar.clearMessage()
        self._said = None

    def first_painted(self) -> None:
        """The window has painted for the first time: a reviewer's view is built next."""
        if not self.painted:
            self.painted = True
            self._prepare_later()

    def _prepare_later(self) -> None:
        if self.painted and self.view is None and self.session.is_reviewer():
            QTimer.singleShot(0, self, self._prepare)

    def _prepare(self) -> None:
        """Build the view ahead of the first entry, if the user is still a reviewer."""
        user = self.session.user
        if self.view is not None or user is None or not self.session.is_reviewer():
            return
        with suppress(InputError):  # no longer a reviewer in the project: entering says so
            self._build(user.name)

    def _drop_view(self) -> None:
        if self.page is not None:
            self.window.stack.removeWidget(self.page)
            self.page.deleteLater()
        self.view = self.page = None
        self._stale.clear()
        self._want_all, self._held = False, False
        self._wanted.clear()

    def _arrange_docks(self) -> None:
        window = self.window
        for view_id, dock in window.docks.items():
            dock.setVisible(view_id in KEPT_DOCKS)
        kept = [window.docks[v] for v in KEPT_DOCKS if v in window.docks]
        if kept:
            # once the docks just hidden have given their room back: the layout is done
            # now, not at the event loop's next turn, which painted the window once more
            # (a whole paint of the view, 60 ms of entering on a 1 MB document)
            window.layout().activate()
            window.resizeDocks(kept, [DOCUMENTS_WIDTH] * len(kept), Qt.Orientation.Horizontal)
            window.layout().activate()

    def _enable_workbench(self, on: bool) -> None:
        """Hidden, not greyed out: they mean nothing here (and a hidden action's key is
        free for the view)."""
        for name in WORKBENCH_ONLY:
            action = self.window.actions_by_name.get(name)
            if action is not None:
                action.setVisible(on)
        for menu in self.window.workbench_menus:
            menu.menuAction().setVisible(on)

    # ---------------------------------------------------------------- one current document

    def _show_current(self, refresh: bool = False) -> None:
        view, doc = self.view, self.session.doc
        if not self.active or view is None or view.is_busy() or doc is None:
            return
        if view.wanted_document() != doc.id:
            view.show_document(doc.id, doc.document.title, doc.document.text)
        elif refresh:
            view.refresh()

    def _opening(self, doc_id: str, document) -> None:
        # the view's read (on a job's thread) starts before the session indexes the text
        # and its views follow it, not after: the two overlap. The session has just read
        # the text: the view's read takes it rather than reading it again.
        view = self.view
        if self.active and view is not None and not view.is_busy() \
                and view.wanted_document() != doc_id and doc_id not in view.session.kept_docs:
            # one kept is shown once the session has it
            view.show_document(doc_id, document.title, document.text)

    def _document_opened(self) -> None:
        if self.active:
            self._show_current()
            self.view.take_focus()

    def _hold_paint(self) -> None:
        """Entering, the window shows the workbench until the view shows the document
        read, or says it is reading it (after LOADING_SAID_MS): painted at once, the whole
        window was painted with the view still empty, in the middle of the read, which
        shares the interpreter with a paint."""
        from annotator.gui.adjudication.view import LOADING_SAID_MS

        self._holds += 1
        ticket = self._holds
        self._paint_held = True
        self.window.setUpdatesEnabled(False)
        QTimer.singleShot(LOADING_SAID_MS, self,
                          lambda: self._release_paint() if self._holds == ticket else None)

    def _release_paint(self) -> None:
        if self._paint_held:
            self._paint_held = False
            self.window.setUpdatesEnabled(True)
            # Qt kept what became dirty meanwhile but asks for no paint of a region dirty
            # already: the window's next update request paints it (else nothing did until
            # the window was resized or exposed again)
            QCoreApplication.postEvent(self.window, QEvent(QEvent.Type.UpdateRequest))

    def _text_index(self, doc_id: str):
        doc = self.session.doc
        return doc.index if doc is not None and doc.id == doc_id else None

    def _view_shown(self, doc_id: str) -> None:
        self._release_paint()  # the document read is shown: painted whole, once
        # the view moved on by itself (an undo elsewhere): the list follows
        doc = self.session.doc
        if doc is None or doc.id != doc_id:
            self.session.open(doc_id)

    # ---------------------------------------------------------------- what changed

    def _view_changed(self, changes: Changes) -> None:
        self.session.absorb(changes)
        # the adjudication session has brought the summaries it holds up to date; one read
        # under way began before this change: read these again after it
        if self._job is not None:
            self._want(changes.documents)

    def _session_changed(self, changes: Changes) -> None:
        if self.view is not None:
            self.view.session.kept_docs.forget(changes)
        if not self.active and self.view is not None:
            self._stale |= changes.documents
        elif self.active and not changes.complete and changes.documents:
            # another process's changes (gui.live): the document shown first, whose
            # summary the counts then take from it, and the counts
            if self.session.doc is not None and self.session.doc.id in changes.documents:
                self._show_current(refresh=True)
            self._want(changes.documents)

    def _documents_changed(self) -> None:
        # an import can add documents and spans anywhere: read every summary again
        if self.view is None:
            return
        self.view.session.kept_docs.clear()
        if self.active:
            self._want(None)
        else:
            self.view.session.forget_summaries()

    def _identity_changed(self) -> None:
        user = self.session.user
        if self.view is not None and (not self.session.is_reviewer()
                                      or user.name != self.view.reviewer):
            self.leave(force=True)
            self._drop_view()
        self.sync_action()
        self._prepare_later()

    # ---------------------------------------------------------------- the list's counts

    def _want(self, doc_ids: Iterable[str] | None) -> None:
        """Read the summaries of these documents (None: all) and show them. One read at a
        time, in order, so an older read never overwrites a newer one."""
        if doc_ids is None:
            self._want_all = True
        else:
            self._wanted |= set(doc_ids)
        self._pump()

    def _settled(self) -> None:
        if self._held:  # the document is on screen: a read in the background held its
            self._held = False  # paint up (the two share one interpreter)
            self._pump()

    def _pump(self) -> None:
        # Not while the mode is left: its window may have closed (a closed window's view
        # that had held the reads back went on to read every summary once its document
        # came). What is wanted stays wanted until the next entry.
        if self._job is not None or self.view is None or self._held or not self.active:
            return
        if self._want_all:
            ids, self._want_all = None, False
            self._wanted.clear()
        elif self._wanted:
            ids = sorted(self._wanted)
            self._wanted.clear()
        else:
            return
        from annotator.gui.jobs import Job
        from annotator.services.adjudication_view import summaries

        project, reviewer = self.session.project, self.view.reviewer
        known = self._shown_summary()
        if ids is not None and len(ids) <= SYNC_LIMIT:
            self._got(ids, summaries(project, reviewer, ids, known))
            self._pump()
            return
        self._job = Job(lambda _progress: summaries(project, reviewer, ids, known),
                        "Reading the disagreement", self.window, dialog=False,
                        on_done=lambda got: self._job_ended(ids, got),
                        on_error=lambda text: self._job_ended(ids, None, text))
        self._job.start()

    def _shown_summary(self) -> dict:
        """The summary of the document on show, which the view has made: not read again."""
        view = self.view
        shown = view.adjudication if not view.is_loading() else None
        return {} if shown is None else {shown.document.id: shown.summary}

    def _job_ended(self, ids, got, error: str | None = None) -> None:
        self._job = None
        if error is not None:
            self.session.message.emit(f"Could not read the disagreement: {error}")
        elif self.view is not None:
            self._got(ids, got)
        self._pump()

    def busy(self) -> bool:
        """Whether summaries are being read, or wait to be while the mode is shown."""
        return self._job is not None or self.active and (
            self._held or self._want_all or bool(self._wanted))

    def _got(self, ids, got: dict) -> None:
        session = self.view.session
        session.keep_summaries(got, whole=ids is None or not session.summaries_held)

    def _show_summaries(self, ids) -> None:
        """The document list's counts follow the adjudication session's summaries."""
        documents = self.window.panel("documents") if self.active else None
        if documents is None:
            return
        held = self.view.session.summaries
        if ids is None or documents.model.review is None:
            documents.set_review(held)
        else:
            documents.update_review({i: held[i] for i in ids if i in held})

    # ---------------------------------------------------------------- undo, keys

    def undo(self) -> None:
        self.view.undo() if self.active else self.session.undo()

    def redo(self) -> None:
        self.view.redo() if self.active else self.session.redo()

    def undo_redo_texts(self) -> tuple[str | None, str | None]:
        if self.active:
            from annotator.services.adjudicate import undo_redo_texts

            return undo_redo_texts(self.session.project, self.view.reviewer)
        return self.session.undo_redo_texts()

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """The adjudication view's keys, for Help ▸ Keyboard shortcuts (reviewers)."""
        if not self.session.is_reviewer():
            return []
        from annotator.gui.adjudication.actions import build_actions

        owner = QWidget()
        rows = []
        for action in build_actions(owner).all():
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                             for k in action.shortcuts())
            if keys and action.text() not in ("Undo", "Redo"):
                rows.append((f"Adjudicate: {action.text().rstrip('…')}", keys))
        owner.deleteLater()
        return rows
