"""The codebook's YAML file (docs/spec/codebook.md) written and read back: whatever a
valid codebook holds, reading its YAML gives the same codebook (the active part)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotator.core.codebook import check_codebook, codebook_yaml, parse_codebook_yaml
from annotator.core.errors import InputError
from annotator.core.model import Attribute, Codebook, DocLabelScheme, Label

# words a YAML 1.1 reader, or a careless writer, takes for something else
TRICKY = ["yes", "no", "on", "off", "~", "null", "1", "0x1f", "1e3", "true", "- a", "a: b",
          "#x", "'q'", '"q"', "é ü", "ß", "tab\tin", " lead", "trail ", "x\ny", "", "*a",
          "&b", "!t", "%p", "@", "`", "[l]", "{m}", ">", "|"]
text = st.one_of(st.sampled_from(TRICKY), st.text(max_size=12))
names = st.one_of(st.sampled_from(TRICKY), st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="+"), min_size=1,
    max_size=10))
maybe = st.one_of(st.none(), text)
colors = st.one_of(st.none(), st.from_regex(r"#[0-9a-f]{6}", fullmatch=True))
hotkeys = st.one_of(st.none(), st.characters(min_codepoint=33, max_codepoint=0x2FF))


@st.composite
def codebooks(draw) -> Codebook:
    label_names = draw(st.lists(names, min_size=1, max_size=5, unique=True))
    keys = draw(st.lists(hotkeys, min_size=len(label_names), max_size=len(label_names)))
    labels = tuple(Label(n, draw(maybe), draw(colors) or "#000000", k, draw(maybe))
                   for n, k in zip(label_names, keys, strict=True))
    attrs = tuple(
        Attribute(n, draw(st.one_of(st.none(), st.lists(text, min_size=1, max_size=4,
                                                        unique=True).map(tuple))),
                  draw(st.one_of(st.none(), st.lists(st.sampled_from(label_names),
                                                     unique=True, max_size=3).map(tuple))),
                  draw(st.booleans()))
        for n in draw(st.lists(names, max_size=3, unique=True)))
    docs = tuple(DocLabelScheme(n, draw(st.lists(text, min_size=1, max_size=4, unique=True)
                                        .map(tuple)))
                 for n in draw(st.lists(names, max_size=2, unique=True)))
    return Codebook(draw(names), draw(st.one_of(st.none(), st.integers(1, 10**6))),
                    draw(st.one_of(st.none(), st.text(max_size=60))), labels, attrs, docs)


def valid(cb: Codebook) -> bool:
    try:
        check_codebook(cb)
    except InputError:
        return False
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much,
                                                                  HealthCheck.too_slow])
@given(codebooks())
def test_yaml_round_trip(cb):
    assume(valid(cb))
    back = parse_codebook_yaml(codebook_yaml(cb))
    # what the spec's reader normalises (names stripped, empty text no value) the
    # writer's codebook shares: compare against the codebook read back from its own dict
    expected = parse_codebook_yaml(codebook_yaml(back))
    assert back == expected
    assert [lab.name for lab in back.labels] == [lab.name for lab in cb.labels]
    assert [lab.hotkey for lab in back.labels] == [lab.hotkey for lab in cb.labels]
    assert [a.values for a in back.attributes] == [a.values for a in cb.attributes]
    assert [d.values for d in back.doc_labels] == [d.values for d in cb.doc_labels]
    assert (back.guidelines or None) == (cb.guidelines or None)


def test_retired_items_are_left_out_of_the_file():
    cb = Codebook("c", 3, None, (Label("A", color="#000000"),
                                 Label("B", color="#111111", retired=True)),
                  (Attribute("x", ("1", "2"), ("A", "B")), Attribute("y", retired=True)),
                  (DocLabelScheme("d", ("a",), retired=True),))
    back = parse_codebook_yaml(codebook_yaml(cb))
    assert back == replace(cb.active(), labels=(Label("A", color="#000000"),))
    assert back.attributes == (Attribute("x", ("1", "2"), ("A",)),) and back.doc_labels == ()
