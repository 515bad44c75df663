"""Starting the workbench: `annotator gui [DB]`.

Without DB, the sample project in the user's data folder (created the first time with
the sample corpus and the default framing codebook).
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.core.errors import InputError, ProjectError
from annotator.core.model import ANNOTATOR
from annotator.gui.errors import install_excepthook, plain_message
from annotator.gui.main_window import MainWindow
from annotator.gui.session import Session
from annotator.gui.settings import Settings
from annotator.services import handout
from annotator.services.project import Project, open_project
from annotator.services.sample_project import open_default_project

APP_NAME = "Framing annotator"


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName(APP_NAME)
        app.setOrganizationName("framing-annotator")
        app.setApplicationDisplayName(APP_NAME)
    return app


def open_window(project: Project, settings: Settings | None = None) -> MainWindow:
    """A main window on a project, as the user left it (identity, document, layout)."""
    settings = settings or Settings()
    session = Session(project)
    window = MainWindow(session, settings)
    package = handout.package_info(project)
    if package is not None:
        # a hand-out package is worked on by its annotator; the name remembered for
        # other projects stays as it was
        if window.session.set_identity(package.annotator, ANNOTATOR):
            window.open_first()
        return window
    remembered = settings.identity()
    if remembered is not None:
        window.set_identity(*remembered)
    return window


def run_app(target: str | None, demo: bool = False) -> int:
    app = application()
    try:
        if demo:
            from annotator.gui.demo import demo_window

            window = demo_window()
            project = window.session.project
        else:
            project = open_project(target) if target else open_default_project()
    except (InputError, ProjectError, OSError) as exc:
        QMessageBox.critical(None, APP_NAME, f"Cannot open the project.\n\n"
                             f"{plain_message(exc)}")
        return 2
    if not demo:
        window = open_window(project)
    previous = sys.excepthook
    install_excepthook(lambda: window)
    try:
        window.show()
        if window.session.user is None:
            window.ask_identity()
        code = app.exec()
    finally:
        sys.excepthook = previous
        project.close()
    return code
