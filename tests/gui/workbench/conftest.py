"""The real main window over a real temporary project (fixtures `project`,
`seeded_project` from tests/conftest.py); settings in the test's own XDG folder."""

from __future__ import annotations

import pytest

from annotator.services.project import open_project

SAMPLE = "002_3c10f19e7635cd43"  # "Xi Offers Putin Political Relief With China State Visit"


@pytest.fixture
def make_window(qtbot):
    from annotator.gui.app import open_window
    from annotator.gui.settings import Settings

    def make(project, name: str | None = "alice", role: str = "annotator", doc: str | None = None):
        window = open_window(project, Settings())
        qtbot.addWidget(window)
        if name is not None:
            window.set_identity(name, role)
        if doc is not None:
            assert window.session.open(doc)
        return window

    return make


@pytest.fixture
def window(make_window, seeded_project):
    return make_window(seeded_project, doc=SAMPLE)


def reopen(project):
    """The same project file opened afresh, as after a restart."""
    target = project.target
    project.close()
    return open_project(target)


def u16_range(window, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Qt's UTF-16 positions of the nth occurrence of phrase, computed independently."""
    text = window.session.doc.text
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    end = start + len(phrase)
    return (len(text[:start].encode("utf-16-le")) // 2,
            len(text[:end].encode("utf-16-le")) // 2)


def label(window, phrase: str, name: str, nth: int = 0) -> None:
    window.text_view.select_range(*u16_range(window, phrase, nth))
    window.text_view.apply_label(name)


def stored(project, doc_id: str, annotator: str = "alice"):
    from annotator.services import layer

    return layer.read_document(project, doc_id, annotator).layer.spans()


@pytest.fixture
def wb():
    """The helpers above (test modules cannot import a conftest under importlib mode)."""
    from types import SimpleNamespace

    return SimpleNamespace(reopen=reopen, u16_range=u16_range, label=label, stored=stored,
                           SAMPLE=SAMPLE)
