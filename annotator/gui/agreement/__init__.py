"""The agreement view, a self-contained widget: the report's numbers with the
reading of alpha, a pairwise heatmap, per-label bars, and the documents and spans behind
a clicked number. Everything comes from annotator.services.agreement.

    view = AgreementView(project, blind=role != "reviewer")

or, in the main window, the panel ``AGREEMENT_VIEW`` (see ``panel``).
"""

from annotator.gui.agreement.panel import AGREEMENT_VIEW, agreement_panel
from annotator.gui.agreement.view import AgreementView

__all__ = ["AGREEMENT_VIEW", "AgreementView", "agreement_panel"]
