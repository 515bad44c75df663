"""Reports for people and scripts, built from core results (a layer above ``core``).

Agreement: ``write_agreement_json`` / ``write_agreement_csv`` / ``write_agreement_html``
take the ``AgreementReport`` of ``annotator.core.agreement.build_report``. matplotlib is
imported only when an HTML report is drawn.
"""

from .agreement_csv import agreement_csv, agreement_rows, write_agreement_csv
from .agreement_html import agreement_html, write_agreement_html
from .agreement_json import agreement_json, write_agreement_json
from .html_cells import alpha_reading

__all__ = [
    "agreement_csv",
    "agreement_html",
    "agreement_json",
    "agreement_rows",
    "alpha_reading",
    "write_agreement_csv",
    "write_agreement_html",
    "write_agreement_json",
]
