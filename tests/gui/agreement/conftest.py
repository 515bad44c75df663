from __future__ import annotations

import pytest

from tests.gui.agreement.agreement_seed import seed


@pytest.fixture
def sample(seeded_project):
    """The sample corpus marked by alice, bob and carol; dana the reviewer."""
    seed(seeded_project)
    return seeded_project


@pytest.fixture
def make_view(qtbot):
    from annotator.gui.agreement import AgreementView

    def make(project, *, blind=False, bootstrap=200, compute=True):
        view = AgreementView(project, blind=blind, auto=False, bootstrap=bootstrap)
        qtbot.addWidget(view)
        view.resize(1400, 900)
        view.show()
        qtbot.waitExposed(view)
        if compute:
            job = view.compute()
            qtbot.waitUntil(lambda: not job.running, timeout=20_000)
            assert job.outcome == "done"
        return view

    return make
