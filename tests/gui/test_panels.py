"""The workbench's panels on a session without a window: each is a `Panel` (named, its
parts in one column with the margins it always had), and the document list's progress
line counts what is done and what is in progress."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractItemView, QTableView

from annotator.core.model import DONE
from annotator.gui.corpus_search import CorpusSearch
from annotator.gui.doc_labels_panel import DocLabelsPanel
from annotator.gui.document_list import DocumentList
from annotator.gui.panel import Panel
from annotator.gui.session import Identity, Session
from annotator.gui.span_list import SpanList

SAMPLE = "002_3c10f19e7635cd43"
OTHER = "000_d2e00c955d6db165"


@pytest.fixture
def session(qapp, seeded_project):
    session = Session(seeded_project, Identity("alice"))
    assert session.open(SAMPLE)
    return session


@pytest.mark.parametrize(("make", "name", "margin", "spacing"), [
    (DocumentList, "document_list", 4, 4),
    (SpanList, "span_list", 4, 4),
    (DocLabelsPanel, "doc_labels_panel", 8, None),
    (CorpusSearch, "corpus_search", 4, None),
])
def test_each_panel_is_a_named_column(session, qtbot, make, name, margin, spacing):
    panel = make(session)
    qtbot.addWidget(panel)
    assert isinstance(panel, Panel) and panel.session is session
    assert panel.objectName() == name
    assert panel.layout() is panel.parts and panel.parts.count() > 1
    m = panel.parts.contentsMargins()
    assert (m.left(), m.top(), m.right(), m.bottom()) == (margin,) * 4
    if spacing is not None:
        assert panel.parts.spacing() == spacing


def progress(listing: DocumentList) -> tuple[str, int, int]:
    return listing.progress_text.text(), listing.progress.value(), listing.progress.maximum()


def test_the_document_list_counts_done_and_in_progress(session, qtbot):
    listing = DocumentList(session)
    qtbot.addWidget(listing)
    assert progress(listing) == ("0 of 5 done", 0, 5)
    session.set_status(DONE)
    qtbot.waitUntil(lambda: progress(listing) == ("1 of 5 done", 1, 5))
    assert session.open(OTHER)
    session.toggle_done()
    session.toggle_done()  # reopened: in progress
    qtbot.waitUntil(lambda: progress(listing) == ("1 of 5 done · 1 in progress", 1, 5))


def test_an_empty_document_list_says_why(qapp, qtbot, project):
    listing = DocumentList(Session(project, Identity("alice")))
    qtbot.addWidget(listing)
    assert progress(listing) == (
        "No documents for you: none imported yet, or none assigned to you", 0, 1)


def test_the_document_and_span_lists_are_tables_of_rows(session, qtbot):
    # a tree view laid out every row of a 10,000-document list on each read of it
    for panel, name in ((DocumentList(session), "document_table"),
                        (SpanList(session), "span_table")):
        qtbot.addWidget(panel)
        view = panel.view
        assert isinstance(view, QTableView) and view.objectName() == name
        assert view.verticalHeader().isHidden() and not view.showGrid()
        assert view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows


def test_a_done_documents_mark_is_drawn_green(session, qtbot):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QStyleOptionViewItem

    from annotator.gui.document_list import DOC_ID

    listing = DocumentList(session)
    qtbot.addWidget(listing)
    session.set_status(DONE)
    qtbot.waitUntil(lambda: progress(listing) == ("1 of 5 done", 1, 5))
    view = listing.findChild(QTableView, "document_table")
    model = view.model()
    row = next(r for r in range(model.rowCount())
               if model.index(r, 0).data(DOC_ID) == SAMPLE)
    colours = []
    for r in (row, (row + 1) % model.rowCount()):  # done, and one not done
        option = QStyleOptionViewItem()
        view.itemDelegate().initStyleOption(option, model.index(r, 0))
        colours.append(option.palette.color(QPalette.ColorRole.Text).name())
    assert colours[0] == "#2e9d4f" and colours[1] != "#2e9d4f"
