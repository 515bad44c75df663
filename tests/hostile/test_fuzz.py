"""The long fuzz run over every importer, off by default:

    .venv/bin/python -m pytest -m fuzz tests/hostile -n 2      # FUZZ_EXAMPLES=300 each

Hypothesis mutates a valid input of each format (the project's own exports of a tricky
corpus, or small handwritten files): bytes inserted, deleted, replaced, lines doubled or
dropped, the file cut short, with tokens that break parsers (quotes, brackets, 1e309,
long numbers, invalid UTF-8, surrogates, BOMs, NULs, emoji). Every import must end either
cleanly or in an InputError that names one of the input files, in one line, with the
project exactly as before: never another exception, never a partial import.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from tests.refusal import dump

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                suppress_health_check=list(HealthCheck))

TOKENS = [b'"', b"\\", b"\n", b"\r\n", b"\r", b"\t", b",", b"{", b"}", b"[", b"]", b":",
          b"null", b"false", b"[]", b"{}", b"0", b"-1", b"1e309", b"-0", b"1.5", b"9" * 40,
          b"9" * 5000, b"\xff", b"\xed\xa0\x80", b"\\ud800", b"\xef\xbb\xbf", b"\x00",
          "😀".encode(), "\u2028".encode(), "\u0665".encode(), b"<", b">", b"&", b"&amp;",
          b"<!DOCTYPE x>", b"]]>", b"T1", b"#1", b"A1", b" ", b"\"\"", b"'", b"="]

CSV = 'id,text,title,source\nd1,"Sham ""election"" in Russia.",T,Outlet\nd2,"Two\r\nlines",,\n'
HTML = ("<html><head><title>Sham election</title></head><body><article><h1>Sham election"
        "</h1><p>Putin won a sham election, observers said, in a vote without rivals.</p>"
        "<p>The West called it a farce.</p></article></body></html>")


def _export(tmp: Path, fmt: str, name: str) -> Path:
    from annotator.formats.export_spec import ExportOptions
    from annotator.services.exporting import export
    from annotator.services.importing import import_paths
    from annotator.services.project import init_project
    from tests.formats.helpers import tricky_lines
    from tests.hostile.corpus import write_lines

    project = init_project(tmp / f"{name}.db")
    try:
        import_paths(project, [write_lines(tmp / "tricky.jsonl", *tricky_lines())])
        out = tmp / name
        one_layer = fmt in ("doccano", "semeval")
        export(project, fmt, out, None if fmt == "jsonl" else ExportOptions(
            annotator="alice") if one_layer else ExportOptions(layer="annotations"))
        return out
    finally:
        project.close()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, Path]:
    """A valid input per importer (a file or a folder)."""
    tmp = tmp_path_factory.mktemp("seeds")
    out = {
        "jsonl": _export(tmp, "jsonl", "all.jsonl"),
        "doccano": _export(tmp, "doccano", "doccano.jsonl"),
        "label-studio": _export(tmp, "label-studio", "ls.json"),
        "brat": _export(tmp, "brat", "brat"),
        "semeval": _export(tmp, "semeval", "semeval"),
    }
    if _has("cassis"):
        out["xmi"] = _export(tmp, "xmi", "xmi")
    for name, body in (("docs.csv", CSV), ("article.txt", "Sham election\nPutin 😀 won.\n"),
                       ("page.html", HTML)):
        (tmp / name).write_text(body, encoding="utf-8", newline="")
        out[name.split(".")[1]] = tmp / name
    return out


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    from annotator.cli import main

    db = tmp_path_factory.mktemp("template") / "project.db"
    assert main(["init", str(db)]) == 0
    return db


@st.composite
def mutation(draw):
    kind = draw(st.sampled_from(["insert", "delete", "replace", "cut", "double", "drop"]))
    where = draw(st.floats(0, 1))
    payload = draw(st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=6)))
    return kind, where, payload, draw(st.integers(1, 12))


def mutate(data: bytes, mutations) -> bytes:
    for kind, where, payload, n in mutations:
        at = int(where * len(data))
        lines = data.split(b"\n")
        line = min(int(where * len(lines)), len(lines) - 1)
        if kind == "insert":
            data = data[:at] + payload + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + n:]
        elif kind == "replace":
            data = data[:at] + payload + data[at + len(payload):]
        elif kind == "cut":
            data = data[:at]
        elif kind == "double":
            data = b"\n".join(lines[:line + 1] + lines[line:])
        else:
            data = b"\n".join(lines[:line] + lines[line + 1:])
    return data


def _fuzz_one(fmt: str, seed: Path, template: Path, pick: int, mutations, add_labels: bool):
    from annotator.services.importing import import_paths
    from annotator.services.project import open_project

    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        db = work / "project.db"
        shutil.copy(template, db)
        given_path = work / seed.name
        if seed.is_dir():
            shutil.copytree(seed, given_path)
            files = sorted(p for p in given_path.rglob("*") if p.is_file())
            target = files[pick % len(files)]
        else:
            shutil.copy(seed, given_path)
            target = given_path
        target.write_bytes(mutate(target.read_bytes(), mutations))
        before = dump(db)
        with open_project(db) as project:
            try:
                import_paths(project, [given_path], add_labels=add_labels,
                             fmt=fmt if fmt in ("doccano",) else None)
            except InputError as exc:
                assert exc.file is not None and exc.file.startswith(str(work)), str(exc)
                assert "\n" not in str(exc).strip(), str(exc)
                failed = True
            else:
                failed = False
        if failed:
            assert dump(db) == before
    finally:
        shutil.rmtree(work)


FORMATS = ["jsonl", "doccano", "label-studio", "brat", "semeval", "xmi", "csv", "txt", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(pick=st.integers(0, 100), mutations=st.lists(mutation(), min_size=1, max_size=4),
       add_labels=st.booleans())
def test_every_import_ends_cleanly_or_in_a_plain_refusal(seeds, template, fmt, pick,
                                                         mutations, add_labels):
    if fmt not in seeds:
        pytest.skip(f"{fmt} needs an optional extra")
    _fuzz_one(fmt, seeds[fmt], template, pick, mutations, add_labels)
