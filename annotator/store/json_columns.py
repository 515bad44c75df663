"""Reading many rows in one step of the driver.

On SQLite each row fetched is a step of the driver, which lets go of Python's lock and
waits to take it back. The adjudication view reads a document on a job's thread beside
the busy GUI thread, and there each step could wait for the GUI thread's turn to end
(up to Python's switch interval, 5 ms): a 1 MB document's read took 140-400 ms instead
of 40 with its spans' details and its gold read row by row. So on SQLite the columns
come as JSON arrays in one row; elsewhere (PostgreSQL) rows as usual.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, func, select


def columns(conn: Connection, cells: list, where: list, json_cells: tuple[int, ...] = ()
            ) -> list:
    """These columns of the rows where `where` holds, each as a sequence, in the same
    order; the JSON columns at `json_cells` (read as text) decoded (None: null)."""
    if conn.dialect.name != "sqlite":
        got = conn.execute(select(*cells).where(*where)).all()
        out = list(zip(*got, strict=True)) if got else [()] * len(cells)
        for i in json_cells:
            out[i] = list(map(_json_cell, out[i]))
        return out
    # the aggregates of one query step through the same rows: the columns line up
    out = list(map(json.loads, conn.execute(select(*(
        func.json_group_array(func.coalesce(c, "null") if i in json_cells else c)
        for i, c in enumerate(cells))).where(*where)).one()))
    for i in json_cells:
        out[i] = _json_cells(out[i])
    return out


def tables(conn: Connection, *queries) -> list[list]:
    """The rows of each query (columns without JSON), as lists: on SQLite all in one
    step."""
    if conn.dialect.name != "sqlite":
        return [list(map(tuple, conn.execute(q).all())) for q in queries]
    return [list(map(tuple, json.loads(cell))) for cell in conn.execute(select(*(
        select(func.json_group_array(func.json_array(*sub.c))).select_from(sub)
        .scalar_subquery() for sub in (q.subquery() for q in queries)))).one()]


def _json_cells(cells: list[str]) -> list:
    """JSON texts (json.dumps' output each) decoded in one call, as one array."""
    return json.loads(f"[{','.join(cells)}]") if cells else []


def _json_cell(value):
    """A JSON column read as text, or already decoded by the driver (PostgreSQL)."""
    return json.loads(value) if isinstance(value, str) else value
