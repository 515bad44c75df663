"""The agreement reports of the seeded sample project keep what they said: the files in
tests/reports/data were written before the report became typed and gained attributes,
label confusion, annotators against gold and γ. For the same data, the JSON without the
new keys, the CSV without the new rows and the HTML without the new sections and notes
are byte-identical to them (but for the last digits of a float, where NumPy 2, which
Python 3.13 installs, sums in another order than NumPy 1.26); the new notes come after
the old ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annotator.services import agreement
from tests.gui.agreement.agreement_seed import WC, seed

DATA = Path(__file__).parent / "data"
NEW_KEYS = ("attributes", "confusion", "against_gold", "gamma")
NOTES = "<h2>Notes</h2>"

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
                out[name, fmt] = target.read_text(encoding="utf-8")
        finally:
            project.close()
    return out


def _old(name: str, fmt: str) -> str:
    return (DATA / f"agreement-{name}.{fmt}").read_text(encoding="utf-8")


_LONG_FLOAT = re.compile(r"\d+\.\d{13,}(?:e[-+]?\d+)?")


def _rounded(text: str) -> str:
    """Every float written with its full precision, cut to 12 significant digits."""
    return _LONG_FLOAT.sub(lambda m: f"{float(m.group()):.12g}", text)


@pytest.mark.parametrize("name", list(CASES))
def test_json_keeps_every_key_and_value(written, name):
    old, new = json.loads(_old(name, "json")), json.loads(written[name, "json"])
    assert [k for k in new if k not in NEW_KEYS] == list(old)
    assert new["notes"][:len(old["notes"])] == old["notes"]
    kept = {k: v for k, v in new.items() if k not in NEW_KEYS}
    kept["notes"] = old["notes"]
    assert _rounded(json.dumps(kept, indent=2, ensure_ascii=False) + "\n") == \
        _rounded(_old(name, "json"))


@pytest.mark.parametrize("name", list(CASES))
def test_csv_keeps_every_row_and_adds_after_them(written, name):
    old, new = _old(name, "csv"), written[name, "csv"]
    kept = "".join(new.splitlines(keepends=True)[:len(old.splitlines())])
    assert _rounded(kept) == _rounded(old)
    added = new[len(kept):].splitlines()
    assert added and all(line.split(",")[0] in {"attribute", "confusion", "against_gold",
                                                 "against_gold_label", "gamma", "gamma_label"}
                         for line in added)


@pytest.mark.parametrize("name", list(CASES))
def test_html_keeps_every_section_and_note(written, name):
    old, new = _old(name, "html"), written[name, "html"]
    head, old_notes = old.split(NOTES)
    assert new.startswith(head)
    assert "<h2>Label confusion</h2>" in new[len(head):new.index(NOTES)]
    new_notes = new.split(NOTES)[1]
    if '<ul class="notes">' in old_notes:
        assert new_notes.startswith(old_notes.split("</ul>")[0])
    else:
        assert old_notes == new_notes or '<ul class="notes">' in new_notes
