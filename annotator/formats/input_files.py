"""Input files, read safely: regular files only, each type of file under a size limit, and
folder listings that never follow a link out of the folder being imported.

Why: a FIFO waits forever for a writer, /dev/zero (or a link to it) never ends, and a link
in a folder someone else prepared can import any file the user may read
(`passwd.txt -> /etc/passwd`). Size limits keep what a parser holds in memory a known
multiple of what it reads; they are per type of file (LIMITS, in MB) and the environment
variable ANNOTATOR_INPUT_LIMITS changes them: `html=50,jsonl=4096,html-tags=200000`.

A file name that is not valid UTF-8 (Linux allows any bytes) cannot become a document id
or be shown in a message as text: such a file, if it is one the import would read, is
refused with its name written with \\x escapes, so that the user can rename it.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.core.errors import InputError

LIMITS_ENV = "ANNOTATOR_INPUT_LIMITS"
MB = 1024 * 1024
# Type of file -> limit in MB (html-tags: a count). Each keeps its importer within about
# 3 GB of memory at the worst (measured multiples: README, "What an import refuses").
LIMITS: dict[str, float] = {
    "jsonl": 256,  # the interchange, doccano: up to 12x in memory when spans dominate
    "json": 256,  # Label Studio (9x), manifest.json
    "csv": 512,  # 6x
    "txt": 64,  # plain text, brat and SemEval texts
    "html": 10,  # trafilatura: 25x, and its time grows with the tags
    "html-tags": 50_000,  # a news page has a few thousand; 50,000 take ~5 CPU s
    "xmi": 64,  # .xmi and TypeSystem.xml: 6x (text) to 12x (spans)
    "ann": 128,  # brat annotations
    "tsv": 128,  # SemEval labels (.labels, .tsv)
    "other": 64,
}
SUFFIX_TYPES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
                ".txt": "txt", ".html": "html", ".htm": "html", ".xmi": "xmi",
                ".xml": "xmi", ".ann": "ann", ".labels": "tsv", ".tsv": "tsv"}


def limits() -> dict[str, float]:
    """LIMITS with the user's changes from ANNOTATOR_INPUT_LIMITS."""
    out = dict(LIMITS)
    setting = os.environ.get(LIMITS_ENV, "").strip()
    for item in filter(None, (p.strip() for p in setting.split(","))):
        name, _, value = item.partition("=")
        name = name.strip()
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if name not in out or not number > 0:
            raise InputError(f"{LIMITS_ENV}: {item!r} is not NAME=NUMBER with NAME one of "
                             f"{', '.join(LIMITS)} (sizes in MB)")
        out[name] = number
    return out


def limit(name: str) -> float:
    return limits()[name]


def type_of(path: Path, kind: str | None = None) -> str:
    """The type of file whose limit applies: the reader's own, else by extension."""
    return kind or SUFFIX_TYPES.get(path.suffix.lower(), "other")


def shown(path: Path | str) -> str:
    """A path as one line of text even when its name is not UTF-8 (bytes written as
    \\xNN) or holds a line break (written as Python writes it in a string)."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


# What a file name may not hold: control characters and line breaks would break a
# message's one line (the characters our own exports write as %XX: formats.common).
_BREAKS = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")
# What a name is shown without: also the C1 controls, which some terminals obey.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def check_name(path: Path) -> None:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("the file name is not valid UTF-8 (names become document ids and "
                         "messages, which are text): rename it", shown(path)) from None
    if _BREAKS.search(str(path)):
        raise InputError("the file name holds a line break or another control character: "
                         "rename it", shown(path))


def _mb(size: float) -> str:
    return f"{size / MB:,.1f} MB" if size >= MB / 10 else f"{size:,.0f} bytes"


def too_big(path: Path, size: int, kind: str) -> InputError:
    cap = limit(kind)
    return InputError(f"{_mb(size)}, over the {cap:g} MB limit for {kind} files (raise it "
                      f"with the environment variable {LIMITS_ENV}={kind}=MB)", shown(path))


def _what(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_file(path: Path, kind: str | None = None) -> None:
    """A regular file (links followed) within its type's size limit, or InputError."""
    check_name(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(_os_problem(exc), shown(path)) from None
    _check_stat(path, st, type_of(path, kind))


def _check_stat(path: Path, st: os.stat_result, kind: str) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{_what(st.st_mode)}, not a file: only regular files are read",
                         shown(path))
    if st.st_size > limit(kind) * MB:
        raise too_big(path, st.st_size, kind)


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    return f"cannot read: {exc.strerror or exc}"


def _open_checked(path: Path, kind: str) -> tuple[int, os.stat_result]:
    """A descriptor of the file, checked again once open, and what fstat says of it."""
    check_file(path, kind)
    try:
        # O_NONBLOCK: a FIFO swapped in after the check must not block the open
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise InputError(_os_problem(exc), shown(path)) from None
    try:
        st = os.fstat(fd)
        _check_stat(path, st, kind)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def read_lines(path: Path, kind: str | None = None) -> Iterator[bytes]:
    """The file's lines (split at b"\n" only, each with its b"\n"), read as they are used:
    the checks and the size limit of read_bytes, without the whole file in memory."""
    kind = type_of(path, kind)
    cap = int(limit(kind) * MB)
    fd, _st = _open_checked(path, kind)
    total = 0
    try:
        # a buffer of a megabyte: a line of a corpus is tens of kilobytes, which readline
        # joined from 8 KB reads (three times the time of reading it)
        with os.fdopen(fd, "rb", buffering=MB) as fh:
            # a line is read whole only while the limit allows: an endless line stops there
            while line := fh.readline(cap + 1 - total):
                total += len(line)
                if total > cap:  # it grew while being read
                    raise too_big(path, total, kind)
                yield line
    except OSError as exc:
        raise InputError(_os_problem(exc), shown(path)) from None


def read_bytes(path: Path, kind: str | None = None) -> bytes:
    """The whole file, if it is a regular file within its type's limit (`kind`, else
    told by the extension). A FIFO or device is refused before it is read from."""
    kind = type_of(path, kind)
    cap = int(limit(kind) * MB)
    fd, st = _open_checked(path, kind)
    try:
        with os.fdopen(fd, "rb", buffering=0) as fh:
            # read(n) allocates n bytes up front: ask for the size the file has (one
            # read may return less), then for more only while it grows, to the limit
            chunks: list[bytes] = []
            total = 0
            while total <= cap:
                chunk = fh.read(min(max(st.st_size + 1 - total, MB), cap + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError as exc:
        raise InputError(_os_problem(exc), shown(path)) from None
    if len(data) > cap:  # it grew while being read
        raise too_big(path, len(data), kind)
    return data


# ---------------------------------------------------------------- folders

# What folder listings left out (links out of the folder, FIFOs, ...), for the import to
# report. A context variable rather than a return value, so that every reader's listing
# reports through the one helper without each reader passing a list around; it is per
# thread, so an import in the GUI's worker thread collects its own.
_skipped: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "skipped_inputs", default=None)


@contextlib.contextmanager
def collecting_skips() -> Iterator[dict[str, str]]:
    """Collects {path: why} for every file a listing left out, while in the block."""
    found: dict[str, str] = {}
    token = _skipped.set(found)
    try:
        yield found
    finally:
        _skipped.reset(token)


def _skip(path: Path, why: str) -> None:
    found = _skipped.get()
    if found is not None:
        found.setdefault(shown(path), why)


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _link(path: Path, real_root: str) -> tuple[os.stat_result | None, str | None]:
    """What a link leads to (None if nothing), and why it is not to be followed (None if
    it may be: it stays inside `real_root` and is not a folder)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return None, ("a broken link" if isinstance(exc, FileNotFoundError)
                      else _os_problem(exc))
    target = os.path.realpath(path)
    if stat.S_ISDIR(st.st_mode):
        where = "" if _inside(target, real_root) else f" outside, {shown(target)}"
        return st, f"a link to a folder{where}: not followed"
    if not _inside(target, real_root):
        return st, (f"a link to {shown(target)}, outside the folder being imported: "
                    "not followed")
    return st, None


def files_in(folder: Path, want: Callable[[str], bool], depth: int | None = 0,
             root: Path | None = None) -> list[Path]:
    """The regular files in `folder` whose names `want`, sorted; with `depth`, also in
    subfolders that many levels down (None: all), hidden ones (".name") excepted.

    Links are followed only when they stay inside `root` (default: `folder`) and never
    into folders; links out, broken links and non-files (FIFOs, devices) are left out
    and reported through `collecting_skips`. A folder that cannot be read, or a wanted
    file whose name is not UTF-8, is refused with InputError.
    """
    real_root = os.path.realpath(root if root is not None else folder)
    out: list[Path] = []
    todo = [(folder, 0)]
    while todo:
        current, level = todo.pop()
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            raise InputError(f"cannot read this folder: {exc.strerror or exc}",
                             shown(current)) from None
        for entry in entries:
            path = current / entry.name
            wanted = want(entry.name)
            descend = (depth is None or level < depth) and not entry.name.startswith(".")
            try:
                linked = entry.is_symlink()
                st = None if linked else entry.stat(follow_symlinks=False)
            except OSError:
                continue  # gone since the listing
            if linked:
                if not (wanted or descend):
                    continue
                st, why = _link(path, real_root)
                if why is not None:
                    is_dir = st is not None and stat.S_ISDIR(st.st_mode)
                    if descend if is_dir else wanted:
                        _skip(path, why)
                    continue
            if stat.S_ISDIR(st.st_mode):
                if descend:
                    todo.append((path, level + 1))
                continue
            if not wanted:
                continue
            check_name(path)
            if not stat.S_ISREG(st.st_mode):
                _skip(path, f"{_what(st.st_mode)}, not a file")
                continue
            out.append(path)
    return sorted(out)


def file_beside(folder: Path, name: str) -> Path | None:
    """`folder / name` if it is a regular file there (a link only if it stays in the
    folder), else None: for side files such as a manifest or a type system."""
    path = folder / name
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(_os_problem(exc), shown(path)) from None
    if stat.S_ISLNK(st.st_mode):
        st, why = _link(path, os.path.realpath(folder))
        if why is not None:
            _skip(path, why)
            return None
    if not stat.S_ISREG(st.st_mode):
        _skip(path, f"{_what(st.st_mode)}, not a file")
        return None
    return path
