"""The progress dashboard (View ▸ Progress…, reviewers): queues done, label use against the
group, active time, documents waiting for adjudication; read off the GUI thread, exported
as CSV (services.dashboard)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core import dashboard as core
from annotator.core.dashboard import duration
from annotator.core.wording import count
from annotator.gui.errors import show_error
from annotator.gui.jobs import Job
from annotator.gui.session import Session
from annotator.services import dashboard

MORE, LESS = QColor("#f6c7c0"), QColor("#c5daf6")  # a label used notably more / less
STATE_TEXT = {core.ANNOTATING: "being annotated", core.WAITING: "waiting for adjudication",
              core.ADJUDICATED: "adjudicated", core.UNASSIGNED: "nobody assigned"}
DOC_ID = Qt.ItemDataRole.UserRole + 1


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _item(value: object, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(str(value))
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class DashboardView(QWidget):
    loaded = Signal()  # the figures on screen are fresh
    open_document = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("dashboard")
        self.figures: core.Figures | None = None
        self.job: Job | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel("Reading the project…")
        self.summary.setObjectName("dashboard_summary")
        top.addWidget(self.summary, 1)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setObjectName("dashboard_export")
        self.export_button.clicked.connect(self.ask_export)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.queues = _table("dashboard_queues", [
            "Annotator", "Progress", "Done", "In progress", "Not started", "Queue", "Spans",
            "Active time", "Median per finished document"])
        self.queues.horizontalHeader().setStretchLastSection(False)
        self.labels = _table("dashboard_labels", ["Label"])
        self.labels.horizontalHeader().setStretchLastSection(False)
        self.times = _table("dashboard_times", ["Document", "Annotator", "Active time",
                                                "Status"])
        self.documents = _table("dashboard_documents", ["Document", "State", "Annotators",
                                                        "Done", "Open candidates"])
        self.documents.itemActivated.connect(self._activated)
        self.times.itemActivated.connect(self._activated)
        label_page = QWidget()
        lp = QVBoxLayout(label_page)
        lp.setContentsMargins(0, 0, 0, 0)
        note = QLabel("Each annotator's share of their own spans, against the group's share "
                      "of everyone's. Red: used notably more than the group, blue: notably "
                      "less (adjusted residual beyond ±2). Annotators who coded different "
                      "documents may differ because the documents do.")
        note.setWordWrap(True)
        lp.addWidget(note)
        lp.addWidget(self.labels, 1)
        time_page = QWidget()
        tp = QVBoxLayout(time_page)
        tp.setContentsMargins(0, 0, 0, 0)
        tnote = QLabel("Time with the document open and the annotator active: pauses over "
                       "two minutes without a key, click or scroll are left out.")
        tnote.setWordWrap(True)
        tp.addWidget(tnote)
        tp.addWidget(self.times, 1)
        self.tabs.addTab(self.queues, "Annotators")
        self.tabs.addTab(label_page, "Labels")
        self.tabs.addTab(time_page, "Time")
        self.tabs.addTab(self.documents, "Documents")
        layout.addWidget(self.tabs, 1)

    # ---------------------------------------------------------------- reading

    def refresh(self) -> Job:
        project = self.session.project
        viewer = self.session.user.name if self.session.user else None
        if self.job is not None and self.job.running:
            self.job.cancel()
        self.summary.setText("Reading the project…")
        self.job = Job(lambda _p: dashboard.figures(project, viewer), "Progress", self,
                       on_done=self.show_figures,
                       on_error=lambda m: self.summary.setText(m), dialog=False)
        return self.job.start()

    def show_figures(self, f: core.Figures) -> None:
        self.figures = f
        done = sum(q.done for q in f.queues)
        total = sum(q.queue for q in f.queues)
        text = (f"{done} of {total} assigned documents done" if f.assigned else
                f"No assignments: every annotator has every document; {done} of {total} "
                "done") + (f" · {f.count(core.WAITING)} waiting for adjudication · "
                           f"{f.count(core.ADJUDICATED)} adjudicated")
        self.summary.setText(text)
        self._fill_queues(f)
        self._fill_labels(f)
        self._fill_times(f)
        self._fill_documents(f)
        self.loaded.emit()

    def _fill_queues(self, f: core.Figures) -> None:
        t = self.queues
        t.setRowCount(len(f.queues))
        for r, q in enumerate(f.queues):
            t.setItem(r, 0, _item(q.annotator))
            bar = QProgressBar()
            bar.setRange(0, max(1, q.queue))
            bar.setValue(q.done)
            bar.setFormat(f"{q.share_done:.0%}")
            t.setCellWidget(r, 1, bar)
            for c, v in enumerate((q.done, q.in_progress, q.not_started, q.queue, q.spans),
                                  start=2):
                t.setItem(r, c, _item(v, True))
            t.setItem(r, 7, _item(duration(q.seconds), True))
            t.setItem(r, 8, _item(duration(q.median_done), True))
        t.setColumnWidth(1, 160)

    def _fill_labels(self, f: core.Figures) -> None:
        people = [q.annotator for q in f.queues]
        labels = list(dict.fromkeys(u.label for u in f.labels))
        use = {(u.label, u.annotator): u for u in f.labels}
        t = self.labels
        t.clear()
        t.setColumnCount(len(people) + 2)
        t.setHorizontalHeaderLabels(["Label", "Group", *people])
        t.setRowCount(len(labels))
        for r, label in enumerate(labels):
            t.setItem(r, 0, _item(label))
            group = next((u.group_share for u in f.labels if u.label == label), 0.0)
            t.setItem(r, 1, _item(f"{group:.0%}", True))
            for c, who in enumerate(people, start=2):
                u = use.get((label, who))
                if u is None:
                    continue
                cell = _item(f"{u.share:.0%} ({u.spans})", True)
                if u.notable:
                    cell.setBackground(QBrush(MORE if u.notable == "more" else LESS))
                residual = "–" if u.residual is None else f"{u.residual:+.2f}"
                cell.setToolTip(f"{who}: {count(u.spans, 'span')} {label!r}, {u.share:.1%} "
                                f"of their spans; the group {u.group_share:.1%}.\nAdjusted "
                                f"residual {residual}"
                                + (f": used notably {u.notable} than the group"
                                   if u.notable else ""))
                t.setItem(r, c, cell)

    def _fill_times(self, f: core.Figures) -> None:
        t = self.times
        t.setRowCount(len(f.times))
        for r, x in enumerate(f.times):
            doc = _item(x.title or x.doc_id)
            doc.setData(DOC_ID, x.doc_id)
            doc.setToolTip(x.doc_id)
            t.setItem(r, 0, doc)
            t.setItem(r, 1, _item(x.annotator))
            t.setItem(r, 2, _item(duration(x.seconds), True))
            t.setItem(r, 3, _item({"done": "done", "in_progress": "in progress"}.get(
                x.status or "", "not started")))

    def _fill_documents(self, f: core.Figures) -> None:
        order = {core.WAITING: 0, core.ANNOTATING: 1, core.UNASSIGNED: 2,
                 core.ADJUDICATED: 3}
        docs = sorted(f.documents, key=lambda d: order[d.state])
        t = self.documents
        t.setRowCount(len(docs))
        for r, d in enumerate(docs):
            doc = _item(d.title or d.doc_id)
            doc.setData(DOC_ID, d.doc_id)
            doc.setToolTip(d.doc_id)
            t.setItem(r, 0, doc)
            t.setItem(r, 1, _item(STATE_TEXT[d.state]))
            t.setItem(r, 2, _item(", ".join(d.coders) or "–"))
            t.setItem(r, 3, _item(", ".join(d.done) or "–"))
            t.setItem(r, 4, _item(d.open_candidates, True))

    def _activated(self, item: QTableWidgetItem) -> None:
        row_item = item.tableWidget().item(item.row(), 0)
        doc_id = row_item.data(DOC_ID) if row_item is not None else None
        if doc_id:
            self.open_document.emit(doc_id)

    # ---------------------------------------------------------------- export

    def ask_export(self) -> None:
        got, _ = QFileDialog.getSaveFileName(self, "Export the progress figures",
                                             "progress.csv", "CSV (*.csv)")
        if got:
            self.export(got)

    def export(self, path: str) -> int | None:
        if self.figures is None:
            return None
        try:
            n = dashboard.write_csv(self.figures, path, self.session.project.target)
        except Exception as exc:  # noqa: BLE001 - shown in plain words
            from annotator.gui.errors import plain_message

            show_error(self, plain_message(exc), "Export failed")
            return None
        self.session.message.emit(f"Wrote {n:,} figures to {path}.")
        return n
