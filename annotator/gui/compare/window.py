"""The comparison of sources in a window of its own (View ▸ Compare outlets…): columns per
outlet, charts and tables need more room than a panel beside the text, and the text stays
in view to open what a column lists. Reviewers compare anyone's spans or the gold layer;
an annotator compares their own spans only (blind)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.gui.tool_window import ToolWindowPart

if TYPE_CHECKING:
    from annotator.gui.compare.view import CompareView
    from annotator.gui.shell import Shell

KEY = "Ctrl+Shift+O"


class CompareWindow(ToolWindowPart):
    window: Shell
    view: CompareView | None

    def __init__(self, window: Shell):
        super().__init__(window)
        self.session.changed.connect(self._changed)

    def open(self) -> bool:
        if self.session.user is None:
            self.session.failed.emit("Say who you are first (File ▸ Switch annotator…).")
            return False
        if self.show_view("compare_window", "Compare outlets", self._build, 1300, 820):
            self.view.refresh()
        return True

    def _build(self) -> CompareView:
        from annotator.gui.compare.view import CompareView

        view = CompareView(self.session)
        view.place_activated.connect(self._open_place)
        view.message.connect(lambda text: self.window.statusBar().showMessage(text, 6000))
        return view

    def _open_place(self, doc_id: str, start: int, end: int, span_id: int, label: str) -> None:
        """Open the expression's place: adjudicating, its candidate is selected; in the
        workbench one's own span is, or else (another annotator's, gold) its words."""
        window = self.window
        if not self.session.open(doc_id):
            return
        review = window.review
        if review.active and review.view is not None:
            review.view.reveal_candidate(doc_id, (start, end, label))  # once it is shown
            window.raise_()
            return
        doc = self.session.doc
        if span_id >= 0 and span_id in doc.index.by_id and (
                doc.index.by_id[span_id].start, doc.index.by_id[span_id].end) == (start, end):
            self.session.select(span_id)
            window.text_view.reveal(span_id)
        else:
            window.show_match(doc_id, start, end)
        window.raise_()
        window.activateWindow()

    def _changed(self, changes) -> None:
        if self.view is not None:
            self.view.changed(changes)

    def _identity_changed(self) -> None:
        if self.view is not None:
            self.view.sync_identity()
            self.view.refresh()

    def jobs(self):
        return (self.view.job, self.view.writer)
