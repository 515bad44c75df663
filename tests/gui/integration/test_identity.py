"""Switching who is working in a window that is already open: the reviewer's views go
away with everything they listened to, and an existing person's role never changes by
the way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.gui.agreement import AgreementView
from annotator.services import annotate, layer
from tests.gui.adjudication.adjudication_seed import D2
from tests.gui.integration.keys import CTRL_SHIFT, press

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def test_a_reviewer_turned_annotator_labels_without_errors(qtbot, open_main, review_project):
    window = open_main(review_project, "dana", "reviewer", doc=D2)
    press(qtbot, Qt.Key.Key_A, CTRL_SHIFT)
    review = window.review
    assert review.active
    qtbot.waitUntil(lambda: not review.busy() and review.summaries is not None)
    press(qtbot, Qt.Key.Key_G, CTRL_SHIFT)
    view = window.agreement.frame.findChild(AgreementView)
    qtbot.waitUntil(lambda: view.report is not None, timeout=30_000)
    page, frame = review.page, window.agreement.frame

    # the reviewer's page (its document header) and the agreement window are deleted
    with qtbot.waitSignals([page.destroyed, frame.destroyed], timeout=5000):
        window.set_identity("alice", "annotator")
    assert window.review.page is None and window.agreement.frame is None

    # every signal the deleted widgets listened to fires again: labelling (spans,
    # changes), a status, another document, another identity
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    text_view = window.text_view
    text = window.session.doc.text
    start = text.index("Xi Offers")
    text_view.setFocus()
    text_view.select_range(start, start + len("Xi Offers"))
    qtbot.keyClick(text_view, "w")
    alices = layer.read_document(review_project, D2, "alice").layer.spans()
    mine = [(s.start, s.label) for s in alices]
    assert (start, "Word choice") in mine
    window.session.set_status("in_progress")
    window.session.go(1)
    window.set_identity("bob", "annotator")
    assert window.session.user.name == "bob"
    assert window.header.title.text() == window.session.doc.document.title
    # and pytest-qt fails the test on any exception raised in a slot meanwhile


def roles(project) -> dict[str, str]:
    return dict(annotate.list_annotators(project))


def role_events(project) -> list[str]:
    """The audit log's role changes, read straight from the project file."""
    from sqlalchemy import select

    from annotator.store.tables import T

    actions = T["actions"]
    with project.store.read() as conn:
        return list(conn.execute(select(actions.c.summary).where(actions.c.kind == "role")
                                 .order_by(actions.c.id)).scalars())


def test_typing_an_existing_name_never_changes_a_role(qtbot, open_main, review_project):
    window = open_main(review_project, "dana", "reviewer", doc=D2)
    window.actions_by_name["identity"].trigger()
    dialog = window.dialog
    qtbot.waitExposed(dialog)
    assert dialog.role.currentData() == "reviewer"  # dana's, shown for her
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "alice")
    # alice is an annotator: the box says so and cannot be changed there
    assert dialog.role.currentData() == "annotator" and not dialog.role.isEnabled()
    assert "alice is an annotator" in dialog.role_note.text()
    dialog.role.setCurrentIndex(dialog.role.findData("reviewer"))  # even if forced
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert window.session.user.name == "alice" and window.session.user.role == "annotator"
    assert roles(review_project)["alice"] == "annotator"
    assert role_events(review_project) == []
    # a new name takes the role chosen for it
    window.actions_by_name["identity"].trigger()
    dialog = window.dialog
    dialog.name.setText("erin")
    assert dialog.role.isEnabled() and not dialog.change.isVisible()
    dialog.role.setCurrentIndex(dialog.role.findData("reviewer"))
    dialog.ok.click()
    assert roles(review_project)["erin"] == "reviewer"
    assert window.session.user.role == "reviewer"


def test_a_role_changes_only_when_asked_and_confirmed(qtbot, open_main, review_project):
    window = open_main(review_project, "alice", "annotator", doc=D2)
    window.actions_by_name["identity"].trigger()
    dialog = window.dialog
    qtbot.waitExposed(dialog)
    assert dialog.change.isVisible() and not dialog.role.isEnabled()
    # asked, then cancelled: nothing changes
    qtbot.mouseClick(dialog.change, Qt.MouseButton.LeftButton)
    box = dialog.confirm
    assert box is not None and "Make alice a reviewer?" in box.text()
    qtbot.mouseClick(box.button(box.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert roles(review_project)["alice"] == "annotator" and role_events(review_project) == []
    # asked and confirmed: changed, logged, and the window follows her new role
    qtbot.mouseClick(dialog.change, Qt.MouseButton.LeftButton)
    box = dialog.confirm
    qtbot.mouseClick(box.button(box.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert roles(review_project)["alice"] == "reviewer"
    assert role_events(review_project) == ["alice: alice is now a reviewer (was an annotator)"]
    assert window.session.user.role == "reviewer"
    assert window.actions_by_name["adjudicate"].isVisible()
    assert dialog.role.currentData() == "reviewer" and "(reviewer)" in \
        dialog.people.currentItem().text()
