"""The agreement view as a panel of the main window (annotator.gui.views): it follows the
session's identity (blind unless the user is a reviewer), offers to recompute when the
annotations change, and opens the document of a double-clicked span."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.gui.agreement.view import AgreementView
from annotator.gui.lifetime import connect_for
from annotator.gui.views import BOTTOM, View
from annotator.services.changes import ANNOTATORS, DOC_LABELS, SPANS, STATUSES

if TYPE_CHECKING:
    from annotator.gui.shell import Shell

# What the report is computed from: a change to any of these makes its numbers old (a
# reviewer's spans do not count).
MEASURED = frozenset({SPANS, STATUSES, DOC_LABELS, ANNOTATORS})


def agreement_panel(window: Shell) -> AgreementView:
    session = window.session

    def blind() -> bool:
        return not session.is_reviewer()

    view = AgreementView(session.project, blind=blind())
    # the view is deleted when the user stops being a reviewer; the session lives on
    connect_for(view, session.identity_changed, lambda: view.set_blind(blind()))
    connect_for(view, session.changed, lambda changes: view.mark_stale()
                if MEASURED & set(changes.tables) else None)
    view.span_activated.connect(window.show_match)
    view.document_activated.connect(session.open)
    view.message.connect(lambda text: window.statusBar().showMessage(text, 6000))
    return view


AGREEMENT_VIEW = View("agreement", "Agreement", agreement_panel, BOTTOM, tab_with="spans",
                      shown=False, shortcut="Ctrl+8")
