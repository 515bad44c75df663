"""The reviewer's model, as `gui.session.Session` is the annotator's: which document is
shown and how its candidates stand, the documents' disagreement summaries, the undo
texts. No widget: views are built on it and follow its signals.

A decision calls its service (one transaction) through `write`, the window's queue of
writes (gui.writes: off the GUI thread, in order, waiting while another program holds the
write lock), and then `apply`s the Changes it returns;
`apply` is also where changes made elsewhere come in (another window, another process).
It updates only what the changes name: for the reviewers' own kind of change (gold and
decisions) the shown document's gold and decisions are read again and its candidates
kept; anything else about it (an annotator's spans) reads it whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal

from annotator.core import adjudication as adj
from annotator.core.errors import InputError, ProjectError
from annotator.gui.kept_documents import KeptDocuments
from annotator.services import adjudicate
from annotator.services import adjudication_view as reading
from annotator.services.changes import REVIEW, Changes
from annotator.services.progress import Cancelled
from annotator.services.project import Project
from annotator.services.reading import documents as list_documents

KEPT = 4  # documents shown before, kept so that going back to one reads nothing


class AdjudicationSession(QObject):
    """Raises InputError unless `reviewer` has the reviewer role (only a reviewer sees
    everyone's work)."""

    document_changed = Signal()  # the shown document's candidates, gold or states
    summaries_changed = Signal(object)  # the ids whose summaries changed (None: all)
    undo_changed = Signal()  # `undo_texts`
    changed = Signal(object)  # the reviewer's own Changes, once applied
    message = Signal(str, bool)  # a line for the status bar, and whether it is a problem

    def __init__(self, project: Project, reviewer: str, parent: QObject | None = None, *,
                 write: Callable | None = None):
        if not reading.can_review(project, reviewer):
            raise InputError(f"{reviewer!r} is not a reviewer: only a reviewer sees "
                             "everyone's work and adjudicates")
        super().__init__(parent)
        self.project = project
        self.reviewer = reviewer
        # write(fn, *args): fn's result, or what it raised (Writes.call); without a window's
        # queue, a plain call
        self.write = write or (lambda fn, *args, **kwargs: fn(*args, **kwargs))
        self.adjudication: reading.Adjudication | None = None
        # what `adjudication` was revised from (its `revised` candidates changed), or None
        # when it was read whole
        self.base: reading.Adjudication | None = None
        # the one cache of documents' summaries: read on demand (read_summaries, or handed
        # over by `keep_summaries`), then kept up to date by `apply`
        self.summaries: dict[str, adj.Summary] = {}
        self.summaries_held = False
        self.titles: dict[str, str] = {}
        # set by an owner that reads summaries itself (in the background when they are
        # many): the documents whose summaries need reading go to it
        self.read_later: Callable[[set[str]], None] | None = None
        self.undo_texts: tuple[str | None, str | None] = adjudicate.undo_redo_texts(
            project, reviewer)
        # how the documents left stood, up to date with every change the owner passes to
        # `kept_docs.forget` (its own and others'); kept only once the owner sets
        # `kept_docs.unheard` (gui.live: what other processes changed since it last heard)
        self.kept_docs: KeptDocuments[reading.Adjudication] = KeptDocuments(KEPT)

    # ---------------------------------------------------------------- reading

    def current_document(self) -> str | None:
        return self.adjudication.document.id if self.adjudication else None

    def read(self, doc_id: str, text: str | None = None) -> reading.Adjudication:
        """A document as the view shows it; safe off the GUI thread (no state kept).
        `text`: its text, when the caller has it (not read again)."""
        if text is None:
            return reading.open_adjudication(self.project, self.reviewer, doc_id)
        return reading.open_adjudication(self.project, self.reviewer, doc_id, text)

    def show(self, adjudication: reading.Adjudication | None) -> None:
        """Make a document read by `read` (or `kept`) the shown one (the view renders it
        itself); the one it replaces is kept."""
        old = self.adjudication
        if old is not None:
            self.kept_docs.keep(old.document.id, old)
        if adjudication is not None:
            self.kept_docs.drop(adjudication.document.id)
        self.adjudication = adjudication
        self.base = None

    def reload(self) -> None:
        """Read the shown document whole again."""
        doc_id = self.current_document()
        if doc_id is not None:
            self._reread(doc_id, whole=True)
            self.document_changed.emit()

    def read_summaries(self) -> None:
        """Every document's summary and title (the view's own document chooser)."""
        self.titles = {d.id: d.title or d.id for d in list_documents(self.project, None)}
        self.keep_summaries(reading.summaries(self.project, self.reviewer), whole=True)

    def keep_summaries(self, got: dict[str, adj.Summary], whole: bool) -> None:
        """Summaries read elsewhere (in the background): every document's (`whole`), or
        these documents' news."""
        if whole:
            self.summaries = dict(got)
            self.summaries_held = True
            self.summaries_changed.emit(None)
        elif got:
            self.summaries.update(got)
            self.summaries_changed.emit(set(got))

    def forget_summaries(self) -> None:
        """Stop keeping the summaries (they will be read again when wanted)."""
        self.summaries = {}
        self.summaries_held = False

    # ---------------------------------------------------------------- what changed

    def apply(self, changes: Changes) -> None:
        """The one way in for what changed, the reviewer's own or anyone's: the shown
        document, the summaries held and the undo texts follow."""
        if not changes:
            return
        doc_id = self.current_document()
        everywhere = not changes.documents  # e.g. another process said only "something"
        self.kept_docs.forget(changes)
        if doc_id is not None and (everywhere or doc_id in changes.documents):
            self._reread(doc_id, whole=not (changes.complete and changes.tables <= REVIEW))
            self.document_changed.emit()
        if self.summaries_held:
            self._update_summaries(None if everywhere else changes.documents)
        self.undo_texts = adjudicate.undo_redo_texts(self.project, self.reviewer)
        self.undo_changed.emit()

    def _reread(self, doc_id: str, whole: bool) -> None:
        self.base = None if whole else self.adjudication
        if whole:
            self.adjudication = self.read(doc_id)
        else:
            self.adjudication = reading.reviewed(self.project, self.reviewer,
                                                 self.adjudication)

    def _update_summaries(self, doc_ids: Iterable[str] | None) -> None:
        if doc_ids is None:
            if self.read_later is not None:
                self.read_later(None)
            else:
                self.read_summaries()
            return
        wanted = set(doc_ids)
        shown = self.adjudication
        got = {}
        if shown is not None and shown.document.id in wanted:
            got[shown.document.id] = shown.summary  # already made: no second read
            wanted.discard(shown.document.id)
        if self.read_later is not None:
            self.keep_summaries(got, whole=False)
            if wanted:
                self.read_later(wanted)
            return
        known = sorted(wanted & set(self.summaries))
        if known:
            got.update(reading.summaries(self.project, self.reviewer, known))
        if wanted - set(self.summaries):  # a document new to the list
            self.read_summaries()
            return
        self.keep_summaries(got, whole=False)

    # ---------------------------------------------------------------- decisions

    def decide(self, call: Callable[..., Changes], *args, **kwargs) -> Changes | None:
        """Run one of services.adjudicate's decisions as this reviewer and apply what it
        changed; a refusal becomes a message (None comes back)."""
        changes = self._written(call, self.project, self.reviewer, *args, **kwargs)
        if changes is not None:
            self._absorb(changes, "Nothing to change.")
        return changes

    def _written(self, call, *args, **kwargs):
        """`call` through the queue of writes; a refusal or a given-up wait becomes a
        message (None comes back)."""
        try:
            return self.write(call, *args, **kwargs)
        except (InputError, ProjectError) as exc:
            self.message.emit(str(exc), True)
        except Cancelled:
            self.message.emit("Not saved: you stopped waiting for the project, which "
                              "another program was writing to; nothing was changed.", True)
        return None

    def auto(self, policy: str, doc_ids: list[str] | None = None, progress=None
             ) -> adjudicate.AutoRun:
        """An automatic policy (all documents: None); safe off the GUI thread: pass the
        run to `finish_run` on the GUI thread."""
        kwargs = {} if progress is None else {"progress": progress}
        return adjudicate.auto(self.project, self.reviewer, policy, doc_ids, **kwargs)

    def auto_document(self, policy: str, doc_id: str) -> adjudicate.AutoRun | None:
        """An automatic policy on one document, through the queue of writes, applied."""
        run = self._written(adjudicate.auto, self.project, self.reviewer, policy, [doc_id])
        if run is not None:
            self.finish_run(run)
        return run

    def finish_run(self, run: adjudicate.AutoRun) -> None:
        skipped = [d.skipped for d in run.documents if d.skipped]
        self.apply(run.changes)
        if run.accepted:
            self.message.emit(f"Accepted {run.accepted} {run.policy} candidates in "
                              f"{sum(1 for d in run.documents if d.accepted)} document(s).",
                              False)
            self.changed.emit(run.changes)
        elif len(run.documents) == 1 and skipped:
            self.message.emit(f"Nothing accepted: {skipped[0]}.", False)
        else:
            self.message.emit(f"Nothing left to accept by the {run.policy} policy.", False)

    def undo(self) -> Changes | None:
        return self._replay(adjudicate.undo, "Nothing to undo.")

    def redo(self) -> Changes | None:
        return self._replay(adjudicate.redo, "Nothing to redo.")

    def _replay(self, call, nothing: str) -> Changes | None:
        changes = self._written(call, self.project, self.reviewer)
        if changes is not None:  # None: the rows moved on since, said as a message
            self._absorb(changes, nothing)
        return changes

    def _absorb(self, changes: Changes, nothing: str) -> None:
        self.apply(changes)
        if changes:
            self.message.emit(changes.description, False)
            self.changed.emit(changes)
        else:
            self.message.emit(nothing, False)
