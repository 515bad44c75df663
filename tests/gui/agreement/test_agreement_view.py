"""The agreement view on a real project with three annotators and a reviewer: its numbers
are the service's, clicking a pair or a label shows the spans behind the number, and an
annotator (blind) never sees anyone's spans."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from annotator.gui.agreement.heatmap import VALUE
from annotator.gui.agreement.view import BLIND_TEXT
from annotator.services import agreement
from tests.gui.agreement.agreement_seed import D1, LL, WC, place

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def _click_cell(qtbot, view, a, b):
    table = view.heatmap.table
    rect = table.visualRect(view.heatmap.cell(a, b))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _click_bar(qtbot, view, label):
    bars = view.bars
    i = [r[0] for r in bars.rows].index(label)
    qtbot.mouseClick(bars, Qt.MouseButton.LeftButton, pos=bars.row_rect(i).center().toPoint())


def _rows(view):
    """The detail panel's span rows as (document, text, marks...)."""
    out = []
    for item in view.details.span_items():
        doc = item.data(0, Qt.ItemDataRole.UserRole)[0]
        out.append((doc, item.text(0).strip("“”"),
                    *(item.text(c) for c in range(1, item.columnCount()))))
    return out


def test_numbers_are_the_services(sample, make_view):
    view = make_view(sample, bootstrap=200)
    report = agreement.compute(sample, bootstrap=200)
    assert view.report == report
    overall = report.overall
    assert view.summary.alpha.text() == f"{overall.krippendorff_alpha:.3f}"
    assert view.summary.badge.text() == "tentative"
    ci = overall.krippendorff_alpha_ci95
    assert view.summary.ci.text() == f"95 % CI {ci.low:.3f} – {ci.high:.3f}"
    for key, value in (("fleiss_kappa", overall.fleiss_kappa),
                       ("cohen_kappa_mean", overall.cohen_kappa_mean),
                       ("gwet_ac1", overall.gwet_ac1), ("span_f1_mean", overall.span_f1_mean),
                       ("span_f1_partial_mean", overall.span_f1_partial_mean),
                       ("unitizing_alpha", overall.unitizing_alpha)):
        assert view.summary.values[key].text() == f"{value:.3f}", key
    assert "dana" in view.summary.coverage.text()  # named as not counted
    assert "Primary frame" in view.summary.doc_labels.text()  # the shown name
    assert "primary_frame" not in view.summary.doc_labels.text()

    model = view.heatmap.model
    for key, value_of in (("cohen_kappa", lambda p: p.cohen_kappa),
                          ("span_f1", lambda p: p.span_f1),
                          ("span_f1_partial", lambda p: p.span_f1_partial)):
        view.heatmap.set_measure(key)
        for p in report.pairs:
            for a, b in ((p.a, p.b), (p.b, p.a)):
                index = view.heatmap.cell(a, b)
                assert model.data(index, VALUE) == value_of(p)
                assert model.data(index) == f"{value_of(p):.3f}"
    view.heatmap.set_measure("span_f1")
    view.heatmap.set_label(LL)
    for p in report.labels[LL].pairs:
        assert model.data(view.heatmap.cell(p.a, p.b), VALUE) == p.span_f1

    assert [(n, s, v) for n, s, v, _ in view.bars.rows] == [
        (n, e.support, e.measures.krippendorff_alpha) for n, e in report.labels.items()]
    assert [ci for *_, ci in view.bars.rows] == [
        e.measures.krippendorff_alpha_ci95 for e in report.labels.values()]
    table = view.label_table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == list(report.labels)
    assert table.item(0, 2).data(Qt.ItemDataRole.UserRole) == \
        report.labels["Attribution"].measures.krippendorff_alpha
    assert view.notes.count() == len(report.notes)
    assert view.document_table.rowCount() == report.documents


def test_clicking_a_pair_shows_the_spans_behind_it(sample, make_view, qtbot):
    view = make_view(sample)
    view.tabs.setCurrentWidget(view.notes)
    _click_cell(qtbot, view, "carol", "alice")
    assert view.tabs.currentWidget() is view.details
    assert view.details.showing == ("pair", "alice", "carol", None)
    detail = view.analysis.pair_detail("alice", "carol")
    tree = view.details.tree
    assert tree.topLevelItemCount() == len(detail.documents) == 4
    assert [tree.headerItem().text(c) for c in range(5)] == ["Span", "Label", "alice",
                                                              "carol", "Where"]
    rows = _rows(view)
    assert len(rows) == sum(len(d.both) + len(d.only_a) + len(d.only_b)
                            for d in detail.documents)
    assert (D1, "sham election", WC, "✓", "✓", "974–987") in rows
    assert (D1, "robust economic connections", "Economic", "✓", "–", "1457–1484") in rows
    # a boundary disagreement: the other marked an overlapping span of the label
    assert (D1, "three insignificant rivals", LL, "≈", "✓", "881–907") in rows
    kappa = next(p for p in view.report.pairs if p.b == "carol" and p.a == "alice")
    assert f"<b>{kappa.cohen_kappa:.3f}</b>" in view.details.heading.text()
    assert "4 documents both took part in" in view.details.heading.text()

    view.details.only_disagreements.setChecked(True)
    shown = [i for i in view.details.span_items() if not i.isHidden()]
    assert {i.text(0) for i in shown} >= {"“robust economic connections”"}
    assert "“sham election”" not in {i.text(0) for i in shown}

    view.heatmap.set_label(LL)  # the same pair over one label
    _click_cell(qtbot, view, "alice", "carol")
    assert view.details.showing == ("pair", "alice", "carol", LL)
    assert {r[2] for r in _rows(view)} == {LL}


def test_clicking_a_label_shows_its_spans_and_who_marked_them(sample, make_view, qtbot):
    view = make_view(sample)
    _click_bar(qtbot, view, LL)
    assert view.details.showing == ("label", LL)
    assert view.bars.selected == LL and view.heatmap.label == LL
    spans = agreement.label_detail(agreement.load(sample), LL)
    rows = _rows(view)
    assert len(rows) == len(spans) == 7
    assert (D1, "three insignificant rivals", LL, "carol", "alice (≈), bob (≈)", "1 of 3",
            "881–907") in rows
    assert all("dana" not in " ".join(r) for r in rows)  # the reviewer is nobody here
    # the label table leads to the same place
    view.select_pair("alice", "bob")
    table = view.label_table
    row = [table.item(r, 0).text() for r in range(table.rowCount())].index(WC)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(row, 1)).center())
    assert view.details.showing == ("label", WC)
    assert len(_rows(view)) == len(agreement.label_detail(agreement.load(sample), WC))


def test_filters_and_undefined_values(sample, make_view, qtbot):
    view = make_view(sample, compute=False)
    view.set_filters(["alice", "bob"], [WC, "Morality"])
    assert view.annotator_button.text() == "2 annotators"
    job = view.compute()
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    assert view.report == agreement.compute(sample, ["alice", "bob"], [WC, "Morality"], 200)
    assert view.report.labels["Morality"].measures.krippendorff_alpha is None
    i = [r[0] for r in view.bars.rows].index("Morality")
    assert view.bars.rows[i][2] is None and "undefined" in view.bars.tooltip(i)


def test_double_clicking_a_span_asks_to_show_it(sample, make_view, qtbot):
    view = make_view(sample)
    view.select_pair("alice", "bob")
    item = next(i for i in view.details.span_items() if i.text(0) == "“invasion”")
    start, end = place(sample, D1, "invasion")
    with qtbot.waitSignal(view.span_activated) as got:
        view.details.tree.itemActivated.emit(item, 0)
    assert got.args == [D1, start, end]


def test_blind_annotators_see_numbers_but_no_spans(sample, make_view, qtbot):
    view = make_view(sample, blind=True)
    assert view.report == agreement.compute(sample, bootstrap=200)
    assert view.summary.alpha.text() != "–"
    assert not view.tabs.isTabVisible(view.tabs.indexOf(view.document_table))
    _click_cell(qtbot, view, "alice", "bob")
    assert view.details.message.text() == BLIND_TEXT
    assert view.details.stack.currentWidget() is view.details.message
    _click_bar(qtbot, view, WC)
    view.select_label(LL)
    assert view.details.span_items() == [] and view.details.tree.topLevelItemCount() == 0
    view.set_blind(False)  # the same user, now a reviewer
    assert view.tabs.isTabVisible(view.tabs.indexOf(view.document_table))
    _click_cell(qtbot, view, "alice", "bob")
    assert view.details.span_items()


def test_cancel_keeps_the_numbers_shown(sample, make_view, qtbot, monkeypatch):
    view = make_view(sample, compute=False)
    gate = threading.Event()
    load = agreement.load

    def slow(*args, **kwargs):
        gate.wait(10)
        return load(*args, **kwargs)

    monkeypatch.setattr(agreement, "load", slow)
    job = view.compute()
    job.cancel()
    gate.set()
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    assert job.outcome == "cancelled"
    assert view.report is None and view.status.text() == "Cancelled."
    assert view.compute_button.isEnabled()


def test_save_report_writes_the_html(sample, make_view, qtbot, tmp_path):
    view = make_view(sample)
    out = tmp_path / "out.html"
    job = view.save_report(out)
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    assert job.outcome == "done"
    page = out.read_text(encoding="utf-8")
    assert "Spans disagreed on most" in page and "three insignificant rivals" in page


def test_a_change_marks_the_numbers_old(sample, make_view):
    view = make_view(sample)
    assert not view.banner.isVisible()
    view.mark_stale()
    assert view.banner.isVisible() and view.stale


def test_an_empty_project_shows_undefined_values(project, make_view):
    view = make_view(project)
    assert view.report.annotators == () and view.report.documents == 0
    assert view.summary.alpha.text() == "–" and view.summary.badge.text() == "undefined"
    assert view.bars.rows == [] and view.heatmap.model.rowCount() == 0
    assert "Fewer than two annotators" in view.heatmap.caption.text()
    view.grab()  # paints without a row, a pair or a label


def test_restricted_to_a_calibration_round(sample, make_view, qtbot):
    from annotator.services import rounds

    everything = make_view(sample, bootstrap=0)
    assert not everything.round_box.isVisibleTo(everything)  # no rounds: no choice shown
    rounds.start(sample, "dana", "pilot", [D1])
    view = make_view(sample, bootstrap=0, compute=False)
    assert view.round_box.isVisibleTo(view)
    view.round_box.setCurrentIndex(view.round_box.findData("pilot"))
    job = view.compute()
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    assert view.report == agreement.compute(sample, bootstrap=0, round="pilot")
    assert view.report.documents == 1 < everything.report.documents
