"""The real main window over the demo project (tests/conftest.py `demo_project`)."""

from __future__ import annotations

import pytest


@pytest.fixture
def open_main(qtbot):
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
