"""The reviewer's adjudication view, a self-contained widget: the text with the
gold layer, the candidates with their votes and states, the annotators' layers side by
side, and the decisions (docs/adjudication.md). Everything goes through
annotator.services.adjudicate / adjudication_view.
"""

from annotator.gui.adjudication.view import AdjudicationView

__all__ = ["AdjudicationView"]
