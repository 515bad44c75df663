"""Running the suggestion sources from the window, off the GUI thread with progress and
cancel (gui.jobs): importing a file of suggestions, the phrase recommender, training the
tagger (its held-out scores shown when it is done), and retraining the tagger quietly
once enough new gold has arrived.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from annotator.gui.errors import show_error
from annotator.gui.jobs import Job
from annotator.services.changes import GOLD, Changes

# The sources (formats, the tagger with its scoring) are imported when first used: the
# window starts without them.

if TYPE_CHECKING:
    from annotator.gui.shell import Shell


class SuggestionRuns:
    def __init__(self, window: Shell):
        self.window = window
        self.session = window.session
        self.job: Job | None = None
        self.session.changed.connect(self._maybe_retrain)

    def _start(self, work, title: str, on_done, dialog: bool = True,
               queued: bool = True) -> Job | None:
        """`queued`: in the window's queue of writes (gui.writes), behind the edits before
        it; the tagger's training is not, so that minutes of fitting hold no edit back (it
        writes once, at the end, in a transaction of its own)."""
        if self.job is not None and self.job.running:
            self.session.message.emit("Suggestions are being made already; wait for them.")
            return None
        errors = {"on_error": lambda m: show_error(self.window, m, "No suggestions"),
                  "on_cancel": lambda: self.session.message.emit(
                      "Cancelled; no suggestions were stored.")}
        if queued:
            self.job = self.session.writes.submit(work, title, on_done=on_done, **errors)
            return self.job
        self.job = Job(work, title, self.window, on_done=on_done, dialog=dialog, **errors)
        return self.job.start()

    def _stored(self, run) -> None:
        self.session.absorb(run.changes)
        self.session.message.emit(run.describe())

    # ---------------------------------------------------------------- sources

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Import suggestions", "",
            "Suggestions (*.jsonl *.ndjson *.json);;All files (*)")
        if not path:
            return
        source, ok = QInputDialog.getText(self.window, "Import suggestions",
                                          "Name of their source (the model, the script):")
        if ok:
            self.import_file(path, source)

    def import_file(self, path: str, source: str) -> Job | None:
        from annotator.services.suggest_sources import import_file

        project = self.session.project
        return self._start(lambda progress: import_file(project, path, source, progress),
                           "Importing suggestions", self._stored)

    def phrases(self) -> Job | None:
        from annotator.services import suggest_phrases

        project = self.session.project
        return self._start(lambda progress: suggest_phrases.run(project, progress),
                           "Finding phrases labelled elsewhere", self._stored)

    def train(self, quiet: bool = False) -> Job | None:
        from annotator.services import suggest_tagger

        project = self.session.project

        def done(report) -> None:
            self._stored(report.run)
            if not quiet:
                self.show_scores(report)

        return self._start(lambda progress: suggest_tagger.train(project, progress),
                           "Training the tagger", done, dialog=not quiet, queued=False)

    def show_scores(self, report=None) -> QMessageBox | None:
        """The tagger's precision, recall and F1 on held-out documents."""
        from annotator.services import suggest_tagger

        report = report or suggest_tagger.last(self.session.project)
        if report is None:
            self.session.message.emit("The tagger has not been trained in this project.")
            return None
        box = QMessageBox(QMessageBox.Icon.Information, "The tagger's scores",
                          "\n".join(report.table()), QMessageBox.StandardButton.Ok,
                          self.window)
        box.setObjectName("tagger_scores")
        box.setFont(QFont("monospace"))
        box.open()
        return box

    def show_acceptance(self) -> QMessageBox:
        """Per annotator: spans, those accepted from suggestions, and of those how many
        are still exactly as suggested (anchoring, for reviewers)."""
        from annotator.services import suggestions

        rows = suggestions.acceptance(self.session.project)
        width = max([len(a.annotator) for a in rows] + [9])
        lines = [f"{'annotator':<{width}} {'spans':>6} {'from suggestions':>17} "
                 f"{'unchanged':>10}"]
        for a in rows:
            share = f" ({a.unchanged / a.suggested:.0%})" if a.suggested else ""
            lines.append(f"{a.annotator:<{width}} {a.spans:>6} {a.suggested:>17} "
                         f"{a.unchanged:>10}{share}")
        box = QMessageBox(QMessageBox.Icon.Information, "Spans accepted from suggestions",
                          "\n".join(lines) if rows else "No annotator has spans yet.",
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("acceptance")
        box.setFont(QFont("monospace"))
        box.open()
        return box

    def _maybe_retrain(self, changes: Changes) -> None:
        """New gold: retrain a tagger someone has trained, once enough has arrived."""
        if not changes.touches(GOLD) or (self.job is not None and self.job.running):
            return
        from annotator.services.suggestions import tagger_due

        if tagger_due(self.session.project):
            self.session.message.emit("Enough new gold: retraining the tagger in the "
                                      "background.")
            self.train(quiet=True)
