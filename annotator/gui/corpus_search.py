"""Find text across the corpus (Ctrl+Shift+F). Runs off the GUI thread; clicking a result
opens its document with the match selected, ready for a label's key.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
)

from annotator.gui.errors import show_error
from annotator.gui.jobs import Job
from annotator.gui.panel import Panel
from annotator.gui.session import Session
from annotator.services import search

LIMIT = 2000


class CorpusSearch(Panel):
    match_opened = Signal(str, int, int)  # document id, start, end (code points)
    label_all = Signal(str)

    def __init__(self, session: Session, parent=None):
        super().__init__(session, "corpus_search", parent)
        layout = self.parts
        row = QHBoxLayout()
        self.field = QLineEdit()
        self.field.setObjectName("corpus_field")
        self.field.setPlaceholderText("Find in every document…")
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.run)
        row.addWidget(self.field, 1)
        go = QPushButton("Find")
        go.clicked.connect(self.run)
        row.addWidget(go)
        layout.addLayout(row)
        opts = QHBoxLayout()
        self.words = QCheckBox("Whole words")
        self.words.setChecked(True)
        self.case = QCheckBox("Match case")
        opts.addWidget(self.words)
        opts.addWidget(self.case)
        opts.addStretch(1)
        self.all_button = QPushButton("Label all…")
        self.all_button.setToolTip("Review every occurrence in the corpus and label them")
        self.all_button.clicked.connect(lambda: self.label_all.emit(self.field.text()))
        opts.addWidget(self.all_button)
        layout.addLayout(opts)
        self.tree = QTreeWidget()
        self.tree.setObjectName("corpus_results")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(["Document", "Context"])
        self.tree.setColumnWidth(0, 180)
        self.tree.itemActivated.connect(self._open)
        self.tree.itemClicked.connect(self._open)
        layout.addWidget(self.tree, 1)
        self.summary = QLabel()
        self.summary.setObjectName("corpus_summary")
        layout.addWidget(self.summary)
        self.matches: list[search.Match] = []
        self.job: Job | None = None

    def start(self, phrase: str | None = None) -> None:
        if phrase:
            self.field.setText(phrase)
        self.field.setFocus()
        self.field.selectAll()
        if phrase:
            self.run()

    def run(self) -> None:
        phrase = self.field.text()
        if not phrase.strip():
            return
        if self.job is not None:
            self.job.cancel()
        project = self.session.project
        words, case = self.words.isChecked(), self.case.isChecked()
        me = self.session.user.name if self.session.user else None

        def work(progress):
            return search.find(project, phrase, whole_words=words, case_sensitive=case,
                               annotator=me, limit=LIMIT, progress=progress)

        self.summary.setText("Searching…")
        job = Job(work, "Searching the corpus", self.window(), on_error=self._failed,
                  on_cancel=lambda: self.summary.setText("Cancelled."))
        job.on_done = lambda got: self._show(got) if self.job is job else None
        self.job = job.start()

    def _failed(self, message: str) -> None:
        self.summary.setText("")
        show_error(self.window(), message)

    def _show(self, matches: list[search.Match]) -> None:
        self.job = None
        self.matches = matches
        self.tree.clear()
        items = []
        for k, m in enumerate(matches):
            item = QTreeWidgetItem([m.title or m.doc_id, f"…{m.before}[{m.text}]{m.after}…"])
            item.setData(0, Qt.ItemDataRole.UserRole, k)
            item.setToolTip(1, f"{m.before}{m.text}{m.after}")
            items.append(item)
        self.tree.addTopLevelItems(items)
        docs = len({m.doc_id for m in matches})
        more = " (the first ones; narrow the search for the rest)" if len(matches) >= LIMIT \
            else ""
        self.summary.setText(f"{len(matches)} matches in {docs} documents{more}"
                             if matches else "No matches.")

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        m = self.matches[item.data(0, Qt.ItemDataRole.UserRole)]
        self.match_opened.emit(m.doc_id, m.start, m.end)
