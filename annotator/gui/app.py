"""Starting the workbench: `annotator gui [DB]`.

Without DB, the project opened last; the first time, the sample project in the user's
data folder (created with the sample corpus and the default framing codebook).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator import __version__, data
from annotator.core.errors import InputError, ProjectError
from annotator.gui import pyside_loading  # noqa: F401  (first of the app's modules)
from annotator.gui.collector import collect_on_gui_thread
from annotator.gui.errors import install_excepthook, plain_message
from annotator.gui.main_window import MainWindow
from annotator.gui.projects import Projects, start_project
from annotator.gui.settings import Settings
from annotator.services.project import Project

APP_NAME = "Framing annotator"
USER_MISTAKE = 2


def app_icon() -> QIcon:
    """The window icon, from its PNG sizes (16 to 256): the SVG beside them made Qt load
    its SVG plugin and library at start for sizes the PNGs already cover."""
    icon = QIcon()
    for size in data.icon_sizes():
        icon.addFile(str(data.icon(str(size))), QSize(size, size))
    return icon


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)  # also the class of the window on X11
    app.setOrganizationName("framing-annotator")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    # the desktop entry's name: how the desktop matches the window to its menu entry
    app.setDesktopFileName(data.APP_ID)
    app.setWindowIcon(app_icon())
    collect_on_gui_thread(app)  # never on a Job's worker thread, where Qt would crash
    return app


def open_window(project: Project, settings: Settings | None = None) -> MainWindow:
    """A main window on a project, as the user left it (identity, document, layout);
    File ▸ New/Open/Recent replace it through its `projects`."""
    return Projects(settings or Settings(), MainWindow).start(project)


def refuse(message: str) -> int:
    """A project the app cannot start on: one line on the terminal, and a dialog for
    whoever started it from a menu (unless no one could see it)."""
    print(f"annotator: error: {message}", file=sys.stderr)
    if os.environ.get("QT_QPA_PLATFORM", "") not in ("offscreen", "minimal"):
        QMessageBox.critical(None, APP_NAME, f"Cannot open the project.\n\n{message}")
    return USER_MISTAKE


def run_app(target: str | None, demo: bool = False, smoke_test: bool = False) -> int:
    app = application()
    settings = Settings()
    projects = Projects(settings, MainWindow)
    try:
        if demo:
            from annotator.gui.demo import demo_window

            window, note = projects.adopt(demo_window(MainWindow)), None
        else:
            project, note = start_project(target, settings)
            window = projects.start(project)
    except (InputError, ProjectError, OSError) as exc:
        return refuse(plain_message(exc))
    previous = sys.excepthook
    install_excepthook(lambda: projects.window)
    try:
        window.show()
        if note:
            window.statusBar().showMessage(note, 15000)
        if smoke_test:
            QTimer.singleShot(0, lambda: app.exit(smoke_report(projects)))
        elif window.session.user is None:
            window.ask_identity()
        code = app.exec()
    finally:
        sys.excepthook = previous
        settings.sync()
        projects.close()
    return code


def smoke_report(projects: Projects) -> int:
    """What an installation shows on starting (for CI and packagers): 0 when the window,
    its project, icon and About dialog are all there, else 1."""
    from annotator.gui.about_dialog import AboutDialog, dependency_licences
    from annotator.services import reading

    window = projects.window
    documents = len(reading.documents(window.session.project, None))
    about = AboutDialog(window.session.project.target, window)
    facts = {
        "window": window.windowTitle() if window.isVisible() else "",
        "project": window.session.project.target,
        "documents": documents,
        "icon sizes": len(QApplication.windowIcon().availableSizes()),
        "licences": len(dependency_licences()),
        "missing resources": len(data.missing()),
    }
    about.deleteLater()
    for key, value in facts.items():
        print(f"{key}: {value}", flush=True)
    ok = (facts["window"] and documents > 0 and facts["icon sizes"] > 0
          and facts["licences"] > 0 and not facts["missing resources"])
    return 0 if ok else 1
