"""Projects in the window: File ▸ New project…, Open project…, Open recent.

Switching builds a new main window on the other project, then closes the old window and
its project, so that nothing of the previous project (its documents, spans, open
dialogs, the agreement window) can stay on screen or keep the file open. The layout
carries over through the settings; the project opened last reopens next time.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu

from annotator.core.errors import InputError, ProjectError
from annotator.core.model import ANNOTATOR
from annotator.gui.errors import plain_message, show_error
from annotator.gui.session import Session, first_to_open
from annotator.gui.settings import Settings
from annotator.services import packages
from annotator.services.project import (
    Project,
    ensure_writable,
    init_project,
    look_first,
    open_project,
)
from annotator.services.sample_project import default_project_path, open_default_project

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotator.gui.shell import Window

    # main_window.MainWindow, passed in by app.py: the window's own menu switches projects
    MakeWindow = Callable[[Session, Settings], Window]

# a hand-out package is a project too, worked on by its one annotator
PROJECT_FILTER = (f"Annotator projects (*.db *.sqlite *.sqlite3 *{packages.SUFFIX});;"
                  "All files (*)")
_URL = re.compile(r"^[a-z][a-z0-9+]*://", re.IGNORECASE)
_PASSWORD = re.compile(r"^[a-z][a-z0-9+]*://[^/@]*:[^/@]*@", re.IGNORECASE)


def recent_entry(target: str) -> str | None:
    """How a project is remembered: a file by its absolute path, a server by its URL
    (not at all when the URL holds a password, which the settings file would expose)."""
    if _URL.match(target):
        return None if _PASSWORD.match(target) else target
    return os.path.abspath(target)


def still_there(target: str) -> bool:
    return bool(_URL.match(target)) or Path(target).is_file()


def checked(project: Project) -> Project:
    """The project, if work can be saved in it; else closed, with ProjectError saying
    why (locked by another program, read-only, a full disk)."""
    try:
        ensure_writable(project)
    except BaseException:
        project.close()
        raise
    return project


def first_look(target: str, settings: Settings) -> Project | None:
    """The project seen through the start's first look (store.first_look): the store
    opens after the window's first paint. None where the look is not taken."""
    def person(stored: dict) -> str | None:
        package = packages.package_in(stored, target)
        if package is not None:  # a hand-out package is worked on by its annotator
            return package.annotator
        remembered = settings.identity()
        return remembered[0] if remembered else None

    return look_first(target, person, lambda summaries: first_to_open(
        summaries, settings.last_document(target)))


def start_project(target: str | None, settings: Settings) -> tuple[Project, str | None]:
    """The project the app starts on, and a note for the status bar: the one asked for;
    else the one opened last; else (the first time) the sample project."""
    recent = settings.recent_projects()
    chosen, note = target, None
    if not chosen and recent:
        if still_there(recent[0]):
            chosen = recent[0]
        else:
            note = f"The project opened last, {recent[0]}, is no longer there."
    looked = first_look(chosen or str(default_project_path()), settings)
    if looked is not None:
        return looked, note
    if chosen:
        return checked(open_project(chosen)), None
    return checked(open_default_project()), note


class Projects(QObject):
    """The main window and its project; opening another project replaces both."""

    switched = Signal(object)  # the new window

    def __init__(self, settings: Settings, make_window: MakeWindow):
        super().__init__()
        self.settings = settings
        self.make_window = make_window
        self.window: Window | None = None

    def start(self, project: Project) -> Window:
        """The first window, as the user left it (identity, document, layout)."""
        self.window = self._build(project)
        return self.window

    def adopt(self, window: Window) -> Window:
        """A window built elsewhere (the demo project's) becomes the one this switches."""
        window.projects = self
        self.window = window
        return window

    def _build(self, project: Project) -> Window:
        window: Window = self.make_window(Session(project), self.settings)
        window.projects = self
        package = packages.package_info(project)
        if package is not None:
            # a hand-out package is worked on by its annotator; the name remembered for
            # other projects stays as it was
            if window.session.set_identity(package.annotator, ANNOTATOR):
                window.open_first()
        else:
            remembered = self.settings.identity()
            if remembered is not None:
                window.set_identity(*remembered)
        entry = recent_entry(project.target)
        if entry is not None:
            self.settings.add_recent_project(entry)
        return window

    # ------------------------------------------------------------ switching

    def busy(self) -> bool:
        job = self.window.io.job if self.window is not None else None
        return job is not None and job.running

    def open(self, target: str) -> Window | None:
        """Switch to an existing project; on failure say why and keep the current one."""
        return self._switch(lambda: checked(open_project(target)))

    def create(self, target: str) -> Window | None:
        """Switch to a new, empty project with the default framing codebook."""
        window = self._switch(lambda: checked(init_project(target)))
        if window is not None:
            window.statusBar().showMessage(
                f"New project {Path(target).name}: bring in articles with File ▸ Import "
                "(Ctrl+I).", 15000)
        return window

    def _switch(self, make) -> Window | None:
        old = self.window
        if self.busy():
            show_error(old, "An import or export is still running: wait for it to finish, "
                            "or cancel it, before opening another project.",
                       "Cannot switch projects")
            return None
        try:
            project = make()
        except (InputError, ProjectError, OSError) as exc:
            show_error(old, plain_message(exc), "Cannot open the project")
            return None
        if old is not None:
            old.save_layout()  # the new window takes its place, size and panels
        window: Window = self._build(project)
        self.window = window
        window.show()
        if window.session.user is None:
            window.ask_identity()
        if old is not None:
            self._retire(old)
        self.switched.emit(window)
        return window

    @staticmethod
    def _retire(window: Window) -> None:
        project = window.session.project
        window.close()  # saves the note, stops background work (closeEvent)
        # What the old window already queued (a timer, a deferred page) may still run
        # before it is deleted: its project closes with it, not before.
        window.destroyed.connect(lambda *_: project.close())
        window.deleteLater()

    def close(self) -> None:
        """The app quits: close the project of the last window."""
        if self.window is not None:
            self.window.session.project.close()

    # ------------------------------------------------------------ asking

    def _folder(self) -> str:
        current = self.window.session.project.target if self.window is not None else ""
        if current and not _URL.match(current):
            return str(Path(current).absolute().parent)
        return str(Path.home())

    def _file_dialog(self, title: str, save: bool) -> QFileDialog:
        dialog = QFileDialog(self.window, title, self._folder(), PROJECT_FILTER)
        dialog.setObjectName("project_file_dialog")
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setFileMode(QFileDialog.FileMode.AnyFile)
            dialog.setDefaultSuffix("db")
            # an existing file is refused in words by init_project, never replaced
            dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        if self.window is not None:
            self.window.dialog = dialog
        return dialog

    def ask_new(self) -> QFileDialog:
        dialog = self._file_dialog("New project", save=True)
        dialog.fileSelected.connect(self.create)
        dialog.open()
        return dialog

    def ask_open(self) -> QFileDialog:
        dialog = self._file_dialog("Open project", save=False)
        dialog.fileSelected.connect(self.open)
        dialog.open()
        return dialog

    def fill_recent_menu(self, menu: QMenu) -> None:
        """File ▸ Open recent, rebuilt each time it opens (another window may have
        changed the list)."""
        menu.clear()
        current = recent_entry(self.window.session.project.target) if self.window else None
        recent = self.settings.recent_projects()
        for n, target in enumerate(recent, start=1):
            name = target if _URL.match(target) else Path(target).name
            there = still_there(target)
            text = f"&{n} {name}" if n < 10 else name
            if target == current:
                text += " (open)"
            elif not there:
                text += " (no longer there)"
            action = menu.addAction(text)
            action.setToolTip(target)
            action.setStatusTip(target)
            action.setData(target)
            action.setEnabled(there and target != current)
            action.triggered.connect(lambda _checked=False, t=target: self.open(t))
        if not recent:
            menu.addAction("No projects yet").setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear the list")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(lambda: self.settings.forget_recent_project())


_adopted: list[Projects] = []  # kept alive with their windows (a window and its
# controller refer to each other, and nothing else refers to either)


def projects_of(window: Window) -> Projects:
    """What switches this window's project; a window opened on its own (the demo
    project's second window) gets one the first time it is asked."""
    if getattr(window, "projects", None) is None:
        _adopted.append(Projects(window.settings, type(window)))
        _adopted[-1].adopt(window)
    return window.projects
