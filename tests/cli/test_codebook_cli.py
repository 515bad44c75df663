"""`annotator codebook` on real projects and files: export, import, rename, merge,
versions; bad files refused with exit status 2, the file and line named, nothing written."""

from __future__ import annotations

import pytest

from annotator.cli import main
from annotator.services import annotate as an
from annotator.services import codebook as cbs
from annotator.services.project import open_project

D1 = "000_d2e00c955d6db165"


@pytest.fixture
def db(seeded_project):
    an.add_span(seeded_project, "alice", D1, 0, 5, "Word choice")
    an.add_span(seeded_project, "bob", D1, 0, 5, "Loaded language")
    return seeded_project.target


def versions(db) -> int:
    with open_project(db) as p:
        return cbs.current_version(p)


def test_export_edit_and_import_as_a_user_would(db, tmp_path, capsys):
    out = tmp_path / "cb.yaml"
    assert main(["codebook", "export", db, "-o", str(out)]) == 0
    assert "Wrote codebook version 1" in capsys.readouterr().out
    assert main(["codebook", "rename", db, "Word choice", "Labeling",
                 "--reviewer", "dana"]) == 0
    assert "codebook version 2" in capsys.readouterr().out
    assert main(["codebook", "merge", db, "Loaded language", "Labeling", "--dry-run",
                 "--reviewer", "dana"]) == 0
    assert "Nothing changed" in capsys.readouterr().out and versions(db) == 2
    assert main(["codebook", "merge", db, "Loaded language", "Labeling",
                 "--reviewer", "dana"]) == 0
    # the version-1 file, a colour changed: the project's rename and merge are kept
    out.write_text(out.read_text(encoding="utf-8").replace('"#2ca02c"', '"#123456"'),
                   encoding="utf-8")
    capsys.readouterr()
    assert main(["codebook", "import", db, str(out), "--reviewer", "dana"]) == 0
    said = capsys.readouterr().out
    assert "Codebook version 4: 1 change (merged with what changed since version 1)" in said
    assert main(["codebook", "versions", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and "(2 spans)" in lines[0] and "dana" in lines[3]
    assert main(["codebook", "export", db, "-o", "-"]) == 0
    text = capsys.readouterr().out
    assert "- name: Labeling" in text and "- name: Loaded language" not in text
    assert "#123456" in text


@pytest.mark.parametrize("text, where", [
    ('name: x\nlabels:\n  - name: A\n    colour: "#ff0000"\n', "bad.yaml:4: unknown key"),
    ('name: x\nlabels:\n  - name: A\n    hotkey: "a"\n  - name: B\n    hotkey: "A"\n',
     "bad.yaml:6:"),
    ("name: x\nlabels: [\n", "bad.yaml:3: not valid YAML"),
    ("\udcff", "bad.yaml:1: not valid UTF-8"),
])
def test_a_bad_file_is_refused_with_exit_2(db, tmp_path, capsys, text, where):
    path = tmp_path / "bad.yaml"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    assert main(["codebook", "import", db, str(path), "--reviewer", "erin"]) == 2
    err = capsys.readouterr().err
    assert where in err and "Traceback" not in err
    assert versions(db) == 1
    with open_project(db) as p:  # not even the new reviewer was written
        assert "erin" not in dict(an.list_annotators(p))


def test_an_annotator_cannot_edit_and_unknown_names_are_refused(db, capsys):
    assert main(["codebook", "retire", db, "Word choice", "--reviewer", "alice"]) == 2
    assert "only a reviewer" in capsys.readouterr().err
    assert main(["codebook", "rename", db, "Nope", "X", "--reviewer", "dana"]) == 2
    assert "no label 'Nope'" in capsys.readouterr().err
    assert main(["codebook", "export", db, "-o", "-", "--version", "9"]) == 2
    assert "no codebook version 9" in capsys.readouterr().err
    assert versions(db) == 1
