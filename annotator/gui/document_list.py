"""The corpus: title, source, event, your status and span count; a progress count.

Blind: statuses and counts are the current annotator's own.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import DONE, IN_PROGRESS
from annotator.gui.session import Session

COLUMNS = ("", "Title", "Source", "Event", "Spans")
DOC_ID = Qt.ItemDataRole.UserRole + 1
MARKS = {DONE: "✔", IN_PROGRESS: "◐", None: ""}
STATUS_TEXT = {DONE: "done", IN_PROGRESS: "in progress", None: "not started"}


class DocumentListModel(QAbstractTableModel):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._bold = QFont()
        self._bold.setBold(True)
        session.documents_changed.connect(self._reset)
        session.document_opened.connect(self._current_changed)
        session.spans_changed.connect(lambda _d: self._current_changed())
        self._current: str | None = None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.session.summaries)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def _count(self, row: int) -> int:
        s = self.session.summaries[row]
        doc = self.session.doc
        # the open document's count follows each edit without re-reading the list
        return len(doc.index) if doc is not None and doc.id == s.id else s.spans

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        s = self.session.summaries[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (MARKS[s.status], s.title or s.id, s.source or "", s.event or "",
                    str(self._count(index.row())))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{s.title or s.id}\n{s.source or 'unknown source'}"
                    f"{' · ' + s.published if s.published else ''}\n"
                    f"id {s.id} · {s.length:,} characters · {STATUS_TEXT[s.status]}")
        if role == Qt.ItemDataRole.FontRole and self.session.doc is not None and \
                s.id == self.session.doc.id:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and s.status == DONE:
            return QBrush(QColor("#2e9d4f"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 4):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == DOC_ID:
            return s.id
        return None

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def row_of(self, doc_id: str | None) -> int | None:
        return next((i for i, s in enumerate(self.session.summaries) if s.id == doc_id), None)

    def _current_changed(self) -> None:
        rows = {self.row_of(self._current)}
        self._current = self.session.doc.id if self.session.doc else None
        rows.add(self.row_of(self._current))
        for row in rows - {None}:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))


class DocumentList(QWidget):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("document_list")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.progress_text = QLabel()
        self.progress_text.setObjectName("progress_text")
        layout.addWidget(self.progress_text)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        layout.addWidget(self.progress)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter documents…")
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self.model = DocumentListModel(session, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTreeView()
        self.view.setObjectName("document_table")
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setModel(self.proxy)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 26)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(2, 80)
        header.resizeSection(3, 70)
        header.resizeSection(4, 44)
        self.view.clicked.connect(self._open)
        self.view.activated.connect(self._open)
        layout.addWidget(self.view)
        session.documents_changed.connect(self._update_progress)
        session.documents_changed.connect(self._follow)
        session.document_opened.connect(self._follow)
        self._update_progress()

    def _open(self, index: QModelIndex) -> None:
        doc_id = index.data(DOC_ID)
        if doc_id is not None:
            self.session.open(doc_id)

    def _update_progress(self) -> None:
        summaries = self.session.summaries
        # one event for the whole corpus says nothing per row (the header names it)
        self.view.setColumnHidden(3, len({s.event for s in summaries}) <= 1)
        done = sum(1 for s in summaries if s.status == DONE)
        started = sum(1 for s in summaries if s.status == IN_PROGRESS)
        text = f"{done} of {len(summaries)} done"
        if started:
            text += f" · {started} in progress"
        self.progress_text.setText(text)
        self.progress.setMaximum(max(1, len(summaries)))
        self.progress.setValue(done)

    def _follow(self) -> None:
        row = self.model.row_of(self.session.doc.id if self.session.doc else None)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 1))
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.view.scrollTo(index)
