"""The workbench window: the text in the middle, panels around it (see views.py), menus
and toolbar (actions.py). Remembers its layout, the last document and the zoom. A
reviewer can put the adjudication view in the middle instead (review_mode.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import ProjectError
from annotator.core.model import DONE
from annotator.gui import actions
from annotator.gui.agreement_window import AgreementWindow
from annotator.gui.compare.window import CompareWindow
from annotator.gui.concepts.links import ConceptLinks
from annotator.gui.document_header import DocumentHeader
from annotator.gui.errors import show_error
from annotator.gui.layout_gate import LayoutGate
from annotator.gui.lifetime import connect_for
from annotator.gui.live import Live
from annotator.gui.qt_namespace import Qt, make_now
from annotator.gui.review_mode import ReviewMode
from annotator.gui.session import Session, first_to_open
from annotator.gui.settings import Settings
from annotator.gui.study import Study
from annotator.gui.suggestion_runs import SuggestionRuns
from annotator.gui.suggestions import Suggestions
from annotator.gui.suggestions import build_menu as build_suggestions_menu
from annotator.gui.text_view import TextView
from annotator.gui.verdicts import Verdicts
from annotator.gui.views import View, all_views
from annotator.gui.waiting_indicator import WaitingIndicator

if TYPE_CHECKING:
    from annotator.gui.find_bar import FindBar
    from annotator.gui.identity_dialog import IdentityDialog
    from annotator.gui.import_export import ImportExport
    from annotator.gui.occurrences_dialog import OccurrencesDialog
    from annotator.gui.projects import Projects

DEFAULT_SIZE = (1400, 900)


class MainWindow(QMainWindow):
    projects: Projects | None = None  # set by the Projects that switches its project
    # Once, right after the window's first paint (at the event loop's next turn): the
    # place for work the first paint does not need. The project's store is open by then.
    first_painted = Signal()

    def __init__(self, session: Session, settings: Settings | None = None):
        super().__init__()
        self.session = session
        self.settings = settings or Settings()
        self.setObjectName("main_window")
        self.actions_by_name: dict = {}
        self.docks: dict[str, QDockWidget] = {}
        self._unbuilt: dict[str, View] = {}  # panels built when first shown (add_view)
        self._laid_out = False  # shown once, its docks tabbed
        self._painted = False
        self._closed = False  # closeEvent ran: nothing starts on it after that
        self._io: ImportExport | None = None
        self._pending_tabs: list[tuple[QDockWidget, QDockWidget]] = []
        self._restoring = False  # the docks being made have a remembered layout
        self.dialog: QDialog | None = None  # the open non-modal dialog, if any
        self.workbench_menus: list[QMenu] = []  # hidden while adjudicating (actions.py)
        self.update_title()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.verdicts = Verdicts(session, self)
        self.header = DocumentHeader(session, self.verdicts)
        self.text_view = TextView(session)
        self.text_view.label_requested.connect(self.text_view.apply_label)
        layout.addWidget(self.header)
        layout.addWidget(self.text_view, 1)
        self._find_bar: FindBar | None = None  # under the text once Ctrl+F first asks
        self.workbench_page = central
        self.stack = QStackedWidget()  # the workbench, or the adjudication view
        self.stack.addWidget(central)
        self.setCentralWidget(self.stack)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)
        self.panels_menu: QMenu | None = None
        self.review = ReviewMode(self)
        self.agreement = AgreementWindow(self)
        self.concepts = ConceptLinks(self)
        self.compare = CompareWindow(self)
        self.study = Study(self)
        self.suggestions = Suggestions(session)
        self.suggestion_runs = SuggestionRuns(self)
        self.text_view.attach_suggestions(self.suggestions)
        actions.build(self)
        build_suggestions_menu(self)
        self.review.sync_action()
        self.agreement.sync_action()
        self.study.sync_actions()
        # The remembered layout first: each dock takes its place in it as it is made
        # (restoreDockWidget), not through Qt's enums of dock areas and orientations, so
        # that the window paints before PySide makes the Qt namespace (gui/qt_namespace)
        self._restoring = self._restore_state()
        if not self._restoring:
            self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
            self.setCorner(Qt.Corner.BottomRightCorner,
                           Qt.DockWidgetArea.RightDockWidgetArea)
        for view in all_views():
            self.add_view(view)
        self._restoring = False
        self._who = QLabel()
        self._who.setObjectName("identity_label")
        session.writes.window = self  # its waits and long writes show over this window
        self.waiting = WaitingIndicator(session.writes)
        self.statusBar().addPermanentWidget(self.waiting)
        self.statusBar().addPermanentWidget(self._who)
        self.live = Live(session, self)  # others' changes appear (gui.live)
        connect_for(self, session.message, lambda text: self.statusBar().showMessage(text, 6000))
        connect_for(self, session.failed, lambda text: show_error(self, text))
        session.identity_changed.connect(self.update_title)
        session.document_opened.connect(self._opened)
        session.document_state_changed.connect(self._update_done_action)
        self.text_view.set_zoom(self.settings.zoom())
        session.set_snap(self.settings.snap())
        session.snap_changed.connect(self.settings.set_snap)
        self._restore_layout()
        self.update_title()

    @property
    def find_bar(self) -> FindBar:
        """Find in this document (Edit ▸ Find…), made when first used."""
        if self._find_bar is None:
            from annotator.gui.find_bar import FindBar

            bar = FindBar(self.session, self.text_view)  # hidden until opened
            bar.label_all.connect(lambda p: self.label_every_occurrence(p, False))
            self.workbench_page.layout().addWidget(bar)
            self._find_bar = bar
        return self._find_bar

    @property
    def io(self) -> ImportExport:
        """Import and export (File ▸ Import…, Export…), made when first used."""
        if self._io is None:
            from annotator.gui.import_export import ImportExport

            self._io = ImportExport(self.session, self)
        return self._io

    # ---------------------------------------------------------------- panels

    def add_view(self, view: View) -> QDockWidget:
        """Add a panel (see views.py); its layout is remembered under its id. A panel
        that starts behind another one's tab is built when it is first shown (or asked
        for by `panel`): the window opens without it."""
        if view.id in self.docks:
            return self.docks[view.id]
        dock = QDockWidget(view.title, self)
        dock.setObjectName(f"dock:{view.id}")
        if view.tab_with in self.docks and not self.isVisible():
            self._unbuilt[view.id] = view
            dock.setWidget(QWidget())
            dock.visibilityChanged.connect(
                lambda shown, v=view.id: shown and self._panel_shown(v))
        else:
            dock.setWidget(LayoutGate(view.build(self)))  # a panel's own changes stay in it
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        # a dock of the remembered layout is placed, tabbed and shown or hidden as it was
        if not (self._restoring and self.restoreDockWidget(dock)):
            self._place(view, dock)
        toggle = dock.toggleViewAction()
        if view.shortcut:
            toggle.setShortcuts([QKeySequence(view.shortcut)])  # as in gui/refusal.py
        if self.panels_menu is not None:
            self.panels_menu.addAction(toggle)
        self.docks[view.id] = dock
        return dock

    def _place(self, view: View, dock: QDockWidget) -> None:
        """Where a panel goes with no remembered place: its area, under or behind the
        panel it names, shown or not as it says."""
        self.addDockWidget(Qt.DockWidgetArea(view.area), dock)
        if view.tab_with in self.docks:
            if self.isVisible():
                self.tabifyDockWidget(self.docks[view.tab_with], dock)
            else:
                # Tabified before the first layout, Qt leaves a stray copy of the tab bar
                # where the stack first was: tabify once the window is laid out.
                self._pending_tabs.append((self.docks[view.tab_with], dock))
        elif view.below in self.docks:
            self.splitDockWidget(self.docks[view.below], dock, Qt.Orientation.Vertical)
        dock.setVisible(view.shown)

    def _panel_shown(self, view_id: str) -> None:
        # With no remembered layout the docks show one by one before showEvent tabs
        # them: a dock about to go behind a tab is not built for that moment.
        dock = self.docks[view_id]
        if self._laid_out or all(d is not dock for _, d in self._pending_tabs):
            self._build_panel(view_id)

    def _build_panel(self, view_id: str) -> None:
        view = self._unbuilt.pop(view_id, None)
        if view is not None:
            self.docks[view_id].setWidget(LayoutGate(view.build(self)))

    def panel(self, view_id: str) -> QWidget | None:
        dock = self.docks.get(view_id)
        if dock is None:
            return None
        self._build_panel(view_id)
        return dock.widget().inner

    def reveal_panel(self, view_id: str) -> None:
        dock = self.docks[view_id]
        dock.show()
        dock.raise_()

    def _restore_state(self) -> bool:
        """Restore the remembered docks and toolbar, before any dock is made; False when
        there is none to restore."""
        state = self.settings.state()
        # dock sizes only take once the window is laid out: see showEvent
        self._needs_sizes = state is None or not self.restoreState(state)
        return not self._needs_sizes

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        for first, dock in self._pending_tabs:
            self.tabifyDockWidget(first, dock)
            first.raise_()
        self._pending_tabs.clear()
        if self._needs_sizes:
            self._needs_sizes = False
            self._default_sizes()
        self._laid_out = True

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.study.tracker.bridge(self.windowHandle())  # input before the turn counts
            QTimer.singleShot(0, self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        if self._closed:
            # Closed between its first paint and this turn (a test, a quick close): its
            # store and watch would start after closeEvent stopped them.
            return
        make_now()  # before any key press or click needs it
        self.text_view.first_painted()
        self.study.tracker.watch()  # active time: the application's input from now on
        self.attach_project()
        self.review.first_painted()  # a reviewer's view is built at idle after it
        self.first_painted.emit()

    def attach_project(self) -> None:
        """Open the store of a project the window was built from the start's first look
        of (services.project.Project.attach), and hear others' changes from then on."""
        try:
            self.session.project.attach()
        except ProjectError as exc:  # locked or made read-only since the first look
            show_error(self, str(exc), "Cannot save in the project")
        self.live.start()  # watches once the store is open: now, or at the next action

    def _default_sizes(self) -> None:
        left = [d for d in (self.docks.get("documents"), self.docks.get("document")) if d]
        if len(left) == 2:
            self.resizeDocks(left, [380, 420], Qt.Orientation.Vertical)
        right = [d for d in (self.docks.get("labels"), self.docks.get("inspector")) if d]
        if len(right) == 2:
            self.resizeDocks(right, [520, 300], Qt.Orientation.Vertical)
        widths = [d for d in (self.docks.get("documents"), self.docks.get("labels")) if d]
        self.resizeDocks(widths, [310, 300][:len(widths)], Qt.Orientation.Horizontal)
        if "spans" in self.docks:
            self.resizeDocks([self.docks["spans"]], [210], Qt.Orientation.Vertical)

    def reset_layout(self) -> None:
        views = [v for v in all_views() if v.id in self.docks]
        for view in views:
            dock = self.docks[view.id]
            dock.setFloating(False)
            self.addDockWidget(Qt.DockWidgetArea(view.area), dock)
            dock.show()
        for view in views:
            if view.tab_with in self.docks:
                self.tabifyDockWidget(self.docks[view.tab_with], self.docks[view.id])
                self.docks[view.tab_with].raise_()
            elif view.below in self.docks:
                self.splitDockWidget(self.docks[view.below], self.docks[view.id],
                                     Qt.Orientation.Vertical)
        self._default_sizes()

    def save_layout(self) -> None:
        self.settings.set_layout(self.saveGeometry(), self.saveState())
        self.settings.set_zoom(self.text_view.zoom_steps)
        self.settings.sync()

    def save_typing(self) -> None:
        """Save what is typed and not saved yet (the note, the span's fields)."""
        for view_id, save in (("document", "save_note"), ("inspector", "save_typing")):
            panel = self.panel(view_id) if view_id not in self._unbuilt else None
            if panel is not None:
                getattr(panel, save)()

    def closeEvent(self, event) -> None:  # noqa: N802
        self._closed = True
        self.save_typing()
        self.live.stop()
        self.review.shutdown()
        self.agreement.shutdown()
        self.compare.shutdown()
        self.study.shutdown()
        self.save_layout()
        super().closeEvent(event)

    # ---------------------------------------------------------------- identity

    def update_title(self) -> None:
        user = self.session.user
        who = f"{user.name} ({user.role})" if user else "nobody yet"
        # the project alone: Qt adds the application's display name (app.py) where the
        # platform shows it ("x.db — Framing annotator" on X11; macOS names the app apart)
        self.setWindowTitle(self.session.project.target)
        if hasattr(self, "_who"):
            doing = "Adjudicating" if self.review.active else "Annotating"
            self._who.setText(f"{doing} as {who} · everything is saved as you work")

    def ask_identity(self) -> IdentityDialog:
        from annotator.gui.identity_dialog import IdentityDialog

        current = self.session.user.name if self.session.user else None
        dialog = IdentityDialog(self.session.project, current, self,
                                change_role=self.session.change_role)
        dialog.chosen.connect(self.set_identity)
        self.dialog = dialog
        dialog.open()
        return dialog

    def set_identity(self, name: str, role: str) -> None:
        if self.session.set_identity(name, role):
            self.settings.set_identity(self.session.user.name, self.session.user.role)
            if self.session.doc is None:
                self.open_first()

    def open_first(self) -> None:
        """The document worked on last time, or the first one not done."""
        target = first_to_open(self.session.summaries,
                               self.settings.last_document(self.session.project.target))
        if target:
            self.session.open(target)

    # ---------------------------------------------------------------- documents

    def _opened(self) -> None:
        doc = self.session.doc
        if doc is not None:
            self.settings.set_last_document(self.session.project.target, doc.id)
        self._update_done_action()
        if self.stack.currentWidget() is self.workbench_page:
            self.text_view.setFocus()

    def _update_done_action(self) -> None:
        action = self.actions_by_name.get("done")
        doc = self.session.doc
        if action is not None:
            action.setIconText("Reopen" if doc is not None and doc.status == DONE
                               else "✔ Done")

    def done_and_next(self) -> None:
        session = self.session
        if session.doc is None:
            return
        if session.doc.status != DONE:
            session.set_status(DONE)
        session.go(1, not_done=True)

    def show_match(self, doc_id: str, start: int, end: int) -> None:
        """Open a document with a found phrase selected, ready for a label's key."""
        if not self.session.open(doc_id):
            return
        to16 = self.session.doc.index.u16.to_utf16
        self.text_view.select_range(to16(start), to16(end))
        self.text_view.setFocus()

    def find_in_corpus(self) -> None:
        self.reveal_panel("search")
        got = self.text_view.selection_range()
        phrase = None
        if got is not None and self.session.doc is not None:
            s, e = self.session.doc.to_codepoints(*got)
            phrase = self.session.doc.text[s:e].strip() or None
        self.panel("search").start(phrase)

    def label_every_occurrence(self, phrase: str | None, corpus: bool) -> OccurrencesDialog:
        from annotator.gui.occurrences_dialog import OccurrencesDialog

        session = self.session
        if phrase is None:
            got = self.text_view.selection_range()
            if got is not None and session.doc is not None:
                span = session.span_range(*got)
                if span is not None:
                    phrase = session.doc.text[span[0]:span[1]]
        item = session.selected_item()
        if not phrase and item is not None:
            phrase = session.doc.text[item.start:item.end]
        dialog = OccurrencesDialog(session, phrase or "", item.label if item else None,
                                   corpus, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def zoom(self, delta: int) -> None:
        self.text_view.zoom_by(delta)
        self.settings.set_zoom(self.text_view.zoom_steps)

    def say_saved(self) -> None:
        self.statusBar().showMessage("There is nothing to save: every change was saved the "
                                     "moment you made it.", 5000)

    def show_shortcuts(self) -> QDialog:
        from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

        rows = [(t, k) for t, k, _ in actions.SHORTCUTS]
        for action in self.actions_by_name.values():
            keys = ", ".join(k.toString(k.SequenceFormat.NativeText)
                             for k in action.shortcuts())
            if keys and action.isVisible():
                rows.append((action.text().replace("&", ""), keys))
        rows += self.review.shortcut_rows()
        rows += [(f"Label: {lab.name}", lab.hotkey) for lab in self.session.codebook.labels
                 if lab.hotkey]
        dialog = QDialog(self)
        dialog.setWindowTitle("Keyboard shortcuts")
        dialog.resize(560, 600)
        table = QTableWidget(len(rows), 2, dialog)
        table.setHorizontalHeaderLabels(["What", "Keys"])
        table.verticalHeader().hide()
        for r, (what, keys) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(what))
            table.setItem(r, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        QVBoxLayout(dialog).addWidget(table)
        self.dialog = dialog
        dialog.open()
        return dialog

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.save_typing()
