"""Shared fixtures: every test gets real SQLite files in its own tmp_path, never a mock."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# GUI tests run without a screen; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from annotator.services.project import SEEDS, init_project, open_project  # noqa: E402
from tests.postgres import SKIP_REASON, Cluster, find_bindir  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BACKENDS = ("sqlite", "postgresql")

# Property tests check properties, not speed: Hypothesis's default 200 ms deadline per
# example and its "too slow" health check are wall-clock asserts, which fail when the
# suite runs with -n 4 while both cores are busy. Speed is measured in benchmarks/.
settings.register_profile("suite", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """The default project, settings and logs go to a temporary folder, not the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


# Started first: the benchmarks' smoke test (40 s, the slowest by far) came near the end
# of the collection, and one -n 2 worker ran it alone while the other had finished.
STARTED_FIRST = ("tests/test_benchmarks.py::test_the_small_run_measures_every_figure",)


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.nodeid not in STARTED_FIRST)  # the rest keep their order


BOTH_BACKENDS = ("services", "store")  # test folders whose projects run on both backends


def pytest_generate_tests(metafunc):
    """A test in tests/services or tests/store that uses a project runs once per backend
    (unless it chooses its backends itself)."""
    chosen = any("backend" in m.args[0] for m in metafunc.definition.iter_markers("parametrize"))
    if (metafunc.definition.path.parent.name in BOTH_BACKENDS and not chosen
            and "backend" in metafunc.fixturenames):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request):
    """sqlite, or postgresql (on the throwaway cluster, its databases dropped afterwards)."""
    name = getattr(request, "param", "sqlite")
    cluster = request.getfixturevalue("pg_cluster") if name == "postgresql" else None
    yield name
    if cluster is not None:
        cluster.drop_made()


@pytest.fixture
def project(backend, tmp_path, request):
    """An empty project with the default framing codebook: a real SQLite file in tmp_path,
    and in tests/services and tests/store also a PostgreSQL database."""
    p = backend_project(backend, tmp_path, request)
    yield p
    p.close()


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster (tests/postgres.py); skips where there is none."""
    bindir, version = find_bindir()
    if bindir is None:
        pytest.skip(version)
    cluster = Cluster(bindir, version)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def new_project(tmp_path_factory):
    """`new_project(path)`: an empty project with the default codebook at `path`, a copy
    of one made by `init_project` (each worker's own): making one applies every
    migration and reads the codebook's YAML, 0.15 s of CPU and many synced commits, for
    each of some 700 tests (the PostgreSQL projects are copies of a template too)."""
    template = tmp_path_factory.mktemp("template") / "empty.db"
    init_project(template).close()

    def make(path: Path):
        shutil.copyfile(template, path)
        return open_project(path)

    return make


def backend_project(backend: str, tmp_path: Path, request):
    """An empty project with the default codebook on `backend` (sqlite or postgresql)."""
    if backend == "postgresql":
        return open_project(request.getfixturevalue("pg_cluster").new_project())
    return request.getfixturevalue("new_project")(tmp_path / "project.db")


def backend_target(backend: str, tmp_path: Path, request, name: str = "empty") -> str:
    """Where a new project may be made on `backend`: a file path or an empty database."""
    if backend == "postgresql":
        return request.getfixturevalue("pg_cluster").new_database()
    return str(tmp_path / f"{name}.db")


def pytest_terminal_summary(terminalreporter):
    """A run without a PostgreSQL server says so, instead of passing silently."""
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if SKIP_REASON in str(r.longrepr)]
    if skipped:
        reason = str(skipped[0].longrepr[2]) if isinstance(skipped[0].longrepr, tuple) \
            else SKIP_REASON
        terminalreporter.write_sep("=", "PostgreSQL", yellow=True, bold=True)
        terminalreporter.write_line(
            f"{len(skipped)} tests did NOT run on PostgreSQL: {reason.removeprefix('Skipped: ')}."
            " Install the PostgreSQL server (13 or newer) to run them.", yellow=True)


@pytest.fixture
def seeded_project(project):
    """The project with the five sample articles."""
    from annotator.services.importing import import_paths

    import_paths(project, [SEEDS])
    return project


@pytest.fixture
def demo_project(project):
    """The demo project: the sample articles annotated by alice, bob and carol, partly
    adjudicated by dana, with concepts linked (seeds/demo/annotations.jsonl)."""
    from annotator.services.demo import DEMO_FILE
    from annotator.services.importing import import_paths

    import_paths(project, [SEEDS, DEMO_FILE])
    return project


@pytest.fixture
def write_jsonl(tmp_path):
    """Write dicts (or raw strings) as lines of a .jsonl file; returns its path."""
    import json

    counter = {"n": 0}

    def write(*lines, name: str | None = None) -> Path:
        counter["n"] += 1
        path = tmp_path / (name or f"input{counter['n']}.jsonl")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            for line in lines:
                fh.write((line if isinstance(line, str) else
                          json.dumps(line, ensure_ascii=False)) + "\n")
        return path

    return write
