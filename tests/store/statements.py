"""The SQL a connection runs: what the store tests count and look into."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, event


@contextmanager
def statements_run(conn: Connection) -> Iterator[list[str]]:
    """The statements `conn` runs inside the block, in order."""
    seen: list[str] = []

    def look(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(conn, "before_cursor_execute", look)
    try:
        yield seen
    finally:
        event.remove(conn, "before_cursor_execute", look)
