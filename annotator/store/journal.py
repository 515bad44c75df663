"""The change journal: what each write transaction changed, kept so that other processes
can ask "what changed since I last looked?" (services.watching).

Every `Store.write()` appends its record (store.written) here just before it commits,
inside the transaction and under the project's write lock, so journal ids grow in commit
order: a reader's position (the last id it has seen) never skips a commit. On PostgreSQL
the transaction also sends a NOTIFY, delivered when it commits; on SQLite a watcher sees
`PRAGMA data_version` move. Old entries are pruned; a reader whose position is older than
what was pruned is told that everything may have changed.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from annotator.core import changes as ch
from annotator.core.changes import Changes
from annotator.core.model import DONE, REVIEWER
from annotator.store import bulk, written
from annotator.store.sqlite_file import sqlite_path
from annotator.store.tables import T

CHANNEL = "annotator_changes"
KEEP_DAYS = 2
PRUNE_EVERY = 500  # journal ids between two prunings
_PRUNED = "journal_pruned_below"  # settings key: ids below it may be gone
_COLUMNS = ("at", "origin", "kind", "document_pk", "owner_id")
FEW = 16  # a record's entries written one statement each (more: in bulk)


@cache
def _one_entry():
    # built once: every write appends its entries, and building the statement (or, for
    # more than one, compiling the bulk insert's) took longer than running it
    journal = T["journal"]
    return insert(journal).returning(journal.c.id)


def flush(conn: Connection, origin: str) -> None:
    """Append the transaction's record to the journal (before it commits)."""
    record = written.current(conn)
    if record is None or not record.entries:
        return
    journal = T["journal"]
    rows = [(record.at, origin, kind, doc, owner) for kind, doc, owner in record.entries]
    if len(rows) <= FEW:  # an edit, a decision: a statement each, the same one
        one = _one_entry()
        for row in rows:
            last = conn.execute(one, dict(zip(_COLUMNS, row, strict=True))).scalar_one()
    else:  # an import's thousands of rows, given to the driver as they are
        bulk.insert_rows(conn, "journal", _COLUMNS, rows)
        last = conn.execute(select(func.max(journal.c.id))).scalar()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_notify('{CHANNEL}', '{last}')")
    if last // PRUNE_EVERY != (last - len(record.entries)) // PRUNE_EVERY:
        _prune(conn, record.at)


def _prune(conn: Connection, at: str) -> None:
    journal, settings = T["journal"], T["settings"]
    cutoff = (datetime.fromisoformat(at) - timedelta(days=KEEP_DAYS)).isoformat(
        timespec="milliseconds")
    below = conn.execute(select(func.max(journal.c.id)).where(journal.c.at < cutoff)).scalar()
    if below is None:
        return
    conn.execute(delete(journal).where(journal.c.id <= below))
    if conn.execute(update(settings).where(settings.c.key == _PRUNED)
                    .values(value=below + 1)).rowcount == 0:
        conn.execute(insert(settings).values(key=_PRUNED, value=below + 1))


def position(conn: Connection) -> int:
    """The newest journal id: where a reader starts looking from."""
    return conn.execute(select(func.max(T["journal"].c.id))).scalar() or 0


def since(conn: Connection, after: int, viewer: str | None, skip_origin: str | None = None
          ) -> tuple[Changes, int]:
    """What changed after journal id `after`, as `viewer` may be told it, and the new
    position. `viewer`: an annotator hears of documents, the codebook, concepts, people,
    their own work, and the gold of documents they marked done (their verdicts); a
    reviewer or None hears of everything. Entries written by `skip_origin` (the asking
    Store itself) are left out. The Changes is incomplete: views re-read what it names.
    """
    journal, settings = T["journal"], T["settings"]
    rows = conn.execute(select(journal.c.id, journal.c.origin, journal.c.kind,
                               journal.c.document_pk, journal.c.owner_id)
                        .where(journal.c.id > after).order_by(journal.c.id)).all()
    if not rows:
        return ch.NOTHING, after
    newest = rows[-1].id
    pruned = conn.execute(select(settings.c.value).where(settings.c.key == _PRUNED)).scalar()
    everyone = viewer is None or _role(conn, viewer) == REVIEWER
    if pruned is not None and after + 1 < int(pruned):
        return _everything(conn, viewer, everyone), newest
    me = None if everyone else _annotator_id(conn, viewer)
    done = set() if everyone else _done_by(conn, me)
    entries = []
    for r in rows:
        if r.origin == skip_origin:
            continue
        if everyone or r.kind in ch.SHARED or (r.kind in ch.OWN_WORK and r.owner_id == me) \
                or (r.kind in ch.REVIEW and r.document_pk in done):
            entries.append((r.kind, r.document_pk, r.owner_id))
    return written.changes_of(conn, dict.fromkeys(entries), complete=False), newest


def _everything(conn: Connection, viewer: str | None, everyone: bool) -> Changes:
    kinds = ch.KINDS if everyone else ch.SHARED | ch.OWN_WORK | ch.REVIEW
    docs = frozenset(conn.execute(select(T["documents"].c.id)).scalars())
    people = frozenset(conn.execute(select(T["annotators"].c.name)).scalars()) if everyone \
        else frozenset({viewer})
    return Changes(frozenset(kinds), docs, annotators=people, complete=False)


def _annotator_id(conn: Connection, name: str) -> int | None:
    a = T["annotators"]
    return conn.execute(select(a.c.id).where(a.c.name == name)).scalar()


def _role(conn: Connection, name: str) -> str | None:
    a = T["annotators"]
    return conn.execute(select(a.c.role).where(a.c.name == name)).scalar()


def _done_by(conn: Connection, annotator_id: int | None) -> set[int]:
    if annotator_id is None:
        return set()
    st = T["statuses"]
    return set(conn.execute(select(st.c.document_pk).where(
        st.c.annotator_id == annotator_id, st.c.status == DONE)).scalars())


class Watcher:
    """Tells cheaply whether anyone has committed to the project since the last look: a
    connection of its own that never writes (SQLite: `PRAGMA data_version`; PostgreSQL:
    LISTEN). A false alarm only costs one look at the journal."""

    def __init__(self, engine: Engine, target: str):
        self._sqlite = None
        self._pg = None
        self._version = None
        path = sqlite_path(target)
        if engine.dialect.name == "sqlite" and path is not None:
            self._sqlite = sqlite3.connect(str(path.absolute()), check_same_thread=False)
            self._version = self._data_version()
        elif engine.dialect.name == "postgresql":
            # a connection of its own, outside the pool: it stays in autocommit, listening
            cargs, cparams = engine.dialect.create_connect_args(engine.url)
            self._pg = engine.dialect.loaded_dbapi.connect(*cargs, **cparams)
            self._pg.autocommit = True
            self._pg.execute(f"LISTEN {CHANNEL}")

    def _data_version(self) -> int:
        return self._sqlite.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        if self._sqlite is not None:
            version = self._data_version()
            moved, self._version = version != self._version, version
            return moved
        if self._pg is not None:
            return bool(list(self._pg.notifies(timeout=0)))
        return True  # another backend: always look

    def close(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        if self._pg is not None:
            self._pg.close()
            self._pg = None
