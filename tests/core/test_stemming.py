"""The small stemmer behind link suggestions: inflection and case go, derivation stays;
occurrences are whole tokens with their offsets in code points."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.stemming import keys, occurrences, stem


def test_inflected_forms_meet():
    for forms in (("election", "elections", "Election"), ("sanction", "sanctions",
                  "sanctioned", "sanctioning"), ("invade", "invaded", "invading"),
                  ("ally", "allies", "allied"), ("stop", "stopped", "stopping"),
                  ("box", "boxes"), ("agree", "agreed"), ("state", "stated")):
        assert len({stem(f) for f in forms}) == 1, forms


def test_derivation_and_short_words_stay_apart():
    assert stem("invasion") != stem("invade")
    assert stem("status") == "status" and stem("bus") == "bus"
    assert stem("the") == "the" and stem("US") == "us"


def test_occurrences_in_code_points_with_quotes_and_case_ignored():
    text = "😀 “No limits” partnerships and a \"no limits\" partnership; no limitsx"
    found = occurrences(text, '"no limits" partnership')
    assert [text[s:e] for s, e in found] == ["“No limits” partnerships",
                                             "\"no limits\" partnership"]
    assert occurrences(text, "") == [] and occurrences(text, "   ") == []
    first, second = text.index("limits"), text.index("limits", 10)
    assert first == 6  # code points: the emoji counts one
    # never inside a longer word ("limitsx")
    assert occurrences(text, "limit") == [(first, first + 6), (second, second + 6)]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_keys_are_the_tokens_in_order(text):
    got = keys(text)
    assert all(0 <= s < e <= len(text) for s, e, _ in got)
    assert [s for s, _, _ in got] == sorted(s for s, _, _ in got)
    for s, e, _ in got:
        assert occurrences(text, text[s:e])  # every token finds at least itself
