"""The check every bad-input test shares: an import refused whole, in one plain line."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def dump(db: Path) -> list[str]:
    """The whole database as SQL, to compare before and after."""
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def assert_refused(db: Path, capsys, *paths, args=()) -> str:
    """`annotator import db paths…` fails with exit status 2, one line naming the problem,
    no traceback, and the database exactly as before. Returns the line."""
    from annotator.cli import main

    before = dump(db)
    capsys.readouterr()
    status = main(["import", str(db), *map(str, paths), *args])
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert dump(db) == before
    return err.strip()
