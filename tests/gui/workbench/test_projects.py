"""File ▸ New project…, Open project…, Open recent: the window switches projects without
a restart, and nothing of the previous project stays on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from annotator.services.project import init_project, open_project

LONE_TEXT = "A lone article\n\nThe council met on Tuesday and agreed on the budget.\n"


@pytest.fixture
def other(tmp_path) -> str:
    """A second project: one article that shares no word with the sample corpus's
    distinctive ones (no 'Putin', no 'China')."""
    from annotator.services.importing import import_paths

    folder = tmp_path / "other-articles"
    folder.mkdir()
    (folder / "lone.txt").write_text(LONE_TEXT, encoding="utf-8")
    project = init_project(tmp_path / "other.db")
    import_paths(project, [folder])
    project.close()
    return str(tmp_path / "other.db")


@pytest.fixture
def start(qtbot):
    """A main window as the app opens it; at the end, whichever window the switching left
    (qtbot must not hold the first: switching deletes it)."""
    from annotator.gui.app import open_window
    from annotator.gui.settings import Settings

    started = []

    def make(project, name: str = "alice", role: str = "annotator", doc: str | None = None):
        window = open_window(project, Settings())
        window.set_identity(name, role)
        if doc is not None:
            assert window.session.open(doc)
        started.append(window.projects)
        return window

    yield make
    closed = []
    for projects in started:
        window = projects.window
        if window is not None and shiboken6.isValid(window):
            window.close()
            window.deleteLater()
            window.session.project.close()
            closed.append(window)
    # the deletions happen before the next test
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(w) for w in closed))


def on_screen_text() -> str:
    """Every piece of text any visible window shows: titles, labels, buttons, fields,
    text views and the cells of every list and table."""
    parts = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        parts.append(top.windowTitle())
        for w in [top, *top.findChildren(QWidget)]:
            if not w.isVisibleTo(top):
                continue
            if isinstance(w, QLabel | QAbstractButton | QLineEdit):
                parts.append(w.text())
            elif isinstance(w, QPlainTextEdit | QTextEdit):
                parts.append(w.toPlainText())
            elif (isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView)
                  and w.model() is not None):
                model = w.model()
                hidden = getattr(w, "isColumnHidden", lambda _c: False)
                for r in range(model.rowCount()):
                    for c in range(model.columnCount()):
                        if not hidden(c):
                            parts.append(str(model.index(r, c).data() or ""))
    return "\n".join(parts)


def choose_file(dialog: QFileDialog, path: str) -> None:
    dialog.selectFile(path)
    dialog.accept()


def test_opening_another_project_leaves_nothing_of_the_previous_one_on_screen(
        start, seeded_project, other, qtbot, wb):
    old = start(seeded_project, name="rita", role="reviewer", doc=wb.SAMPLE)
    old.show()
    qtbot.waitExposed(old)
    assert old.agreement.open()  # a window of its own
    old.actions_by_name["about"].trigger()  # and a dialog
    assert "Xi Offers Putin" in on_screen_text()

    dialog = old.projects.ask_open()
    assert isinstance(dialog, QFileDialog)
    with qtbot.waitSignal(old.projects.switched) as switched:
        choose_file(dialog, other)
    new = switched.args[0]

    assert new is old.projects.window and new is not old
    qtbot.waitUntil(lambda: not shiboken6.isValid(old))  # the old window is gone for good
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [new]
    shown = on_screen_text()
    for trace in ("Putin", "Xi Offers", "project.db", "Agreement —"):
        assert trace not in shown
    assert "The council met on Tuesday" in shown
    assert new.session.project.target == other
    assert [s.title for s in new.session.summaries] == ["A lone article"]
    assert new.session.user.name == "rita"  # who you are carries over
    assert new.isVisible()


def test_a_new_project_from_the_file_dialog(start, seeded_project, tmp_path, qtbot):
    old = start(seeded_project)
    old.actions_by_name["new_project"].trigger()
    dialog = old.dialog
    assert isinstance(dialog, QFileDialog)
    with qtbot.waitSignal(old.projects.switched) as switched:
        choose_file(dialog, str(tmp_path / "fresh"))  # the .db is added
    new = switched.args[0]
    assert new.session.project.target == str(tmp_path / "fresh.db")
    assert (tmp_path / "fresh.db").is_file()
    assert new.session.summaries == []
    assert any(lab.name == "Word choice" for lab in new.session.codebook.labels)
    assert "File ▸ Import" in new.statusBar().currentMessage()

    # a file that exists is never replaced: the project stays as it is, and so does the window
    before = (tmp_path / "fresh.db").stat().st_size
    new.projects.ask_new()
    choose_file(new.dialog, str(tmp_path / "fresh.db"))
    box = new.findChild(QMessageBox, "error_dialog")
    assert box is not None and "already exists" in box.text()
    assert new.projects.window is new and new.session.project.target.endswith("fresh.db")
    assert (tmp_path / "fresh.db").stat().st_size == before


def test_a_file_that_is_not_a_project_is_refused_and_the_window_stays(
        start, seeded_project, tmp_path):
    window = start(seeded_project)
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n", encoding="utf-8")
    assert window.projects.open(str(notes)) is None
    box = window.findChild(QMessageBox, "error_dialog")
    assert box is not None and "not an annotator project" in box.text()
    assert window.projects.window is window
    assert window.session.project.target == seeded_project.target
    assert notes.read_text(encoding="utf-8") == "shopping list\n"


def recent_entries(window) -> list[tuple[str, bool, str]]:
    menu = window.findChild(QMenu, "recent_menu")
    menu.aboutToShow.emit()
    return [(a.text(), a.isEnabled(), a.data()) for a in menu.actions() if a.data()]


def test_open_recent_lists_projects_newest_first_and_switches(start, seeded_project, other,
                                                              qtbot):
    first = start(seeded_project)
    sample = str(Path(seeded_project.target).absolute())
    second = first.projects.open(other)
    assert recent_entries(second) == [("&1 other.db (open)", False, other),
                                      ("&2 project.db", True, sample)]

    menu = second.findChild(QMenu, "recent_menu")
    back = next(a for a in menu.actions() if a.data() == sample)
    with qtbot.waitSignal(second.projects.switched) as switched:
        back.trigger()
    third = switched.args[0]
    assert third.session.project.target == sample
    assert "Xi Offers Putin Political Relief With China State Visit" in [
        s.title for s in third.session.summaries]

    Path(other).unlink()
    assert recent_entries(third) == [("&1 project.db (open)", False, sample),
                                     ("&2 other.db (no longer there)", False, other)]
    menu = third.findChild(QMenu, "recent_menu")
    next(a for a in menu.actions() if a.text() == "&Clear the list").trigger()
    assert recent_entries(third) == []
    assert third.projects.settings.recent_projects() == []


def test_the_project_opened_last_reopens_next_time(seeded_project, other):
    from annotator.gui.projects import start_project
    from annotator.gui.settings import Settings
    from annotator.services.sample_project import default_project_path

    settings = Settings()
    settings.add_recent_project(seeded_project.target)
    settings.add_recent_project(other)
    project, note = start_project(None, Settings())
    try:
        assert (project.target, note) == (other, None)
    finally:
        project.close()

    Path(other).unlink()  # moved away since: the sample project, and a word about it
    project, note = start_project(None, Settings())
    try:
        assert project.target == str(default_project_path())
        assert note == f"The project opened last, {other}, is no longer there."
    finally:
        project.close()


def test_recent_projects_survive_odd_names(tmp_path):
    from annotator.gui.settings import Settings

    path = tmp_path / "settings.ini"
    odd = [str(tmp_path / 'a, "quoted" name.db'), "postgresql+psycopg2://me@db/framing"]
    settings = Settings(path)
    for target in reversed(odd):
        settings.add_recent_project(target)
    assert Settings(path).recent_projects() == odd


def test_a_password_in_a_server_url_is_never_written_to_the_settings():
    from annotator.gui.projects import recent_entry

    assert recent_entry("postgresql+psycopg2://me:secret@db/framing") is None
    assert recent_entry("postgresql+psycopg2://me@db/framing") == (
        "postgresql+psycopg2://me@db/framing")
    assert Path(recent_entry("relative.db")).is_absolute()


def test_the_window_has_the_application_icon_and_name(window):
    from PySide6.QtCore import QSize

    from annotator.gui.app import application

    app = application()
    assert app.desktopFileName() == "framing-annotator"
    assert app.applicationDisplayName() == "Framing annotator"
    sizes = app.windowIcon().availableSizes()
    assert QSize(16, 16) in sizes and QSize(256, 256) in sizes
    assert not window.windowIcon().isNull()
    # Qt's convention: the window names the project, and the platform adds the display
    # name ("x.db — Framing annotator"); a title ending with it too showed it twice
    assert window.windowTitle() == window.session.project.target
    assert "Framing annotator" not in window.windowTitle()


def test_the_demo_window_switches_projects_too_and_leaves_the_main_window(
        start, seeded_project, other, qtbot):
    """File ▸ Open the demo project opens a second window; opening another project from
    that window replaces it alone."""
    from annotator.gui.demo import open_demo

    main = start(seeded_project)
    demo = open_demo(main, type(main))
    assert demo is not None and demo.session.project.target.endswith("demo-project.db")
    qtbot.waitUntil(lambda: demo.review.active)  # as the user first sees it: adjudicating
    demo.actions_by_name["open_project"].trigger()
    with qtbot.waitSignal(demo.projects.switched) as switched:
        choose_file(demo.dialog, other)
    replaced = switched.args[0]
    qtbot.waitUntil(lambda: not shiboken6.isValid(demo))
    assert replaced.session.project.target == other
    assert main.projects.window is main and main.session.project.target == \
        seeded_project.target
    replaced.close()
    replaced.deleteLater()
    replaced.session.project.close()


def test_a_hand_out_package_is_offered_and_opens_as_its_annotator(
        start, seeded_project, other, tmp_path, qtbot):
    from annotator.services import assignments, handout

    assignments.assign(seeded_project, ["alice"], add_annotators=True)
    package = str(tmp_path / "alice.annot")
    handout.pack(seeded_project, "alice", package)
    old = start(open_project(other), name="rita", role="reviewer")

    dialog = old.projects.ask_open()
    assert "*.annot" in dialog.nameFilters()[0]  # shown without choosing "All files"
    with qtbot.waitSignal(old.projects.switched) as switched:
        choose_file(dialog, package)
    new = switched.args[0]
    assert new.session.project.target == package
    assert (new.session.user.name, new.session.user.role) == ("alice", "annotator")
    qtbot.waitUntil(lambda: new.session.doc is not None)  # the queue's first document
