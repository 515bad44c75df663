"""Every per-label measure, every document's numbers, agreement per attribute and each
annotator against gold as tables, and the notes that say why a value is undefined."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
)

from annotator.core.agreement import (
    AnnotatorGold,
    AttributeAgreement,
    DocumentMeasures,
    LabelMeasures,
)
from annotator.gui.agreement.measures import ALPHA, OVERALL, READING_TIP
from annotator.gui.agreement.style import interval, num, reading_background
from annotator.reports import alpha_reading

VALUE = Qt.ItemDataRole.UserRole


def _cell(text: str, value=None, *, right: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(VALUE, value)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


class _Table(QTableWidget):
    def __init__(self, columns: list[str], parent=None):
        super().__init__(0, len(columns), parent)
        self.setHorizontalHeaderLabels(columns)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


class LabelTable(_Table):
    """One row per label; clicking a row emits ``label_clicked(name)``."""

    label_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(["Label", "Spans", "α", "95 % CI", "Reading"]
                         + [m.short for m in OVERALL[1:]], parent)
        self.setObjectName("label_table")
        for col, m in enumerate(OVERALL[1:], start=5):
            self.horizontalHeaderItem(col).setToolTip(m.tip)
        self.horizontalHeaderItem(2).setToolTip(ALPHA.tip)
        self.horizontalHeaderItem(4).setToolTip(READING_TIP)
        self.cellClicked.connect(lambda row, _col: self.label_clicked.emit(
            self.item(row, 0).text()))

    def show_labels(self, labels: Mapping[str, LabelMeasures]) -> None:
        self.setRowCount(0)
        for row, (name, entry) in enumerate(labels.items()):
            self.insertRow(row)
            m = entry.measures
            alpha = ALPHA.value(m)
            reading = _cell(alpha_reading(alpha), right=False)
            reading.setBackground(reading_background(alpha, self.palette()))
            cells = [_cell(name, name, right=False), _cell(num(entry.support), entry.support),
                     _cell(num(alpha), alpha),
                     _cell(interval(m.krippendorff_alpha_ci95), m.krippendorff_alpha_ci95),
                     reading]
            cells += [_cell(num(x.value(m)), x.value(m)) for x in OVERALL[1:]]
            for col, cell in enumerate(cells):
                self.setItem(row, col, cell)

    def select(self, name: str) -> None:
        for row in range(self.rowCount()):
            if self.item(row, 0).text() == name:
                self.selectRow(row)
                return


class DocumentTable(_Table):
    """``documents_detail`` with the documents' titles; double-click emits
    ``document_activated(id)``."""

    document_activated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(["Document", "Id", "Annotators", "α", "Span F1"], parent)
        self.setObjectName("document_table")
        self.horizontalHeaderItem(3).setToolTip("Alpha of this document's tokens alone")
        self.horizontalHeaderItem(4).setToolTip(
            "Exact span F1 on this document, mean over the pairs of its annotators")
        self.cellDoubleClicked.connect(lambda row, _col: self.document_activated.emit(
            self.item(row, 1).text()))

    def show_documents(self, details: Sequence[DocumentMeasures],
                       titles: Mapping[str, str | None]) -> None:
        self.setRowCount(0)
        for row, d in enumerate(details):
            self.insertRow(row)
            cells = [_cell(titles.get(d.id) or d.id, right=False),
                     _cell(d.id, d.id, right=False),
                     _cell(", ".join(d.annotators), right=False),
                     _cell(num(d.krippendorff_alpha), d.krippendorff_alpha),
                     _cell(num(d.span_f1_mean), d.span_f1_mean)]
            for col, cell in enumerate(cells):
                self.setItem(row, col, cell)


class NotesList(QListWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("notes_list")
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)

    def show_notes(self, notes: Sequence[str]) -> None:
        self.clear()
        for note in notes:
            self.addItem(QListWidgetItem(note))
        if not notes:
            self.addItem(QListWidgetItem("No notes: every value is defined."))


class AttributeTable(_Table):
    """Agreement per attribute and per kind of document label."""

    def __init__(self, parent=None):
        super().__init__(["Name", "Over", "Level", "α", "Reading", "Units",
                          "Observed agreement"], parent)
        self.setObjectName("attribute_table")
        tips = {1: "Spans two annotators or more marked alike (same place and label), or "
                   "documents (document labels)",
                2: "Ordinal where the codebook's values are a scale (a middle value "
                   "'neutral', or numbers), else nominal",
                3: "Krippendorff's alpha at that level", 4: READING_TIP,
                5: "Spans or documents with values from two annotators or more",
                6: "Share of agreeing pairs of values"}
        for col, tip in tips.items():
            self.horizontalHeaderItem(col).setToolTip(tip)

    def show_attributes(self, attributes: Mapping[str, AttributeAgreement]) -> None:
        self.setRowCount(0)
        for row, (name, a) in enumerate(attributes.items()):
            self.insertRow(row)
            reading = _cell(alpha_reading(a.krippendorff_alpha), right=False)
            reading.setBackground(reading_background(a.krippendorff_alpha, self.palette()))
            cells = [_cell(name, name, right=False),
                     _cell(_OVER.get(a.unit, a.unit), a.unit, right=False),
                     _cell(a.level, a.level, right=False),
                     _cell(num(a.krippendorff_alpha), a.krippendorff_alpha), reading,
                     _cell(num(a.units), a.units),
                     _cell(num(a.observed_agreement), a.observed_agreement)]
            for col, cell in enumerate(cells):
                self.setItem(row, col, cell)


_OVER = {"span": "spans marked alike", "document": "documents"}
ALL = "All labels"


class GoldTable(_Table):
    """Each annotator against gold on the adjudicated documents, over all labels or one
    (``show_gold(report.against_gold, label)``)."""

    COLUMNS = ("Annotator", "Documents", "Spans", "Gold", "Precision", "Recall", "F1",
               "Partial F1", "Accepted unchanged")

    def __init__(self, parent=None):
        super().__init__(list(self.COLUMNS), parent)
        self.setObjectName("gold_table")
        self.horizontalHeaderItem(7).setToolTip(
            "SemEval-2020 Task 11 score: overlapping spans of one label earn partial credit")
        self.horizontalHeaderItem(8).setToolTip(
            "Share of the annotator's spans that gold holds as they marked them "
            "(attributes and concept included)")

    def show_gold(self, gold: Mapping[str, AnnotatorGold], label: str | None = None) -> None:
        self.setRowCount(0)
        for name, g in gold.items():
            m = g.measures if label is None else g.labels.get(label)
            if m is None:
                continue
            row = self.rowCount()
            self.insertRow(row)
            values = (m.spans, m.gold, m.precision, m.recall, m.f1, m.f1_partial,
                      m.accepted_unchanged)
            cells = [_cell(name, name, right=False), _cell(num(g.documents), g.documents)]
            cells += [_cell(num(v), v) for v in values]
            for col, cell in enumerate(cells):
                self.setItem(row, col, cell)
