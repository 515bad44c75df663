"""The agreement view in a window of its own, for reviewers (View ▸ Agreement…).

A window rather than a panel: the numbers, the heatmap, the label chart and the spans
behind a number need more room than a dock beside the text leaves, and a reviewer keeps
them open beside the adjudication view. Annotators never see it: the spans behind the
numbers, the per-document numbers and even the pairwise figures tell them what the
others marked, and they work blind (INCEpTION, too, shows agreement to curators only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from annotator.gui.refusal import refusal
from annotator.gui.tool_window import bring_forward, tool_window

if TYPE_CHECKING:
    from annotator.gui.agreement import AgreementView
    from annotator.gui.shell import Shell

KEY = "Ctrl+Shift+G"
CLOSE_KEYS = ("Esc", "Ctrl+W")  # as a dialog closes, and a document window
REFUSED = ("Only a reviewer sees the agreement between annotators: it shows everyone's "
           "work. Choose a name with the reviewer role (File ▸ Switch annotator…).")


class AgreementWindow(QObject):
    def __init__(self, window: Shell):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.frame: QWidget | None = None
        self.view: AgreementView | None = None
        self.refusal = refusal(window, KEY, "The agreement between annotators")
        self.session.identity_changed.connect(self._identity_changed)

    @property
    def action(self):
        return self.window.actions_by_name.get("agreement")

    def sync_action(self) -> None:
        action = self.action
        if action is not None:
            action.setVisible(self.session.is_reviewer())
            action.setEnabled(self.session.is_reviewer())
        self.refusal.setEnabled(not self.session.is_reviewer())

    def open(self) -> bool:
        """Show the window (built on first use); refused (False) unless a reviewer."""
        if not self.session.is_reviewer():
            self.sync_action()
            self.session.failed.emit(REFUSED)
            return False
        if self.frame is None:
            from annotator.gui.agreement import agreement_panel

            self.view = agreement_panel(self.window)
            self.frame = tool_window(self.window, "agreement_window",
                                     f"Agreement — {self.session.project.target}", self.view,
                                     1400, 900, CLOSE_KEYS)
        bring_forward(self.frame)
        return True

    def _identity_changed(self) -> None:
        self.sync_action()
        if self.frame is not None and not self.session.is_reviewer():
            self.shutdown()

    def shutdown(self) -> None:
        """Close it (leaving reviewer identity, or the main window closing)."""
        if self.frame is None:
            return
        if self.view is not None and self.view.job is not None:
            self.view.job.cancel()
        self.frame.close()
        self.frame.deleteLater()
        self.frame = self.view = None
