"""The demo project in a window: `annotator gui --demo` and File ▸ Open the demo project.

It opens as the demo's reviewer (dana), who sees everything — the annotators' work,
agreement, adjudication, the comparison of outlets — without changing who the user said
they are elsewhere (File ▸ Switch annotator… becomes alice, bob or carol)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer

from annotator.core.model import REVIEWER as REVIEWER_ROLE
from annotator.services.demo import REVIEWER, open_demo_project

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotator.gui.session import Session
    from annotator.gui.settings import Settings
    from annotator.gui.shell import Shell

    # main_window.MainWindow, passed in: the window's own menu opens the demo
    MakeWindow = Callable[[Session, Settings], Shell]

FIRST = "002_3c10f19e7635cd43"  # Newsweek: adjudication under way
_open: list = []  # demo windows opened from another window, kept alive while shown


def demo_window(make_window: MakeWindow) -> Shell:
    from annotator.gui.session import Session
    from annotator.gui.settings import Settings

    project = open_demo_project()
    window = make_window(Session(project), Settings())
    window.session.set_identity(REVIEWER, REVIEWER_ROLE)  # not remembered: see above
    window.update_title()
    if not window.session.open(FIRST):
        window.open_first()
    # once shown: the adjudication view, where everyone's work is on screen at once
    QTimer.singleShot(0, window, lambda: window.review.enter() and window.statusBar().showMessage(
        f"The demo project: you are {REVIEWER}, its reviewer. View ▸ Agreement… and View ▸ "
        "Compare outlets… show the rest; File ▸ Switch annotator… becomes alice, bob or "
        "carol.", 30000))
    return window


def open_demo(parent: Shell, make_window: MakeWindow) -> Shell | None:
    """A second window on the demo project (created in the data folder the first time)."""
    from annotator.core.errors import InputError, ProjectError

    try:
        window = demo_window(make_window)
    except (InputError, ProjectError, OSError) as exc:
        parent.session.failed.emit(f"Cannot open the demo project: {exc}")
        return None
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open.append(window)
    project = window.session.project

    def closed() -> None:
        _open.remove(window)
        project.close()

    window.destroyed.connect(closed)
    window.show()
    return window
