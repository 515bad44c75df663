"""Writing a file or folder the user named (`-o`, a save dialog): checked before any work,
written under a unique temporary name beside it and moved into place when complete, so
that a refusal, a failure or a cancel leaves nothing behind and an older file as it was.

What is at the path is never lost by mistake:
- the project's own files are refused however they are named (a relative path, a
  symlink, a hard link, the path inside an ``sqlite:///`` URL): the project, its -wal,
  -shm and -journal, and the backups made before a schema upgrade;
- what is not a regular file is never replaced by one: a character device (``/dev/null``)
  or a FIFO is written into (a FIFO only while someone reads it); a block device, a
  socket, or a folder given for a file is refused;
- a symlink is written through, as ``cp`` and ``sort -o`` do: its target gets the new
  content and the link stays; a symlink to nothing is refused;
- an existing file keeps its permissions (read, write, execute) and its owner
  (where we may set it);
- a per-document format fills an existing empty folder, which stays the same folder
  (``-o .`` in an empty folder works); a folder with anything in it is refused.
Whatever the operating system refuses (a missing or read-only folder, a full disk, a name
too long) is reported in one line naming the output.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from annotator.core.errors import InputError
from annotator.store.sqlite_file import role_of, sqlite_path

T = TypeVar("T")

NEW, FILE, FOLDER, STREAM = "new", "file", "folder", "stream"


@dataclass(frozen=True)
class Target:
    """A checked output: `shown` as the user gave it, `path` where it goes (a symlink's
    target), `kind` what is there now (NEW, FILE, FOLDER or STREAM)."""

    shown: str
    path: Path
    kind: str
    mode: int | None = None
    owner: tuple[int, int] | None = None


def check(out: str | os.PathLike, *, project: str | None = None, folder: bool = False
          ) -> Target:
    """Refuse, before any work, an output that cannot or must not be written.

    `project`: the open project's target, whose files are refused. `folder`: the output
    is a folder (a per-document format), else a file. Raises InputError.
    """
    shown = os.fspath(out)
    if not shown:
        raise InputError("no output given: name a file to write")
    path = Path(shown)
    if project is not None:
        _refuse_project_files(path, project, shown)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise InputError(f"cannot write {shown}: {_file_in_the_way(path.parent)} is a file, "
                         "not a folder") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise InputError(f"cannot write {shown}: the name is longer than the file "
                             "system allows") from None
        raise _cannot(shown, exc) from None
    if st is None:
        if os.path.islink(path):
            raise InputError(f"{shown} is a symbolic link to {os.readlink(path)}, which "
                             "does not exist; give the file itself or another name")
        real = Path(os.path.realpath(path))
        _check_folder(real.parent, shown)
        _check_name(real, shown)
        return Target(shown, real, NEW)
    mode = st.st_mode
    if stat.S_ISREG(mode):
        if folder:
            raise InputError(f"{shown} is a file; this format writes a folder: give a new "
                             "folder name")
        real = Path(os.path.realpath(path))
        _check_folder(real.parent, shown)
        return Target(shown, real, FILE, mode & 0o777, (st.st_uid, st.st_gid))
    if stat.S_ISDIR(mode):
        if not folder:
            raise InputError(f"{shown} is a folder; give a file name")
        real = Path(os.path.realpath(path))
        _check_folder(real, shown)
        try:
            used = any(real.iterdir())
        except OSError as exc:
            raise _cannot(shown, exc) from None
        if used:  # never mix an export into a folder of the user's
            raise InputError(f"{shown} is a folder that is not empty; give a new folder "
                             "name or an empty folder")
        return Target(shown, real, FOLDER)
    if stat.S_ISBLK(mode):
        raise InputError(f"{shown} is a block device (a disk); refusing to write to it")
    if stat.S_ISSOCK(mode):
        raise InputError(f"{shown} is a socket; give a file name")
    if folder:
        raise InputError(f"{shown} is a {_kind(mode)}; this format writes a folder: give a "
                         "new folder name")
    # A character device or a FIFO: written into, never replaced (opened through the
    # name given, which also follows /dev/stdout's link to this process's own output).
    return Target(shown, path, STREAM)


def write(out: str | os.PathLike, fill: Callable[[Path], T], *, project: str | None = None,
          folder: bool = False) -> T:
    """`fill(path)` writes the output at a temporary path; it is then moved to `out`.

    Returns what `fill` returns. The checks of `check` run again first (what is at `out`
    may have changed since). Nothing is left behind when `fill` raises (an InputError, a
    cancel) or the system refuses (an OSError, reported as InputError).
    """
    target = check(out, project=project, folder=folder)
    if target.kind == STREAM:
        return _write_stream(target, fill)
    work = _work_folder(target.path if target.kind == FOLDER else target.path.parent,
                        target)
    try:
        tmp = work / target.path.name
        result = fill(tmp)
        _place(target, tmp, work)
        return result
    except OSError as exc:
        raise _cannot(target.shown, exc) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------- the checks

def _refuse_project_files(path: Path, project: str, shown: str) -> None:
    own = sqlite_path(project)
    if own is None:
        return
    role = role_of(own, path)
    if role is not None:
        raise InputError(f"{shown} is {role}; refusing to write over it: give another "
                         "output name")


def _check_folder(folder: Path, shown: str) -> None:
    """The folder the output goes in exists, is a folder, and can be written in."""
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        blocker = _file_in_the_way(folder)
        if blocker is not None:
            raise InputError(f"cannot write {shown}: {blocker} is a file, not a folder"
                             ) from None
        raise InputError(f"cannot write {shown}: the folder {folder} does not exist; "
                         "create it first") from None
    except NotADirectoryError:
        raise InputError(f"cannot write {shown}: {_file_in_the_way(folder)} is a file, "
                         "not a folder") from None
    except OSError as exc:
        raise _cannot(shown, exc) from None
    if not stat.S_ISDIR(st.st_mode):
        raise InputError(f"cannot write {shown}: {folder} is a file, not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        why = ("is on a read-only file system"
               if os.statvfs(folder).f_flag & os.ST_RDONLY else "is not writable")
        raise InputError(f"cannot write {shown}: the folder {folder} {why}")


def _file_in_the_way(folder: Path) -> Path | None:
    for ancestor in (folder, *folder.parents):
        if os.path.lexists(ancestor):
            return None if os.path.isdir(ancestor) else ancestor
    return None


def _check_name(path: Path, shown: str) -> None:
    try:
        limit = os.pathconf(path.parent, "PC_NAME_MAX")
    except (OSError, ValueError):
        return
    if len(os.fsencode(path.name)) > limit:
        raise InputError(f"cannot write {shown}: the name is longer than the file system "
                         f"allows ({len(os.fsencode(path.name)):,} bytes; at most {limit})")


def _kind(mode: int) -> str:
    return "FIFO" if stat.S_ISFIFO(mode) else "device"


def _cannot(shown: str, exc: OSError) -> InputError:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return InputError(f"cannot write {shown}: {reason}; nothing was written")


# ---------------------------------------------------------------- the writing

def _work_folder(parent: Path, target: Target) -> Path:
    """A new private folder for the temporary output, under a name no one else has
    (a user's own ``.NAME.partial`` is never touched)."""
    stem = target.path.name[:40]
    while True:
        work = parent / f".{stem}.{secrets.token_hex(6)}.partial"
        try:
            os.mkdir(work, 0o700)
            return work
        except FileExistsError:
            continue
        except OSError as exc:
            raise _cannot(target.shown, exc) from None


def _place(target: Target, tmp: Path, work: Path) -> None:
    if target.kind == FOLDER:
        _fill_folder(target, tmp, work)
        return
    try:
        now = os.lstat(target.path)
    except FileNotFoundError:
        now = None
    if target.kind == NEW and now is not None:
        raise InputError(f"{target.shown} appeared while the output was being written; "
                         "it was left as it is and nothing was written")
    if target.kind == FILE:
        if now is None or not stat.S_ISREG(now.st_mode):
            raise InputError(f"{target.shown} changed while the output was being written; "
                             "it was left as it is and nothing was written")
        os.chmod(tmp, target.mode)
        if target.owner is not None:
            # Only root may give a file away; the mode is kept regardless.
            with contextlib.suppress(OSError):
                os.chown(tmp, *target.owner)
    os.replace(tmp, target.path)


def _fill_folder(target: Target, tmp: Path, work: Path) -> None:
    if {p.name for p in target.path.iterdir()} != {work.name}:
        raise InputError(f"{target.shown} is no longer empty; nothing was written")
    moved = []
    try:
        for entry in sorted(tmp.iterdir()):
            dest = target.path / entry.name
            os.rename(entry, dest)
            moved.append(dest)
    except BaseException:
        for dest in moved:
            if dest.is_dir() and not dest.is_symlink():
                shutil.rmtree(dest, ignore_errors=True)
            else:
                dest.unlink(missing_ok=True)
        raise


def _write_stream(target: Target, fill: Callable[[Path], T]) -> T:
    with tempfile.TemporaryDirectory(prefix="annotator-output-") as work:
        tmp = Path(work) / (target.path.name or "output")
        try:
            result = fill(tmp)
            fd = _open_stream(target)
            with os.fdopen(fd, "wb") as dst, open(tmp, "rb") as src:
                shutil.copyfileobj(src, dst)
        except OSError as exc:
            raise _cannot(target.shown, exc) from None
    return result


def _open_stream(target: Target) -> int:
    # Without O_CREAT or O_TRUNC nothing can be made or emptied by this open; without
    # blocking, a FIFO nobody reads is refused instead of waiting forever.
    flags = os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    try:
        fd = os.open(target.path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InputError(f"cannot write {target.shown}: nobody is reading this FIFO; "
                             "start the reader first") from None
        raise
    st = os.fstat(fd)
    if stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        os.close(fd)
        raise InputError(f"{target.shown} changed while the output was being written; it "
                         "was left as it is and nothing was written")
    os.set_blocking(fd, True)
    return fd
