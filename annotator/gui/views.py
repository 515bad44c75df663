"""The panels of the main window, as a list: a feature adds a panel by describing it (an
id, a title, where it docks and a function that builds it from the session), not by
editing the window. A panel that only some windows show is added to an open window with
``window.add_view(view)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from annotator.gui.qt_namespace import BOTTOM_DOCK, LEFT_DOCK, RIGHT_DOCK

if TYPE_CHECKING:
    from annotator.gui.shell import Shell

# A Qt.DockWidgetArea's value: the window places its docks without Qt's namespace when it
# has a layout to restore (gui/qt_namespace.py)
LEFT, RIGHT, BOTTOM = LEFT_DOCK, RIGHT_DOCK, BOTTOM_DOCK


@dataclass(frozen=True)
class View:
    id: str  # stable: the window layout is remembered by it
    title: str
    build: Callable[[Shell], QWidget]  # gets the window (window.session, .text_view)
    area: int = RIGHT  # LEFT, RIGHT or BOTTOM
    tab_with: str | None = None  # share a tab stack with this view
    below: str | None = None  # or sit under this view, in the same column
    shown: bool = True
    shortcut: str | None = None  # toggles the panel


def _documents(window: Shell) -> QWidget:
    from annotator.gui.document_list import DocumentList

    return DocumentList(window.session)


def _document(window: Shell) -> QWidget:
    from annotator.gui.doc_labels_panel import DocLabelsPanel

    return DocLabelsPanel(window.session)


def _labels(window: Shell) -> QWidget:
    from annotator.gui.label_palette import LabelPalette

    palette = LabelPalette(window.session)
    palette.chosen.connect(window.text_view.apply_label)
    return palette


def _inspector(window: Shell) -> QWidget:
    from annotator.gui.inspector import Inspector

    inspector = Inspector(window.session)
    inspector.linked.connect(window.concepts.linked)
    return inspector


def _spans(window: Shell) -> QWidget:
    from annotator.gui.span_list import SpanList

    spans = SpanList(window.session, window.verdicts)
    spans.span_activated.connect(window.text_view.reveal)
    return spans


def _search(window: Shell) -> QWidget:
    from annotator.gui.corpus_search import CorpusSearch

    search = CorpusSearch(window.session)
    search.match_opened.connect(window.show_match)
    search.label_all.connect(lambda phrase: window.label_every_occurrence(phrase, True))
    return search


def _guidelines(window: Shell) -> QWidget:
    from annotator.gui.guidelines_panel import GuidelinesPanel

    return GuidelinesPanel(window.session)


DEFAULT_VIEWS: list[View] = [
    View("documents", "Documents", _documents, LEFT, shortcut="Ctrl+1"),
    View("document", "This document", _document, LEFT, below="documents",
         shortcut="Ctrl+2"),
    View("labels", "Labels", _labels, RIGHT, shortcut="Ctrl+3"),
    View("inspector", "Span", _inspector, RIGHT, below="labels", shortcut="Ctrl+4"),
    View("guidelines", "Guidelines", _guidelines, RIGHT, tab_with="inspector",
         shortcut="Ctrl+5"),
    View("spans", "Spans in this document", _spans, BOTTOM, shortcut="Ctrl+6"),
    View("search", "Search the corpus", _search, BOTTOM, tab_with="spans",
         shortcut="Ctrl+7"),
]


def all_views() -> list[View]:
    return list(DEFAULT_VIEWS)
