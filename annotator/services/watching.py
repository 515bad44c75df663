"""Changes made by other processes (another window, a command-line import, another
annotator on the server), in the same Changes shape as a service's own, for the open views.

`position` says where the project's change journal is now; `changes_since` what changed
after a position, as a viewer may be told it (blind: an annotator hears of documents, the
codebook, concepts, people, their own work, and the gold of documents they marked done).
A `Watch` does both for a window: `poll()` costs one cheap query (SQLite's data version,
PostgreSQL's notifications) until something was committed, and skips the window's own
writes, which it already knows from the Changes its own calls returned.
"""

from __future__ import annotations

from annotator.core.changes import NOTHING, Changes
from annotator.core.closing import Closable
from annotator.services.project import Project


def position(project: Project) -> int:
    from annotator.store import journal

    with project.store.read() as conn:
        return journal.position(conn)


def changes_since(project: Project, after: int, viewer: str | None,
                  include_own: bool = True) -> tuple[Changes, int]:
    """What changed after position `after` that `viewer` (None: a reviewer) may hear of,
    and the new position. `include_own`: also what this project's own Store wrote."""
    from annotator.store import journal

    with project.store.read() as conn:
        return journal.since(conn, after, viewer,
                             None if include_own else project.store.origin)


class Watch(Closable):
    """What other processes change in the project, for one viewer; poll it from a timer."""

    def __init__(self, project: Project, viewer: str | None, at: int | None = None):
        """`at`: the journal position to report changes after (the start's first look's),
        else where the journal is now."""
        self.project = project
        self.viewer = viewer
        self._watcher = project.store.watcher()
        # from a position of the past, the first poll looks at the journal: what was
        # committed before the watcher's first look moves nothing it compares with
        self._look = at is not None
        self.at = position(project) if at is None else at

    def poll(self) -> Changes:
        """What others changed since the last poll (NOTHING when nothing)."""
        if not self._watcher.changed() and not self._look:
            return NOTHING
        self._look = False
        changes, self.at = changes_since(self.project, self.at, self.viewer,
                                         include_own=False)
        return changes

    def unheard(self) -> Changes:
        """What others changed since the last poll, left for the next poll to report."""
        return changes_since(self.project, self.at, self.viewer, include_own=False)[0]

    def close(self) -> None:
        self._watcher.close()
