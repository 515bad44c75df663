"""The overall numbers: alpha large with its reading and interval, then the other measures
and the document labels' alpha."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from annotator.core.agreement import AgreementReport, DocLabelMeasures, Gamma
from annotator.gui.agreement.measures import ALPHA, OVERALL, READING_TIP
from annotator.gui.agreement.style import ink_on, interval, num, reading_background
from annotator.gui.names import shown_name
from annotator.reports import alpha_reading

CI_TIP = "95 % percentile bootstrap interval, resampling documents"
SINGLE_TIP = (". Only one document was annotated by two or more of the annotators: every "
              "draw is that document again, so the interval cannot show how much alpha "
              "varies between documents.")


def reading_badge(value: float | None = None, text: str = "") -> QLabel:
    """The reading of ``value`` on its colour (see ``show_reading``)."""
    badge = QLabel()
    badge.setToolTip(READING_TIP)
    badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
    show_reading(badge, value, text)
    return badge


def show_reading(badge: QLabel, value: float | None, text: str = "") -> None:
    """'reliable', 'tentative', 'not reliable' or 'undefined' (or ``text``) on the colour
    of that reading of ``value``."""
    back = reading_background(value, badge.palette())
    badge.setText(text or alpha_reading(value))
    badge.setStyleSheet(f"QLabel {{ background: {back.name()}; color: {ink_on(back).name()};"
                        " border-radius: 4px; padding: 1px 8px; }")


class SummaryPanel(QFrame):
    """Shows a report's ``overall`` block; ``values`` maps each measure to its label's text
    (for tests and for reading the panel back)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("agreement_summary")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 12, 14, 12)
        outer.setSpacing(6)

        caption = QLabel(ALPHA.name)
        caption.setToolTip(ALPHA.tip)
        outer.addWidget(caption)
        row = QHBoxLayout()
        self.alpha = QLabel("–")
        self.alpha.setObjectName("alpha_value")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 2.4)
        big.setWeight(QFont.Weight.DemiBold)
        self.alpha.setFont(big)
        self.alpha.setToolTip(ALPHA.tip)
        self.badge = reading_badge()
        row.addWidget(self.alpha)
        row.addSpacing(6)
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        outer.addLayout(row)
        self.ci = QLabel()
        self.ci.setObjectName("alpha_ci")
        self.ci.setToolTip(CI_TIP)
        self.ci.setTextFormat(Qt.TextFormat.RichText)
        self.ci.setWordWrap(True)
        outer.addWidget(self.ci)

        line = QFrame()
        line.setFixedHeight(1)
        line.setAutoFillBackground(True)
        line.setBackgroundRole(QPalette.ColorRole.Mid)
        outer.addWidget(line)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(5)
        self.values: dict[str, QLabel] = {}
        self.badges: dict[str, QLabel] = {}
        for i, m in enumerate(OVERALL[1:]):
            name = QLabel(m.name)
            name.setToolTip(m.tip)
            value = QLabel("–")
            value.setObjectName(f"value_{m.key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setToolTip(m.tip)
            grid.addWidget(name, i, 0)
            grid.addWidget(value, i, 1)
            self.values[m.key] = value
            if m.reading:
                badge = reading_badge()
                grid.addWidget(badge, i, 2, Qt.AlignmentFlag.AlignLeft)
                self.badges[m.key] = badge
        grid.setColumnStretch(0, 1)
        outer.addLayout(grid)

        self.doc_labels = QLabel()
        self.doc_labels.setObjectName("doc_labels")
        self.doc_labels.setWordWrap(True)
        self.doc_labels.setTextFormat(Qt.TextFormat.RichText)
        self.doc_labels.setToolTip("Nominal alpha per document label; documents are the "
                                   "units, counted where at least two annotators gave one")
        outer.addSpacing(4)
        outer.addWidget(self.doc_labels)
        self.gamma = QLabel()
        self.gamma.setObjectName("gamma_value")
        self.gamma.setWordWrap(True)
        self.gamma.setTextFormat(Qt.TextFormat.RichText)
        self.gamma.setToolTip("Gamma (Mathet et al. 2015): 1 − observed / expected disorder "
                              "of the best alignment of the spans; 95 % interval from the "
                              "random continua")
        outer.addWidget(self.gamma)
        self.coverage = QLabel()
        self.coverage.setObjectName("coverage")
        self.coverage.setWordWrap(True)
        self.coverage.setTextFormat(Qt.TextFormat.RichText)
        outer.addSpacing(4)
        outer.addWidget(self.coverage)
        outer.addStretch(1)
        legend = QHBoxLayout()
        legend.setSpacing(4)
        for value, text in ((0.9, "≥ 0.800 reliable"), (0.7, "≥ 0.667 tentative"),
                            (0.0, "below: not reliable")):
            legend.addWidget(reading_badge(value, text))
        legend.addStretch(1)
        outer.addLayout(legend)
        self.values[ALPHA.key] = self.alpha
        self.show_report(None)

    def show_report(self, report: AgreementReport | None, reviewers=()) -> None:
        overall = report.overall if report else None
        alpha = ALPHA.value(overall) if overall else None
        self.alpha.setText(num(alpha))
        show_reading(self.badge, alpha)
        if overall is None:
            self.ci.setText("")
        elif overall.krippendorff_alpha_ci95 is None:
            self.ci.setText("No interval (see the notes)")
        elif _compared_documents(report) < 2:
            # resampling one document can only draw it again: the interval says nothing
            self.ci.setText(f"95 % CI {interval(overall.krippendorff_alpha_ci95)}<br>"
                            "<span style='color:#b35c00'>⚠ from one document only: not a "
                            "real interval</span>")
        else:
            self.ci.setText(f"95 % CI {interval(overall.krippendorff_alpha_ci95)}")
        self.ci.setToolTip(CI_TIP if overall is None or overall.krippendorff_alpha_ci95 is None
                           or _compared_documents(report) >= 2 else CI_TIP + SINGLE_TIP)
        for m in OVERALL[1:]:
            value = m.value(overall) if overall else None
            self.values[m.key].setText(num(value))
            if m.key in self.badges:
                show_reading(self.badges[m.key], value)
        self._doc_labels(report.doc_labels if report else {})
        self._gamma(report.gamma if report else None)
        if report is None:
            self.coverage.setText("")
            return
        names = ", ".join(_esc(n) for n in report.annotators) or "none"
        text = (f"<b>{len(report.annotators)} annotators</b>: {names}<br>"
                f"{report.documents:,} documents, {report.tokens:,} tokens")
        if reviewers:
            text += f"<br>Not counted (reviewers): {_esc(', '.join(reviewers))}"
        self.coverage.setText(text)

    def _gamma(self, gamma: Gamma | None) -> None:
        if gamma is None:
            self.gamma.setText("")
            return
        v = gamma.values
        ci = f" <i>[{interval(v.ci95)}]</i>" if v.ci95 is not None else ""
        self.gamma.setText(f"<b>γ</b> {num(v.gamma)}{ci}, over {gamma.samples} random "
                           "continua")

    def _doc_labels(self, doc_labels: Mapping[str, DocLabelMeasures]) -> None:
        if not doc_labels:
            self.doc_labels.setText("")
            return
        rows = []
        for name, entry in doc_labels.items():
            value = entry.krippendorff_alpha
            rows.append(f"{_esc(shown_name(name))}: α <b>{num(value)}</b> "
                        f"<i>({alpha_reading(value)})</i>, {entry.units} documents")
        self.doc_labels.setText("<b>Document labels</b><br>" + "<br>".join(rows))


def _compared_documents(report: AgreementReport) -> int:
    """Documents at least two annotators took part in: what the interval resamples."""
    return sum(1 for d in report.documents_detail if len(d.annotators) >= 2)


def _esc(text: str) -> str:
    from html import escape

    return escape(text)
