"""An SQLite project file before anything opens it for writing: what it holds, read
without changing a byte, and which names beside it belong to it.

Opening a database with our settings changes it (``journal_mode=WAL`` rewrites the header,
the schema is created or upgraded), so a file is first read here through a read-only
connection and only a file that is ours (our tables and a schema revision this version
knows, or nothing at all when a project is being created) goes further.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from annotator.core.errors import ProjectError

HEADER = b"SQLite format 3\x00"
# The files SQLite keeps beside a database; writing over one corrupts the project.
COMPANIONS = ("-wal", "-shm", "-journal")
# Tables every revision of our schema has (with alembic_version): a database with other
# tables and no alembic_version, or an Alembic database without these, is someone else's.
OUR_TABLES = frozenset({"documents", "annotators", "labels", "spans"})
BUSY_TIMEOUT_S = 30
# Below this, SQLite may fail to grow the write-ahead log on the next write.
FREE_SPACE_FLOOR = 1 << 20
_URL_RE = re.compile(r"^[a-z][a-z0-9+]*://", re.IGNORECASE)


def is_url(target: str) -> bool:
    return bool(_URL_RE.match(target))


def sqlite_path(target: str) -> Path | None:
    """The file behind a target, or None for a server URL or an in-memory database."""
    if not is_url(target):
        return Path(target)
    from sqlalchemy.engine import make_url  # a URL only: a file's start loads no SQLAlchemy

    url = make_url(target)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database)
    return None


def read_only_file(path: Path) -> bool:
    """Whether the file exists and this process may not write it. SQLite opens such a
    file read-only without a word, and in WAL mode it even grants the write lock
    (BEGIN IMMEDIATE), so the lock alone does not tell."""
    return path.exists() and not os.access(path, os.W_OK)


def free_space(path: Path | None) -> int | None:
    """Bytes free on the disk holding the file at `path` (None when unknown)."""
    if path is None:
        return None
    try:
        return shutil.disk_usage(path.absolute().parent).free
    except OSError:
        return None


def disk_full(path: Path | None) -> bool:
    free = free_space(path)
    return free is not None and free < FREE_SPACE_FLOOR


def backup_name(project: Path, revision: str, stamp: str) -> Path:
    """Where the copy made before a schema upgrade goes."""
    return project.with_name(f"{project.name}.schema-{revision}.{stamp}.bak")


def role_of(project: Path, candidate: Path) -> str | None:
    """What `candidate` is to the SQLite project at `project` ("the project itself", "its
    write-ahead log", ...), or None when it is none of its files. Both paths are compared
    as the file system resolves them (symlinks, "..", hard links to the same file)."""
    real_project = Path(os.path.realpath(project))
    real = Path(os.path.realpath(candidate))
    if real == real_project or _same_file(real, real_project):
        return "the project itself"
    if real.parent != real_project.parent:
        return None
    name = real_project.name
    for suffix, what in zip(COMPANIONS, ("write-ahead log", "shared-memory index",
                                         "rollback journal"), strict=True):
        if real.name == name + suffix:
            return f"the project's {what}"
    if re.fullmatch(re.escape(name) + r"\.schema-[^/]*\.bak", real.name):
        return "a backup of the project made before a schema upgrade"
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@dataclass(frozen=True)
class Found:
    """What a project path holds: ``missing``, ``blank`` (an empty file, or an SQLite
    database without tables) or ``ours`` (at schema ``revision``)."""

    kind: str
    revision: str | None = None


def examine(path: Path, target: str, known: tuple[str, ...]) -> Found:
    """What the file at `path` is, read without writing to it.

    Raises ProjectError, the file left as it was, for what is not a project: a folder, a
    FIFO or device, a file that is not SQLite, another program's database, one written by
    a newer version (a revision not in `known`), one that cannot be read.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return Found("missing")
    except OSError as exc:
        raise ProjectError(f"{target}: cannot open it ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise ProjectError(f"{target} is a folder, not a project file")
    if not stat.S_ISREG(st.st_mode):
        raise ProjectError(f"{target} is not a regular file (a FIFO, socket or device), "
                           "so not a project")
    if st.st_size == 0:
        return Found("blank")
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(HEADER))
    except OSError as exc:
        raise ProjectError(f"{target}: cannot read it ({exc.strerror})") from None
    if head != HEADER:
        raise ProjectError(f"{target} is not an SQLite database, so not an annotator "
                           "project; it was left untouched")
    tables, revision = _read_schema(path, target)
    if not tables:
        return Found("blank")
    if "alembic_version" not in tables or not OUR_TABLES.issubset(tables):
        shown = ", ".join(sorted(tables)[:6]) + (", …" if len(tables) > 6 else "")
        raise ProjectError(f"{target} is another program's SQLite database (tables: "
                           f"{shown}), not an annotator project; it was left untouched")
    if revision not in known:
        raise newer_version(target, revision, known[-1])
    return Found("ours", revision)


def newer_version(target: str, revision: str | None, head: str) -> ProjectError:
    return ProjectError(
        f"{target} was written by a newer version of the annotator (schema {revision}; "
        f"this version knows up to {head}). Update the annotator to open it; "
        "the file was left untouched.")


def read_only_uri(path: Path) -> str:
    """A URI that opens `path` read-only; any bytes in the name (not only UTF-8) work."""
    return "file:" + quote(os.fsencode(os.path.abspath(path))) + "?mode=ro"


def _read_schema(path: Path, target: str) -> tuple[set[str], str | None]:
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise _unreadable(path, target, exc) from None
    try:
        tables = {r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = None if row is None else str(row[0])
        return tables, revision
    except sqlite3.Error as exc:
        raise _unreadable(path, target, exc) from None
    finally:
        con.close()


def _unreadable(path: Path, target: str, exc: sqlite3.Error) -> ProjectError:
    folder = path.absolute().parent
    if not os.access(folder, os.W_OK):
        # SQLite keeps a project's -wal and -shm files beside it, even to read it.
        return ProjectError(f"{target}: cannot open the project: its folder {folder} is "
                            "read-only (the annotator keeps its -wal and -shm files beside "
                            "the project)")
    if disk_full(path):
        # SQLite cannot make the -shm file either: it says "disk I/O error"
        return ProjectError(f"the disk holding {target} is full, so the project cannot "
                            "even be read. Free some space and open it again")
    return ProjectError(f"{target}: cannot read the database ({exc})")
