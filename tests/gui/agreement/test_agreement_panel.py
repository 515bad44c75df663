"""The agreement view as a panel of the real main window: blind unless the user is a
reviewer, and told when the annotations change."""

from __future__ import annotations

import pytest

from tests.gui.agreement.agreement_seed import D3

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def test_panel_follows_the_identity_and_the_annotations(sample, qtbot):
    from annotator.gui.agreement import AGREEMENT_VIEW, AgreementView
    from annotator.gui.app import open_window
    from annotator.gui.settings import Settings

    window = open_window(sample, Settings())
    qtbot.addWidget(window)
    window.set_identity("alice", "annotator")
    window.add_view(AGREEMENT_VIEW)
    view = window.panel("agreement")
    assert isinstance(view, AgreementView) and view.blind
    window.set_identity("dana", "reviewer")
    assert not view.blind
    job = view.compute()
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    assert view.report.annotators == ("alice", "bob", "carol")

    window.set_identity("carol", "annotator")
    assert view.blind
    assert window.session.open(D3)
    window.session.set_status("in_progress")  # a status is part of what agreement counts
    assert view.stale and not view.banner.isHidden()
