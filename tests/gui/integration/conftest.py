"""The real main window over a real temporary project: the sample corpus annotated by
alice, bob and carol (tests/gui/adjudication/adjudication_seed.py), dana the reviewer."""

from __future__ import annotations

import pytest

from tests.gui.adjudication.adjudication_seed import seed_reviews


@pytest.fixture
def review_project(seeded_project):
    seed_reviews(seeded_project)
    return seeded_project


@pytest.fixture
def open_main(qtbot):
    """A shown, active main window for `name` (settings in the test's own folder)."""
    from annotator.gui.app import open_window
    from annotator.gui.settings import Settings

    def make(project, name: str, role: str = "annotator", doc: str | None = None):
        window = open_window(project, Settings())
        qtbot.addWidget(window)
        window.set_identity(name, role)
        if doc is not None:
            assert window.session.open(doc)
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        return window

    return make
