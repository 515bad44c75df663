"""Running a study from the real main window: the assignment dialog (a policy with its
preview, by hand, withdrawing), an annotator's queue in the document list and "Next not
done", the progress dashboard's figures on a prepared project, active time from input
events, hand out and collect from the File menu, a package opened by the app."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.services import annotate, assignments
from annotator.services.layer import read_document
from annotator.services.project import open_project
from tests.services.study_seed import (
    ABC,
    D0,
    D1,
    D2,
    LL,
    WC,
    add_team,
    prepare,
    queues,
    spans_of,
)

STUDY_ACTIONS = ("assign", "progress", "hand_out", "collect")


@pytest.fixture
def team(seeded_project):
    return add_team(seeded_project)


def test_the_assign_dialog_applies_a_policy_after_its_preview(qtbot, open_main, team):
    window = open_main(team, "dana", "reviewer")
    dialog = window.study.open_assign()
    assert dialog.ticked_people() == ABC  # everyone ticked at first
    dialog.per_document.setValue(2)
    dialog.overlap.setValue(40)
    dialog.seed.setValue(7)
    qtbot.waitUntil(lambda: "7 assignments would be added" in dialog.preview.text(),
                    timeout=10_000)
    assert not assignments.overview(team).assigned  # a preview writes nothing
    qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)
    coders = assignments.overview(team).coders
    assert Counter(len(v) for v in coders.values()) == {2: 2, 1: 3}
    shown = {dialog.documents.item(r, 0).data(Qt.ItemDataRole.UserRole + 1):
             dialog.documents.item(r, 3).text() for r in range(dialog.documents.rowCount())}
    assert shown == {d: ", ".join(v) for d, v in coders.items()}
    batch = assignments.overview(team).batches[0]
    assert batch.by == "dana" and batch.policy["seed"] == 7


def test_by_hand_and_withdraw_in_the_dialog(qtbot, open_main, team):
    window = open_main(team, "dana", "reviewer")
    dialog = window.study.open_assign()
    dialog.check_people(["bob"])
    dialog.check_documents("none")
    for r in (3, 4):
        dialog.documents.item(r, 0).setCheckState(Qt.CheckState.Checked)
    assert dialog.give.isEnabled()
    qtbot.mouseClick(dialog.give, Qt.MouseButton.LeftButton)
    assert queues(team)["bob"] == ["003_940de6414bf24cb7", "004_be22123d1ed1708f"]
    annotate.add_span(team, "bob", "003_940de6414bf24cb7", 0, 4, WC)  # bob starts one
    qtbot.mouseClick(dialog.take, Qt.MouseButton.LeftButton)
    assert queues(team)["bob"] == ["003_940de6414bf24cb7"]  # his work stays his
    assert "Kept 1 assignment" in dialog.preview.text()


def test_an_annotator_sees_the_queue_in_order_and_next_not_done_follows_it(open_main,
                                                                             team):
    assignments.assign_by_hand(team, [D2, D0, D1], ["alice"])
    assignments.assign_by_hand(team, [D1], ["bob"])
    window = open_main(team, "alice")
    # the queue's order (as given), not the project's
    assert [s.id for s in window.session.summaries] == [D2, D0, D1]
    model = window.panel("documents").model
    assert [model.index(r, 1).data(Qt.ItemDataRole.UserRole + 1)
            for r in range(model.rowCount())] == [D2, D0, D1]
    window.session.open(D2)
    window.session.set_status("done")
    window.session.go(1, not_done=True)
    assert window.session.doc.id == D0
    for name in STUDY_ACTIONS:  # an annotator has no study menus
        assert not window.actions_by_name[name].isVisible()
    window.set_identity("dana", "reviewer")
    assert len(window.session.summaries) == 5
    assert all(window.actions_by_name[n].isVisible() for n in STUDY_ACTIONS)


def test_nothing_assigned_says_so(open_main, team):
    assignments.assign_by_hand(team, [D0], ["alice"])
    window = open_main(team, "bob")
    assert window.session.summaries == [] and window.session.doc is None
    assert "none assigned to you" in window.panel("documents").progress_text.text()


def test_the_dashboard_shows_the_prepared_figures(qtbot, open_main, seeded_project,
                                                  tmp_path):
    prepare(seeded_project)
    window = open_main(seeded_project, "dana", "reviewer")
    view = window.study.open_progress()
    qtbot.waitUntil(lambda: view.figures is not None and view.queues.rowCount() == 2,
                    timeout=120_000)
    rows = {view.queues.item(r, 0).text(): [view.queues.item(r, c).text()
                                            for c in range(2, 9)]
            for r in range(view.queues.rowCount())}
    # done, in progress, not started, queue, spans, active, median per finished document
    assert rows["alice"] == ["1", "1", "0", "2", "4", "3:40", "2:00"]
    assert rows["bob"] == ["2", "0", "0", "2", "4", "3:00", "1:30"]
    headers = [view.labels.horizontalHeaderItem(c).text()
               for c in range(view.labels.columnCount())]
    assert headers == ["Label", "Group", "alice", "bob"]
    cells = {view.labels.item(r, 0).text(): [view.labels.item(r, c).text()
                                             for c in range(1, 4)]
             for r in range(view.labels.rowCount())}
    assert cells[WC] == ["50%", "75% (3)", "25% (1)"]
    assert cells[LL] == ["50%", "25% (1)", "75% (3)"]
    first = view.documents.item(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    assert first == D0 and view.documents.item(0, 1).text() == "waiting for adjudication"
    assert "1 waiting for adjudication · 1 adjudicated" in view.summary.text()
    out = tmp_path / "progress.csv"
    assert view.export(str(out)) > 0
    with open(out, encoding="utf-8", newline="") as fh:
        assert {"queues", "labels", "time", "documents"} == {
            r["section"] for r in csv.DictReader(fh)}


def test_annotators_cannot_open_the_dashboard(open_main, seeded_project):
    prepare(seeded_project)
    window = open_main(seeded_project, "alice")
    assert window.study.open_progress() is None
    assert window.study.open_assign() is None


def test_active_time_from_key_presses_leaves_out_long_pauses(qtbot, open_main, team):
    window = open_main(team, "alice")
    clock = {"t": 1000.0}
    tracker = window.study.tracker
    tracker.now = lambda: clock["t"]
    window.session.open(D1)  # opening is the first event
    window.text_view.setFocus()
    qtbot.waitUntil(window.text_view.hasFocus)
    before = window.text_view.textCursor().position()
    for t in (1030.0, 1090.0, 1400.0, 1430.0):  # a 310 s pause before 1400
        clock["t"] = t
        # the way the system delivers a key: to the platform window, then the focus
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Right)
    assert window.text_view.textCursor().position() == before + 4
    tracker.stop()
    qtbot.waitUntil(lambda: not tracker.jobs, timeout=120_000)
    from annotator.services import dashboard

    f = dashboard.figures(team)
    assert [(t.doc_id, t.annotator, t.seconds) for t in f.times] == [(D1, "alice", 120.0)]


def test_keys_typed_in_another_window_are_not_active_time(qtbot, open_main, team):
    from PySide6.QtWidgets import QLineEdit

    window = open_main(team, "alice")
    clock = {"t": 1000.0}
    tracker = window.study.tracker
    tracker.now = lambda: clock["t"]
    other = QLineEdit()  # a window of its own, as a dialog left open beside is
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    window.activateWindow()  # leaving the window ends a stretch: be back in it first
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.session.open(D1)
    clock["t"] = 1010.0
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Right)
    for t in (1100.0, 1200.0):  # counted, these would bridge the pause to 1300
        clock["t"] = t
        QTest.keyClick(other.windowHandle(), Qt.Key.Key_A)
    assert other.text() == "aa"  # the keys did arrive, in the other window
    clock["t"] = 1300.0
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Right)
    tracker.stop()
    qtbot.waitUntil(lambda: not tracker.jobs, timeout=120_000)
    from annotator.services import dashboard

    f = dashboard.figures(team)
    assert [(t.doc_id, t.seconds) for t in f.times] == [(D1, 10.0)]


def test_entering_reviewer_mode_ends_the_stretch_and_filters_none_of_its_input(
        qtbot, open_main, team, monkeypatch):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from annotator.store import activity_rows

    window = open_main(team, "dana", "reviewer")
    clock = {"t": 1000.0}
    tracker = window.study.tracker
    tracker.now = lambda: clock["t"]
    qtbot.waitUntil(lambda: tracker.watching)
    window.session.open(D1)  # opening is the first event
    clock["t"] = 1030.0
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Right)
    clock["t"] = 1050.0
    assert window.review.enter()
    # the stretch ends at its last event as entering begins: saved with no input there,
    # once the view has come (not beside its read)
    assert tracker.clock.current() is None

    def saved():
        with team.store.read() as conn:
            return [(t.doc_id, t.annotator, t.seconds) for t in activity_rows.stretches(conn)]

    assert saved() == []
    qtbot.waitUntil(lambda: saved() == [(D1, "dana", 30.0)], timeout=120_000)
    counted: list[float] = []
    monkeypatch.setattr(tracker, "event_at", counted.append)
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QApplication.sendEvent(window.statusBar(), key)
    assert counted == []  # the application's events pass no filter of the tracker's
    assert window.review.leave()
    QApplication.sendEvent(window.statusBar(), key)
    assert counted  # annotating again: input counts
    window.close()
    assert not tracker.watching


def test_an_annotator_refused_reviewer_mode_goes_on_with_the_stretch(qtbot, open_main, team):
    window = open_main(team, "alice")
    clock = {"t": 1000.0}
    tracker = window.study.tracker
    tracker.now = lambda: clock["t"]
    qtbot.waitUntil(lambda: tracker.watching)
    window.session.open(D1)
    clock["t"] = 1020.0
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Right)
    assert window.review.enter() is False
    # not ended by the attempt (the box saying why, once it takes the focus, ends it as
    # leaving the window does)
    assert tracker.clock.current().seconds == 20.0 and not tracker.adjudicating


def test_a_stretch_ended_by_entering_reviewer_mode_is_saved_when_the_window_closes_first(
        qtbot, open_main, team):
    from annotator.store import activity_rows

    window = open_main(team, "dana", "reviewer")
    clock = {"t": 1000.0}
    tracker = window.study.tracker
    tracker.now = lambda: clock["t"]
    window.session.open(D1)
    clock["t"] = 1020.0
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Right)
    assert window.review.enter()
    window.close()  # before the moment it waited for
    with team.store.read() as conn:
        assert [(t.doc_id, t.seconds) for t in activity_rows.stretches(conn)] == [(D1, 20.0)]


def test_hand_out_and_collect_from_the_file_menu(qtbot, open_main, team, tmp_path):
    assignments.assign_by_hand(team, [D1, D0], ["alice"])
    window = open_main(team, "dana", "reviewer")
    out = tmp_path / "alice.annot"
    job = window.study.hand_out({"alice": str(out)})
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=120_000)
    assert job.outcome == "done" and out.exists()
    # alice opens her package with the app: she is alice, her queue is there
    from annotator.gui.app import open_window
    from annotator.gui.settings import Settings

    package = open_project(out)
    try:
        laptop = open_window(package, Settings())
        qtbot.addWidget(laptop)
        assert laptop.session.user.name == "alice"
        assert [s.id for s in laptop.session.summaries] == [D1, D0]
        assert laptop.session.doc is not None and laptop.session.doc.id == D1
        laptop.session.set_status("done")
        annotate.add_span(package, "alice", D1, 0, 4, LL)
        laptop.close()
    finally:
        package.close()
    job = window.study.collect([str(out)])
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=120_000)
    assert job.outcome == "done"
    assert read_document(team, D1, "alice").status == "done"
    assert spans_of(team, D1, "alice") == [(0, 4, LL)]


def test_an_annotators_list_follows_new_assignments_it_is_told_of(open_main, team):
    window = open_main(team, "alice")
    assignments.assign_by_hand(team, [D0], ["bob"])  # now alice has nothing
    changes = assignments.assign_by_hand(team, [D2], ["alice"]).changes
    window.session.absorb(changes)
    assert [s.id for s in window.session.summaries] == [D2]
