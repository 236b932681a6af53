"""Free text is normalised, and refused when it carries characters that hide or reorder what is shown."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.platform.schema import Anything, FieldError, Obj, Str
from chalicelib.platform.text import TextRefused, clean_text, clean_texts

HIDDEN = st.sampled_from(
    ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u200b", "\u200e", "\u202e", "\u2066", "\u2028", "\ufeff", "\u00ad"]
)
ZERO_WIDTH = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u034f", "\u3164"])
LETTERS = st.text(st.characters(categories=["Lu", "Ll", "Nd"]), min_size=1, max_size=20)
ANY_TEXT = st.text(max_size=40)


@given(ANY_TEXT, st.booleans())
def test_clean_text_is_idempotent_and_never_lets_a_refused_character_through(text: str, multiline: bool) -> None:
    try:
        cleaned = clean_text(text, multiline=multiline)
    except TextRefused:
        return
    assert clean_text(cleaned, multiline=multiline) == cleaned
    assert cleaned == unicodedata.normalize("NFC", cleaned) and cleaned == cleaned.strip()
    allowed_controls = {"\n", "\t"} if multiline else set()
    for ch in cleaned:
        category = unicodedata.category(ch)
        assert category != "Cc" or ch in allowed_controls, repr(cleaned)
        assert category not in ("Cs", "Zl", "Zp"), repr(cleaned)
        assert category != "Cf" or ch in "\u200c\u200d" or 0xE0020 <= ord(ch) <= 0xE007F, repr(cleaned)


@given(LETTERS, HIDDEN, LETTERS, st.booleans())
def test_a_hidden_character_between_letters_is_refused(left: str, hidden: str, right: str, multiline: bool) -> None:
    with pytest.raises(TextRefused):
        clean_text(left + hidden + right, multiline=multiline)


@given(st.lists(ZERO_WIDTH, min_size=1, max_size=8), st.booleans())
def test_a_text_of_invisible_characters_is_empty(chars: list[str], multiline: bool) -> None:
    text = " ".join(chars)
    assert clean_text(text, multiline=multiline) == ""
    with pytest.raises(FieldError, match="must not be empty"):
        Str(max_len=80).check(text)


@given(st.text(st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), max_size=40))
def test_visible_text_comes_back_normalised_and_trimmed(text: str) -> None:
    expected = unicodedata.normalize("NFC", text).strip()
    cleaned = clean_text(text)
    assert cleaned == expected or (cleaned == "" and not expected.strip())


@pytest.mark.parametrize(
    "text",
    [
        "Erika Mustermann",
        "Zoë Ünal-Ağaoğlu",
        "<b>Müller</b> & Söhne",
        "Family 👨\u200d👩\u200d👧\u200d👦 and 🏳️\u200d🌈",
        "coder 👩🏽\u200d💻, keycap 1️⃣, flag 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
        "می\u200cخواهم",  # Persian needs the zero-width non-joiner between letters
    ],
)
def test_names_markup_and_emoji_stay(text: str) -> None:
    assert clean_text(text) == text


@pytest.mark.parametrize(
    ("text", "multiline", "expected"),
    [
        ("  Erika\u0301  ", False, "Erik\u00e1"),  # NFC: one character for a + accent
        ("first\r\nsecond\rthird", True, "first\nsecond\nthird"),
        ("col\tcol\nline", True, "col\tcol\nline"),
    ],
)
def test_normalisation(text: str, multiline: bool, expected: str) -> None:
    assert clean_text(text, multiline=multiline) == expected


@pytest.mark.parametrize(
    ("text", "multiline"),
    [
        ("Erika\x00", False),
        ("Erika\x07Mustermann", True),
        ("\x1b[31mErika", True),
        ("Erika\r\nMustermann", False),
        ("Erika\tMustermann", False),
        ("Erika \u202eanmretsuM", True),
        ("a\u200db", False),  # a joiner between letters is no emoji sequence
        ("Erika\U000e0067", False),  # tag characters outside a flag
        ("\ud800Erika", False),  # a lone surrogate cannot be stored or mailed
    ],
)
def test_refused(text: str, multiline: bool) -> None:
    with pytest.raises(TextRefused):
        clean_text(text, multiline=multiline)


def test_every_text_field_of_a_schema_is_checked_and_named_in_the_error() -> None:
    schema = Obj(fields={"name": Str(max_len=80), "note": Str(max_len=500, multiline=True), "answers": Anything()})
    ok = schema.validate({"name": " Erika ", "note": "a\r\nb", "answers": {"q1": "x\r\ny", "q2": ["ok"]}})
    assert ok == {"name": "Erika", "note": "a\nb", "answers": {"q1": "x\ny", "q2": ["ok"]}}
    with pytest.raises(Exception) as refused:
        schema.validate({"name": "Eri\u202eka", "note": "a\x07", "answers": {"q1": "ok", "q2": ["ok", "a\x1b"]}})
    assert refused.value.fields == {  # type: ignore[attr-defined]
        "name": "contains characters that are not allowed",
        "note": "contains characters that are not allowed",
        "answers.q2[1]": "contains characters that are not allowed",
    }


def test_passwords_are_taken_exactly_as_sent() -> None:
    assert Str(max_len=256, strip=False).check(" pass\tword ") == " pass\tword "


def test_structures_keep_their_shape() -> None:
    value = {"a": [1, True, None, {"b": "x\r\n"}], "c": 2.5}
    assert clean_texts(value) == {"a": [1, True, None, {"b": "x"}], "c": 2.5}
