"""The demo project: `annotator gui --demo` and File ▸ Open the demo project open the sample
corpus as annotated by alice, bob and carol, as its reviewer dana, adjudicating."""

from __future__ import annotations

import pytest

from annotator.cli import main
from annotator.gui.demo import FIRST, demo_window
from annotator.gui.main_window import MainWindow
from annotator.services.demo import demo_project_path

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def test_the_demo_opens_as_its_reviewer_adjudicating(qtbot):
    window = demo_window(MainWindow)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.review.active, timeout=10_000)
    view = window.review.view  # reads the document off the GUI thread
    qtbot.waitUntil(lambda: not view.is_loading() and view.adjudication is not None)
    assert demo_project_path().exists()
    assert window.session.user.name == "dana" and window.session.user.role == "reviewer"
    assert window.session.doc.id == FIRST
    assert window.review.view.adjudication.candidates  # everyone's spans, to adjudicate
    assert window.settings.identity() is None  # the user's own identity is left alone
    window.close()
    window.session.project.close()


def test_file_open_the_demo_project(qtbot, open_main, seeded_project):
    window = open_main(seeded_project, "alice")
    before = set(window.findChildren(type(window)))
    window.actions_by_name["open_demo"].trigger()
    from annotator.gui import demo

    assert demo._open and demo._open[-1] is not window
    other = demo._open[-1]
    qtbot.waitUntil(lambda: other.review.active, timeout=10_000)
    assert other.session.project.target != window.session.project.target
    assert window.session.user.name == "alice"  # this window is unchanged
    assert before == set(window.findChildren(type(window)))
    other.close()
    qtbot.waitUntil(lambda: not demo._open, timeout=5_000)


def test_gui_takes_a_project_or_the_demo_not_both(capsys):
    assert main(["gui", "x.db", "--demo"]) == 2
    assert "not both" in capsys.readouterr().err
