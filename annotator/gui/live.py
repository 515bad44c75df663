"""Keeps a window's session up to date with what other processes change: another window,
a command-line import, another annotator on the server.

A timer polls services.watching.Watch, whose poll costs one cheap query until someone
commits (SQLite's data version, PostgreSQL's notifications); what it reports is already
filtered by the blind rules for the user, and the session re-reads what it names. The
window's own writes are not reported here: the session has them from their Changes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from annotator.core.changes import Changes
from annotator.gui.session import Session
from annotator.services.watching import Watch

POLL_MS = 500  # others' changes show within about a second


class Live(QObject):
    def __init__(self, session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.watch: Watch | None = None  # made once the project's store is open
        self.looks = 0  # polls that looked (the tests count them instead of seconds)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        if session.project.attached:
            self.start()
        # else the window starts it once it has tried to open the project's store (after
        # its first paint, from what the start's first look read)

    def start(self) -> None:
        """Hear others' changes from where the project was first read: the start's first
        look, if the project was seen through one (what others committed since is heard),
        else now. A store that could not be opened after the first paint (locked since
        the look) is watched from the look as soon as the next action has opened it."""
        if self.timer.isActive():  # started already
            return
        self.timer.start()
        self.session.kept.unheard = self.unheard  # documents left are kept: this hears of all
        self._watching()

    def _watching(self) -> Watch | None:
        project = self.session.project
        if self.watch is None and project.attached:
            self.watch = Watch(project, None, project.look.journal_at if project.look else None)
        return self.watch

    def poll(self) -> None:
        session = self.session
        # Nothing while the session waits for one of its own writes (it runs the event
        # loop meanwhile): the next tick brings what happened, none of it lost.
        if session.user is None or session.writes.busy or self._watching() is None:
            return
        self.watch.viewer = session.user.name  # blind: what this person may be told
        self.looks += 1
        changes = self.watch.poll()
        if changes:
            session.absorb_others(changes)

    def unheard(self) -> Changes | None:
        """What other processes changed since the last poll, left for the next poll to
        report (None: nothing is watched, so anything may have changed)."""
        if self.session.user is None or self._watching() is None:
            return None
        self.watch.viewer = self.session.user.name  # blind, as `poll`
        return self.watch.unheard()

    def stop(self) -> None:
        self.session.kept.unheard = None
        self.session.kept.clear()
        self.timer.stop()
        if self.watch is not None:
            self.watch.close()
            self.watch = None
