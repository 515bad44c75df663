"""The app's start paints its first window from the project's first look
(store.first_look), without SQLAlchemy, and opens the store right after the first paint;
where the look is not taken it starts the usual way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.services import annotate

SAMPLE = "002_3c10f19e7635cd43"
OTHER = "001_32d5df32ea7c4246"

FIRST_PAINT = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
seen = {}
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if (event.type() == QEvent.Type.Paint and "paint" not in seen
                and obj.isWidgetType() and obj.window().objectName() == "main_window"):
            seen["paint"] = sorted(m for m in sys.modules
                                   if m.split(".")[0] == "sqlalchemy"
                                   or m == "annotator.store.tables")
        return False
watch = FirstPaint()
app.installEventFilter(watch)
def look():
    wins = [w for w in app.topLevelWidgets() if w.objectName() == "main_window"
            and w.isVisible() and w.live.watch is not None]
    if not wins:
        QTimer.singleShot(20, look)
        return
    window = wins[0]
    print("FIRST PAINT LOADED", seen.get("paint"), flush=True)
    print("DOCUMENT", window.session.doc.id, len(window.session.doc.index.by_id), flush=True)
    print("ATTACHED", window.session.project.attached, flush=True)
    window.close()
QTimer.singleShot(0, look)
from annotator.cli import main
sys.exit(main(["gui"]))
"""


@pytest.fixture
def remembered(seeded_project):
    """The sample project as `annotator gui` finds it: opened last, alice and the
    document she worked on remembered."""
    from annotator.gui.settings import Settings

    annotate.add_annotator(seeded_project, "alice")
    annotate.add_span(seeded_project, "alice", SAMPLE, 0, 4, "Economic")
    settings = Settings()
    settings.add_recent_project(seeded_project.target)
    settings.set_identity("alice", "annotator")
    settings.set_last_document(seeded_project.target, SAMPLE)
    settings.sync()
    target = seeded_project.target
    seeded_project.close()
    return target


def test_the_first_window_paints_without_sqlalchemy(remembered):
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT], capture_output=True,
                          text=True, cwd=root, timeout=300,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "FIRST PAINT LOADED []" in lines, done.stdout
    assert f"DOCUMENT {SAMPLE} 1" in lines, done.stdout
    assert "ATTACHED True" in lines, done.stdout


def test_the_window_is_built_from_the_look_and_hears_what_was_written_meanwhile(
        remembered, qtbot):
    """Another writer (another Store) commits between the look and the store's
    opening: the window, built from the look, shows it once the store is open."""
    from annotator.gui.main_window import MainWindow
    from annotator.gui.projects import Projects, start_project
    from annotator.gui.settings import Settings
    from annotator.services.project import open_project

    project, note = start_project(None, Settings())
    assert not project.attached and note is None
    window = Projects(Settings(), MainWindow).start(project)
    qtbot.addWidget(window)
    assert window.session.doc.id == SAMPLE and len(window.session.doc.index.by_id) == 1
    assert not project.attached  # built from the look alone
    other = open_project(remembered)
    try:
        annotate.add_span(other, "alice", SAMPLE, 5, 11, "Political")
        annotate.set_status(other, "alice", OTHER, "done")
    finally:
        other.close()
    window.show()
    qtbot.waitUntil(lambda: project.attached and window.live.watch is not None)
    qtbot.waitUntil(lambda: len(window.session.doc.index.by_id) == 2)
    qtbot.waitUntil(lambda: {s.id: s.status for s in window.session.summaries}[OTHER]
                    == "done")
    window.close()


def test_an_action_before_the_store_is_open_opens_it_first(remembered, qtbot):
    from annotator.gui.main_window import MainWindow
    from annotator.gui.projects import Projects, start_project
    from annotator.gui.settings import Settings

    project, _ = start_project(None, Settings())
    window = Projects(Settings(), MainWindow).start(project)
    qtbot.addWidget(window)
    assert not project.attached
    window.session.set_status("done")  # before any paint
    assert project.attached
    assert window.session.doc.status == "done"
    window.close()


def test_a_project_at_an_older_schema_starts_the_usual_way(tmp_path):
    """Upgraded (after a backup), as every start did before the first look."""
    from annotator.gui.projects import start_project
    from annotator.gui.settings import Settings
    from annotator.store.revisions import REVISIONS
    from tests.store.old_schema import at_revision

    target = str(tmp_path / "old.db")
    at_revision(target, REVISIONS[-2], ())
    project, _ = start_project(target, Settings())
    try:
        assert project.attached and project.look is None
        assert project.store.backup is not None
    finally:
        project.close()


def test_a_server_url_starts_the_usual_way_with_the_usual_message():
    from annotator.gui.projects import start_project
    from annotator.gui.settings import Settings

    target = "postgresql://nobody@127.0.0.1:9/no-such-project"
    with pytest.raises(ProjectError) as refused:
        start_project(target, Settings())
    with pytest.raises(ProjectError) as usual:
        from annotator.services.project import open_project

        open_project(target)
    assert str(refused.value) == str(usual.value)


def test_a_hand_out_package_starts_as_its_annotator(seeded_project, tmp_path, qtbot):
    """The look names the package's annotator; their queue of assigned documents is not
    read there, so the store opens before the first paint for it."""
    from annotator.gui.main_window import MainWindow
    from annotator.gui.projects import Projects, start_project
    from annotator.gui.settings import Settings
    from annotator.services import assignments, handout

    assignments.assign(seeded_project, ["alice"], add_annotators=True)
    package = str(tmp_path / "alice.annot")
    handout.pack(seeded_project, "alice", package)
    project, _ = start_project(package, Settings())
    assert project.look is not None and project.look.person == "alice"
    assert project.look.summaries is None  # a queue: read by the store
    window = Projects(Settings(), MainWindow).start(project)
    qtbot.addWidget(window)
    assert (window.session.user.name, window.session.user.role) == ("alice", "annotator")
    assert window.session.doc is not None and project.attached
    window.close()


def test_a_store_locked_after_the_look_is_watched_once_an_action_opens_it(remembered,
                                                                           qtbot):
    """Another program holds the write lock when the window tries to open the store
    after its first paint: the window says so, and once the next action has opened the
    store it hears, from the look on, what another writer commits."""
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    from annotator.gui.main_window import MainWindow
    from annotator.gui.projects import Projects, start_project
    from annotator.gui.settings import Settings
    from annotator.services.project import open_project

    project, _ = start_project(None, Settings())
    window = Projects(Settings(), MainWindow).start(project)
    qtbot.addWidget(window)
    holder = sqlite3.connect(remembered, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        window.show()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error_dialog") is not None,
                        timeout=30_000)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not project.attached and window.live.watch is None
    other = open_project(remembered)
    try:
        annotate.add_span(other, "alice", SAMPLE, 5, 11, "Political")
    finally:
        other.close()
    window.session.set_status("done")  # the next action opens the store
    assert project.attached
    qtbot.waitUntil(lambda: window.live.watch is not None)
    qtbot.waitUntil(lambda: len(window.session.doc.index.by_id) == 2)
    window.close()


def test_a_window_closed_right_after_its_first_paint_starts_nothing(remembered, qtbot):
    """What starts at the event loop's turn after the first paint (the store and its
    watch) does not start on a window closed before that turn: closeEvent stopped them."""
    from PySide6.QtCore import QTimer

    from annotator.gui.main_window import MainWindow
    from annotator.gui.projects import Projects, start_project
    from annotator.gui.settings import Settings

    class ClosedAtItsFirstPaint(MainWindow):
        def paintEvent(self, event) -> None:  # noqa: N802
            super().paintEvent(event)  # the first paint's turn is queued by now
            if not self._closed:
                self.close()

    project, _ = start_project(None, Settings())
    window = Projects(Settings(), ClosedAtItsFirstPaint).start(project)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window._closed)
    turned: list[bool] = []
    QTimer.singleShot(0, lambda: turned.append(True))  # after the first paint's turn
    qtbot.waitUntil(lambda: bool(turned))
    assert not project.attached
    assert window.live.watch is None and not window.live.timer.isActive()
