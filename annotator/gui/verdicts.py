"""How the reviewer judged your own spans on the open document: accepted, changed,
rejected or still pending (docs/adjudication.md, "What annotators see").

Blind: the service returns only your spans, and only once you marked the document done,
so a document still being annotated costs nothing here. The read runs off the GUI thread:
it loads every annotator's spans of the document to find the candidates, which for a
large document takes far longer than opening it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotator.core.model import DONE
from annotator.gui.debounce import debounced
from annotator.gui.lifetime import connect_for
from annotator.gui.session import Session

# core.adjudication's verdicts, spelled out: importing it would cost every start of the
# workbench a few milliseconds for four strings
ACCEPTED, CHANGED, REJECTED, PENDING = "accepted", "changed", "rejected", "pending"
ORDER = (ACCEPTED, CHANGED, REJECTED, PENDING)
TEXT = {ACCEPTED: "✓ accepted", CHANGED: "✎ changed", REJECTED: "✗ rejected",
        PENDING: "… pending"}
COLORS = {ACCEPTED: "#2e7d32", CHANGED: "#6a1b9a", REJECTED: "#c62828", PENDING: "#757575"}
SETTLE_MS = 250  # a burst of edits on a finished document is read once


class Verdicts(QObject):
    changed = Signal()  # by_span was replaced

    def __init__(self, session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.by_span: dict[int, object] = {}  # span id -> core.adjudication.Judgement
        self._status: tuple[str, str | None] | None = None  # (document, status) last read
        self._generation = 0
        self._jobs: set = set()
        self._later = debounced(self, SETTLE_MS, self.reload)
        session.document_opened.connect(self.reload)
        session.document_state_changed.connect(self._state_changed)
        connect_for(self, session.spans_changed, lambda _delta: self._spans_changed())

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(ORDER, 0)
        for j in self.by_span.values():
            out[j.verdict] += 1
        return out

    def judged(self) -> bool:
        """Whether the reviewer has decided on any of the spans yet."""
        return any(j.verdict != PENDING for j in self.by_span.values())

    def of(self, span_id: int):
        return self.by_span.get(span_id)

    def _state_changed(self) -> None:
        doc = self.session.doc
        # notes and document labels change the state too; only the status matters here
        if doc is not None and self._status != (doc.id, doc.status):
            self.reload()

    def _spans_changed(self) -> None:
        doc = self.session.doc
        if doc is not None and doc.status == DONE:
            self._later.start()

    def reload(self) -> None:
        self._later.stop()
        self._generation += 1
        session, doc = self.session, self.session.doc
        self._status = (doc.id, doc.status) if doc is not None else None
        if doc is None or session.user is None or doc.status != DONE:
            self._set({})
            return
        project, me, doc_id, generation = session.project, session.user.name, doc.id, \
            self._generation

        from annotator.gui.jobs import Job

        def work(_progress):
            from annotator.services.adjudication_view import judgements

            return judgements(project, me, [doc_id])

        job = Job(work, "Reading the review", self, dialog=False,
                  on_done=lambda got: self._got(generation, got),
                  on_error=lambda text: self._failed(generation, text))
        self._jobs.add(job)
        job.finished.connect(lambda: self._jobs.discard(job))
        job.start()

    def busy(self) -> bool:
        return bool(self._jobs)

    def _got(self, generation: int, got) -> None:
        if generation != self._generation:
            return  # another document (or status) since: a newer read is on its way
        self._set({j.span.id: j for d in got for j in d.judgements})

    def _failed(self, generation: int, text: str) -> None:
        if generation == self._generation:
            self._set({})
            self.session.message.emit(f"Could not read the review: {text}")

    def _set(self, by_span: dict) -> None:
        if by_span or self.by_span:
            self.by_span = by_span
            self.changed.emit()
