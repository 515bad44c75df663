"""Linking spans to concepts in the workbench: Ctrl+K picks a concept (or names a new one)
for the selected span, Ctrl+Shift+K links it to the concept linked last, and after each
link the other occurrences of the same words in the event's documents are offered for
review (Ctrl+Alt+K asks again). Edit ▸ Concepts… renames, merges and deletes.

Everything goes through services.concepts, one undoable action each; the session absorbs
the changes like its own, so the text, the span list and the inspector follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from annotator.gui.jobs import Job

if TYPE_CHECKING:
    from annotator.gui.concepts.picker import ConceptPicker
    from annotator.gui.shell import Shell


class ConceptLinks(QObject):
    def __init__(self, window: Shell):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.last: str | None = None  # the concept linked last: Ctrl+Shift+K links to it
        self.job: Job | None = None

    # ---------------------------------------------------------------- reading

    def current_event(self) -> str | None:
        doc = self.session.doc
        return doc.document.event if doc is not None else None

    def event_concepts(self):
        # services.concepts is imported where used: the first window uses none of it, and
        # its three dataclasses cost its start about 3 ms to make
        from annotator.services import concepts

        session = self.session
        return session._run(concepts.concepts, session.project, self.current_event()) or []

    def _name(self, concept_id: str | None) -> str:
        found = next((c for c in self.event_concepts() if c.id == concept_id), None)
        return (found.name or found.id) if found else str(concept_id)

    # ---------------------------------------------------------------- linking

    def pick(self) -> ConceptPicker | None:
        """Ctrl+K: choose a concept for the selected span; with words selected and no span,
        name a new concept after them."""
        session = self.session
        if session.doc is None or session.user is None:
            return None
        item = session.selected_item()
        name, what = "", ""
        if item is not None:
            what = f"“{session.doc.text[item.start:item.end][:200]}” ({item.label})"
        else:
            got = self.window.text_view.selection_range()
            if got is None:
                session.message.emit("Click a span to link it to a concept, or select words "
                                     "to name a new concept (Ctrl+K).")
                return None
            start, end = session.doc.to_codepoints(*got)
            name = " ".join(session.doc.text[start:end].split())
        current = (item.concept if item is not None else None) or self.last
        # imported when first asked for: the window starts without it
        from annotator.gui.concepts.picker import ConceptPicker

        picker = ConceptPicker(self.event_concepts(), current=current, name=name, what=what,
                               parent=self.window)
        span_id = item.id if item is not None else None
        picker.picked.connect(lambda kind, value: self._picked(span_id, kind, value))
        self.window.dialog = picker
        picker.open()
        return picker

    def _picked(self, span_id: int | None, kind: str, value: str) -> None:
        from annotator.gui.concepts.picker import NEW

        concept_id = self.session.add_concept(value) if kind == NEW else value
        if concept_id is None:
            return
        if span_id is None:
            self.last = concept_id
            self.session.message.emit(f"Added the concept “{value}”: click a span and press "
                                      "Ctrl+Shift+K to link it.")
            return
        self.link(span_id, concept_id)

    def link_again(self) -> None:
        """Ctrl+Shift+K: the selected span to the concept linked last."""
        item = self.session.selected_item()
        if self.last is None or item is None:
            if item is None:
                self.session.message.emit("Click a span first.")
            else:
                self.pick()
            return
        self.link(item.id, self.last)

    def link(self, span_id: int, concept_id: str | None) -> bool:
        from annotator.services import concepts

        session = self.session
        changes = session.write(concepts.link, session.project, session.me, [span_id],
                                concept_id)
        if changes is None:
            return False
        session.absorb(changes)
        if concept_id is not None:
            self.linked(span_id, concept_id)
        return True

    def linked(self, span_id: int, concept_id: str) -> None:
        """A span was linked (here or in the inspector): remember it, offer the rest."""
        self.last = concept_id
        self.session.message.emit(f"Linked to “{self._name(concept_id)}”.")
        if self.window.settings.offer_links():
            self.review(span_id, quiet=True)

    # ---------------------------------------------------------------- other occurrences

    def review(self, span_id: int | None = None, quiet: bool = False) -> None:
        """The other occurrences of a linked span's words, found off the GUI thread and
        shown for review (`quiet`: say nothing when there are none to offer)."""
        from annotator.services import concepts

        session = self.session
        if span_id is None:
            item = session.selected_item()
            if item is None or item.concept is None:
                session.message.emit("Click a span linked to a concept first.")
                return
            span_id = item.id
        project, me = session.project, session.me
        if self.job is not None:
            self.job.cancel()

        def done(got) -> None:
            self.job = None
            if got.offered:
                self._show(got)
            elif not quiet:
                session.message.emit(f"“{got.phrase}” occurs nowhere else unlinked in this "
                                     "event's documents.")

        self.job = Job(lambda progress: concepts.suggest(project, me, span_id),
                       "Finding other occurrences", self.window, on_done=done,
                       on_error=session.failed.emit, dialog=not quiet)
        self.job.start()

    def _show(self, got) -> None:
        from annotator.gui.concepts.occurrences import LinkOccurrencesDialog

        dialog = LinkOccurrencesDialog(self.window, got, self._name(got.concept))
        self.window.dialog = dialog
        dialog.open()

    # ---------------------------------------------------------------- the vocabulary

    def manage(self):
        from annotator.gui.concepts.manager import ConceptsDialog

        if self.session.user is None:
            return None
        dialog = ConceptsDialog(self.window, self.current_event())
        self.window.dialog = dialog
        dialog.open()
        return dialog
