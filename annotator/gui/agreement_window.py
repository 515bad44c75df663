"""The agreement view in a window of its own, for reviewers (View ▸ Agreement…).

A window rather than a panel: the numbers, the heatmap, the label chart and the spans
behind a number need more room than a dock beside the text leaves, and a reviewer keeps
them open beside the adjudication view. Annotators never see it: the spans behind the
numbers, the per-document numbers and even the pairwise figures tell them what the
others marked, and they work blind (INCEpTION, too, shows agreement to curators only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.gui.refusal import refusal
from annotator.gui.tool_window import ToolWindowPart

if TYPE_CHECKING:
    from annotator.gui.agreement import AgreementView
    from annotator.gui.shell import Shell

KEY = "Ctrl+Shift+G"
CLOSE_KEYS = ("Esc", "Ctrl+W")  # as a dialog closes, and a document window
REFUSED = ("Only a reviewer sees the agreement between annotators: it shows everyone's "
           "work. Choose a name with the reviewer role (File ▸ Switch annotator…).")


class AgreementWindow(ToolWindowPart):
    window: Shell
    view: AgreementView | None

    def __init__(self, window: Shell):
        super().__init__(window)
        self.refusal = refusal(window, KEY, "The agreement between annotators")

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
        from annotator.gui.agreement import agreement_panel

        self.show_view("agreement_window", "Agreement", lambda: agreement_panel(self.window),
                       1400, 900, CLOSE_KEYS)
        return True

    def _identity_changed(self) -> None:
        self.sync_action()
        if self.frame is not None and not self.session.is_reviewer():
            self.shutdown()
