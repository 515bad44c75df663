"""The workbench's model: who is working, on which document, what is selected.

Widgets are built from a Session and subscribe to its signals; what the user does goes
through its methods, which call the verb-named services (one transaction each, saved
the moment it happens) and then update the open document from the Changes they return,
so that views repaint only what changed. Nothing here touches the database directly.

Blind: everything is read for the current annotator only (`me`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from annotator.core.errors import InputError, ProjectError
from annotator.core.gc_pauses import no_gc_pauses
from annotator.core.model import ANNOTATOR, DONE, IN_PROGRESS, REVIEWER, Span
from annotator.core.text import snap_to_words
from annotator.gui.kept_documents import KeptDocuments, touched_layer
from annotator.gui.span_index import SpanIndex, SpanItem
from annotator.gui.writes import Writes
from annotator.services import annotate, layer, reading
from annotator.services.annotate import KEEP, Occurrence
from annotator.services.changes import (
    ANNOTATORS,
    ASSIGNMENTS,
    CODEBOOK,
    DOC_LABELS,
    DOCUMENTS,
    NOTES,
    SPANS,
    STATUSES,
    Changes,
)
from annotator.services.progress import Cancelled
from annotator.services.project import Project

LONG_ACTION_DIALOG_MS = 300  # an action users wait for shows progress and Cancel by then
KEPT = 3  # documents left, kept (with their index) so that going back to one reads nothing


def _shown(item: SpanItem) -> tuple:
    """What the views show of a span."""
    return (item.start, item.end, item.label, dict(item.attributes), item.concept, item.note)


def first_to_open(summaries: list[reading.DocumentSummary], last: str | None) -> str | None:
    """The document a window opens: the one worked on last time, else the first one not
    done, else the first."""
    if any(s.id == last for s in summaries):
        return last
    return next((s.id for s in summaries if s.status != DONE),
                summaries[0].id if summaries else None)


@dataclass(frozen=True)
class Identity:
    name: str
    role: str = ANNOTATOR


@dataclass
class SpanDelta:
    """How the open document's spans changed: rows for the span list, blocks to repaint.

    `ops` replays the row changes in order ("insert"/"remove"/"change", row); `reset`
    says there were too many to replay one by one.
    """

    blocks: set[int] = field(default_factory=set)
    ops: list[tuple[str, int]] = field(default_factory=list)
    ids: set[int] = field(default_factory=set)
    reset: bool = False


class OpenDocument:
    def __init__(self, data: layer.LayerDocument):
        self.document = data.document
        self.id = data.document.id
        self.index = SpanIndex.from_layer(data.document.text, data.layer)
        self.doc_labels = {d.name: d.value for d in data.doc_labels}
        self.status = data.status
        self.note = data.note or ""

    @property
    def text(self) -> str:
        return self.document.text

    def to_codepoints(self, s16: int, e16: int) -> tuple[int, int]:
        u16 = self.index.u16
        start, end = u16.to_codepoint(s16), u16.to_codepoint(e16)
        if u16.to_utf16(end) < e16:  # an end inside a surrogate pair keeps the character
            end += 1
        return start, end


class Session(QObject):
    identity_changed = Signal()
    documents_changed = Signal()  # the document list (status, counts) was re-read
    document_opened = Signal()  # another document (or none) is current
    # (id, Document) of the document about to be current: read, not yet indexed. A view
    # that reads it its own way (reviewer mode) starts here, beside the session's own work.
    opening = Signal(str, object)
    leaving_document = Signal()  # about to switch: editors save what they hold
    spans_changed = Signal(object)  # SpanDelta
    document_state_changed = Signal()  # status, document labels or note of the current one
    selection_changed = Signal(object)  # the selected span's id, or None
    snap_changed = Signal(bool)
    codebook_changed = Signal()  # labels, colours, keys, guidelines: rebuild from codebook
    changed = Signal(object)  # every Changes, after the session has absorbed it
    # (incomplete ones, `complete` False, come from other processes: views re-read)
    # Reviewer mode hides the workbench (False) or shows it again (True): its views may
    # leave a document opened meanwhile unshown, and catch up when shown again
    workbench_shown = Signal(bool)
    message = Signal(str)  # one line for the status bar
    failed = Signal(str)  # a problem in plain words, for a dialog

    def __init__(self, project: Project, user: Identity | None = None, snap: bool = True):
        super().__init__()
        self.project = project
        self.user: Identity | None = None
        self.doc: OpenDocument | None = None
        self.selected: int | None = None
        self.snap = snap
        self.summaries: list[reading.DocumentSummary] = []
        self.workbench_hidden = False
        self.writes = Writes(self)  # every write, in order, off the GUI thread
        # the current person's documents left, up to date with every change absorbed;
        # kept once someone hears of other processes' changes (gui.live sets `unheard`)
        self.kept: KeptDocuments[OpenDocument] = KeptDocuments(KEPT, touched_layer)
        if user is not None:
            self.set_identity(user.name, user.role)
        else:
            self.refresh_documents()

    # ---------------------------------------------------------------- plumbing

    @property
    def me(self) -> str:
        if self.user is None:
            raise InputError("say who you are first (File ▸ Switch annotator…)")
        return self.user.name

    def is_reviewer(self) -> bool:
        return self.user is not None and self.user.role == REVIEWER

    @property
    def codebook(self):
        return self.project.codebook

    def _run(self, fn, *args, **kwargs):
        """Call a service that reads; a problem the user can fix becomes a dialog, not a
        traceback."""
        try:
            return fn(*args, **kwargs)
        except (InputError, ProjectError) as exc:
            self.failed.emit(str(exc))
            return None

    def write(self, fn, *args, **kwargs):
        """Call a service that writes, through the queue (gui.writes): after the writes
        before it, off the GUI thread, waiting while another program writes. None when
        refused (said in a dialog) or given up (said in the status bar)."""
        return self._guarded(lambda: self.writes.call(fn, *args, **kwargs),
                             "Not saved: you stopped waiting for the project, which "
                             "another program was writing to; nothing was changed.")

    def _guarded(self, call, cancelled: str):
        """What `call` returns; None when a service refused (said in a dialog) or the user
        cancelled (`cancelled` said in the status bar)."""
        try:
            return call()
        except (InputError, ProjectError) as exc:
            self.failed.emit(str(exc))
        except Cancelled:
            self.message.emit(cancelled)
        return None

    def show_workbench(self, shown: bool) -> None:
        if shown == self.workbench_hidden:
            self.workbench_hidden = not shown
            self.workbench_shown.emit(shown)

    # ---------------------------------------------------------------- who and what

    def set_identity(self, name: str, role: str = ANNOTATOR) -> bool:
        """Work as `name`. `role` is for someone new; an existing person keeps theirs
        (change_role changes it)."""
        name = name.strip()
        roles = dict(annotate.list_annotators(self.project))
        if name not in roles:
            if self.write(lambda: annotate.add_annotator(self.project, name, role)
                          or True) is None:
                return False
            roles = dict(annotate.list_annotators(self.project))
            if name not in roles:
                return False
        self.user = Identity(name, roles[name])
        self.kept.clear()  # another person's layers
        self.refresh_documents()
        current = self.doc.id if self.doc else None
        if current is not None and all(s.id != current for s in self.summaries):
            current = None  # not among this person's documents (their queue)
        self.doc = None
        self.selected = None
        self.identity_changed.emit()
        if current:
            self.open(current)
        else:
            self.document_opened.emit()
        return True

    def change_role(self, name: str, role: str) -> bool:
        """Give an existing person another role (asked for and confirmed by the user;
        logged by the service). Working as that person, the window follows the role."""
        actor = self.user.name if self.user else name
        changes = self.write(annotate.set_role, self.project, actor, name, role)
        if changes is None:
            return False
        if changes:
            self.message.emit(changes.description + ".")
            self.changed.emit(changes)
            if self.user is not None and self.user.name == name:
                self.set_identity(name)
        return True

    def refresh_documents(self) -> None:
        self.summaries = reading.documents(self.project, self.user.name if self.user else None)
        self.documents_changed.emit()

    def open(self, doc_id: str) -> bool:
        if self.user is None:
            return False
        if self.doc is not None:
            if self.doc.id == doc_id:
                return True
            self.leaving_document.emit()
        # loading a document allocates tens of thousands of small acyclic objects, which
        # would set off several full collections (measured: up to 40 ms of a 100 ms budget)
        with no_gc_pauses():
            kept = self.kept.take(doc_id)
            if kept is None:
                data = self._run(layer.read_document, self.project, doc_id, self.me)
                if data is None:
                    return False
            self.opening.emit(doc_id, kept.document if kept else data.document)
            if self.doc is not None:
                self.kept.keep(self.doc.id, self.doc)
            self.doc = kept or OpenDocument(data)
            self.selected = None
            self.document_opened.emit()
        self.selection_changed.emit(None)
        return True

    def close_document(self) -> None:
        if self.doc is not None:
            self.leaving_document.emit()
        self.doc = None
        self.selected = None
        self.document_opened.emit()

    def position(self) -> int | None:
        if self.doc is None:
            return None
        return next((i for i, s in enumerate(self.summaries) if s.id == self.doc.id), None)

    def neighbour(self, step: int, not_done: bool = False) -> str | None:
        """The document `step` away in the list (skipping done ones when asked)."""
        if not self.summaries:
            return None
        here = self.position()
        n = len(self.summaries)
        if here is None:
            here = -1 if step > 0 else n
        if not not_done:
            k = here + step
            return self.summaries[k].id if 0 <= k < n else None
        for k in range(1, n + 1):  # wraps around: the next unfinished one anywhere
            cand = self.summaries[(here + step * k) % n]
            if cand.status != DONE and (self.doc is None or cand.id != self.doc.id):
                return cand.id
        return None

    def go(self, step: int, not_done: bool = False) -> None:
        target = self.neighbour(step, not_done)
        if target is None:
            self.message.emit("Every document is done." if not_done else
                              "This is the last document." if step > 0 else
                              "This is the first document.")
            return
        self.open(target)

    def set_snap(self, on: bool) -> None:
        if on != self.snap:
            self.snap = on
            self.snap_changed.emit(on)

    def select(self, span_id: int | None) -> None:
        if span_id is not None and (self.doc is None or span_id not in self.doc.index.by_id):
            span_id = None
        if span_id != self.selected:
            self.selected = span_id
            self.selection_changed.emit(span_id)

    def selected_item(self):
        if self.doc is None or self.selected is None:
            return None
        return self.doc.index.by_id.get(self.selected)

    # ---------------------------------------------------------------- spans

    def span_range(self, s16: int, e16: int) -> tuple[int, int] | None:
        """Code point range to label for a UTF-16 selection, snapped to words when on."""
        doc = self.doc
        start, end = doc.to_codepoints(min(s16, e16), max(s16, e16))
        if self.snap:
            start, end = snap_to_words(doc.text, start, end)
        if start >= end or not doc.text[start:end].strip():
            return None
        return start, end

    def label_selection(self, s16: int, e16: int, label: str) -> int | None:
        """Label the selected text; returns the new span's id."""
        if self.doc is None or self.user is None:
            return None
        got = self.span_range(s16, e16)
        if got is None:
            self.message.emit("Select some text first (white space alone cannot be labelled).")
            return None
        start, end = got
        doc = self.doc
        changes = self.write(annotate.add_span, self.project, self.me, doc.id, start, end,
                             label)
        if changes is None:
            return None
        if changes and self.doc is not doc:  # another document opened meanwhile
            self._absorb(changes)
            return changes.span_ids[0]
        if not changes:
            existing = next((it for it in self.doc.index.spans_between(
                self.doc.index.u16.to_utf16(start), self.doc.index.u16.to_utf16(end))
                if it.start == start and it.end == end and it.label == label), None)
            self.message.emit(f"Already labelled {label!r} here.")
            if existing is not None:
                self.select(existing.id)
            return None
        span = Span(self.me, start, end, label, {}, None, None, changes.span_ids[0])
        self._absorb(changes, spans=[span])
        self.select(span.id)
        return span.id

    def label_places(self, label: str, places: list[Occurrence]) -> Changes | None:
        """Label many places in one undoable action (label every occurrence)."""
        if not places:
            return None
        project, me = self.project, self.me
        changes = self._guarded(
            lambda: self.writes.run(
                lambda progress: annotate.add_spans(project, me, label, places,
                                                    progress=progress),
                "Labelling every occurrence", dialog_after_ms=LONG_ACTION_DIALOG_MS),
            "Not labelled: cancelled, nothing was changed.")
        if changes is not None:
            self._absorb(changes)
            self.message.emit(changes.description or "Nothing new to label.")
        return changes

    def update_span(self, span_id: int, **fields) -> bool:
        fields = {k: v for k, v in fields.items() if v is not KEEP}
        changes = self.write(annotate.update_span, self.project, self.me, span_id, **fields)
        if changes is None:
            return False
        self._absorb(changes)
        return True

    def add_concept(self, name: str) -> str | None:
        """A new concept (its id), or None when refused."""
        from annotator.services import concepts  # not before the first window: see links

        event = self.doc.document.event if self.doc is not None else None
        got = self.write(concepts.create, self.project, self.me, name, event=event)
        if got is None:
            return None
        concept_id, changes = got
        self._absorb(changes)
        return concept_id

    def relabel(self, span_id: int, label: str) -> bool:
        return self.update_span(span_id, label=label)

    def delete_span(self, span_id: int) -> bool:
        changes = self.write(annotate.delete_span, self.project, self.me, span_id)
        if changes is None:
            return False
        self._absorb(changes, removed=[span_id])
        if self.selected == span_id:
            self.select(None)
        self.message.emit("Deleted the span (Ctrl+Z brings it back).")
        return True

    def resize(self, span_id: int, edge: str, step: int) -> bool:
        """Move a span's start or end by one word (or one character without snapping)."""
        item = self.doc.index.by_id.get(span_id) if self.doc else None
        if item is None:
            return False
        from annotator.gui.span_edges import moved_edge

        start, end = moved_edge(self.doc.text, item.start, item.end, edge, step, self.snap)
        if (start, end) == (item.start, item.end):
            return False
        return self.update_span(span_id, start=start, end=end)

    # ---------------------------------------------------------------- document level

    def set_status(self, status: str | None) -> None:
        if self.doc is None or self.user is None:
            return
        changes = self.write(annotate.set_status, self.project, self.me, self.doc.id, status)
        if changes:
            self._absorb(changes)
            self.message.emit("Marked done." if status == DONE else "Reopened.")

    def toggle_done(self) -> None:
        if self.doc is not None:
            self.set_status(IN_PROGRESS if self.doc.status == DONE else DONE)

    def set_doc_label(self, name: str, value: str | None) -> None:
        if self.doc is None or self.doc.doc_labels.get(name) == value:
            return
        changes = self.write(annotate.set_doc_label, self.project, self.me, self.doc.id, name,
                             value)
        if changes:
            self._absorb(changes)

    def set_note(self, text: str) -> None:
        if self.doc is None or self.user is None or text == self.doc.note:
            return
        changes = self.write(annotate.set_document_note, self.project, self.me, self.doc.id,
                             text)
        if changes:
            self._absorb(changes)

    # ---------------------------------------------------------------- undo

    def undo(self) -> None:
        self._replay(annotate.undo, "Nothing to undo.")

    def redo(self) -> None:
        self._replay(annotate.redo, "Nothing to redo.")

    def undo_redo_texts(self) -> tuple[str | None, str | None]:
        if self.user is None:
            return None, None
        return annotate.undo_redo_texts(self.project, self.me)

    def _replay(self, fn, nothing: str) -> None:
        if self.user is None:
            return
        changes = self.write(fn, self.project, self.me)
        if changes is None:
            return
        if not changes:
            self.message.emit(nothing)
            return
        # Show where it happened: an undo on another document opens that document.
        if len(changes.documents) == 1 and (self.doc is None
                                            or self.doc.id not in changes.documents):
            target = next(iter(changes.documents))
            self._absorb(changes, refresh_only=True)
            self.open(target)
        else:
            self._absorb(changes)
        self.message.emit(changes.description)

    # ---------------------------------------------------------------- absorbing changes

    def absorb(self, changes: Changes) -> None:
        """Changes made outside the session, e.g. by the adjudication view: a reviewer's
        undo history holds their own workbench actions as well as their decisions."""
        if changes:
            self._absorb(changes)

    def absorb_others(self, changes: Changes) -> None:
        """What other processes changed (gui.live), as this user may hear of it: the
        document list, the open document and the views re-read what it names."""
        if not changes or self.user is None:
            return
        if changes.touches(CODEBOOK):
            self.project.forget_codebook()
        if changes.touches(ANNOTATORS):
            role = dict(annotate.list_annotators(self.project)).get(self.user.name)
            if role is not None and role != self.user.role:
                self.set_identity(self.user.name)  # reads everything again as the new role
                self.changed.emit(changes)
                return
        self._absorb(changes)

    def _absorb(self, changes: Changes, spans: list[Span] | None = None,
                removed: list[int] = (), refresh_only: bool = False) -> None:
        self.kept.forget(changes)
        doc = self.doc
        here = doc is not None and not refresh_only
        if here and changes.touches(SPANS, doc.id):
            if changes.complete:
                self._update_spans(changes, spans, removed)
            elif not changes.annotators or self.me in changes.annotators:
                self._reread_spans()
        if here and any(changes.touches(t, doc.id) for t in (STATUSES, DOC_LABELS, NOTES)):
            labels, status, note = layer.read_document_state(self.project, doc.id, self.me)
            doc.doc_labels = {d.name: d.value for d in labels}
            doc.status = status
            doc.note = note or ""
            self.document_state_changed.emit()
        elsewhere = doc is None or refresh_only or bool(changes.documents - {doc.id})
        if (changes.touches(STATUSES) or changes.touches(DOCUMENTS)
                or changes.touches(ASSIGNMENTS)
                or (changes.touches(SPANS) and (elsewhere or not changes.complete))):
            self.refresh_documents()
        if changes.touches(CODEBOOK):
            self._reread_codebook()
        self.changed.emit(changes)

    def _reread_spans(self) -> None:
        """Read the open layer again and apply what differs (changes that do not name
        every span: another process's, or too many to list)."""
        doc = self.doc
        fresh = SpanIndex.from_layer(doc.text,
                                     layer.read_document(self.project, doc.id, self.me).layer)
        old = doc.index.by_id
        gone = [i for i in old if i not in fresh.by_id]
        differ = tuple(i for i, it in fresh.by_id.items()
                       if i not in old or _shown(old[i]) != _shown(it))
        if not gone and not differ:
            return
        spans = layer.read_spans(self.project, differ, self.me, doc.id) if differ else []
        self._update_spans(Changes(span_ids=differ), spans, gone)

    def _reread_codebook(self) -> None:
        """A label renamed or merged changes the open document's spans by name: read it
        again, then let every view rebuild from the new codebook."""
        self.project.forget_codebook()
        if self.doc is not None:
            doc_id, selected = self.doc.id, self.selected
            self.leaving_document.emit()
            self.doc = None
            if self.open(doc_id) and selected is not None and selected in self.doc.index.by_id:
                self.select(selected)
        self.codebook_changed.emit()

    def edit_codebook(self, call, *args) -> bool:
        """Run a codebook service (`call(project, me, *args)`) and absorb what it changed;
        False when refused (the reason went to `failed`)."""
        changes = self._run(lambda: call(self.project, self.me, *args))
        if changes is None:
            return False
        changes = getattr(changes, "changes", changes)
        if changes:
            self._absorb(changes)
            self.message.emit(changes.description)
        else:
            self.message.emit("The codebook already says so: nothing changed.")
        return True

    def _update_spans(self, changes: Changes, spans: list[Span] | None,
                      removed: list[int]) -> None:
        index = self.doc.index
        if spans is None:
            spans = layer.read_spans(self.project, changes.span_ids, self.me, self.doc.id)
        present = {s.id for s in spans}
        gone = [i for i in (*changes.span_ids, *removed) if i not in present]
        delta = SpanDelta(reset=len(spans) + len(gone) > 1)
        for span_id in gone:
            blocks, row = index.remove(span_id)
            if row is not None:
                delta.blocks |= blocks
                delta.ops.append(("remove", row))
                delta.ids.add(span_id)
        for span in spans:
            blocks, old_row, new_row = index.put(span)
            delta.blocks |= blocks
            delta.ids.add(span.id)
            if old_row is None:
                delta.ops.append(("insert", new_row))
            elif old_row == new_row:
                delta.ops.append(("change", new_row))
            else:
                delta.ops += [("remove", old_row), ("insert", new_row)]
                delta.reset = True
        self.spans_changed.emit(delta)
        if self.selected is not None and self.selected not in index.by_id:
            self.select(None)
