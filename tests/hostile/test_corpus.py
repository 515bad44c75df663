"""Every file of the hostile corpus is refused whole: exit status 2, one line that names
the file, the line and the problem, and the database exactly as before."""

from __future__ import annotations

import pytest

from tests.hostile.corpus import CASES
from tests.refusal import assert_refused


@pytest.mark.parametrize("name", list(CASES))
def test_refused_with_file_line_and_problem(name, db, tmp_path, capsys):
    make, where, words = CASES[name]
    if "XMI" in name:
        pytest.importorskip("cassis")
    made = make(tmp_path)
    path, args = made if isinstance(made, tuple) else (made, [])
    err = assert_refused(db, capsys, path, args=args)
    assert f"error: {tmp_path}/{where}:" in err, err
    assert words in err, err
