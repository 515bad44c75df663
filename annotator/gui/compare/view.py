"""CompareView: how the sources (outlets) of an event framed the same things.

Wording: one column per source listing the expressions linked to the chosen concept, with
label, spans, annotators (or the gold layer) and polarity; clicking one opens it in its
document (again: its next place). Below, what sets each source apart (weighted log-odds).
Labels: spans per label and source, as a table and a chart, with the chi-square test.
Document labels: primary frame and tone per source.

Computed off the GUI thread by services.compare, so the numbers are the command line's.
Blind: an annotator compares their own spans only; a reviewer chooses the layer and whose
spans.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.compare import ANNOTATIONS, GOLD, Comparison, ConceptComparison, Expression
from annotator.core.wording import count
from annotator.gui.colors import LabelColors
from annotator.gui.compare.chart import GroupedBars
from annotator.gui.compare.expressions import ExpressionDelegate, expression_html
from annotator.gui.debounce import debounced
from annotator.gui.inspector import color_icon
from annotator.gui.jobs import Job
from annotator.gui.list_tree import list_tree
from annotator.services import compare
from annotator.services.annotate import list_annotators

Z_CRITICAL = 1.96
EVERYONE = "every annotator"
POLARITY_SIGNS = {"negative": "−", "neutral": "○", "positive": "+"}


def expression_text(e: Expression, gold: bool) -> str:
    who = "gold" if gold else count(len(e.annotators), "annotator")
    pol = " ".join(f"{POLARITY_SIGNS.get(v, v)}{n}" for v, n in e.polarity.items())
    return f"{e.text}\n{e.label} · {count(e.count, 'span')} · {who}" + (f" · {pol}" if pol
                                                                           else "")


def _test_line(t, unit: str = "places") -> str:
    if t.statistic is None:
        return f"No test: {t.reason}."
    line = (f"χ² = {t.statistic:.2f}, df = {t.dof}, N = {t.n} {unit}, Cramér's V = "
            f"{t.cramers_v:.3f}")
    if t.p_value is None:
        return line + f"; no p-value: {t.reason}."
    p = "< 0.001" if t.p_value < 0.001 else f"= {t.p_value:.3f}"
    return line + f", p {p}."


class CompareView(QWidget):
    """Signals: `place_activated(document id, start, end, span id or -1, label)` (code
    points) when an expression is clicked."""

    place_activated = Signal(str, int, int, int, str)
    message = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("compare_view")
        self.session = session
        self.comparison: Comparison | None = None
        self.job: Job | None = None
        self.writer: Job | None = None
        self._cycle: dict[int, int] = {}  # expression row -> the place shown last
        self.colors = LabelColors(session.codebook, self.palette())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(self._controls())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("compare_tabs")
        self.tabs.addTab(self._wording_tab(), "Wording")
        self.tabs.addTab(self._labels_tab(), "Labels")
        self.tabs.addTab(self._doc_labels_tab(), "Document labels")
        layout.addWidget(self.tabs, 1)
        self.notes = QLabel()
        self.notes.setObjectName("compare_notes")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.notes)
        self._later = debounced(self, 400, self.refresh)
        self.sync_identity()

    # ---------------------------------------------------------------- controls

    def _controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.event_box = QComboBox()
        self.event_box.setObjectName("compare_event")
        self.concept_box = QComboBox()
        self.concept_box.setObjectName("compare_concept")
        self.concept_box.setMinimumContentsLength(24)
        self.layer_box = QComboBox()
        self.layer_box.setObjectName("compare_layer")
        self.layer_box.addItem("Annotators' spans", ANNOTATIONS)
        self.layer_box.addItem("Gold (adjudicated)", GOLD)
        self.who_box = QComboBox()
        self.who_box.setObjectName("compare_annotator")
        self.report_button = QPushButton("Report…")
        self.report_button.setObjectName("compare_report")
        self.report_button.setToolTip("Write the comparison as HTML (for an appendix), JSON "
                                      "or CSV")
        self.report_button.clicked.connect(self.ask_report)
        self.layer_label = QLabel("Layer")
        self.who_label = QLabel("Whose")
        for w in (QLabel("Event"), self.event_box, QLabel("Concept"), self.concept_box,
                  self.layer_label, self.layer_box, self.who_label, self.who_box):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.report_button)
        self.event_box.activated.connect(lambda _i: self.refresh())
        self.layer_box.activated.connect(lambda _i: self.refresh())
        self.who_box.activated.connect(lambda _i: self.refresh())
        self.concept_box.activated.connect(lambda _i: self._show_concept())
        return row

    def reviewer(self) -> bool:
        return self.session.is_reviewer()

    def sync_identity(self) -> None:
        """Reviewers choose layer and annotators; an annotator sees their own layer."""
        on = self.reviewer()
        for w in (self.layer_label, self.layer_box, self.who_label, self.who_box):
            w.setVisible(on)
        self.who_box.clear()
        self.who_box.addItem(EVERYONE, None)
        if on:
            for name, role in list_annotators(self.session.project):
                if role != "reviewer":
                    self.who_box.addItem(name, name)
        self._fill_events()

    def _fill_events(self) -> None:
        keep = self.event_box.currentData()
        self.event_box.clear()
        found = compare.events(self.session.project)
        for e in found:
            self.event_box.addItem(f"{e.title} · {count(e.documents, 'document')}", e.id)
        doc = self.session.doc
        want = keep if keep is not None else (doc.document.event if doc is not None else None)
        k = self.event_box.findData(want)
        self.event_box.setCurrentIndex(max(k, 0))

    # ---------------------------------------------------------------- tabs

    def _wording_tab(self) -> QWidget:
        split = QSplitter(Qt.Orientation.Vertical)
        self.columns_area = QScrollArea()
        self.columns_area.setWidgetResizable(True)
        self.columns_area.setFrameShape(QFrame.Shape.NoFrame)
        self.columns_host = QWidget()
        self.columns_layout = QHBoxLayout(self.columns_host)
        self.columns_layout.setContentsMargins(0, 0, 0, 0)
        self.columns_area.setWidget(self.columns_host)
        self.columns: dict[str, QListWidget] = {}
        split.addWidget(self.columns_area)
        self.apart = list_tree("compare_apart",
                               ["Source", "Expression", "z", "Here", "Elsewhere"],
                               {0: 200, 1: 320})
        self.apart.setToolTip("Weighted log-odds with an informative Dirichlet prior (Monroe, "
                              "Colaresi & Quinn 2008): each source against all the others; "
                              f"bold: z ≥ {Z_CRITICAL}")
        split.addWidget(self.apart)
        split.setSizes([520, 180])
        return split

    def _labels_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.label_test = QLabel()
        self.label_test.setObjectName("compare_label_test")
        self.label_test.setWordWrap(True)
        layout.addWidget(self.label_test)
        split = QSplitter(Qt.Orientation.Vertical)
        self.label_table = QTableWidget()
        self.label_table.setObjectName("compare_label_table")
        split.addWidget(self.label_table)
        self.chart = GroupedBars()
        split.addWidget(self.chart)
        split.setSizes([260, 360])
        layout.addWidget(split, 1)
        return page

    def _doc_labels_tab(self) -> QWidget:
        self.doc_area = QScrollArea()
        self.doc_area.setObjectName("compare_doc_labels")
        self.doc_area.setWidgetResizable(True)
        self.doc_host = QWidget()
        self.doc_layout = QVBoxLayout(self.doc_host)
        self.doc_area.setWidget(self.doc_host)
        self.doc_tables: dict[str, QTableWidget] = {}
        return self.doc_area

    # ---------------------------------------------------------------- computing

    def changed(self, changes) -> None:
        """The session changed something: recompute a little later (edits come in runs)."""
        if "documents" in changes.tables:  # an import may bring a new event
            self._fill_events()
        if {"spans", "gold_spans", "concepts", "doc_labels", "gold_doc_labels",
                "documents"} & set(changes.tables):
            self._later.start()

    def refresh(self) -> None:
        self._later.stop()
        session = self.session
        if session.user is None or self.event_box.count() == 0:
            return
        event = self.event_box.currentData()
        layer = self.layer_box.currentData() if self.reviewer() else None
        who = self.who_box.currentData() if self.reviewer() else None
        if layer == GOLD:
            who = None
        project, me = session.project, session.me
        if self.job is not None:
            self.job.cancel()

        def work(_progress):
            return compare.compare(project, event=event, layer=layer,
                                   annotators=[who] if who else (), viewer=me)

        self.job = Job(work, "Comparing sources", self, on_done=self._computed,
                       on_error=session.failed.emit)
        self.job.start()

    def _computed(self, comparison: Comparison) -> None:
        self.job = None
        self.comparison = comparison
        keep = self.concept_box.currentData()
        self.concept_box.clear()
        for cc in comparison.concepts:
            self.concept_box.addItem(f"{cc.concept.name or cc.concept.id} · "
                                     f"{count(cc.spans, 'span')}", cc.concept.id)
        k = self.concept_box.findData(keep)
        if k < 0 and comparison.concepts:  # the first time: the concept most written about
            most = max(comparison.concepts, key=lambda cc: cc.spans)
            k = self.concept_box.findData(most.concept.id)
        self.concept_box.setCurrentIndex(max(k, 0))
        self._show_concept()
        self._show_labels()
        self._show_doc_labels()
        self.notes.setText(" ".join(comparison.notes))

    def current_concept(self) -> ConceptComparison | None:
        if self.comparison is None:
            return None
        cid = self.concept_box.currentData()
        return next((cc for cc in self.comparison.concepts if cc.concept.id == cid), None)

    def _show_concept(self) -> None:
        c = self.comparison
        cc = self.current_concept()
        while self.columns_layout.count():
            w = self.columns_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.columns = {}
        self._cycle = {}
        self.apart.clear()
        if c is None:
            return
        gold = c.layer == GOLD
        for info in c.sources:
            box = QFrame()
            box.setFrameShape(QFrame.Shape.StyledPanel)
            col = QVBoxLayout(box)
            col.setContentsMargins(4, 4, 4, 4)
            head = QLabel(f"<b>{_html(info.key)}</b>" + ("" if info.name else
                                                         " <i>(no source)</i>"))
            head.setToolTip("\n".join(t or d for d, t in zip(
                info.documents, info.titles or info.documents, strict=True)))
            col.addWidget(head)
            lst = QListWidget()
            lst.setObjectName(f"compare_column:{info.key}")
            lst.setWordWrap(True)
            lst.setMinimumWidth(190)
            lst.setItemDelegate(ExpressionDelegate(lst))
            lst.setSpacing(1)
            expressions = cc.sources.get(info.key, ()) if cc is not None else ()
            for e in expressions:
                item = QListWidgetItem(expression_text(e, gold))
                item.setData(Qt.ItemDataRole.UserRole, e)
                item.setData(ExpressionDelegate.ROLE, expression_html(
                    e, gold, self.colors.color(e.label).name()))
                item.setToolTip("\n".join(f"{p.doc_id} {p.start}–{p.end} ({p.by})"
                                          for p in e.places))
                lst.addItem(item)
            if not expressions:
                empty = QListWidgetItem("—")
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                lst.addItem(empty)
            lst.itemClicked.connect(self._open)
            col.addWidget(lst, 1)
            self.columns_layout.addWidget(box, 1)
            self.columns[info.key] = lst
        if cc is None:
            return
        self._fill_apart(cc)

    def _fill_apart(self, cc: ConceptComparison) -> None:
        result = cc.expressions
        if result.reason:
            item = QTreeWidgetItem(["", result.reason])
            self.apart.addTopLevelItem(item)
            return
        bold = QFont(self.apart.font())
        bold.setBold(True)
        for source in self.comparison.source_keys:
            mine = [r for r in result.rows if r.source == source and r.count > 0
                    and r.z > 0][:5]
            for r in mine:
                item = QTreeWidgetItem([source, r.item, f"{r.z:.2f}", str(r.count),
                                        str(r.others)])
                if r.z >= Z_CRITICAL:
                    for k in range(5):
                        item.setFont(k, bold)
                self.apart.addTopLevelItem(item)

    def _open(self, item: QListWidgetItem) -> None:
        e = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(e, Expression) or not e.places:
            return
        key = id(e)
        k = self._cycle.get(key, -1) + 1
        k %= len(e.places)
        self._cycle[key] = k
        p = e.places[k]
        self.place_activated.emit(p.doc_id, p.start, p.end,
                                  p.span_id if p.span_id is not None else -1, e.label)
        if len(e.places) > 1:
            self.message.emit(f"“{e.text}”: place {k + 1} of {len(e.places)} (click again "
                              "for the next).")

    def _show_labels(self) -> None:
        c = self.comparison
        keys = list(c.source_keys)
        labels = sorted({lab for v in c.labels_by_source.values() for lab in v})
        t = self.label_table
        t.clear()
        t.setRowCount(len(labels))
        t.setColumnCount(len(keys))
        t.setHorizontalHeaderLabels(keys)
        t.setVerticalHeaderLabels(labels)
        test = c.label_test
        resid = {(r, col): test.adjusted_residuals[i][j]
                 for i, r in enumerate(test.rows) for j, col in enumerate(test.columns)
                 } if test.adjusted_residuals else {}
        for i, lab in enumerate(labels):
            t.setVerticalHeaderItem(i, QTableWidgetItem(color_icon(self.colors.color(lab)), lab))
            for j, key in enumerate(keys):
                cell = QTableWidgetItem(str(c.labels_by_source[key].get(lab, 0)))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
                r = resid.get((lab, key))
                if r is not None:
                    cell.setToolTip(f"adjusted residual {r:+.2f} (places)")
                    if test.p_value is not None and abs(r) >= Z_CRITICAL:
                        cell.setBackground(QColor("#d7ecd7") if r > 0 else QColor("#f3d6d6"))
                t.setItem(i, j, cell)
        t.resizeColumnsToContents()
        counted = ("gold spans" if c.layer == GOLD else
                   "spans; the test counts places, the same words marked by several "
                   "annotators once")
        self.label_test.setText(f"Per label and source: {counted}. Labels × sources: "
                                + _test_line(test))
        self.chart.set_data(c.labels_by_source, keys,
                            {lab: self.colors.color(lab) for lab in labels})

    def _show_doc_labels(self) -> None:
        c = self.comparison
        while self.doc_layout.count():
            w = self.doc_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.doc_tables = {}
        keys = list(c.source_keys)
        if not c.doc_labels:
            self.doc_layout.addWidget(QLabel("No document labels yet."))
        for name, per in c.doc_labels.items():
            self.doc_layout.addWidget(QLabel(f"<b>{_html(name.replace('_', ' ').capitalize())}"
                                             "</b>"))
            values = sorted({v for counts in per.values() for v in counts})
            t = QTableWidget(len(values), len(keys))
            t.setObjectName(f"compare_doc_label:{name}")
            t.setHorizontalHeaderLabels(keys)
            t.setVerticalHeaderLabels(values)
            for i, v in enumerate(values):
                for j, key in enumerate(keys):
                    t.setItem(i, j, QTableWidgetItem(str(per[key].get(v, 0))))
            t.resizeColumnsToContents()
            t.resizeRowsToContents()
            height = t.horizontalHeader().height() + sum(
                t.rowHeight(i) for i in range(len(values))) + 2 * t.frameWidth()
            t.setFixedHeight(height)
            self.doc_layout.addWidget(t)
            unit = "annotators' judgements" if c.layer != GOLD else "documents"
            line = QLabel(_test_line(c.doc_label_tests[name], unit))
            line.setWordWrap(True)
            self.doc_layout.addWidget(line)
            self.doc_tables[name] = t
        self.doc_layout.addStretch(1)

    # ---------------------------------------------------------------- report

    def ask_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Write the comparison", "comparison.html",
            "HTML report (*.html);;JSON (*.json);;CSV (*.csv)")
        if path:
            self.write_report(path)

    def write_report(self, path: str, done: Callable[[Path], None] | None = None) -> None:
        c = self.comparison
        if c is None:
            return
        project = self.session.project
        colors = compare.label_colors(project)
        title = compare.report_title(project, c.event)

        def work(_progress):
            return compare.write(c, None, path, colors, title, project=project.target)

        def finished(out) -> None:
            self.message.emit(f"Wrote the comparison to {out}.")
            if done is not None:
                done(out)

        self.writer = Job(work, "Writing the comparison", self, on_done=finished,
                          on_error=self.session.failed.emit)
        self.writer.start()


def _html(text: str) -> str:
    from html import escape

    return escape(text)
