"""The command line in a child process with bounded memory and CPU time, for inputs that
made it hang or grow without end: a regression then fails the test instead of stalling
the suite or exhausting the machine. The bounds are far above what the fixed importer
needs (a few hundred MB of address space, well under a CPU second), so that load from
other processes cannot make them fail; CPU time is not wall-clock time."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from tests.refusal import dump

MEMORY = 1536 * 1024 * 1024  # address space, bytes: Python and its libraries take ~400 MB
CPU_SECONDS = 120
HANG_GUARD = 300  # wall-clock seconds before a child that waits on nothing is killed


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def annotator(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`annotator ARGS…` in a bounded child process; fails the test if it hangs."""
    import pytest

    try:
        return subprocess.run(
            [sys.executable, "-m", "annotator", *map(str, args)], capture_output=True,
            text=True, errors="backslashreplace", env={**os.environ, **(env or {})},
            preexec_fn=_bounded, timeout=HANG_GUARD, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"annotator {' '.join(map(str, args))} still running after "
                    f"{HANG_GUARD} s")


def refused(db: Path, *paths: object, args=(), env=None) -> str:
    """Like tests.refusal.assert_refused, in a bounded child process."""
    before = dump(db)
    done = annotator("import", db, *paths, *args, env=env)
    err = done.stderr.strip()
    assert done.returncode == 2, (done.returncode, err[-2000:])
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert dump(db) == before
    return err
