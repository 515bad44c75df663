"""Label every occurrence of a phrase, in this document or the whole corpus, after
reviewing the matches: each can be unticked; places you already labelled so are shown
but not ticked. Applying is one action (one Ctrl+Z undoes it all).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from annotator.gui.colors import LabelColors
from annotator.gui.debounce import debounced
from annotator.gui.dialog_buttons import apply_buttons
from annotator.gui.errors import show_error
from annotator.gui.inspector import color_icon
from annotator.gui.jobs import Job
from annotator.gui.session import Session
from annotator.gui.tick_list import add_tick_all_buttons, tick_offered
from annotator.services import search

LIMIT = 5000  # matches listed for review; more would not be reviewed anyway


class OccurrencesDialog(QDialog):
    def __init__(self, session: Session, phrase: str, label: str | None = None,
                 corpus: bool = False, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("occurrences_dialog")
        self.setWindowTitle("Label every occurrence")
        self.resize(760, 520)
        self.matches: list[search.Match] = []
        self.job: Job | None = None
        self._generation = 0
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.phrase = QLineEdit(phrase)
        self.phrase.setObjectName("occ_phrase")
        form.addRow("Phrase", self.phrase)
        self.label_box = QComboBox()
        self.label_box.setObjectName("occ_label")
        colors = LabelColors(session.codebook, self.palette())
        for lab in session.codebook.labels:
            self.label_box.addItem(color_icon(colors.color(lab.name)), lab.name)
        if label:
            self.label_box.setCurrentText(label)
        form.addRow("Label", self.label_box)
        scope = QHBoxLayout()
        self.in_doc = QRadioButton("This document")
        self.in_corpus = QRadioButton("Whole corpus")
        self.in_corpus.setObjectName("occ_corpus")
        (self.in_corpus if corpus or session.doc is None else self.in_doc).setChecked(True)
        self.in_doc.setEnabled(session.doc is not None)
        self.words = QCheckBox("Whole words")
        self.words.setChecked(True)
        self.case = QCheckBox("Match case")
        self.case.setChecked(True)
        for w in (self.in_doc, self.in_corpus, self.words, self.case):
            scope.addWidget(w)
        scope.addStretch(1)
        form.addRow("Where", scope)
        layout.addLayout(form)
        self.tree = QTreeWidget()
        self.tree.setObjectName("occ_matches")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(["", "Document", "Context"])
        self.tree.setColumnWidth(0, 28)
        self.tree.setColumnWidth(1, 200)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("occ_summary")
        row.addWidget(self.summary, 1)
        add_tick_all_buttons(row, self._tick_all)
        layout.addLayout(row)
        self.buttons, self.apply_button = apply_buttons("Label", self.apply, self.reject)
        self.apply_button.setObjectName("occ_apply")
        layout.addWidget(self.buttons)
        self._timer = debounced(self, 250, self.find)
        self.phrase.textChanged.connect(lambda _t: self._timer.start())
        for w in (self.in_doc, self.in_corpus, self.words, self.case):
            w.toggled.connect(lambda _on: self.find())
        self.label_box.currentTextChanged.connect(lambda _t: self.find())
        self.tree.itemChanged.connect(lambda *_a: self._count())
        self.find()

    # ---------------------------------------------------------------- finding

    def find(self) -> None:
        self._timer.stop()
        phrase = self.phrase.text()
        doc_id = None if self.in_corpus.isChecked() or self.session.doc is None \
            else self.session.doc.id
        project, me, label = self.session.project, self.session.me, self.label_box.currentText()
        words, case = self.words.isChecked(), self.case.isChecked()

        def work(progress):
            return search.find(project, phrase, doc_id=doc_id, whole_words=words,
                               case_sensitive=case, annotator=me, label=label, limit=LIMIT,
                               progress=progress)

        if doc_id is not None:  # one document: quick enough to do at once
            self._show(work(lambda *_a: None))
            return
        if self.job is not None:
            self.job.cancel()
        self._generation += 1
        generation = self._generation
        self.summary.setText("Searching the corpus…")
        # only the newest search may fill the list (an older one can finish later)
        self.job = Job(work, "Searching the corpus", self,
                       on_done=lambda got: self._show(got) if generation == self._generation
                       else None,
                       on_error=lambda m: show_error(self, m))
        self.job.start()

    def _show(self, matches: list[search.Match]) -> None:
        self.job = None
        self.matches = matches
        self.tree.blockSignals(True)
        self.tree.clear()
        items = []
        for k, m in enumerate(matches):
            item = QTreeWidgetItem(["", m.title or m.doc_id,
                                    f"…{m.before}[{m.text}]{m.after}…"])
            item.setData(0, Qt.ItemDataRole.UserRole, k)
            if m.labelled:
                item.setText(0, "✔")
                item.setToolTip(2, "You already labelled this one so.")
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setCheckState(0, Qt.CheckState.Checked)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.tree.blockSignals(False)
        self._count()

    def _tick_all(self, on: bool) -> None:
        tick_offered(self.tree, (not m.labelled for m in self.matches), on)
        self._count()

    def chosen(self) -> list[search.Match]:
        out = []
        for k in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(k)
            if not self.matches[k].labelled and item.checkState(0) == Qt.CheckState.Checked:
                out.append(self.matches[k])
        return out

    def _count(self) -> None:
        n = len(self.chosen())
        total = len(self.matches)
        done = sum(1 for m in self.matches if m.labelled)
        text = f"{total} matches" + (f" ({total} shown; there may be more)"
                                     if total >= LIMIT else "")
        if done:
            text += f", {done} already labelled"
        self.summary.setText(text if total else "No matches.")
        self.apply_button.setText(f"Label {n} occurrence{'s' if n != 1 else ''}")
        self.apply_button.setEnabled(n > 0)

    # ---------------------------------------------------------------- applying

    def apply(self) -> None:
        chosen = self.chosen()
        if not chosen:
            return
        if self.session.label_places(self.label_box.currentText(),
                                     [m.place for m in chosen]) is not None:
            self.accept()
