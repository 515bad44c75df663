"""The agreement reports of the seeded sample project stay byte-identical: the files in
tests/reports/data were written before the report became typed, and every later change to
how it is built or written must give the same bytes for the same data."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.services import agreement
from tests.gui.agreement.agreement_seed import WC, seed

DATA = Path(__file__).parent / "data"

CASES = {
    "sample": {"bootstrap": 1000},
    "filtered": {"bootstrap": 0, "annotators": ["carol", "bob"], "labels": [WC, "Morality"]},
}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    from annotator.services.importing import import_paths
    from annotator.services.project import SEEDS, init_project

    tmp = tmp_path_factory.mktemp("golden")
    out = {}
    for name, options in CASES.items():
        project = init_project(tmp / f"{name}.db")
        try:
            import_paths(project, [SEEDS])
            seed(project)
            for fmt in ("json", "csv", "html"):
                target = tmp / f"agreement-{name}.{fmt}"
                agreement.export(project, target, **options)
                out[name, fmt] = target.read_bytes()
        finally:
            project.close()
    return out


@pytest.mark.parametrize("fmt", ["json", "csv", "html"])
@pytest.mark.parametrize("name", list(CASES))
def test_report_bytes_are_unchanged(written, name, fmt):
    expected = (DATA / f"agreement-{name}.{fmt}").read_bytes()
    assert written[name, fmt] == expected
