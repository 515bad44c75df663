from hypothesis import given
from hypothesis import strategies as st

from annotator.core.text import Utf16Map, covered_tokens, snap_to_words, token_bounds

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)


@given(texts)
def test_utf16_offsets_match_qt_counting(text):
    m = Utf16Map(text)
    assert m.length16 == len(text.encode("utf-16-le")) // 2
    for cp in range(len(text) + 1):
        u16 = len(text[:cp].encode("utf-16-le")) // 2
        assert m.to_utf16(cp) == u16
        assert m.to_codepoint(u16) == cp


@given(texts)
def test_units_are_the_texts_utf16_code_units_one_code_point_each(text):
    units = Utf16Map(text).units(text)
    assert len(units) == Utf16Map(text).length16
    assert all(ord(ch) <= 0xFFFF for ch in units)
    assert units.encode("utf-16-le", "surrogatepass") == text.encode("utf-16-le")


def test_units_of_characters_outside_the_bmp_everywhere():
    for text in ("😀", "😀😀", "😀a", "a😀", "a😀b🇫🇷c𝕏", "é😀\n😀é\u2029ж"):
        units = Utf16Map(text).units(text)
        assert [hex(ord(ch)) for ch in units] == [
            hex(int.from_bytes(u, "little")) for u in
            (text.encode("utf-16-le")[i:i + 2] for i in range(0, 2 * len(units), 2))]


def test_a_text_inside_the_bmp_is_its_own_units():
    text = "Sham référendum — «Ж» 中文 \ufffd"
    assert Utf16Map(text).units(text) is text


def test_a_position_inside_a_surrogate_pair_rounds_down():
    text = "a😀b"
    m = Utf16Map(text)
    assert [m.to_utf16(i) for i in range(4)] == [0, 1, 3, 4]
    assert m.to_codepoint(2) == 1


def test_snapping_grows_to_whole_words_and_trims_space():
    text = "The sham election was held."
    assert snap_to_words(text, 6, 10) == (4, 17)  # "am e" -> "sham election"
    assert snap_to_words(text, 3, 9) == (4, 8)  # " sham" -> "sham"
    assert snap_to_words(text, 21, 27) == (22, 27)  # " held." keeps the full stop
    assert snap_to_words(text, 3, 4) == (4, 4)  # white space only: empty


@given(texts, st.integers(0, 70), st.integers(0, 70))
def test_snapping_never_shrinks_into_a_word(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    s, e = snap_to_words(text, start, end)
    assert 0 <= s <= e <= len(text)
    if s < e:
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert s == 0 or not (text[s - 1].isalnum() and text[s].isalnum())


def test_tokens_follow_the_agreement_pattern():
    starts, ends = token_bounds("Putin's re-election, 2024!")
    text = "Putin's re-election, 2024!"
    assert [text[s:e] for s, e in zip(starts, ends, strict=True)] == [
        "Putin", "'", "s", "re", "-", "election", ",", "2024", "!"]
    assert covered_tokens(starts, ends, 8, 12) == (3, 6)  # "re-e" touches re, -, election


def _with_utf8_cached(text: str) -> str:
    """A copy of `text` holding a cached UTF-8 copy too (as after the driver bound it),
    which makes a str bigger than its characters alone."""
    import ctypes

    copy = "".join(list(text))
    as_utf8 = ctypes.pythonapi.PyUnicode_AsUTF8AndSize
    as_utf8.restype = ctypes.c_void_p
    as_utf8.argtypes = (ctypes.py_object, ctypes.c_void_p)
    as_utf8(copy, None)
    return copy


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_characters_outside_the_bmp_are_found_however_the_str_is_held(text):
    """Whether there are any is told by the str's size, which a cached UTF-8 copy grows:
    the map then scans, and finds the same places."""
    expected = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
    for held in (text, _with_utf8_cached(text), "".join(list(text))):
        m = Utf16Map(held)
        assert m._astral == expected
        assert m.length16 == len(text.encode("utf-16-le")) // 2


def test_characters_outside_the_bmp_of_every_plane_and_place():
    for text in ("𝕏", "a𝕏", "𝕏a", "𠀀", "a\U0010FFFFb", "é😀ж\U00020000中𝕏",
                 "ж" * 300 + "😀" + "é" * 300 + "\U000E0001", "🇫🇷" * 50):
        expected = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        m = Utf16Map(text)
        assert m._astral == expected
        assert [m.to_utf16(i) for i in range(len(text) + 1)] == [
            len(text[:i].encode("utf-16-le")) // 2 for i in range(len(text) + 1)]
