"""Booking codes survive being read aloud on the phone, in German (and English), and typed back."""

from __future__ import annotations

import itertools
import re

import pytest

from chalicelib.platform.aws import tokens
from chalicelib.platform.aws.tokens import CODE_ALPHABET, canonical_code, short_code

# How each symbol is spoken, in German and in English.
SPOKEN = {
    "0": ("null", "zero"),
    "1": ("eins", "one"),
    "2": ("zwei", "two"),
    "3": ("drei", "three"),
    "4": ("vier", "four"),
    "5": ("fünf", "five"),
    "6": ("sechs", "six"),
    "7": ("sieben", "seven"),
    "8": ("acht", "eight"),
    "9": ("neun", "nine"),
    "A": ("a", "ay"),
    "B": ("be", "bee"),
    "C": ("tse", "see"),
    "D": ("de", "dee"),
    "E": ("e", "ee"),
    "F": ("ef", "ef"),
    "G": ("ge", "jee"),
    "H": ("ha", "aitch"),
    "I": ("i", "eye"),
    "J": ("jott", "jay"),
    "K": ("ka", "kay"),
    "L": ("el", "el"),
    "M": ("em", "em"),
    "N": ("en", "en"),
    "O": ("o", "oh"),
    "P": ("pe", "pee"),
    "Q": ("ku", "cue"),
    "R": ("er", "ar"),
    "S": ("es", "ess"),
    "T": ("te", "tee"),
    "U": ("u", "you"),
    "V": ("fau", "vee"),
    "W": ("we", "double-u"),
    "X": ("iks", "ex"),
    "Y": ("ypsilon", "why"),
    "Z": ("tset", "zed"),
}
# Pairs a listener on a phone line (or a reader of handwriting) mixes up.
HEARD_ALIKE = [
    set("BCDEGPTWZ"),  # German "-e": be, tse, de, e, ge, pe, te, we, tset
    set("AHK"),  # a, ha, ka
    set("MN"),  # em, en
    set("FS"),  # ef, es
    set("FV"),  # "fau" is written for an f sound
    set("QU"),  # ku, u
    set("JK"),  # English jay, kay
    set("23"),  # zwei, drei
    set("BDEGPTVZC"),  # English "-ee"
]
LOOK_ALIKE = [set("0OQD"), set("1IL"), set("2Z"), set("5S"), set("8B"), set("6G"), set("UV")]


def test_the_alphabet_has_no_two_symbols_that_sound_or_look_alike() -> None:
    # Given the groups of symbols people confuse by ear or by eye, then at most one of each is used
    for group in HEARD_ALIKE + LOOK_ALIKE:
        assert len(group & set(CODE_ALPHABET)) <= 1, sorted(group & set(CODE_ALPHABET))
    assert not set(CODE_ALPHABET) & set("0O1IL2"), "no zero, oh, one, i, el or two at all"


def test_every_symbol_has_a_spoken_name_no_other_symbol_shares_or_rhymes_with() -> None:
    for a, b in itertools.combinations(CODE_ALPHABET, 2):
        for lang in (0, 1):
            name_a, name_b = SPOKEN[a][lang], SPOKEN[b][lang]
            assert name_a != name_b
            # Two short names ending alike ("ka"/"ha", "em"/"en") are the classic mix-up.
            if len(name_a) <= 3 and len(name_b) <= 3:
                assert name_a[-1] != name_b[-1] or name_a[0] != name_b[0], (a, b, name_a, name_b)


def test_the_alphabet_is_upper_case_letters_and_digits_a_qr_code_encodes_compactly() -> None:
    assert re.fullmatch(r"[0-9A-Z]+", CODE_ALPHABET) and len(set(CODE_ALPHABET)) == len(CODE_ALPHABET)


def test_codes_are_two_groups_of_four_with_enough_entropy_to_stay_apart() -> None:
    codes = {short_code() for _ in range(2000)}
    assert all(re.fullmatch(r"[3-9FKRUX]{4}-[3-9FKRUX]{4}", code) for code in codes)
    # 12**8 possible codes: among 2,000 a clash happens in ~0.5 % of runs (the birthday bound), and
    # the booking gets a new code then; three or more clashes (p < 1e-7) would mean a weak source.
    assert len(codes) >= 1998
    assert len(CODE_ALPHABET) ** tokens.CODE_LENGTH >= 2**28
    assert {ch for code in codes for ch in code if ch != "-"} == set(CODE_ALPHABET)  # every symbol is used


@pytest.mark.parametrize(
    "typed",
    [
        "7KXR-94FU",
        "7kxr-94fu",
        "7KXR94FU",
        "7kxr 94fu",
        " 7 K X R 9 4 F U ",
        "7kx-r94-fu",
        "7KXR\u201394FU",
        "7KXR_94FU",
    ],
)
def test_a_code_is_understood_with_or_without_separator_in_any_case_and_with_spaces(typed: str) -> None:
    assert canonical_code(typed) == "7KXR-94FU"


@pytest.mark.parametrize(
    "typed",
    [
        "8EBDZRPS",  # a code of the old alphabet
        "ABCD-EFGH",
        "7KXR-94F",  # one symbol short
        "7KXR-94FUU",  # one too many
        "7KXR-94F0",  # zero
        "7KXR-94FO",  # the letter O
        "",
        "7KXR/94FU",
    ],
)
def test_anything_else_is_not_a_booking_code(typed: str) -> None:
    assert canonical_code(typed) is None


def test_every_new_code_is_its_own_canonical_form() -> None:
    for _ in range(200):
        code = short_code()
        assert canonical_code(code) == code
        assert canonical_code(code.lower().replace("-", " ")) == code
