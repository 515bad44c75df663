"""The window around the text: who you are, what it remembers (and where), import and
export in the background with cancel, errors in plain words, corpus search, guidelines,
adding views, and `annotator gui` with no project."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QLabel, QMessageBox

from annotator.gui.settings import Settings, settings_path
from annotator.services import layer, reading
from annotator.services.project import SEEDS


def _visible_boxes(window) -> list[QMessageBox]:
    return [w for w in window.findChildren(QMessageBox) if w.isVisible()]


def test_settings_live_in_the_test_config_folder_not_the_real_home(window):
    path = settings_path()
    assert str(path).startswith(os.environ["XDG_CONFIG_HOME"])
    real = Path.home() / ".config" / "framing-annotator"
    before = sorted(real.rglob("*")) if real.exists() else None
    window.close()
    assert path.exists() and "identity" in path.read_text(encoding="utf-8")
    after = sorted(real.rglob("*")) if real.exists() else None
    assert before == after


def test_identity_layout_document_and_zoom_are_remembered(make_window, seeded_project, wb,
                                                         qtbot):
    first = make_window(seeded_project, "carol", "reviewer", doc=wb.SAMPLE)
    first.show()
    qtbot.waitExposed(first)
    first.zoom(2)
    first.docks["guidelines"].hide()
    first.resize(780, 560)  # inside the offscreen screen (800 x 600)
    qtbot.waitUntil(lambda: first.width() == 780)
    first.close()
    again = make_window(seeded_project, name=None)  # identity from the settings
    again.show()
    qtbot.waitExposed(again)
    assert again.session.user.name == "carol" and again.session.user.role == "reviewer"
    assert again.session.doc.id == wb.SAMPLE
    assert again.text_view.zoom_steps == 2
    assert not again.docks["guidelines"].isVisibleTo(again)
    assert (again.width(), again.height()) == (780, 560)


def test_the_docks_take_their_remembered_places_and_a_new_panel_its_own(
        make_window, seeded_project, qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from annotator.gui import views

    first = make_window(seeded_project)
    first.show()
    qtbot.waitExposed(first)
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.docks["documents"])
    first.close()
    # a panel the remembered layout does not know (added since): its own area
    extra = views.View("extra", "Extra", lambda _w: QLabel("extra"), views.BOTTOM)
    monkeypatch.setattr(views, "DEFAULT_VIEWS", [*views.DEFAULT_VIEWS, extra])
    again = make_window(seeded_project)
    again.show()
    qtbot.waitExposed(again)
    area = again.dockWidgetArea
    assert area(again.docks["documents"]) == Qt.DockWidgetArea.RightDockWidgetArea
    assert area(again.docks["labels"]) == Qt.DockWidgetArea.RightDockWidgetArea
    assert area(again.docks["document"]) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert again.docks["search"] in again.tabifiedDockWidgets(again.docks["spans"])
    assert area(again.docks["extra"]) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert again.docks["extra"].isVisible()
    assert again.corner(Qt.Corner.BottomLeftCorner) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_choosing_who_you_are(make_window, seeded_project, qtbot):
    window = make_window(seeded_project, name=None)
    assert window.session.user is None
    dialog = window.ask_identity()
    qtbot.keyClicks(dialog.name, "dora")
    dialog.ok.click()
    assert window.session.user.name == "dora"
    assert ("dora", "annotator") in reading_annotators(seeded_project)
    assert Settings().identity() == ("dora", "annotator")
    assert window.session.doc is not None  # went to the first document not done


def reading_annotators(project):
    from annotator.services import annotate

    return annotate.list_annotators(project)


def test_import_runs_in_the_background_and_a_cancel_changes_nothing(make_window, project,
                                                                    qtbot, tmp_path):
    window = make_window(project)
    assert window.session.summaries == []
    job = window.io.run_import([str(SEEDS)])
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=10000)
    assert job.outcome == "done"
    assert len(window.session.summaries) == 5
    assert len(window.panel("documents").model.session.summaries) == 5
    # cancelled after the rows are written, inside the transaction: rolled back
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "one.txt").write_text("A new article\n\nWith a sham election.", encoding="utf-8")
    job = window.io.run_import([str(extra)], start=False)
    real_report = job.report

    def cancel_while_storing(done, total, message=""):
        if message.startswith("Storing"):
            job.cancel()
        real_report(done, total, message)

    job.fn = _wrap(job.fn, cancel_while_storing)
    job.start()
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=10000)
    assert job.outcome == "cancelled"
    assert len(reading.documents(project, None)) == 5


def _wrap(fn, report):
    return lambda _progress: fn(report)


def test_a_refused_import_is_a_plain_dialog(make_window, project, qtbot, write_jsonl):
    window = make_window(project)
    bad = write_jsonl({"id": "x", "text": "hello", "annotations": [
        {"annotator": "a", "start": 0, "end": 99, "label": "Word choice"}]})
    job = window.io.run_import([str(bad)])
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=10000)
    assert job.outcome == "failed"
    (box,) = _visible_boxes(window)
    assert bad.name in box.text() and ":1:" in box.text()
    assert "Traceback" not in box.text()
    assert reading.documents(project, None) == []
    box.close()
    # a label the codebook lacks: the message points at the dialog's own checkbox
    unknown = write_jsonl({"id": "y", "text": "a sham election", "annotations": [
        {"annotator": "a", "start": 2, "end": 6, "label": "Made up"}]})
    job = window.io.run_import([str(unknown)])
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=10000)
    (box,) = _visible_boxes(window)
    assert "Made up" in box.text() and "--add-labels" not in box.text()
    assert "“Add labels the project's codebook lacks” in the Import dialog" in box.text()


def test_export_lists_every_registered_format_and_writes(window, qtbot, tmp_path):
    from annotator.gui.import_export import ExportDialog
    from annotator.services.file_formats import export_formats

    dialog = ExportDialog(window.session, window)
    names = [dialog.format.itemData(k) for k in range(dialog.format.count())]
    assert names == list(export_formats())
    assert dialog.who.count() == 1  # an annotator exports their own work only
    out = tmp_path / "out.jsonl"
    job = window.io.run_export("jsonl", str(out))
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=10000)
    assert job.outcome == "done"
    assert out.read_text(encoding="utf-8").count("\n") >= 6


def test_unexpected_errors_become_a_dialog_and_a_log_line(window, tmp_path, monkeypatch):
    from annotator.gui import errors

    monkeypatch.setattr(errors, "log_path", lambda: tmp_path / "annotator.log")
    errors.install_excepthook(lambda: window)
    try:
        import sys

        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())
        (box,) = _visible_boxes(window)
        assert "ZeroDivisionError" in box.text() and "Traceback" not in box.text()
        assert "Traceback" in (tmp_path / "annotator.log").read_text(encoding="utf-8")
    finally:
        import sys

        sys.excepthook = sys.__excepthook__


def test_find_across_the_corpus_opens_the_match(window, qtbot, wb):
    window.find_in_corpus()
    search = window.panel("search")
    search.field.setText("plebiscite")
    search.run()
    qtbot.waitUntil(lambda: search.tree.topLevelItemCount() > 0, timeout=10000)
    assert search.summary.text().startswith("1 matches in 1 documents")
    window.session.go(1)
    search.tree.itemClicked.emit(search.tree.topLevelItem(0), 0)
    assert window.session.doc.id == wb.SAMPLE
    got = window.text_view.selection_range()
    assert got == wb.u16_range(window, "plebiscite")


def test_guidelines_panel_shows_the_codebook(window):
    panel = window.panel("guidelines")
    text = panel.toPlainText()
    assert "Annotating framing and bias" in text
    assert "Word choice" in text and "key w" in text


def test_views_can_be_added_without_touching_the_window(window):
    from annotator.gui.views import BOTTOM, View

    dock = window.add_view(View("extra", "Extra", lambda w: QLabel(w.session.me), BOTTOM,
                                tab_with="spans"))
    assert window.panel("extra").text() == "alice"
    assert dock.objectName() == "dock:extra"
    assert dock.toggleViewAction() in window.panels_menu.actions()


STARTER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
def look():
    wins = [w for w in app.topLevelWidgets() if w.objectName() == "main_window"
            and w.isVisible()]
    if not wins:  # still starting: a write (the remembered user) runs the event loop
        QTimer.singleShot(50, look)
        return
    s = wins[0].session
    print("WINDOW", len(s.summaries), s.user.name, s.doc is not None, flush=True)
    app.quit()
QTimer.singleShot(0, look)
from annotator.cli import main
sys.exit(main(["gui"]))
"""


def test_gui_without_a_project_opens_the_sample():
    """The real entry point, in its own process (an event loop run and quit here would
    leave this test process's Qt unable to deliver later queued signals)."""
    import subprocess
    import sys

    from annotator.gui.settings import Settings
    from annotator.services.sample_project import default_project_path

    Settings().set_identity("erin", "annotator")
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", STARTER], capture_output=True, text=True,
                          cwd=root, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "WINDOW 5 erin True" in done.stdout
    assert default_project_path().exists()
    assert str(default_project_path()).startswith(os.environ["ANNOTATOR_DATA_DIR"])


CLOSER = STARTER.replace("    app.quit()", "    wins[0].close()")


def test_closing_the_window_ends_the_process_with_everything_saved():
    """The process ends as soon as the window is closed (no teardown): the layout and
    the document the user was on must be on disk by then."""
    import subprocess
    import sys

    from annotator.gui.settings import Settings
    from annotator.services.sample_project import default_project_path

    Settings().set_identity("erin", "annotator")
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", CLOSER], capture_output=True, text=True,
                          cwd=root, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "WINDOW 5 erin True" in done.stdout
    settings = Settings()
    assert settings.last_document(str(default_project_path())) is not None
    assert settings.geometry() is not None and settings.state() is not None


def test_default_layout_and_reset(window, qtbot):
    from PySide6.QtWidgets import QTabBar

    window.show()
    qtbot.waitExposed(window)

    def bars_with(text):
        return [b for b in window.findChildren(QTabBar) if b.isVisible()
                and text in [b.tabText(i) for i in range(b.count())]]

    qtbot.waitUntil(lambda: len(bars_with("Search the corpus")) > 0)
    assert len(bars_with("Search the corpus")) == 1  # no stray copy of a tab bar
    assert window.docks["search"] in window.tabifiedDockWidgets(window.docks["spans"])
    window.docks["labels"].hide()
    window.docks["search"].setFloating(True)
    window.actions_by_name["reset_layout"].trigger()
    assert window.docks["labels"].isVisible()
    assert not window.docks["search"].isFloating()
    assert window.docks["search"] in window.tabifiedDockWidgets(window.docks["spans"])


def test_keyboard_shortcuts_are_listed(window):
    from PySide6.QtWidgets import QTableWidget

    dialog = window.show_shortcuts()
    table = dialog.findChild(QTableWidget)
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Undo"] == "Ctrl+Z"
    assert rows["Label: Word choice"] == "w"
    assert rows["Next not done"] == "Ctrl+Shift+N"
    assert "Alt+Shift+Right" in rows["Move the span's end left / right"]


KILLED = """
import sys, time
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from annotator.gui.app import open_window
from annotator.services.project import open_project
window = open_window(open_project(sys.argv[1]))
window.set_identity("alice", "annotator")
window.session.open("002_3c10f19e7635cd43")
text = window.session.doc.text
start = text.index("Political Relief")
window.text_view.select_range(start, start + len("Political Relief"))
window.text_view.apply_label("Word choice")
window.panel("document").note.setPlainText("typed, saved on pause")
window.panel("document").save_note()
print("ACKNOWLEDGED", flush=True)
time.sleep(60)
"""


def test_a_killed_window_loses_nothing_acknowledged(seeded_project):
    import signal
    import subprocess
    import sys

    from annotator.services.project import open_project

    target = seeded_project.target
    seeded_project.close()
    root = Path(__file__).resolve().parents[3]
    proc = subprocess.Popen([sys.executable, "-c", KILLED, target], stdout=subprocess.PIPE,
                            text=True, cwd=root,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    try:
        assert proc.stdout.readline().strip() == "ACKNOWLEDGED"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    project = open_project(target)
    try:
        view = layer.read_document(project, "002_3c10f19e7635cd43", "alice")
        assert [(s.label, view.document.text[s.start:s.end]) for s in view.layer.spans()] == [
            ("Word choice", "Political Relief")]
        assert view.note == "typed, saved on pause"
    finally:
        project.close()


LAZY_REACHED = """
import sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
app = QApplication(sys.argv[:1])
LAZY = ("annotator.gui.identity_dialog", "annotator.gui.occurrences_dialog",
        "annotator.services.file_formats", "annotator.gui.import_export",
        "annotator.gui.concepts.picker", "annotator.gui.find_bar",
        "annotator.gui.guidelines_panel", "annotator.gui.corpus_search")
steps = [("Ctrl+E", Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),
         ("F1", Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier),
         ("Ctrl+Shift+L", Qt.Key.Key_L,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)]
def look():
    wins = [w for w in app.topLevelWidgets() if w.objectName() == "main_window"
            and w.isVisible() and w.session.doc is not None]
    if not wins:
        QTimer.singleShot(50, look)
        return
    window = wins[0]
    print("LOADED", [m for m in LAZY if m in sys.modules], flush=True)
    window.activateWindow()
    press(window)
def press(window):
    if not window.isActiveWindow():  # again after each dialog
        window.activateWindow()
        QTimer.singleShot(20, lambda: press(window))
        return
    if not steps:
        QTest.keyClick(window.text_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        bar = window.find_bar
        print("FIND", bar.isVisible(), window.workbench_page.layout().indexOf(bar),
              flush=True)
        window.actions_by_name["identity"].trigger()
        print("OPENED identity", type(window.dialog).__name__, flush=True)
        app.quit()
        return
    name, key, mods = steps.pop(0)
    QTest.keyClick(window.text_view, key, mods)
    dialog = app.activeModalWidget()
    print("OPENED", name, type(dialog).__name__, dialog.windowTitle(), flush=True)
    dialog.reject()
    QTimer.singleShot(0, lambda: press(window))
QTimer.singleShot(0, look)
from annotator.cli import main
sys.exit(main(["gui"]))
"""


def test_what_loads_when_first_used_is_reached_from_the_start():
    """In a fresh `annotator gui`, the dialogs whose modules load when first opened are
    not loaded with the window, and their keyboard shortcuts (and the menu's action)
    open them from the start."""
    import subprocess
    import sys

    from annotator.gui.settings import Settings

    Settings().set_identity("erin", "annotator")
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", LAZY_REACHED], capture_output=True,
                          text=True, cwd=root,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "LOADED []" in lines, done.stdout
    assert "OPENED F1 QDialog Keyboard shortcuts" in lines, done.stdout
    assert any(x.startswith("OPENED Ctrl+Shift+L OccurrencesDialog") for x in lines), lines
    assert "OPENED Ctrl+E ExportDialog Export" in lines, done.stdout
    assert "OPENED identity IdentityDialog" in lines, done.stdout
    assert "FIND True 2" in lines, done.stdout  # shown under the header and the text


def test_a_panel_behind_a_tab_is_built_when_its_tab_is_shown(make_window, seeded_project,
                                                              wb, qtbot):
    from annotator.gui.guidelines_panel import GuidelinesPanel
    from annotator.gui.layout_gate import LayoutGate

    first = make_window(seeded_project, doc=wb.SAMPLE)
    first.show()
    qtbot.waitExposed(first)
    first.close()  # the layout is remembered: the next window opens with it
    again = make_window(seeded_project, name=None)
    dock = again.docks["guidelines"]
    again.show()
    qtbot.waitExposed(again)
    assert not isinstance(dock.widget(), LayoutGate)  # behind the Span tab: not built
    dock.raise_()  # its tab chosen
    qtbot.waitUntil(lambda: isinstance(dock.widget(), LayoutGate))
    assert isinstance(dock.widget().inner, GuidelinesPanel)
    assert "Word choice" in dock.widget().inner.toPlainText()
    # a panel asked for before it is shown is built then
    assert again.panel("search") is again.docks["search"].widget().inner
