"""A reviewer opens the agreement from the main window (View ▸ Agreement…, Ctrl+Shift+G)
and gets the service's numbers; an annotator never can, and losing the reviewer role
closes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.gui.agreement import AgreementView
from annotator.services import agreement
from tests.gui.adjudication.adjudication_seed import D0

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_a_reviewer_opens_the_agreement_with_its_key(qtbot, open_main, review_project):
    window = open_main(review_project, "dana", "reviewer")
    action = window.actions_by_name["agreement"]
    assert action.isVisible() and action.isEnabled()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_G, CTRL_SHIFT)
    frame = window.agreement.frame
    assert frame is not None and frame.isVisible() and frame.isWindow()
    view = frame.findChild(AgreementView)
    assert view is not None and not view.blind
    qtbot.waitUntil(lambda: view.report is not None, timeout=30_000)
    expected = agreement.compute(review_project, bootstrap=view.bootstrap.value())
    assert view.report.annotators == expected.annotators == ("alice", "bob", "carol")
    assert view.report.overall == expected.overall

    # a change in the workbench makes the numbers old
    window.agreement.frame.hide()
    assert window.session.open(D0)
    window.session.set_status("done")
    assert view.stale

    window.set_identity("alice", "annotator")  # no longer a reviewer: it closes
    assert window.agreement.frame is None and not action.isVisible()


def test_an_annotator_cannot_open_it(qtbot, open_main, review_project, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))
    window = open_main(review_project, "alice", "annotator")
    assert not window.actions_by_name["agreement"].isVisible()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_G, CTRL_SHIFT)
    assert window.agreement.frame is None
    assert window.agreement.open() is False
    assert window.agreement.frame is None and window.findChild(AgreementView) is None
