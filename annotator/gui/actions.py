"""The menus, the toolbar and their keyboard shortcuts.

Keys that only mean something in the text (a label's hotkey, Del, Alt+arrows) are
handled by the text view itself, so typing in a note never triggers them; the menus show
them for discovery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolBar

from annotator.gui.compare.window import KEY as COMPARE_KEY
from annotator.gui.projects import projects_of
from annotator.gui.span_edges import END, START
from annotator.gui.window_actions import key_hint as _hint
from annotator.gui.window_actions import window_action as _action

if TYPE_CHECKING:
    from annotator.gui.shell import Window

# (menu text, shortcut(s), what it does) — also the Help ▸ Keyboard shortcuts table
SHORTCUTS = [
    ("Label the selection / relabel the selected span", "the label's key", ""),
    ("Select a span", "click it (again: the next one under the pointer)", ""),
    ("Delete the selected span", "Del", ""),
    ("Move the span's start left / right", "Alt+Left / Alt+Right", ""),
    ("Move the span's end left / right", "Alt+Shift+Left / Alt+Shift+Right", ""),
    ("Previous / next span", "Alt+Up / Alt+Down", ""),
    ("Clear the selection", "Esc", ""),
    ("Accept the current suggestion", "Enter (or click it, then Enter)", ""),
    ("Accept it with another label", "that label's key", ""),
    ("Reject the current suggestion", "Del", ""),
]


# What only a menu entry opens is imported when it is chosen: the window starts without it.


def _about(window: Window) -> None:
    from annotator.gui.about_dialog import show_about

    show_about(window)


def _codebook(window: Window) -> None:
    from annotator.gui.codebook_editor import open_editor

    open_editor(window)


def _demo(window: Window) -> None:
    from annotator.gui.demo import open_demo

    open_demo(window, type(window))


def build(window: Window) -> None:
    """The window's own menus and toolbar: the one part that knows all of it."""
    s = window.session
    view = window.text_view
    bar = window.menuBar()

    file = bar.addMenu("&File")
    # projects.py replaces this window with one on the other project
    file.addAction(_action(window, "&New project…", lambda: projects_of(window).ask_new(),
                           QKeySequence.StandardKey.New, "new_project"))
    file.addAction(_action(window, "&Open project…", lambda: projects_of(window).ask_open(),
                           QKeySequence.StandardKey.Open, "open_project"))
    recent = file.addMenu("Open &recent")
    recent.setObjectName("recent_menu")
    recent.aboutToShow.connect(lambda: projects_of(window).fill_recent_menu(recent))
    file.addSeparator()
    # window.io is made when first used: the window starts without it
    file.addAction(_action(window, "&Import…", lambda: window.io.ask_import(), "Ctrl+I",
                           "import"))
    file.addAction(_action(window, "&Export…", lambda: window.io.ask_export(), "Ctrl+E",
                           "export"))
    window.study.file_actions(file)
    file.addSeparator()
    file.addAction(_action(window, "Open the &demo project",
                           lambda: _demo(window), None, "open_demo",
                           tip="The sample articles annotated by three example "
                           "annotators, partly adjudicated, with concepts linked"))
    file.addSeparator()
    file.addAction(_action(window, "Switch &annotator…", window.ask_identity, None,
                           "identity"))
    file.addSeparator()
    file.addAction(_action(window, "&Quit", window.close, QKeySequence.StandardKey.Quit,
                           "quit"))

    edit = bar.addMenu("&Edit")
    # while adjudicating, the reviewer's decisions (review_mode.py)
    undo = _action(window, "&Undo", window.review.undo, "Ctrl+Z", "undo")
    redo = _action(window, "&Redo", window.review.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], "redo")
    edit.addAction(undo)
    edit.addAction(redo)

    def undo_texts() -> None:
        u, r = window.review.undo_redo_texts()
        undo.setText(f"&Undo {u}" if u else "&Undo")
        redo.setText(f"&Redo {r}" if r else "&Redo")

    edit.aboutToShow.connect(undo_texts)
    edit.addSeparator()
    # the find bar, like window.io, is made when first used
    edit.addAction(_action(window, "&Find in this document…",
                           lambda: window.find_bar.open_bar(), "Ctrl+F", "find"))
    edit.addAction(_action(window, "Find &next", lambda: window.find_bar.step(1), "F3",
                           "find_next"))
    edit.addAction(_action(window, "Find &previous", lambda: window.find_bar.step(-1),
                           "Shift+F3", "find_previous"))
    edit.addAction(_action(window, "Find in the &corpus…", window.find_in_corpus,
                           "Ctrl+Shift+F", "find_corpus"))
    edit.addAction(_action(window, "&Label every occurrence…",
                           lambda: window.label_every_occurrence(None, False),
                           "Ctrl+Shift+L", "label_all"))
    edit.addAction(_action(window, "C&oncepts…", window.concepts.manage, None, "concepts",
                           tip="Rename, merge or delete the concepts spans are linked to"))
    edit.addAction(_action(window, "Code&book…", lambda: _codebook(window), None,
                           "codebook", tip="Labels, attributes, guidelines and the codebook's "
                           "versions (reviewers edit them)"))
    edit.addSeparator()
    edit.addAction(_action(window, "Everything is saved as you work", window.say_saved,
                           QKeySequence.StandardKey.Save, "saved"))

    span = bar.addMenu("&Span")
    window.workbench_menus.append(span)
    span.addAction(_hint(window, "&Delete", "Del",
                         lambda: s.selected is not None and s.delete_span(s.selected)))
    for text, keys, edge, step in (("Move start &left", "Alt+Left", START, -1),
                                   ("Move start &right", "Alt+Right", START, 1),
                                   ("Move end l&eft", "Alt+Shift+Left", END, -1),
                                   ("Move end r&ight", "Alt+Shift+Right", END, 1)):
        span.addAction(_hint(window, text, keys, lambda e=edge, t=step: s.selected is not None
                             and s.resize(s.selected, e, t)))
    span.addAction(_hint(window, "&Previous span", "Alt+Up", lambda: view.step_selection(-1)))
    span.addAction(_hint(window, "&Next span", "Alt+Down", lambda: view.step_selection(1)))
    span.addSeparator()
    links = window.concepts
    span.addAction(_action(window, "Link to a &concept…", links.pick, "Ctrl+K", "link_concept",
                           tip="Link the selected span to a concept (or name a new one after "
                           "the selected words)"))
    span.addAction(_action(window, "Link to the same concept &again", links.link_again,
                           "Ctrl+Shift+K", "link_again"))
    span.addAction(_action(window, "Link &other occurrences…", links.review, "Ctrl+Alt+K",
                           "link_occurrences", tip="The other places of the selected span's "
                           "words in this event's documents, to link after review"))
    span.addSeparator()
    snap = _action(window, "&Snap to whole words", s.set_snap, "Ctrl+Shift+W", "snap",
                   checkable=True, tip="Grow selections to whole words when labelling")
    snap.setChecked(s.snap)
    s.snap_changed.connect(snap.setChecked)
    span.addAction(snap)

    doc = bar.addMenu("&Document")
    prev_doc = _action(window, "&Previous document", lambda: s.go(-1), "Ctrl+PgUp",
                       "previous")
    next_doc = _action(window, "&Next document", lambda: s.go(1), "Ctrl+PgDown", "next")
    next_todo = _action(window, "Next &not done", lambda: s.go(1, not_done=True),
                        "Ctrl+Shift+N", "next_not_done")
    done = _action(window, "Mark &done / reopen", s.toggle_done, "Ctrl+D", "done")
    done_next = _action(window, "Done, then next not done", window.done_and_next,
                        "Ctrl+Return", "done_next")
    for a in (prev_doc, next_doc, next_todo, None, done, done_next):
        doc.addSeparator() if a is None else doc.addAction(a)
    window.study.document_actions(doc)

    look = bar.addMenu("&View")
    adjudicate = _action(window, "&Adjudicate", window.review.toggle, "Ctrl+Shift+A",
                         "adjudicate", tip="Reviewers: settle the annotators' disagreement "
                         "into the gold standard (again: back to annotating)")
    adjudicate.setCheckable(True)
    adjudicate.setIconText("⚖ Adjudicate")
    look.addAction(adjudicate)
    agreement = _action(window, "A&greement…", window.agreement.open, "Ctrl+Shift+G",
                        "agreement", tip="Reviewers: the annotators' agreement, with the "
                        "documents and spans behind each number")
    agreement.setIconText("Agreement")
    look.addAction(agreement)
    compare_outlets = _action(window, "&Compare outlets…", window.compare.open, COMPARE_KEY,
                              "compare", tip="The words each outlet chose for the same thing, "
                              "side by side, with the statistics")
    compare_outlets.setIconText("Compare")
    look.addAction(compare_outlets)
    window.study.view_actions(look)
    look.addSeparator()
    look.addAction(_action(window, "Zoom &in", lambda: window.zoom(1),
                           [QKeySequence.StandardKey.ZoomIn, "Ctrl+="], "zoom_in"))
    look.addAction(_action(window, "Zoom &out", lambda: window.zoom(-1),
                           QKeySequence.StandardKey.ZoomOut, "zoom_out"))
    look.addAction(_action(window, "&Actual size", lambda: window.zoom(0), "Ctrl+0",
                           "zoom_reset"))
    look.addSeparator()
    window.panels_menu = look.addMenu("&Panels")
    look.addAction(_action(window, "&Reset the layout", window.reset_layout, None,
                           "reset_layout"))

    help_ = bar.addMenu("&Help")
    help_.addAction(_action(window, "&Keyboard shortcuts", window.show_shortcuts, "F1",
                            "shortcuts"))
    help_.addAction(_action(window, "&About Framing annotator", lambda: _about(window),
                            None, "about"))

    tools = QToolBar("Toolbar")
    tools.setObjectName("toolbar")
    tools.setMovable(False)
    for action, text in ((prev_doc, "◀ Previous"), (next_doc, "Next ▶"),
                         (next_todo, "Next not done »"), (done, "✔ Done"),
                         (None, None), (undo, "↶ Undo"), (redo, "↷ Redo"), (None, None),
                         (snap, "Snap to words")):
        if action is None:
            tools.addSeparator()
            continue
        action.setIconText(text)
        tools.addAction(action)
    window.review.separator = tools.addSeparator()  # hidden with the action
    tools.addAction(adjudicate)
    tools.addAction(agreement)
    tools.addAction(compare_outlets)
    window.addToolBar(tools)
