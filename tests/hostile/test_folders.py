"""Folder imports read the folder's own regular files: a link out of it is not followed
(and the import says so), FIFOs are left out, a name that is not UTF-8 or a folder that
cannot be read is refused in one plain line with the database unchanged."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from annotator.cli import main
from tests.hostile import limited
from tests.hostile.corpus import TYPESYSTEM, xmi_text
from tests.refusal import assert_refused

SECRET = "Secret\nroot:x:0:0:root:/root:/bin/bash\n"


def doc_ids(db: Path) -> set[str]:
    from annotator.services.project import open_project
    from annotator.services.reading import documents

    with open_project(db) as project:
        return {d.id for d in documents(project, None)}


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder beside the one imported, holding what a link could reach."""
    out = tmp_path / "outside"
    out.mkdir()
    (out / "secret.txt").write_text(SECRET, encoding="utf-8")
    (out / "secret.ann").write_text("T1\tPolitical 0 6\tSecret\n", encoding="utf-8")
    (out / "article9.txt").write_text(SECRET, encoding="utf-8")
    (out / "TypeSystem.xml").write_text(TYPESYSTEM, encoding="utf-8")
    (out / "secret.xmi").write_text(xmi_text("Secret text", "0", "6"), encoding="utf-8")
    return out


def test_a_link_out_of_the_folder_is_not_followed_and_is_reported(db, tmp_path, outside,
                                                                   capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("Title\nA text.\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "secret.txt").symlink_to(outside / "secret.txt")
    (folder / "up.txt").symlink_to("../outside/secret.txt")
    (folder / "alias.txt").symlink_to("ok.txt")  # inside the folder: followed
    (folder / "broken.txt").symlink_to("nowhere.txt")
    capsys.readouterr()
    assert main(["import", str(db), str(folder)]) == 0
    out = capsys.readouterr().out
    assert doc_ids(db) == {"stored", "ok", "alias"}
    assert "Skipped 4 files:" in out
    assert f"{folder}/passwd.txt (a link to /etc/passwd, outside the folder" in out
    assert f"{folder}/secret.txt (a link to {outside}/secret.txt, outside" in out
    assert f"{folder}/up.txt (a link to {outside}/secret.txt" in out
    assert f"{folder}/broken.txt (a broken link)" in out


def _brat(folder: Path, outside: Path) -> None:
    (folder / "a.txt").write_text("Sham election.", encoding="utf-8")
    (folder / "a.ann").write_text("T1\tPolitical 0 4\tSham\n", encoding="utf-8")
    (folder / "lone.txt").symlink_to(outside / "secret.txt")
    (folder / "b.ann").symlink_to(outside / "secret.ann")


def _semeval(folder: Path, outside: Path) -> None:
    (folder / "article1.txt").write_text("Sham election.", encoding="utf-8")
    (folder / "labels.tsv").write_text("1\tPolitical\t0\t4\n", encoding="utf-8")
    (folder / "article9.txt").symlink_to(outside / "article9.txt")


def _xmi(folder: Path, outside: Path) -> None:
    (folder / "TypeSystem.xml").write_text(TYPESYSTEM, encoding="utf-8")
    (folder / "a.xmi").write_text(xmi_text("Sham election.", "0", "4"), encoding="utf-8")
    (folder / "b.xmi").symlink_to(outside / "secret.xmi")
    (folder / "sub").symlink_to(outside, target_is_directory=True)


@pytest.mark.parametrize("make, skipped", [
    (_brat, ["lone.txt", "b.ann"]),
    (_semeval, ["article9.txt"]),
    (_xmi, ["b.xmi", "sub"]),
], ids=["brat", "semeval", "xmi"])
def test_folder_formats_do_not_follow_links_out(db, tmp_path, outside, capsys, make, skipped):
    if make is _xmi:
        pytest.importorskip("cassis")
    folder = tmp_path / "in"
    folder.mkdir()
    make(folder, outside)
    capsys.readouterr()
    assert main(["import", str(db), str(folder), "--add-labels"]) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    assert len(doc_ids(db)) == 2  # what was stored, and the folder's one document
    for name in skipped:
        assert f"{folder}/{name} (a link" in out, out
    assert "Secret" not in out


def test_brats_configuration_is_not_read_through_a_link_out(db, tmp_path, outside, capsys):
    """annotation.conf and visual.conf are read as the folder's other files are: a link
    out of the folder is left out and reported, so an outside file names no label."""
    from annotator.services.project import open_project
    from annotator.services.reading import documents

    (outside / "visual.conf").write_text("[labels]\nPolitical | Secret label\n",
                                         encoding="utf-8")
    (outside / "annotation.conf").write_text(
        "[attributes]\nStance Arg:<ENTITY>, Value:Secret|other\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Sham election.", encoding="utf-8")
    (folder / "a.ann").write_text("T1\tPolitical 0 4\tSham\n", encoding="utf-8")
    for name in ("visual.conf", "annotation.conf"):
        (folder / name).symlink_to(outside / name)
    capsys.readouterr()
    assert main(["import", str(db), str(folder), "--add-labels"]) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    for name in ("visual.conf", "annotation.conf"):
        assert f"{folder}/{name} (a link to {outside}/{name}, outside" in out, out
    with open_project(db) as project:
        labels = [label.name for label in project.codebook.labels]
        assert "a" in {d.id for d in documents(project, None)}
    assert "Political" in labels and "Secret label" not in labels
    assert "Secret" not in out


def test_a_fifo_or_device_in_a_folder_is_left_out(db, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("Title\nA text.\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")  # out of the folder anyway
    done = limited.annotator("import", db, folder)
    assert done.returncode == 0, done.stderr
    assert f"{folder}/pipe.txt (a FIFO (named pipe), not a file)" in done.stdout
    assert f"{folder}/zero.txt (a link to /dev/zero, outside" in done.stdout
    assert doc_ids(db) == {"stored", "ok"}


# Linux allows any bytes in a name; such a name cannot become a document id.
BAD = b"b\xffd"


def _bad_path(folder: Path, suffix: str) -> Path:
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + BAD + suffix.encode()))


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".ann"])
def test_a_name_that_is_not_utf8_is_refused_plainly(db, tmp_path, capsys, suffix):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = _bad_path(folder, suffix)
    bad.write_text('{"id": "x", "text": "y"}\n' if suffix == ".jsonl" else "A text.\n",
                   encoding="utf-8")
    if suffix == ".ann":  # a brat folder
        _bad_path(folder, ".ann").write_text("", encoding="utf-8")
        _bad_path(folder, ".txt").write_text("A text.", encoding="utf-8")
    for given in (folder, bad):
        err = assert_refused(db, capsys, given)
        assert f"{folder}/b\\xffd" in err and "not valid UTF-8" in err, err


def test_a_name_with_a_line_break_is_refused_in_one_line(db, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "two\nlines.txt").write_text("A text.\n", encoding="utf-8")
    err = assert_refused(db, capsys, folder)
    assert f"{folder}/two\\nlines.txt: the file name holds a line break" in err


def test_a_file_not_read_may_have_any_name(db, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("Title\nA text.\n", encoding="utf-8")
    _bad_path(folder, ".png").write_bytes(b"\x89PNG")
    assert main(["import", str(db), str(folder)]) == 0
    assert doc_ids(db) == {"stored", "ok"}


@contextlib.contextmanager
def unprivileged():
    """Permissions apply: as root, the effective user becomes nobody for the block (root
    reads any file whatever its mode)."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def shared(db):
    """A folder nobody may use too, holding a copy of the project (root's tmp_path is
    private to root)."""
    import annotator.cli.cmd_import  # noqa: F401  imported before the user changes
    import annotator.cli.progress  # noqa: F401
    import annotator.formats.plaintext  # noqa: F401
    import annotator.services.importing  # noqa: F401

    if os.geteuid() == 0:
        pytest.importorskip("cassis")
        import annotator.formats.xmi  # noqa: F401

    folder = Path(tempfile.mkdtemp(prefix="annotator-perm-"))
    try:
        folder.chmod(0o777)
        shutil.copy(db, folder / "project.db")
        (folder / "project.db").chmod(0o666)
        yield folder
    finally:
        for p in folder.rglob("*"):
            with contextlib.suppress(OSError):
                p.chmod(stat.S_IRWXU)
        shutil.rmtree(folder)


def _refused_unprivileged(shared: Path, capsys, given: Path) -> str:
    db = shared / "project.db"
    with unprivileged():
        from annotator.cli import main as cli

        before = db.read_bytes()
        capsys.readouterr()
        status = cli(["import", str(db), str(given)])
        err = capsys.readouterr().err.strip()
    assert status == 2, err
    assert len(err.splitlines()) == 1, err
    assert db.read_bytes() == before
    return err


def test_a_folder_without_read_permission_is_refused_plainly(shared, capsys):
    folder = shared / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Title\nA text.\n", encoding="utf-8")
    folder.chmod(0o311)  # may be entered, not listed
    err = _refused_unprivileged(shared, capsys, folder)
    assert f"{folder}: cannot read this folder: Permission denied" in err


def test_a_file_without_read_permission_is_refused_plainly(shared, capsys):
    folder = shared / "in"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    (folder / "a.txt").write_text("Title\nA text.\n", encoding="utf-8")
    (folder / "a.txt").chmod(0)
    err = _refused_unprivileged(shared, capsys, folder)
    assert f"{folder}/a.txt: cannot read: Permission denied" in err
    err = _refused_unprivileged(shared, capsys, folder / "a.txt")
    assert f"{folder}/a.txt: cannot read: Permission denied" in err


def test_a_subfolder_without_read_permission_is_refused_plainly(shared, capsys):
    pytest.importorskip("cassis")
    folder = shared / "in"
    (folder / "deeper").mkdir(parents=True)
    folder.chmod(0o755)
    (folder / "TypeSystem.xml").write_text(TYPESYSTEM, encoding="utf-8")
    (folder / "a.xmi").write_text(xmi_text("Sham election.", "0", "4"), encoding="utf-8")
    (folder / "deeper").chmod(0o311)
    err = _refused_unprivileged(shared, capsys, folder)
    assert f"{folder}/deeper: cannot read this folder: Permission denied" in err
