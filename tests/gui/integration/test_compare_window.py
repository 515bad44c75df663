"""View ▸ Compare outlets… in the real main window on the demo project: one column per
source with the expressions linked to a concept, clicking one opens it, label counts and
document labels per source; reviewers choose the layer, annotators see their own spans."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.compare import Expression
from annotator.services import compare

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")
EVENT = "putin-china-2024"
NTD_DOC = "001_32d5df32ea7c4246"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def opened(qtbot, window):
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_O, CTRL_SHIFT)
    view = window.compare.view
    assert view is not None and window.compare.frame.isVisible()
    qtbot.waitUntil(lambda: view.comparison is not None, timeout=20_000)
    return view


def choose(qtbot, view, box, data) -> None:
    k = box.findData(data)
    assert k >= 0, data
    box.setCurrentIndex(k)
    box.activated.emit(k)


def items(view, source: str) -> dict[str, Expression]:
    lst = view.columns[source]
    got = {}
    for k in range(lst.count()):
        e = lst.item(k).data(Qt.ItemDataRole.UserRole)
        if isinstance(e, Expression):
            got[e.text] = e
    return got


def test_a_reviewer_compares_the_outlets_wording(qtbot, open_main, demo_project):
    window = open_main(demo_project, "dana", "reviewer")
    view = opened(qtbot, window)
    assert view.event_box.currentData() == EVENT
    assert view.layer_box.isVisible() and view.who_box.isVisible()
    # the concept most written about comes first: China's role
    assert view.concept_box.currentData() == "china-role"
    expected = compare.compare(demo_project, event=EVENT, layer="annotations",
                               viewer="dana")
    assert list(view.columns) == list(expected.source_keys)
    assert "crucial economic lifeline" in items(view, "000_d2e00c955d6db165")
    choose(qtbot, view, view.concept_box, "election")
    ntd = items(view, "NTD")
    assert ntd["sham election"].annotators == ("alice", "carol")
    assert "coasted to his fifth term" in items(view, "Newsweek (reposted)")
    assert view.apart.topLevelItemCount() > 0  # what sets each source apart

    # clicking an expression opens it in its document, its words selected
    lst = view.columns["NTD"]
    row = next(k for k in range(lst.count())
               if lst.item(k).data(Qt.ItemDataRole.UserRole).text == "sham election")
    rect = lst.visualItemRect(lst.item(row))
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.doc.id == NTD_DOC
    got = window.text_view.selection_range()
    doc = window.session.doc
    assert doc.text[slice(*doc.to_codepoints(*got))] == "sham election"


def test_labels_and_document_labels_per_source(qtbot, open_main, demo_project):
    window = open_main(demo_project, "dana", "reviewer")
    view = opened(qtbot, window)
    c = view.comparison
    table = view.label_table
    assert [table.horizontalHeaderItem(j).text() for j in range(table.columnCount())] == list(
        c.source_keys)
    labels = [table.verticalHeaderItem(i).text() for i in range(table.rowCount())]
    j = list(c.source_keys).index("NTD")
    assert int(table.item(labels.index("Word choice"), j).text()) == \
        c.labels_by_source["NTD"]["Word choice"]
    assert ("NTD", "Word choice", c.labels_by_source["NTD"]["Word choice"]) in view.chart.rows
    assert "no p-value" in view.label_test.text()
    assert set(view.doc_tables) == {"primary_frame", "tone"}
    tone = view.doc_tables["tone"]
    assert tone.rowCount() == len({v for per in c.doc_labels["tone"].values() for v in per})

    # the gold layer: fewer spans, the annotators it came from
    choose(qtbot, view, view.layer_box, "gold")
    qtbot.waitUntil(lambda: view.comparison.layer == "gold", timeout=20_000)
    choose(qtbot, view, view.concept_box, "china-role")
    assert items(view, "NTD")["Chinese regime"].annotators == ("carol",)


def test_an_annotator_compares_only_their_own_spans(qtbot, open_main, demo_project):
    window = open_main(demo_project, "bob", "annotator")
    view = opened(qtbot, window)
    assert not view.layer_box.isVisible() and not view.who_box.isVisible()
    c = view.comparison
    assert c.annotators == ("bob",)
    assert {p.by for cc in c.concepts for exprs in cc.sources.values() for e in exprs
            for p in e.places} == {"bob"}
    choose(qtbot, view, view.concept_box, "election")
    assert "a sham election" in items(view, "NTD") and "sham election" not in items(view, "NTD")
    # his own span: clicking selects the span itself in the workbench
    lst = view.columns["NTD"]
    row = next(k for k in range(lst.count())
               if lst.item(k).data(Qt.ItemDataRole.UserRole).text == "a sham election")
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton,
                     pos=lst.visualItemRect(lst.item(row)).center())
    item = window.session.selected_item()
    assert item is not None and window.session.doc.text[item.start:item.end] == "a sham election"


def test_it_follows_the_annotations(qtbot, open_main, demo_project):
    window = open_main(demo_project, "bob", "annotator", doc=NTD_DOC)
    view = opened(qtbot, window)
    before = view.comparison
    item = next(s for s in window.session.doc.index.by_id.values()
                if window.session.doc.text[s.start:s.end] == "a sham election")
    window.session.delete_span(item.id)
    qtbot.waitUntil(lambda: view.comparison is not before, timeout=20_000)
    choose(qtbot, view, view.concept_box, "election")
    assert "a sham election" not in items(view, "NTD")


def test_the_report_from_the_window(qtbot, open_main, demo_project, tmp_path):
    window = open_main(demo_project, "dana", "reviewer")
    view = opened(qtbot, window)
    written = []
    view.write_report(str(tmp_path / "c.html"), written.append)
    qtbot.waitUntil(lambda: bool(written), timeout=20_000)
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "<q>sham election</q>" in page and "Monroe" in page


def test_clicking_while_adjudicating_selects_the_candidate(qtbot, open_main, demo_project):
    window = open_main(demo_project, "dana", "reviewer")
    assert window.review.enter()
    view = opened(qtbot, window)
    choose(qtbot, view, view.concept_box, "election")
    lst = view.columns["NTD"]
    row = next(k for k in range(lst.count())
               if lst.item(k).data(Qt.ItemDataRole.UserRole).text == "sham election")
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton,
                     pos=lst.visualItemRect(lst.item(row)).center())
    assert window.review.active
    review = window.review.view  # reads the document off the GUI thread, then selects
    qtbot.waitUntil(lambda: not review.is_loading() and review.current_document() == NTD_DOC)
    selected = review.selected_row()
    assert selected is not None and selected.key[2] == "Word choice"
    doc = window.session.doc
    assert doc.id == NTD_DOC and doc.text[selected.key[0]:selected.key[1]] == "sham election"
