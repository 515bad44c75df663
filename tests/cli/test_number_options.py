"""Options that take a number refuse a bad one as a usage error, naming what is wrong,
before any project is opened."""

from __future__ import annotations

import pytest

from annotator.cli import main

CASES = [
    (["agreement", "{db}", "-o", "-", "--bootstrap", "x"], "not a whole number: 'x'"),
    (["agreement", "{db}", "-o", "-", "--bootstrap", "-1"],
     "the number of draws cannot be negative"),
    (["agreement", "{db}", "-o", "-", "--gamma-samples", "-1"],
     "the number of draws cannot be negative"),
    (["agreement", "{db}", "-o", "-", "--gamma-samples", "0"],
     "gamma needs at least one random continuum"),
    (["codebook", "export", "{db}", "-o", "-", "--version", "v2"],
     "not a version number: 'v2'"),
    (["codebook", "export", "{db}", "-o", "-", "--version", "0"],
     "versions are numbered from 1"),
    (["suggest", "run", "{db}", "--command", "c", "--timeout", "soon"],
     "not a number of seconds: 'soon'"),
    (["suggest", "run", "{db}", "--command", "c", "--timeout", "inf"],
     "the timeout must be a positive number of seconds"),
    (["suggest", "run", "{db}", "--command", "c", "--timeout", "nan"],
     "the timeout must be a positive number of seconds"),
]


@pytest.mark.parametrize(("argv", "problem"), CASES)
def test_a_bad_number_is_a_usage_error(tmp_path, capsys, argv, problem):
    db = tmp_path / "never-made.db"
    with pytest.raises(SystemExit) as exited:
        main([a.format(db=db) for a in argv])
    assert exited.value.code == 2
    assert f"error: argument {argv[-2]}: {problem}\n" in capsys.readouterr().err
    assert not db.exists()


@pytest.mark.parametrize(("argv", "dest", "value"), [
    (["agreement", "p.db", "-o", "-", "--bootstrap", "0"], "bootstrap", 0),
    (["agreement", "p.db", "-o", "-", "--gamma-samples", "1"], "gamma_samples", 1),
    (["codebook", "export", "p.db", "-o", "-", "--version", "3"], "version", 3),
    (["suggest", "run", "p.db", "--command", "c", "--timeout", "2.5"], "timeout", 2.5),
])
def test_a_good_number_is_parsed(argv, dest, value):
    from annotator.cli import build_parser

    assert getattr(build_parser().parse_args(argv), dest) == value
