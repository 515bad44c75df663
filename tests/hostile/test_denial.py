"""Inputs that made an import hang, grow without bound or take quadratic time: refused at
once, or read in time and memory linear in their size. The command line runs in a child
process with bounded memory and CPU time (tests/hostile/limited.py), so that a regression
fails here instead of stalling the suite; no test measures wall-clock time (the times are
in benchmarks/hostile_inputs.py)."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.formats.input_files import LIMITS_ENV
from tests.hostile import limited
from tests.hostile.corpus import TYPESYSTEM
from tests.refusal import assert_refused


def test_a_fifo_is_refused_without_waiting(db, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    err = limited.refused(db, fifo)
    assert f"{fifo}: a FIFO (named pipe), not a file" in err
    err = limited.refused(db, fifo, args=["--from", "jsonl"])
    assert "a FIFO" in err


@pytest.mark.parametrize("how", ["link named .jsonl", "--from jsonl", "--from csv",
                                 "link in --from txt folder"])
def test_dev_zero_is_refused_before_reading(db, tmp_path, how):
    link = tmp_path / "zero.jsonl"
    link.symlink_to("/dev/zero")
    if how == "link named .jsonl":
        err = limited.refused(db, link)
    elif how.startswith("--from"):
        err = limited.refused(db, "/dev/zero", args=["--from", how.split()[1]])
    else:
        folder = tmp_path / "in"
        folder.mkdir()
        (folder / "z.txt").symlink_to("/dev/zero")
        (folder / "p.txt").symlink_to(tmp_path / "zero.jsonl")
        err = limited.refused(db, folder, args=["--from", "txt"])
        assert "no .txt file in this folder" in err
        return
    assert "a device, not a file: only regular files are read" in err


def test_a_file_over_its_limit_is_refused_by_size(db, tmp_path, capsys, monkeypatch):
    page = tmp_path / "big.html"
    page.write_text("<p>" + "word " * 300_000 + "</p>", encoding="utf-8")  # 1.5 MB
    monkeypatch.setenv(LIMITS_ENV, "html=1")
    err = assert_refused(db, capsys, page)
    assert f"{page}: 1.4 MB, over the 1 MB limit for html files" in err
    assert f"{LIMITS_ENV}=html=MB" in err
    monkeypatch.setenv(LIMITS_ENV, "html=1,jsonl=oops")
    assert f"{LIMITS_ENV}: 'jsonl=oops' is not NAME=NUMBER" in assert_refused(db, capsys, page)


def test_the_limits_apply_to_every_type(tmp_path, monkeypatch):
    from annotator.formats.common import read_text

    monkeypatch.setenv(LIMITS_ENV, "jsonl=0.001,other=0.002")
    small, odd = tmp_path / "a.ndjson", tmp_path / "a.data"
    small.write_text("x" * 1100, encoding="utf-8")
    odd.write_text("x" * 2200, encoding="utf-8")
    for path in (small, odd):
        with pytest.raises(InputError, match="over the 0.00[12] MB limit"):
            read_text(path)
    assert read_text(small, kind="other") == "x" * 1100


def test_a_page_of_a_million_tags_is_refused_by_its_tag_count(db, tmp_path):
    page = tmp_path / "tags.html"
    page.write_text("<html><body>" + "<b></b>" * 1_000_000 + "</body></html>",
                    encoding="utf-8")  # 7 MB: under the size limit; trafilatura took 75 s
    err = limited.refused(db, page)
    assert f"{page}:1: more than 50,000 HTML tags" in err


def test_a_csv_header_of_300000_columns_is_read_in_linear_time(db, tmp_path):
    """The duplicate-column check compared every column with every other: 40,000 columns
    took 40 s, so 300,000 would take about 40 minutes and hit the child's CPU limit."""
    n = 300_000
    path = tmp_path / "wide.csv"
    path.write_text(",".join(["text", *(f"c{i}" for i in range(n))]) + "\n"
                    + ",".join(["A text.", *([""] * (n - 1)), "last"]) + "\n",
                    encoding="utf-8")
    done = limited.annotator("import", db, path)
    assert done.returncode == 0, done.stderr
    assert "added 1 new document" in done.stdout
    path.write_text(",".join(["text", *(f"c{i % 150_000}" for i in range(n))]) + "\n",
                    encoding="utf-8")
    err = limited.refused(db, path)
    assert f"{path}:1: column(s) named twice: 'c0', 'c1'," in err and "(149990 more)" in err


def _xmi_folder(root: Path, text_mb: int) -> Path:
    root.mkdir()
    (root / "TypeSystem.xml").write_text(TYPESYSTEM, encoding="utf-8")
    text = "Putin won a sham election. " * (text_mb * 1_000_000 // 27)
    spans = "".join(f'<custom:FramingSpan xmi:id="{i}" sofa="1" begin="{27 * i}" '
                    f'end="{27 * i + 5}" label="Word choice" annotator="alice"/>\n'
                    for i in range(2, 5002))
    (root / "big.xmi").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" '
        'xmlns:cas="http:///uima/cas.ecore" xmlns:custom="http:///webanno/custom.ecore" '
        'xmi:version="2.0">\n<cas:NULL xmi:id="0"/>\n' + spans
        + f'<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="{text}"/>\n'
        f'<cas:View sofa="1" members="{" ".join(map(str, range(2, 5002)))}"/>\n</xmi:XMI>\n',
        encoding="utf-8")
    return root


def test_xmi_is_read_in_memory_linear_in_its_size(tmp_path):
    """dkpro-cassis kept two dictionaries with an entry per character (about 200 bytes of
    memory per byte of file); the streaming reader holds the text and the spans."""
    pytest.importorskip("cassis")
    from annotator.formats import xmi

    folder = _xmi_folder(tmp_path / "xmi", text_mb=2)
    size = (folder / "big.xmi").stat().st_size
    tracemalloc.start()
    try:
        (batch,) = xmi.read(folder)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(batch.records[0].annotations) == 5000
    assert peak < 8 * size, f"{peak / size:.1f} bytes of memory per byte of file"
