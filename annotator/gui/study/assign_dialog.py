"""Document ▸ Assign documents… (reviewers): give documents to annotators by hand, or by a
policy with a live preview of what it would do (services.assignments)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import InputError, ProjectError
from annotator.core.model import ANNOTATOR
from annotator.core.wording import count
from annotator.gui.debounce import debounced
from annotator.gui.session import Session
from annotator.services import annotate, assignments, reading

DOC_ID = Qt.ItemDataRole.UserRole + 1
CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


class AssignDialog(QDialog):
    changed = Signal(object)  # the Changes of each assigning

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.project = session.project
        self.setObjectName("assign_dialog")
        self.setWindowTitle("Assign documents")
        self.resize(1000, 700)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Annotators see only the documents assigned to them, in order; reviewers see "
            "everything. A document someone has worked on stays theirs.")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        split = QSplitter()
        layout.addWidget(split, 1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter documents…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        lv.addWidget(self.filter)
        self.documents = QTableWidget(0, 4)
        self.documents.setObjectName("assign_documents")
        self.documents.setHorizontalHeaderLabels(["", "Title", "Source", "Assigned to"])
        self.documents.verticalHeader().hide()
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.documents.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 28)
        header.resizeSection(2, 110)
        header.resizeSection(3, 180)
        self.documents.itemChanged.connect(lambda _i: self._changed())
        lv.addWidget(self.documents, 1)
        picks = QHBoxLayout()
        for text, how in (("All", "all"), ("None", "none"), ("Unassigned", "unassigned")):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, h=how: self.check_documents(h))
            picks.addWidget(button)
        picks.addStretch(1)
        self.doc_count = QLabel()
        picks.addWidget(self.doc_count)
        lv.addLayout(picks)
        split.addWidget(left)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(QLabel("Annotators"))
        self.people = QListWidget()
        self.people.setObjectName("assign_annotators")
        self.people.itemChanged.connect(lambda _i: self._changed())
        rv.addWidget(self.people, 1)
        self.give = QPushButton("Give the ticked documents to the ticked annotators")
        self.give.setObjectName("assign_by_hand")
        self.give.clicked.connect(self.assign_by_hand)
        self.take = QPushButton("Withdraw them")
        self.take.setObjectName("assign_withdraw")
        self.take.setToolTip("Documents an annotator has worked on stay theirs")
        self.take.clicked.connect(self.withdraw)
        rv.addWidget(self.give)
        rv.addWidget(self.take)
        split.addWidget(right)
        split.setSizes([680, 320])

        box = QGroupBox("By a policy (the ticked annotators; the ticked documents, or all)")
        form = QFormLayout(box)
        self.per_document = QSpinBox()
        self.per_document.setObjectName("policy_per_document")
        self.per_document.setRange(1, 99)
        self.per_document.setValue(2)
        self.overlap = QDoubleSpinBox()
        self.overlap.setObjectName("policy_overlap")
        self.overlap.setRange(0, 100)
        self.overlap.setDecimals(0)
        self.overlap.setSuffix(" %")
        self.overlap.setValue(100)
        self.overlap.setToolTip("The share of documents that get that many annotators; each "
                                "other document goes to one annotator")
        self.calibration = QSpinBox()
        self.calibration.setObjectName("policy_calibration")
        self.calibration.setRange(0, 100000)
        self.calibration.setToolTip("Documents everyone codes first (chosen by the seed)")
        self.seed = QSpinBox()
        self.seed.setObjectName("policy_seed")
        self.seed.setRange(0, 2**31 - 1)
        self.replace = QCheckBox("Plan assigned documents again (withdraw what nobody has "
                                 "started)")
        self.replace.setObjectName("policy_replace")
        row = QHBoxLayout()
        for label, widget in (("Annotators per document", self.per_document),
                              ("overlap", self.overlap), ("calibration documents",
                                                          self.calibration),
                              ("seed", self.seed)):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addStretch(1)
        form.addRow(row)
        form.addRow(self.replace)
        self.preview = QLabel()
        self.preview.setObjectName("policy_preview")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.preview)
        self.apply = QPushButton("Apply the policy")
        self.apply.setObjectName("policy_apply")
        self.apply.clicked.connect(self.assign_by_policy)
        form.addRow(self.apply)
        for spin in (self.per_document, self.overlap, self.calibration, self.seed):
            spin.valueChanged.connect(self._changed)
        self.replace.toggled.connect(self._changed)
        layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._preview_timer = debounced(self, 150, self.update_preview)
        self.reload()

    # ---------------------------------------------------------------- contents

    def reload(self) -> None:
        """Read the documents, people and assignments again, keeping the ticks."""
        docs_ticked, people_ticked = set(self.ticked_documents()), set(self.ticked_people())
        first = self.documents.rowCount() == 0
        overview = assignments.overview(self.project)
        summaries = reading.documents(self.project, None)
        self.documents.blockSignals(True)
        self.documents.setRowCount(len(summaries))
        for r, s in enumerate(summaries):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                          | Qt.ItemFlag.ItemIsSelectable)
            tick.setCheckState(CHECKED if s.id in docs_ticked else UNCHECKED)
            tick.setData(DOC_ID, s.id)
            self.documents.setItem(r, 0, tick)
            title = QTableWidgetItem(s.title or s.id)
            title.setToolTip(f"{s.title or s.id}\nid {s.id}")
            self.documents.setItem(r, 1, title)
            self.documents.setItem(r, 2, QTableWidgetItem(s.source or ""))
            coders = overview.coders.get(s.id, ()) if overview.assigned else ()
            self.documents.setItem(r, 3, QTableWidgetItem(", ".join(coders) or "–"))
        self.documents.blockSignals(False)
        sizes = {q.annotator: q for q in overview.queues}
        self.people.blockSignals(True)
        self.people.clear()
        for name, role in annotate.list_annotators(self.project):
            if role != ANNOTATOR:
                continue
            q = sizes.get(name)
            shown = (f"{name}  ({len(q.items)} documents, {q.done} done)"
                     if q is not None and overview.assigned else name)
            item = QListWidgetItem(shown)
            item.setData(DOC_ID, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(CHECKED if first or name in people_ticked else UNCHECKED)
            self.people.addItem(item)
        self.people.blockSignals(False)
        self._filter(self.filter.text())
        self._changed()

    def _filter(self, text: str) -> None:
        text = text.casefold()
        for r in range(self.documents.rowCount()):
            hay = " ".join(self.documents.item(r, c).text() for c in (1, 2, 3))
            hay += " " + self.documents.item(r, 0).data(DOC_ID)
            self.documents.setRowHidden(r, bool(text) and text not in hay.casefold())

    def check_documents(self, how: str) -> None:
        self.documents.blockSignals(True)
        for r in range(self.documents.rowCount()):
            if self.documents.isRowHidden(r):
                continue
            on = how == "all" or (how == "unassigned"
                                  and self.documents.item(r, 3).text() == "–")
            self.documents.item(r, 0).setCheckState(CHECKED if on else UNCHECKED)
        self.documents.blockSignals(False)
        self._changed()

    def check_people(self, names: list[str]) -> None:
        for k in range(self.people.count()):
            item = self.people.item(k)
            item.setCheckState(CHECKED if item.data(DOC_ID) in names else UNCHECKED)

    def ticked_documents(self) -> list[str]:
        return [self.documents.item(r, 0).data(DOC_ID) for r in range(self.documents.rowCount())
                if self.documents.item(r, 0).checkState() == CHECKED]

    def ticked_people(self) -> list[str]:
        return [self.people.item(k).data(DOC_ID) for k in range(self.people.count())
                if self.people.item(k).checkState() == CHECKED]

    def _changed(self) -> None:
        docs, people = self.ticked_documents(), self.ticked_people()
        self.doc_count.setText(f"{count(len(docs), 'document')} ticked")
        self.give.setEnabled(bool(docs and people))
        self.take.setEnabled(bool(docs and people))
        self.apply.setEnabled(bool(people))
        self.per_document.setMaximum(max(1, len(people)))
        self.overlap.setEnabled(self.per_document.value() > 1)
        self._preview_timer.start()

    # ---------------------------------------------------------------- doing

    def _policy(self) -> dict:
        return dict(documents=self.ticked_documents() or None,
                    per_document=self.per_document.value(),
                    overlap=self.overlap.value() / 100, calibration=self.calibration.value(),
                    seed=self.seed.value(), replace=self.replace.isChecked())

    def update_preview(self) -> None:
        people = self.ticked_people()
        if not people:
            self.preview.setText("Tick the annotators to assign to.")
            return
        try:
            done = assignments.assign(self.project, people, dry_run=True, **self._policy())
        except (InputError, ProjectError) as exc:
            self.preview.setText(f"Cannot apply: {exc}")
            self.apply.setEnabled(False)
            return
        self.preview.setText("Preview: " + done.describe().replace("\n", " "))

    def assign_by_policy(self) -> None:
        self._run(lambda by: assignments.assign(self.project, self.ticked_people(), by=by,
                                                **self._policy()))

    def assign_by_hand(self) -> None:
        self._run(lambda by: assignments.assign_by_hand(
            self.project, self.ticked_documents(), self.ticked_people(), by=by))

    def withdraw(self) -> None:
        def work(by):
            changes, gone, kept = assignments.withdraw(
                self.project, self.ticked_documents(), self.ticked_people(), by=by)
            text = f"Withdrew {count(len(gone), 'assignment')}."
            if kept:
                text += (f" Kept {count(len(kept), 'assignment')}: already worked on ("
                         + ", ".join(f"{d} for {a}" for d, a in kept[:5])
                         + (", …" if len(kept) > 5 else "") + ").")
            return changes, text
        self._run(work)

    def _run(self, fn) -> None:
        by = self.session.user.name if self.session.user else None
        got = self.session.write(fn, by)  # the window's queue of writes
        if got is None:  # refused (said in a dialog) or given up
            return
        if isinstance(got, tuple):
            changes, text = got
        else:
            changes, text = got.changes, got.describe().splitlines()[0]
        self.session.message.emit(text)
        self.preview.setText(text)
        self.changed.emit(changes)
        self.reload()
        self.preview.setText(text)
