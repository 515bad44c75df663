"""What the workbench's parts may use of the window they live in.

The reviewer's mode, the agreement and comparison windows, the study's entries, the
concept links, the codebook editor and the panels are handed the window as a `Shell`:
these members and no others. The window (main_window.MainWindow, a QMainWindow) is built from
those parts, so they never import it; tests/gui/workbench/test_shell.py checks the window
has every member named here, and tests/test_import_cycles.py that no import runs back
round. The menus and toolbar see a little more of it: a `Window`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray, Qt, SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QDialog,
        QDockWidget,
        QLayout,
        QMenu,
        QMenuBar,
        QStackedWidget,
        QStatusBar,
        QToolBar,
        QWidget,
    )

    from annotator.gui.agreement_window import AgreementWindow
    from annotator.gui.compare.window import CompareWindow
    from annotator.gui.concepts.links import ConceptLinks
    from annotator.gui.find_bar import FindBar
    from annotator.gui.identity_dialog import IdentityDialog
    from annotator.gui.import_export import ImportExport
    from annotator.gui.projects import Projects
    from annotator.gui.review_mode import ReviewMode
    from annotator.gui.session import Session
    from annotator.gui.settings import Settings
    from annotator.gui.study import Study
    from annotator.gui.suggestion_runs import SuggestionRuns
    from annotator.gui.suggestions import Suggestions
    from annotator.gui.text_view import TextView
    from annotator.gui.verdicts import Verdicts


@runtime_checkable
class Shell(Protocol):
    """The window, to its parts. It is a QWidget: parts use it as their Qt parent."""

    session: Session
    settings: Settings
    text_view: TextView
    verdicts: Verdicts
    review: ReviewMode  # whether the reviewer is adjudicating, and the view then shown
    concepts: ConceptLinks
    actions_by_name: dict[str, QAction]  # the menus' actions by object name
    docks: dict[str, QDockWidget]  # the panels by view id (views.py)
    stack: QStackedWidget  # the middle: the workbench page or the adjudication page
    workbench_page: QWidget
    workbench_menus: list[QMenu]  # hidden while adjudicating
    dialog: QDialog | None  # the open non-modal dialog, kept for tests and focus

    def panel(self, view_id: str) -> QWidget | None: ...
    def show_match(self, doc_id: str, start: int, end: int) -> None: ...
    def label_every_occurrence(self, phrase: str | None, corpus: bool) -> QDialog: ...
    def open_first(self) -> None: ...
    def update_title(self) -> None: ...

    # what QMainWindow gives them
    def statusBar(self) -> QStatusBar: ...  # noqa: N802
    def addAction(self, action: QAction) -> None: ...  # noqa: N802
    def saveState(self, version: int = 0) -> QByteArray: ...  # noqa: N802
    def restoreState(self, state: QByteArray, version: int = 0) -> bool: ...  # noqa: N802
    def resizeDocks(self, docks: list[QDockWidget], sizes: list[int],  # noqa: N802
                    orientation: Qt.Orientation) -> None: ...
    def width(self) -> int: ...
    def layout(self) -> QLayout: ...
    def setUpdatesEnabled(self, enable: bool) -> None: ...  # noqa: N802
    def raise_(self) -> None: ...
    def activateWindow(self) -> None: ...  # noqa: N802


@runtime_checkable
class Window(Shell, Protocol):
    """The window, to the part that builds its menus and toolbar (actions.build and the
    Suggestions menu, suggestions.build_menu) and to what opens, switches and retires it
    (projects.py): the Shell, the other parts the menus reach, and the window's own
    verbs."""

    io: ImportExport
    study: Study
    agreement: AgreementWindow
    compare: CompareWindow
    find_bar: FindBar
    suggestions: Suggestions
    suggestion_runs: SuggestionRuns
    panels_menu: QMenu | None  # made by actions.build, filled as panels are added

    def ask_identity(self) -> IdentityDialog: ...
    def find_in_corpus(self) -> None: ...
    def done_and_next(self) -> None: ...
    def zoom(self, delta: int) -> None: ...
    def say_saved(self) -> None: ...
    def reset_layout(self) -> None: ...
    def show_shortcuts(self) -> QDialog: ...

    # for projects.py
    projects: Projects | None  # what switches this window's project
    def set_identity(self, name: str, role: str) -> None: ...
    def save_layout(self) -> None: ...

    # what QMainWindow gives it
    destroyed: SignalInstance
    def menuBar(self) -> QMenuBar: ...  # noqa: N802
    def addToolBar(self, toolbar: QToolBar) -> None: ...  # noqa: N802
    def close(self) -> bool: ...
    def show(self) -> None: ...
    def deleteLater(self) -> None: ...  # noqa: N802
