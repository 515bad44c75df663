"""The agreement view's label confusion, attribute agreement, annotators against gold and
γ, on the sample corpus with attributes, tone and two adjudicated documents."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.gui.agreement.confusion import COUNT
from annotator.gui.agreement.view import BLIND_TEXT
from annotator.services import agreement
from tests.gui.agreement.agreement_seed import D0, LL, WC, seed_revision

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


@pytest.fixture
def revised(sample):
    seed_revision(sample)
    return sample


def _click(qtbot, table, index):
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_confusion_matrix_and_the_spans_behind_a_cell(revised, make_view, qtbot):
    view = make_view(revised)
    report = view.report
    matrix = view.confusion.matrix
    view.tabs.setCurrentWidget(view.confusion)
    c = report.confusion
    assert matrix.model.names == c.labels
    for i, row in enumerate(c.labels):
        for j, column in enumerate(c.labels):
            assert matrix.model.data(matrix.cell(row, column), COUNT) == c.spans[i][j]
    matrix.set_level("tokens")
    assert matrix.model.data(matrix.cell(WC, WC), COUNT) == \
        c.tokens[c.labels.index(WC)][c.labels.index(WC)]
    matrix.set_level("spans")
    _click(qtbot, matrix.table, matrix.cell(LL, "O"))
    details = view.confusion.details
    assert details.showing == ("confusion", LL, "O", "spans")
    rows = details.span_items()
    assert len(rows) == c.spans[c.labels.index(LL)][c.labels.index("O")]
    texts = {(r.text(0), r.text(2), r.text(3)) for r in rows}
    assert ("“increased anxiety”", "alice", "— nothing of theirs") in texts
    # a double-click shows the span in the workbench
    with qtbot.waitSignal(view.span_activated) as got:
        details.tree.itemActivated.emit(rows[0], 0)
    assert got.args[0] == rows[0].data(0, Qt.ItemDataRole.UserRole)[0]
    # the diagonal: spans both marked alike
    _click(qtbot, matrix.table, matrix.cell(WC, WC))
    assert all(r.text(1) == WC and r.text(4) == WC for r in details.span_items())


def test_attribute_table_is_the_reports(revised, make_view):
    view = make_view(revised)
    table = view.attribute_table
    attributes = view.report.attributes
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == list(attributes)
    row = list(attributes).index("tone")
    assert [table.item(row, c).text() for c in (1, 2)] == ["documents", "ordinal"]
    assert table.item(row, 3).data(Qt.ItemDataRole.UserRole) == \
        attributes["tone"].krippendorff_alpha
    polarity = list(attributes).index("polarity")
    assert table.item(polarity, 1).text() == "spans marked alike"
    assert table.item(polarity, 5).data(Qt.ItemDataRole.UserRole) == \
        attributes["polarity"].units


def test_gold_table_over_all_labels_or_one(revised, make_view):
    view = make_view(revised)
    gold = view.report.against_gold
    table = view.gold.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == list(gold)
    assert table.item(0, 6).data(Qt.ItemDataRole.UserRole) == gold["alice"].measures.f1
    assert table.item(2, 8).data(Qt.ItemDataRole.UserRole) == \
        gold["carol"].measures.accepted_unchanged
    view.gold.label.setCurrentText(WC)
    assert table.item(0, 4).data(Qt.ItemDataRole.UserRole) == \
        gold["alice"].labels[WC].precision
    assert "adjudicated documents" in view.gold.caption.text()


def test_no_adjudicated_document_says_so(sample, make_view):
    view = make_view(sample)
    assert view.gold.table.rowCount() == 0
    assert "No document is adjudicated yet" in view.gold.caption.text()


def test_gamma_when_asked(revised, make_view, qtbot):
    view = make_view(revised, compute=False)
    view.gamma.setChecked(True)
    job = view.compute()
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    report = view.report
    assert report.gamma is not None
    assert report == agreement.compute(revised, bootstrap=200, gamma=report.gamma.samples)
    text = view.summary.gamma.text()
    assert f"{report.gamma.values.gamma:.3f}" in text and "random" in text
    view.gamma.setChecked(False)
    job = view.compute()
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert view.report.gamma is None and view.summary.gamma.text() == ""


def test_blind_annotators_see_no_spans_and_no_one_against_gold(revised, make_view, qtbot):
    view = make_view(revised, blind=True)
    assert not view.tabs.isTabVisible(view.tabs.indexOf(view.gold))
    view.select_confusion(LL, "O", "spans")
    assert view.confusion.details.message.text() == BLIND_TEXT
    assert view.confusion.details.span_items() == []
    assert D0 in {d.id for d in view.report.documents_detail}
