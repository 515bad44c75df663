"""AgreementView: the numbers of the agreement report, the pairwise heatmap and the
per-label chart, and the documents and spans behind whichever number is clicked.

The report is computed off the GUI thread (gui.jobs) with a progress dialog that can
cancel; the numbers are exactly the service's (annotator.services.agreement), so they
equal the command line's and the exported report's.

Blind: an annotator sees the numbers but not the spans behind them, nor the per-document
numbers; only a reviewer sees who marked what (docs/agreement-choices.md).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import DEFAULT_BOOTSTRAP, AgreementReport
from annotator.core.agreement.gamma import DEFAULT_SAMPLES as GAMMA_SAMPLES
from annotator.gui.agreement.bars import LabelBars
from annotator.gui.agreement.confusion import ConfusionPanel
from annotator.gui.agreement.details import DetailPanel
from annotator.gui.agreement.gold_panel import GoldPanel
from annotator.gui.agreement.heatmap import PairHeatmap
from annotator.gui.agreement.measures import LABEL_CHART, measure, measure_box
from annotator.gui.agreement.summary import SummaryPanel
from annotator.gui.agreement.tables import AttributeTable, DocumentTable, LabelTable, NotesList
from annotator.gui.errors import show_error
from annotator.gui.jobs import Job
from annotator.services import agreement, rounds
from annotator.services.annotate import list_annotators
from annotator.services.project import Project

BLIND_TEXT = ("You are annotating blind: the spans behind the numbers, and each document's "
              "numbers, are shown to reviewers only.")


class AgreementView(QWidget):
    """The agreement view of a project.

    ``blind``: the user is an annotator (see the module's note). ``auto``: compute the
    first time the view is shown. Signals: ``computed(report)`` when new numbers are
    shown; ``span_activated(document id, start, end)`` (code points) when a span of the
    detail panel is double-clicked; ``document_activated(document id)`` from the
    documents table; ``message(text)`` for a status bar.

    ``analysis`` is what one service call (``agreement.analyse``) gave: the numbers shown
    and the data behind them.
    """

    computed = Signal(object)
    span_activated = Signal(str, int, int)
    document_activated = Signal(str)
    message = Signal(str)

    def __init__(self, project: Project, *, blind: bool, auto: bool = True,
                 bootstrap: int = DEFAULT_BOOTSTRAP, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("agreement_view")
        self.project = project
        self.blind = blind
        self.auto = auto
        self.analysis: agreement.Analysis | None = None
        self.job: Job | None = None
        self.stale = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(self._controls(bootstrap))
        layout.addWidget(self._stale_banner())

        self.summary = SummaryPanel()
        self.heatmap = PairHeatmap()
        self.bars = LabelBars()
        self.details = DetailPanel(project.codebook)
        self.label_table = LabelTable()
        self.document_table = DocumentTable()
        self.notes = NotesList()

        top = QSplitter(Qt.Orientation.Horizontal)
        top.setChildrenCollapsible(False)
        top.addWidget(self.summary)
        heat_box = QFrame()
        heat_box.setFrameShape(QFrame.Shape.StyledPanel)
        heat_layout = QVBoxLayout(heat_box)
        heat_layout.setContentsMargins(10, 8, 10, 8)
        heat_layout.addWidget(self.heatmap)
        top.addWidget(heat_box)
        top.addWidget(self._chart_box())
        top.setStretchFactor(0, 0)
        top.setStretchFactor(1, 1)
        top.setStretchFactor(2, 2)
        top.setSizes([290, 400, 620])
        self.top_split = top

        self.tabs = QTabWidget()
        self.tabs.setObjectName("agreement_tabs")
        self.tabs.addTab(self.details, "Spans behind the number")
        self.tabs.addTab(self.label_table, "Labels")
        self.confusion = ConfusionPanel(project.codebook)
        self.tabs.addTab(self.confusion, "Label confusion")
        self.attribute_table = AttributeTable()
        self.tabs.addTab(self.attribute_table, "Attributes")
        self.gold = GoldPanel()
        self.tabs.addTab(self.gold, "Against gold")
        self.tabs.addTab(self.document_table, "Documents")
        self.tabs.addTab(self.notes, "Notes")
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([480, 400])
        self.split = split
        layout.addWidget(split, 1)

        self.heatmap.pair_clicked.connect(self.select_pair)
        self.bars.label_clicked.connect(self.select_label)
        self.label_table.label_clicked.connect(self.select_label)
        self.details.span_activated.connect(self.span_activated)
        self.confusion.details.span_activated.connect(self.span_activated)
        self.confusion.matrix.cell_clicked.connect(self.select_confusion)
        self.document_table.document_activated.connect(self.document_activated)
        self.set_blind(blind)
        self._show(None)

    # ---------------------------------------------------------------- building

    def _controls(self, bootstrap: int) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.annotator_button = QPushButton()
        self.annotator_button.setObjectName("annotator_filter")
        self.annotator_menu = QMenu(self.annotator_button)
        self.annotator_button.setMenu(self.annotator_menu)
        self.label_button = QPushButton()
        self.label_button.setObjectName("label_filter")
        self.label_menu = QMenu(self.label_button)
        self.label_button.setMenu(self.label_menu)
        self.round_box = QComboBox()
        self.round_box.setObjectName("round_filter")
        self.round_box.setToolTip("Only the documents of a calibration round")
        self._fill_filters()
        row.addWidget(self.annotator_button)
        row.addWidget(self.label_button)
        row.addWidget(self.round_box)
        row.addSpacing(6)
        draws = QLabel("Interval draws")
        self.bootstrap = QSpinBox()
        self.bootstrap.setObjectName("bootstrap")
        self.bootstrap.setRange(0, 100_000)
        self.bootstrap.setSingleStep(500)
        self.bootstrap.setValue(bootstrap)
        self.bootstrap.setSpecialValueText("none")
        tip = ("Bootstrap draws for alpha's 95 % interval (resampling documents); "
               "0: no interval")
        draws.setToolTip(tip)
        self.bootstrap.setToolTip(tip)
        row.addWidget(draws)
        row.addWidget(self.bootstrap)
        self.gamma = QCheckBox("γ")
        self.gamma.setObjectName("gamma")
        self.gamma.setToolTip(f"Also compute gamma (Mathet et al. 2015): the best alignment "
                              f"of the spans and {GAMMA_SAMPLES} random continua for its "
                              "expected disorder; slower on big projects")
        row.addWidget(self.gamma)
        self.without_suggested = QCheckBox("Without suggested spans")
        self.without_suggested.setObjectName("without_suggested")
        self.without_suggested.setToolTip(
            "Leave out the spans annotators accepted from suggestions: suggestions anchor "
            "annotators and raise agreement (the notes count them either way)")
        row.addWidget(self.without_suggested)
        self.compute_button = QPushButton("Compute")
        self.compute_button.setObjectName("compute")
        self.compute_button.clicked.connect(self.compute)
        row.addWidget(self.compute_button)
        self.save_button = QPushButton("Save report…")
        self.save_button.setObjectName("save_report")
        self.save_button.setToolTip("The report as HTML (to read), JSON (agreement/1) or CSV")
        self.save_button.clicked.connect(self._ask_save)
        row.addWidget(self.save_button)
        row.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("agreement_status")
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        row.addWidget(self.status)
        return row

    def _stale_banner(self) -> QFrame:
        self.banner = QFrame()
        self.banner.setObjectName("stale_banner")
        self.banner.setStyleSheet("#stale_banner { background: #fcf0d2; border-radius: 4px; }"
                                  "#stale_banner QLabel { color: #5c4716; }")
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(10, 4, 6, 4)
        row.addWidget(QLabel("The annotations changed since these numbers were computed."))
        row.addStretch(1)
        again = QPushButton("Recompute")
        again.clicked.connect(self.compute)
        row.addWidget(again)
        self.banner.setVisible(False)
        return self.banner

    def _chart_box(self) -> QFrame:
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(10, 8, 10, 8)
        top = QHBoxLayout()
        top.addWidget(QLabel("<b>Labels</b>"))
        top.addStretch(1)
        self.chart_measure = measure_box("chart_measure", LABEL_CHART)
        self.chart_measure.currentIndexChanged.connect(self._refill_chart)
        top.addWidget(self.chart_measure)
        layout.addLayout(top)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.bars)
        layout.addWidget(scroll, 1)
        self.chart_caption = QLabel()
        self.chart_caption.setWordWrap(True)
        self.chart_caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.chart_caption)
        return box

    def _fill_filters(self) -> None:
        self.annotator_menu.clear()
        for name, role in list_annotators(self.project):
            if role == "reviewer":
                continue
            action = QAction(name, self.annotator_menu, checkable=True)
            action.toggled.connect(self._filters_changed)
            self.annotator_menu.addAction(action)
        self.label_menu.clear()
        for name in self.project.codebook.label_names():
            action = QAction(name, self.label_menu, checkable=True)
            action.toggled.connect(self._filters_changed)
            self.label_menu.addAction(action)
        keep = self.round_box.currentData()
        self.round_box.clear()
        self.round_box.addItem("All documents", None)
        for r in rounds.list_rounds(self.project):
            self.round_box.addItem(f"Round {r.name} ({len(r.documents)} documents)", r.name)
        self.round_box.setCurrentIndex(max(0, self.round_box.findData(keep)))
        self.round_box.setVisible(self.round_box.count() > 1)
        self._filters_changed()

    # ---------------------------------------------------------------- state

    @property
    def report(self) -> AgreementReport | None:
        return self.analysis.report if self.analysis else None

    @property
    def data(self) -> agreement.AgreementData | None:
        return self.analysis.data if self.analysis else None

    @property
    def chosen_annotators(self) -> list[str]:
        return [a.text() for a in self.annotator_menu.actions() if a.isChecked()]

    @property
    def chosen_labels(self) -> list[str]:
        return [a.text() for a in self.label_menu.actions() if a.isChecked()]

    def set_filters(self, annotators=(), labels=()) -> None:
        """Only these annotators and labels (none given: all); takes effect on compute."""
        for menu, names in ((self.annotator_menu, set(annotators)),
                            (self.label_menu, set(labels))):
            for action in menu.actions():
                action.blockSignals(True)
                action.setChecked(action.text() in names)
                action.blockSignals(False)
        self._filters_changed()

    def _filters_changed(self) -> None:
        names, labels = self.chosen_annotators, self.chosen_labels
        self.annotator_button.setText("All annotators" if not names else
                                      f"{len(names)} annotators" if len(names) > 1
                                      else names[0])
        self.label_button.setText("All labels" if not labels else
                                  f"{len(labels)} labels" if len(labels) > 1 else labels[0])
        self.annotator_button.setToolTip("Agreement between these annotators only"
                                         + (f": {', '.join(names)}" if names else ""))
        self.label_button.setToolTip(
            "Only spans with these labels; the overall numbers then answer “which of "
            "these labels, or none”" + (f": {', '.join(labels)}" if labels else ""))

    def set_blind(self, blind: bool) -> None:
        """Annotator (True) or reviewer (False) mode."""
        self.blind = blind
        self.tabs.setTabVisible(self.tabs.indexOf(self.document_table), not blind)
        self.tabs.setTabVisible(self.tabs.indexOf(self.gold), not blind)
        if blind:
            self.confusion.details.say(BLIND_TEXT)
        if blind:
            self.details.say(BLIND_TEXT)
            self.document_table.setRowCount(0)
        elif self.report is not None:
            self.document_table.show_documents(self.report.documents_detail, self._titles())
            self.details.say("Click a pair of annotators in the heatmap, or a label in the "
                             "chart, to see the documents and spans behind its number.")

    def mark_stale(self) -> None:
        """The annotations changed: say so, and offer to recompute."""
        if self.report is not None:
            self.stale = True
            self.banner.setVisible(True)

    # ---------------------------------------------------------------- computing

    def compute(self) -> Job | None:
        """Compute the report in the background; the view shows it when done."""
        if self.job is not None and self.job.running:
            return self.job
        project, names, labels = self.project, self.chosen_annotators, self.chosen_labels
        draws = self.bootstrap.value()
        gamma = GAMMA_SAMPLES if self.gamma.isChecked() else 0
        round_name = self.round_box.currentData()
        without = self.without_suggested.isChecked()

        def work(progress):
            return agreement.analyse(project, names, labels, draws, progress, gamma,
                                     round_name, without)

        self.compute_button.setEnabled(False)
        self.status.setText("Computing…")
        self.job = Job(work, "Computing agreement", self, on_done=self._done,
                       on_error=self._failed, on_cancel=self._cancelled)
        self.job.finished.connect(lambda: self.compute_button.setEnabled(True))
        return self.job.start()

    def _done(self, analysis: agreement.Analysis) -> None:
        self.stale = False
        self.banner.setVisible(False)
        self._show(analysis)
        self.computed.emit(analysis.report)
        self.message.emit("Agreement computed.")

    def _failed(self, text: str) -> None:
        self.status.setText("Could not compute the agreement.")
        show_error(self, text, "Agreement")

    def _cancelled(self) -> None:
        self.status.setText("Cancelled." if self.report is None else
                            "Cancelled; these are the numbers computed before.")

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.auto and self.report is None and self.job is None:
            self.compute()

    # ---------------------------------------------------------------- showing

    def _titles(self) -> dict[str, str | None]:
        return self.data.titles if self.data else {}

    def _show(self, analysis: agreement.Analysis | None) -> None:
        self.analysis = analysis
        report = analysis.report if analysis else None
        self.summary.show_report(report, analysis.data.reviewers if analysis else ())
        self.heatmap.show_report(report)
        self._refill_chart()
        self.compute_button.setText("Compute" if report is None else "Recompute")
        self.save_button.setEnabled(report is not None)
        self.confusion.matrix.show_confusion(report.confusion if report else None)
        self.attribute_table.show_attributes(report.attributes if report else {})
        self.gold.show_gold(report.against_gold if report else {})
        if report is None:
            self.status.setText("")
            self.label_table.show_labels({})
            self.notes.show_notes([])
            return
        self.label_table.show_labels(report.labels)
        self.notes.show_notes(report.notes)
        self.tabs.setTabText(self.tabs.indexOf(self.notes), f"Notes ({len(report.notes)})")
        from datetime import datetime

        self.status.setText(f"Computed at {datetime.now():%H:%M} with "
                            f"{self.bootstrap.value():,} interval draws")
        self.set_blind(self.blind)

    def _refill_chart(self) -> None:
        shown = measure(self.chart_measure.currentData(), LABEL_CHART)
        self.bars.show_labels(self.report.labels if self.report else {}, shown)
        if self.report is not None and self.report.labels:
            extra = " Bars: alpha's 95 % interval." if shown is LABEL_CHART[0] else ""
            self.chart_caption.setText(
                f"Click a label for its spans.{extra} Dashed lines: the usual reading of "
                "alpha (0.667 tentative, 0.800 reliable).")
        else:
            self.chart_caption.setText("")

    # ---------------------------------------------------------------- behind a number

    def select_pair(self, a: str, b: str, label: str = "") -> None:
        """Show the documents and spans behind a pair's number (over ``label`` if given)."""
        if self.analysis is None:
            return
        if self.blind:
            self.details.say(BLIND_TEXT)
            self.tabs.setCurrentWidget(self.details)
            return
        entry = next(p for p in self.analysis.report.pairs_of(label or None)
                     if {p.a, p.b} == {a, b})
        shown = self.heatmap.shown
        detail = self.analysis.pair_detail(entry.a, entry.b, label or None)
        self.details.show_pair(detail, shown.value(entry), shown.name)
        self.tabs.setCurrentWidget(self.details)

    def select_label(self, label: str) -> None:
        """Show a label's spans with who marked them; the heatmap follows the label."""
        if self.analysis is None or label not in self.analysis.report.labels:
            return
        self.bars.select(label)
        self.label_table.select(label)
        self.heatmap.set_label(label)
        if self.blind:
            self.details.say(BLIND_TEXT)
        else:
            entry = self.analysis.report.labels[label]
            shown = self.bars.measure
            self.details.show_label(label, self.analysis.label_detail(label), entry,
                                    shown.name, shown.value(entry.measures))
        self.tabs.setCurrentWidget(self.details)

    def select_confusion(self, row: str, column: str, level: str) -> None:
        """Show the spans behind a cell of the label confusion."""
        if self.analysis is None:
            return
        if self.blind:
            self.confusion.details.say(BLIND_TEXT)
            return
        self.confusion.details.show_confusion(
            row, column, level, self.confusion.count(row, column, level),
            self.analysis.confusion_detail(row, column, level))


    # ---------------------------------------------------------------- saving

    def _ask_save(self) -> None:
        if self.report is None:
            return
        stem = Path(self.project.target).stem if "://" not in self.project.target else ""
        path, chosen = QFileDialog.getSaveFileName(
            self, "Save the agreement report", f"{stem or 'agreement'}-agreement.html",
            "HTML report (*.html);;JSON, agreement/1 (*.json);;CSV, one row per number (*.csv)")
        if path:
            fmt = "json" if "json" in chosen else "csv" if "CSV" in chosen else "html"
            if Path(path).suffix.lower() not in (".html", ".htm", ".json", ".csv"):
                path += f".{fmt}"  # so that the file opens with the right program
            self.save_report(path)  # the extension typed wins over the filter chosen

    def save_report(self, path: str | Path, fmt: str | None = None) -> Job | None:
        """Write the report shown (with each label's most disagreed spans, in HTML) in
        the background; nothing is written if it fails or is cancelled."""
        if self.analysis is None:
            return None
        analysis = self.analysis

        def work(progress):
            return agreement.write(analysis, fmt, path, progress)

        job = Job(work, "Saving the agreement report", self,
                  on_done=lambda out: self.message.emit(f"Saved the agreement report to {out}."),
                  on_error=lambda text: show_error(self, text, "Agreement"))
        self.save_job = job
        return job.start()
