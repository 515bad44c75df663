"""`-o` never costs the user anything: not the project, not what is at the path, not a
traceback. Every command that writes an output goes through one check and one writer
(annotator/services/output.py), so each case runs against all of them."""

from __future__ import annotations

import os
import select
import shlex
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from annotator.cli import main

ROOT = Path(__file__).resolve().parents[2]
TEXT = "The sham election gave Putin a fifth term in office, critics said."

# What each command writes to OUT (the project is DB).
COMMANDS = {
    "export-jsonl": ["export", "DB", "-o", "OUT"],
    "export-csv": ["export", "DB", "-f", "csv", "-o", "OUT"],
    "agreement-json": ["agreement", "DB", "--bootstrap", "0", "-f", "json", "-o", "OUT"],
    "agreement-csv": ["agreement", "DB", "--bootstrap", "0", "-f", "csv", "-o", "OUT"],
    "agreement-html": ["agreement", "DB", "--bootstrap", "0", "-f", "html", "-o", "OUT"],
    "decisions-csv": ["adjudicate", "DB", "--decisions-csv", "OUT"],
    "auto-then-decisions": ["adjudicate", "DB", "--auto", "majority", "--reviewer", "dana",
                            "--decisions-csv", "OUT"],
    "compare-json": ["compare", "DB", "-f", "json", "-o", "OUT"],
    "compare-csv": ["compare", "DB", "-f", "csv", "-o", "OUT"],
    "compare-html": ["compare", "DB", "-f", "html", "-o", "OUT"],
}


def argv(command: str, db, out) -> list[str]:
    return [{"DB": str(db), "OUT": os.fspath(out)}.get(a, a) for a in COMMANDS[command]]


@pytest.fixture
def db(tmp_path, write_jsonl, capsys):
    """Two annotators who agree on a span (so `--auto` would change the project)."""
    spans = [{"annotator": a, "start": 4, "end": 8, "label": "Word choice"}
             for a in ("alice", "bob")]
    data = write_jsonl({"id": "d", "text": TEXT, "annotations": spans,
                        "status": {"alice": "done", "bob": "done"}}, name="data.jsonl")
    path = tmp_path / "p.db"
    assert main(["init", str(path)]) == 0
    assert main(["import", str(path), str(data)]) == 0
    data.unlink()
    capsys.readouterr()
    return path


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under `folder`: a file's bytes and mode, a link's target, a kind."""
    out: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        key = str(path.relative_to(folder))
        if stat.S_ISLNK(st.st_mode):
            out[key] = ("link", os.readlink(path))
        elif stat.S_ISREG(st.st_mode):
            out[key] = ("file", path.read_bytes(), stat.S_IMODE(st.st_mode))
        else:
            out[key] = (stat.S_IFMT(st.st_mode), st.st_rdev)
    return out


def refused(capsys, args) -> str:
    capsys.readouterr()
    status = main(args)
    err = capsys.readouterr().err
    assert status == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert "unexpected error" not in err
    return err.strip()


# ---------------------------------------------------------------- the project is never an output

def _victims(db: Path) -> dict[str, tuple[str, Path | str]]:
    """(the project as given, the output) pairs that all name one of the project's files."""
    folder = db.parent
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "link.jsonl").symlink_to(db)
    os.link(db, folder / "hard.db")
    backup = folder / f"{db.name}.schema-0001.20250101-000000.bak"
    shutil.copyfile(db, backup)
    return {
        "itself": (str(db), db),
        "relative": (str(db), "p.db"),
        "dot-dot": (str(db), "sub/../p.db"),
        "symlink": (str(db), folder / "link.jsonl"),
        "hard link": (str(db), folder / "hard.db"),
        "url": (f"sqlite:///{db}", db),
        "relative url": ("sqlite:///p.db", "./p.db"),
        "wal": (str(db), f"{db}-wal"),
        "shm": (str(db), f"{db}-shm"),
        "journal": (str(db), f"{db}-journal"),
        "backup": (str(db), backup),
    }


VICTIMS = ["itself", "relative", "dot-dot", "symlink", "hard link", "url", "relative url",
           "wal", "shm", "journal", "backup"]


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("victim", VICTIMS)
def test_an_output_naming_the_project_or_its_files_is_refused(db, tmp_path, capsys,
                                                              monkeypatch, command, victim):
    monkeypatch.chdir(tmp_path)
    project, out = _victims(db)[victim]
    before = snapshot(tmp_path)
    err = refused(capsys, argv(command, project, out))
    assert "refusing to write over it" in err and ("project" in err)
    assert snapshot(tmp_path) == before  # byte-identical, nothing added, --auto not run


# ---------------------------------------------------------------- what is at the path stays

def make_node(path: Path, kind: int, major: int, minor: int) -> None:
    try:
        os.mknod(path, kind | 0o666, os.makedev(major, minor))
    except PermissionError:
        pytest.skip("making a device node needs root (CAP_MKNOD)")


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_device_is_written_into_never_replaced(db, tmp_path, capsys, command):
    null = tmp_path / "null"  # a private /dev/null: the real one must never be at risk
    make_node(null, stat.S_IFCHR, 1, 3)
    before = null.lstat()
    assert main(argv(command, db, null)) == 0, capsys.readouterr().err
    after = null.lstat()
    assert (after.st_ino, after.st_mode, after.st_rdev) == (
        before.st_ino, before.st_mode, before.st_rdev)
    assert stat.S_ISCHR(after.st_mode)


@pytest.mark.parametrize("command", ["export-jsonl", "agreement-html", "decisions-csv"])
def test_a_full_disk_is_a_plain_refusal(db, tmp_path, capsys, command):
    full = tmp_path / "full"  # /dev/full: every write ends in ENOSPC
    make_node(full, stat.S_IFCHR, 1, 7)
    err = refused(capsys, argv(command, db, full))
    assert "No space left on device" in err
    assert stat.S_ISCHR(full.lstat().st_mode)


def test_a_block_device_is_refused(db, tmp_path, capsys):
    disk = tmp_path / "disk"
    make_node(disk, stat.S_IFBLK, 7, 0)
    assert "block device" in refused(capsys, argv("export-jsonl", db, disk))
    assert stat.S_ISBLK(disk.lstat().st_mode)


class FifoReader:
    """Reads a FIFO from before the writer comes until the writer closes it."""

    def __init__(self, path: Path):
        self.fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        self.data = bytearray()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._pump, daemon=True)
        self.thread.start()

    def _pump(self) -> None:
        poll = select.poll()
        poll.register(self.fd, select.POLLIN | select.POLLHUP)
        # Linux reports POLLHUP on a FIFO only after a writer has come and gone.
        while not self.stop.is_set():
            if not poll.poll(50):
                continue
            chunk = os.read(self.fd, 65536)
            if not chunk:
                return
            self.data += chunk

    def result(self, writer_done: bool) -> bytes:
        if not writer_done:
            self.stop.set()
        self.thread.join()
        os.close(self.fd)
        return bytes(self.data)


@pytest.mark.parametrize("command", ["export-jsonl", "export-csv", "agreement-json",
                                     "decisions-csv"])
def test_a_fifo_someone_reads_gets_the_output(db, tmp_path, capsys, command):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = FifoReader(fifo)
    status = main(argv(command, db, fifo))
    still_fifo = stat.S_ISFIFO(fifo.lstat().st_mode)
    got = reader.result(writer_done=status == 0 and still_fifo)
    assert status == 0, capsys.readouterr().err
    assert still_fifo
    plain = tmp_path / "plain.out"
    assert main(argv(command, db, plain)) == 0
    assert got == plain.read_bytes() and got


def test_a_fifo_nobody_reads_is_refused_at_once(db, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "nobody is reading" in refused(capsys, argv("export-jsonl", db, fifo))
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("command", ["export-jsonl", "agreement-csv", "decisions-csv"])
def test_a_symlink_is_written_through_and_stays(db, tmp_path, capsys, command):
    real = tmp_path / "data" / "real.out"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "latest.out"
    link.symlink_to(Path("data") / "real.out")
    assert main(argv(command, db, link)) == 0, capsys.readouterr().err
    assert link.is_symlink() and os.readlink(link) == str(Path("data") / "real.out")
    assert real.read_text(encoding="utf-8") != "old"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.out"]


def test_a_symlink_to_nothing_is_refused(db, tmp_path, capsys):
    link = tmp_path / "dangling.jsonl"
    link.symlink_to(tmp_path / "nowhere" / "x.jsonl")
    before = snapshot(tmp_path)
    assert "does not exist" in refused(capsys, argv("export-jsonl", db, link))
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", ["export-jsonl", "agreement-html", "decisions-csv"])
def test_a_replaced_file_keeps_its_permissions(db, tmp_path, capsys, command):
    out = tmp_path / "out.file"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    assert main(argv(command, db, out)) == 0
    assert out.read_text(encoding="utf-8") != "old"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("command", ["export-jsonl", "agreement-json", "decisions-csv"])
def test_the_users_partial_file_and_folder_are_not_touched(db, tmp_path, capsys, command):
    (tmp_path / ".out.file.partial").write_text("mine", encoding="utf-8")
    (tmp_path / ".out.partial").mkdir()
    (tmp_path / ".out.partial" / "notes.txt").write_text("mine too", encoding="utf-8")
    before = snapshot(tmp_path)
    assert main(argv(command, db, tmp_path / "out.file")) == 0
    after = snapshot(tmp_path)
    assert set(after) == set(before) | {"out.file"}
    assert {k: after[k] for k in before} == before


def test_a_folder_format_fills_an_empty_folder_which_stays_the_same(db, tmp_path, capsys,
                                                                  monkeypatch):
    folder = tmp_path / "brat"
    folder.mkdir()
    inode = folder.stat().st_ino
    assert main(["export", str(db), "-f", "brat", "-o", str(folder)]) == 0
    assert folder.stat().st_ino == inode
    names = sorted(p.name for p in folder.iterdir())
    assert {"d.ann", "d.txt"} <= set(names) and not any(".partial" in n for n in names)
    here = tmp_path / "empty"
    here.mkdir()
    monkeypatch.chdir(here)
    assert main(["export", str(db), "-f", "brat", "-o", "."]) == 0
    assert sorted(p.name for p in here.iterdir()) == names


# ---------------------------------------------------------------- what the system refuses

@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", ["missing folder", "parent is a file", "dot",
                                  "name too long"])
def test_impossible_outputs_are_plain_refusals(db, tmp_path, capsys, monkeypatch, command,
                                               case):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    out = {"missing folder": tmp_path / "no" / "such" / "out.x",
           "parent is a file": tmp_path / "afile" / "out.x",
           "dot": ".",
           "name too long": tmp_path / ("x" * 300 + ".out")}[case]
    before = snapshot(tmp_path)
    err = refused(capsys, argv(command, db, out))
    assert {"missing folder": "does not exist", "parent is a file": "is a file, not a folder",
            "dot": "is a folder", "name too long": "longer than the file system allows"
            }[case] in err
    assert snapshot(tmp_path) == before


def private_mount(setup: str, args: list[str], after: str = "") -> subprocess.CompletedProcess:
    """`annotator args` in a mount namespace of its own, after the shell commands `setup`
    (which mount a read-only folder or a small file system: as root, permission bits stop
    no writes). `after` runs there too, before the mounts vanish."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is not installed")
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "true"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("no private mount namespace here (unshare needs CAP_SYS_ADMIN): "
                    + probe.stderr.strip())
    command = shlex.join([sys.executable, "-m", "annotator", *args])
    script = f"set -e; {setup}; set +e; {command}; status=$?; {after or 'true'}; exit $status"
    return subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                           script], cwd=ROOT, capture_output=True, text=True, timeout=300)


def assert_plain(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if not ln.startswith("LEFT:")]
    assert len(lines) == 1 and "unexpected" not in proc.stderr, proc.stderr
    return lines[0]


@pytest.mark.parametrize("command", ["export-jsonl", "agreement-html", "decisions-csv"])
def test_a_read_only_folder_is_a_plain_refusal(db, tmp_path, command):
    folder = tmp_path / "ro"
    folder.mkdir()
    q = shlex.quote(str(folder))
    proc = private_mount(f"mount --bind {q} {q}; mount -o remount,bind,ro {q}",
                         argv(command, db, folder / "out.x"))
    assert "read-only" in assert_plain(proc)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("args", [["-f", "jsonl"], ["-f", "brat"]], ids=["file", "folder"])
def test_a_disk_that_fills_up_is_a_plain_refusal(tmp_path, args):
    db = tmp_path / "big.db"
    assert main(["init", str(db)]) == 0
    from annotator.services.project import SEEDS

    assert main(["import", str(db), str(SEEDS)]) == 0
    folder = tmp_path / "small"
    folder.mkdir()
    q = shlex.quote(str(folder))
    proc = private_mount(f"mount -t tmpfs -o size=16k tmpfs {q}",
                         ["export", str(db), *args, "-o", str(folder / "out")],
                         after=f"echo LEFT: $(ls -A {q}) >&2")
    assert "No space left on device" in assert_plain(proc)
    assert "LEFT:" in proc.stderr.splitlines()  # nothing left in the full file system


def test_a_read_only_project_is_a_plain_refusal_when_importing(db, tmp_path, write_jsonl):
    data = write_jsonl({"id": "new", "text": "A new article."}, name="new.jsonl")
    before = db.read_bytes()
    q = shlex.quote(str(db))
    proc = private_mount(f"mount --bind {q} {q}; mount -o remount,bind,ro {q}",
                         ["import", str(db), str(data)])
    assert "read-only" in assert_plain(proc)
    assert db.read_bytes() == before


def test_names_that_are_not_utf8(tmp_path, capsys, write_jsonl):
    db = Path(os.fsdecode(bytes(tmp_path) + b"/proj\xff.db"))
    data = write_jsonl({"id": "d", "text": TEXT, "annotations": [
        {"annotator": a, "start": 4, "end": 8, "label": "Word choice"}
        for a in ("alice", "bob")]})
    assert main(["init", str(db)]) == 0
    assert main(["import", str(db), str(data)]) == 0
    for i, command in enumerate(["export-jsonl", "agreement-html", "decisions-csv"]):
        out = Path(os.fsdecode(bytes(tmp_path) + b"/out\xfe%d" % i))
        capsys.readouterr()
        assert main(argv(command, db, out)) == 0, capsys.readouterr().err
        assert "\\xfe" in capsys.readouterr().out  # the name as it can be printed
        assert os.path.exists(os.fsencode(out))
    assert b"proj\\xff" in Path(os.fsdecode(bytes(tmp_path) + b"/out\xfe1")).read_bytes()


def test_an_unexpected_error_is_one_line_whatever_the_arguments(capsys, monkeypatch):
    from annotator.cli.errors import log_path, run_guarded

    def buggy(args):
        raise RuntimeError("first line\n[SQL: SELECT 1]\n(Background on this error)")

    monkeypatch.setattr(sys, "argv", ["annotator", "export", os.fsdecode(b"\xff.db")])
    assert run_guarded(buggy, None) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "first line" in err, err
    assert "[SQL" in log_path().read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["export-csv", "agreement-csv", "decisions-csv",
                                     "compare-csv"])
def test_dev_stdout_gets_the_data_and_nothing_else(db, tmp_path, capsys, command):
    plain = tmp_path / "plain.out"
    assert main(argv(command, db, plain)) == 0
    proc = subprocess.run([sys.executable, "-m", "annotator",
                           *argv(command, db, "/dev/stdout")],
                          cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == plain.read_bytes()
    assert b"Wrote" in proc.stderr  # the summary went to standard error
