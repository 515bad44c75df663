"""Running a study from the workbench: Document ▸ Assign documents…, View ▸ Progress…,
File ▸ Hand out… and File ▸ Collect… (reviewers only: they show or move everyone's
work), and the active-time tracker that runs for everyone."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from annotator.gui.errors import show_error, show_info
from annotator.gui.jobs import Job
from annotator.gui.study.activity_tracker import ActivityTracker
from annotator.gui.tool_window import ToolWindowPart
from annotator.gui.window_actions import window_action
from annotator.services.packages import SUFFIX

if TYPE_CHECKING:
    from annotator.gui.shell import Shell
    from annotator.gui.study.assign_dialog import AssignDialog
    from annotator.gui.study.dashboard_view import DashboardView

PROGRESS_KEY = "Ctrl+Shift+P"
REFUSED = ("Only a reviewer assigns documents, hands them out, collects them and sees the "
           "progress of everyone. Choose a name with the reviewer role (File ▸ Switch "
           "annotator…).")
PACKAGES = "Hand-out packages (*.annot);;All files (*)"


class Study(ToolWindowPart):
    window: Shell
    view: DashboardView | None  # the progress dashboard, in its window

    def __init__(self, window: Shell):
        super().__init__(window)
        self.actions: list[QAction] = []
        self.assign_dialog: AssignDialog | None = None
        self.job: Job | None = None
        self.tracker = ActivityTracker(
            self.session, window, annotating=lambda: not window.review.active)
        window.review.adjudicating.connect(self.tracker.set_adjudicating)

    # ---------------------------------------------------------------- menus

    def _action(self, text: str, slot, name: str, tip: str, shortcut: str | None = None
                ) -> QAction:
        action = window_action(self.window, text, slot, shortcut, name, tip=tip)
        self.actions.append(action)
        return action

    def file_actions(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self._action("&Hand out…", self.ask_hand_out, "hand_out",
                                    "Write a project file for each annotator to work on "
                                    "their own computer"))
        menu.addAction(self._action("&Collect…", self.ask_collect, "collect",
                                    "Bring annotators' work back from their packages"))

    def document_actions(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addAction(self._action("&Assign documents…", self.open_assign, "assign",
                                    "Give documents to annotators, by hand or by a policy"))

    def view_actions(self, menu: QMenu) -> None:
        menu.addAction(self._action("&Progress…", self.open_progress, "progress",
                                    "Each annotator's documents done, label use, active "
                                    "time, documents waiting for adjudication",
                                    PROGRESS_KEY))

    def sync_actions(self) -> None:
        for action in self.actions:
            action.setVisible(self.session.is_reviewer())
            action.setEnabled(self.session.is_reviewer())

    def _allowed(self) -> bool:
        if not self.session.is_reviewer():
            self.sync_actions()
            self.session.failed.emit(REFUSED)
            return False
        return True

    def _identity_changed(self) -> None:
        self.sync_actions()
        if not self.session.is_reviewer():
            self.shutdown(keep_tracker=True)

    # ---------------------------------------------------------------- assigning

    def open_assign(self) -> AssignDialog | None:
        if not self._allowed():
            return None
        from annotator.gui.study.assign_dialog import AssignDialog

        if self.assign_dialog is None:
            self.assign_dialog = AssignDialog(self.session, self.window)
            self.assign_dialog.changed.connect(self._assigned)
        else:
            self.assign_dialog.reload()
        self.assign_dialog.show()
        self.assign_dialog.raise_()
        return self.assign_dialog

    def _assigned(self, changes) -> None:
        self.session.absorb(changes)
        if self.view is not None:
            self.view.refresh()

    # ---------------------------------------------------------------- progress

    def open_progress(self) -> DashboardView | None:
        if not self._allowed():
            return None
        self.show_view("progress_window", "Progress", self._dashboard, 1100, 700)
        self.view.refresh()
        return self.view

    def _dashboard(self) -> DashboardView:
        from annotator.gui.study.dashboard_view import DashboardView

        dashboard = DashboardView(self.session)
        dashboard.open_document.connect(self._open_document)
        return dashboard

    def _open_document(self, doc_id: str) -> None:
        if self.session.open(doc_id):
            self.window.raise_()
            self.window.activateWindow()

    # ---------------------------------------------------------------- hand out, collect

    def ask_hand_out(self):
        if not self._allowed():
            return None
        from annotator.gui.study.handout_dialog import HandOutDialog

        dialog = HandOutDialog(self.session, self.window)
        dialog.accepted.connect(lambda: self._choose_places(dialog.chosen()))
        self.window.dialog = dialog
        dialog.open()
        return dialog

    def _choose_places(self, names: list[str]) -> None:
        here = str(Path(self.session.project.target).parent)
        if len(names) == 1:
            got, _ = QFileDialog.getSaveFileName(
                self.window, f"Hand out to {names[0]}",
                str(Path(here) / f"{names[0]}{SUFFIX}"), PACKAGES)
            if got:
                self.hand_out({names[0]: got})
            return
        folder = QFileDialog.getExistingDirectory(self.window, "Folder for the packages",
                                                  here)
        if folder:
            self.hand_out({n: str(Path(folder) / f"{n}{SUFFIX}") for n in names})

    def hand_out(self, places: dict[str, str]) -> Job:
        """Write each annotator's package to its path, in the background."""
        from annotator.services import handout  # loaded when first used, not at start

        project = self.session.project

        def work(progress):
            done = []
            for i, (name, path) in enumerate(places.items()):
                progress(i, len(places), f"Packing for {name}")
                done.append(handout.pack(project, name, path))
            return done

        def finished(done) -> None:
            text = "\n\n".join(p.describe() for p in done)
            self.session.message.emit(f"Handed out {len(done)} package"
                                      f"{'s' if len(done) != 1 else ''}.")
            show_info(self.window, text, "Hand out finished")

        self.job = Job(work, "Handing out", self.window, on_done=finished,
                       on_error=lambda m: show_error(self.window, m, "Hand out refused"))
        return self.job.start()

    def ask_collect(self) -> None:
        if not self._allowed():
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Collect packages", str(Path(self.session.project.target).parent),
            PACKAGES)
        if paths:
            self.collect(paths)

    def collect(self, paths: list[str]) -> Job:
        from annotator.services import handout  # loaded when first used, not at start

        project = self.session.project
        actor = self.session.user.name if self.session.user else None

        def finished(result) -> None:
            results, changes = result
            self.session.absorb(changes)
            self.session.refresh_documents()
            self.session.message.emit(f"Collected {len(results)} package"
                                      f"{'s' if len(results) != 1 else ''}.")
            show_info(self.window, "\n\n".join(r.describe() for r in results),
                      "Collect finished")
            if self.view is not None:
                self.view.refresh()

        self.job = self.session.writes.submit(  # queued behind the window's edits
            lambda progress: handout.collect(project, paths, actor=actor, progress=progress),
            "Collecting", on_done=finished,
            on_error=lambda m: show_error(self.window, m, "Collect refused"),
            on_cancel=lambda: self.session.message.emit(
                "Collect cancelled; the project is unchanged."))
        return self.job

    # ---------------------------------------------------------------- closing

    def shutdown(self, keep_tracker: bool = False) -> None:
        if self.assign_dialog is not None:
            self.assign_dialog.close()
            self.assign_dialog.deleteLater()
            self.assign_dialog = None
        super().shutdown()
        if not keep_tracker:
            self.tracker.shutdown()
