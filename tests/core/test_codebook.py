from pathlib import Path

import pytest

from annotator.core.codebook import codebook_from_dict, codebook_to_dict, load_codebook_file
from annotator.core.errors import InputError
from annotator.services.project import DEFAULT_CODEBOOK

FRAMES = [
    "Economic", "Capacity and resources", "Morality", "Fairness and equality",
    "Legality, constitutionality and jurisprudence", "Policy prescription and evaluation",
    "Crime and punishment", "Security and defense", "Health and safety", "Quality of life",
    "Cultural identity", "Public opinion", "Political", "External regulation and reputation",
    "Other",
]


def test_default_codebook_has_the_published_schemes():
    cb = load_codebook_file(DEFAULT_CODEBOOK)
    groups = cb.groups()
    assert [lab.name for lab in groups["Bias"]] == [
        "Word choice", "Loaded language", "Informational bias", "Attribution"]
    assert [lab.name for lab in groups["Frame"]] == FRAMES
    attrs = {a.name: a for a in cb.attributes}
    assert attrs["polarity"].values == ("negative", "neutral", "positive")
    assert set(attrs["polarity"].labels) == {lab.name for lab in groups["Bias"]}
    assert attrs["neutral_alternative"].values is None
    assert attrs["quote"].values == ("yes", "no") and attrs["quote"].labels is None
    assert attrs["speaker"].values is None and attrs["speaker"].labels is None
    assert cb.doc_label("primary_frame").values == tuple(FRAMES)
    assert cb.doc_label("tone").values == ("negative", "neutral", "positive")
    hotkeys = [lab.hotkey for lab in cb.labels]
    assert all(hotkeys) and len({h.lower() for h in hotkeys}) == len(hotkeys)
    assert cb.guidelines and "Word choice" in cb.guidelines


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cb.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_12_keeps_yes_and_no_as_strings(tmp_path):
    cb = load_codebook_file(write(tmp_path, """
labels:
  - name: A
attributes:
  - name: quote
    values: [yes, no, on, off]
"""))
    assert cb.attributes[0].values == ("yes", "no", "on", "off")


def test_json_is_accepted(tmp_path):
    path = tmp_path / "cb.json"
    path.write_text('{"name": "J", "labels": [{"name": "A", "hotkey": "a"}]}')
    cb = load_codebook_file(path)
    assert cb.name == "J" and cb.labels[0].hotkey == "a"


def test_missing_colours_are_chosen_distinct(tmp_path):
    cb = load_codebook_file(write(tmp_path, """
labels:
  - name: A
    color: "#1f77b4"
  - name: B
  - name: C
"""))
    colours = [lab.color for lab in cb.labels]
    assert colours[0] == "#1f77b4"
    assert len(set(colours)) == 3 and all(c.startswith("#") and len(c) == 7 for c in colours)


@pytest.mark.parametrize("text, line, words", [
    ("labels:\n  - name: A\n    colour: red\n", 3, "unknown key 'colour'"),
    ("labels:\n  - name: A\n  - name: A\n", 3, "duplicate label name 'A'"),
    ("labels:\n  - name: A\n    hotkey: ab\n", 3, "not one printable character"),
    ("labels:\n  - name: A\n    hotkey: a\n  - name: B\n    hotkey: A\n", 5,
     "already 'A'"),
    ("labels:\n  - name: A\n    color: '#12345'\n", 3, "not #RRGGBB"),
    ("labels:\n  - name: A\nattributes:\n  - name: p\n    labels: [B]\n", 5,
     "unknown label 'B'"),
    ("labels:\n  - name: O\n", 2, "may not be named 'O'"),
    ("labels:\n  - name: A+B\n", 2, "contain '+'"),
    ("labels:\n  - name: A\ndoc_labels:\n  - name: t\n  - name: t\n", 5,
     "duplicate document label"),
    ("labels:\n  - name: A\nextra: 1\n", 3, "unknown key 'extra'"),
    ("labels:\n  - name: A\n    group: x: y\n", 3, "not valid YAML"),
])
def test_invalid_codebooks_name_the_line(tmp_path, text, line, words):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_codebook_file(path)
    assert words in str(info.value)
    assert info.value.file == str(path)
    assert info.value.line == line, str(info.value)


def test_codebook_dict_round_trip():
    cb = load_codebook_file(DEFAULT_CODEBOOK)
    assert codebook_from_dict(codebook_to_dict(cb)) == cb
