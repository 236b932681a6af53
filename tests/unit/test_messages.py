"""Every message the API can send exists in German and English, and reads as German in German.

The messages are found in the source (tests/unit/message_scan.py), so a new English message
without a German text fails here, naming the file and line where it is written.
"""

from __future__ import annotations

import ast
import re

import pytest

from chalicelib.platform import german
from chalicelib.platform.accept_language import language
from chalicelib.platform.german import localize, translated
from chalicelib.platform.middleware import _CHALICE_CODES
from chalicelib.platform.schema import FieldError, List, Obj, Str
from tests.unit.message_scan import INTERNAL_EXCEPTIONS, ROOT, Text, scan

SCAN = scan()
# Words that only English sentences have; a German text containing one is (partly) untranslated.
ENGLISH = re.compile(
    r"(?i)\b(the|must|is|are|be|not|please|only|cannot|this|with|of|and|or|has|have|already|your|you|can|to|at|on|"
    r"should|may|there|been|does|invalid|unknown|required)\b"
)
# Names the German texts keep as they are: protocol words, JSON keys and values.
KEPT = re.compile(r"Idempotency-Key|application/json|endpoint|keys(\.\w+)?|„[^“]*“|\"[^\"]*\"|'[^']*'")


def english_words(german_text: str) -> list[str]:
    return ENGLISH.findall(KEPT.sub("", german_text))


def unique(texts: list[Text]) -> list[Text]:
    return list({(t.kind, t.template): t for t in texts}.values())


def test_the_scan_finds_the_messages_and_resolves_every_source() -> None:
    # Given the source, when scanned, then nothing that reaches a client stays unexplained
    assert len(unique(SCAN.texts)) > 250
    assert not SCAN.unresolved, "message sources the scan cannot read:\n" + "\n".join(SCAN.unresolved)
    programming_errors = {"TypeError", "ValueError", "RuntimeError"} | INTERNAL_EXCEPTIONS
    assert SCAN.other_raised <= programming_errors, "exceptions with text of unknown reach: " + ", ".join(
        sorted(SCAN.other_raised - programming_errors)
    )


def test_every_message_and_field_message_has_a_german_text() -> None:
    missing = [f"{t.where}: {t.template!r}" for t in unique(SCAN.texts) if translated(t.sample(translated)) is None]
    assert not missing, "no German text for:\n" + "\n".join(missing)


def test_no_german_text_is_still_english() -> None:
    # Then each German text differs from the English one and contains no English sentence words
    problems = []
    for text in unique(SCAN.texts):
        de = translated(text.sample(translated)) or ""
        if de == text.sample(translated) or english_words(de):
            problems.append(f"{text.where}: {text.template!r} -> {de!r} {english_words(de)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_message_is_a_sentence_in_both_languages(lang: str) -> None:
    problems = []
    for text in unique([t for t in SCAN.texts if t.kind == "message"]):
        shown, _ = localize(text.sample(translated), {}, lang)
        if not shown[:1].isupper() or not shown.endswith((".", "!", "?")):
            problems.append(f"{text.where}: {shown!r}")
    assert not problems, "\n".join(problems)


def test_every_error_code_is_answered_in_german_and_in_english() -> None:
    # Given every code a domain error can carry and the messages sent with it
    codes: dict[str, list[Text]] = {}
    for text in SCAN.texts:
        if text.kind == "message" and text.code:
            codes.setdefault(text.code, []).append(text)
    problems = []
    for code, texts in sorted(codes.items()):
        for text in texts:
            en, _ = localize(text.sample(translated), {}, "en")
            de, _ = localize(text.sample(translated), {}, "de")
            if de == en or english_words(de) or re.search("[äöüßÄÖÜ]", en):
                problems.append(f"{code} {text.where}: en {en!r} / de {de!r}")
    assert not problems, "\n".join(problems)
    # The codes only a class default carries are always replaced by a specific code where raised.
    assert len(codes) >= 55, sorted(codes)


def test_the_middleware_messages_have_german_texts() -> None:
    for code, message in _CHALICE_CODES.values():
        de = translated(message)
        assert de and not english_words(de), (code, message, de)


def test_one_entry_is_singular_in_both_languages() -> None:
    with pytest.raises(FieldError) as one:
        List(min_items=1).check([])
    with pytest.raises(FieldError) as two:
        List(min_items=2).check([])
    assert str(one.value) == "must have at least 1 entry"
    assert str(two.value) == "must have at least 2 entries"
    assert translated(str(one.value)) == "muss mindestens 1 Eintrag haben"
    assert translated(str(two.value)) == "muss mindestens 2 Einträge haben"
    assert translated("must have at most 1 entry") == "darf höchstens 1 Eintrag haben"


def test_a_nested_object_that_is_not_an_object_is_named_without_a_trailing_dot() -> None:
    schema = Obj(fields={"push_subscription": Obj(fields={"endpoint": Str()}, required=False)})
    with pytest.raises(Exception) as refused:
        schema.validate({"push_subscription": "yes"})
    assert refused.value.fields == {"push_subscription": "must be a JSON object"}  # type: ignore[attr-defined]


def test_no_field_name_written_in_the_source_ends_with_a_dot() -> None:
    assert not [f"{where}: {name!r}" for name, where in SCAN.field_names if name.endswith(".")]


def test_the_idempotency_key_texts_name_the_same_characters_in_message_and_field() -> None:
    by_place: dict[str, dict[str, str]] = {}
    for text in SCAN.texts:
        if "Idempotency-Key header" in text.template or text.template.startswith("is required: "):
            by_place.setdefault(text.where, {})[text.kind] = text.template
    pairs = [p for p in by_place.values() if "Idempotency-Key header" in p.get("message", "")]
    assert len(pairs) >= 2
    for pair in pairs:
        allowed = re.search(r"(\d+-\d+) characters (\([^)]*\))", pair["message"])
        assert allowed and f"{allowed[1]} characters {allowed[2]}" in pair["field"], pair
        german_message, german_field = translated(pair["message"]) or "", translated(pair["field"]) or ""
        assert allowed[2] in german_message and allowed[2] in german_field


def test_german_sentences_start_upper_case_even_where_the_english_is_a_fragment() -> None:
    assert localize("this time is no longer available", {}, "de")[0] == "Diese Zeit ist nicht mehr frei."
    assert localize("must be booked at least 120 minutes in advance", {"start": "x"}, "de")[0] == (
        "Termine müssen mindestens 120 Minuten im Voraus gebucht werden."
    )
    closed = "the office is closed on 2026-06-08: no opening hours on Mondays"
    assert localize(closed, {"start": closed}, "de") == (
        "Das Bürgerbüro ist am 08.06.2026 geschlossen: montags keine Öffnungszeiten.",
        {"start": "das Bürgerbüro ist am 08.06.2026 geschlossen: montags keine Öffnungszeiten"},
    )
    assert localize("unknown service 'hundesteuer'", {}, "en")[0] == "Unknown service 'hundesteuer'."


def test_the_area_tables_do_not_repeat_a_key_of_the_main_table() -> None:
    tree = ast.parse((ROOT / "chalicelib/platform/german.py").read_text(encoding="utf-8"))
    main = next(
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name) and n.target.id == "EXACT"
    )
    assert isinstance(main, ast.Dict)
    main_keys = {k.value for k in main.keys if isinstance(k, ast.Constant)}
    seen: set[str] = set(main_keys)
    for area in german.AREAS:
        repeated = seen & set(area.EXACT)
        assert not repeated, (area.__name__, repeated)
        seen |= set(area.EXACT)


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        (None, "en"),
        ("", "en"),
        ("de", "de"),
        ("de-DE,de;q=0.9,en;q=0.8", "de"),
        ("en-GB,en;q=0.9", "en"),
        ("fr-FR, de;q=0.5", "de"),
        ("en;q=0.3, de;q=0.8", "de"),
        ("de;q=0, en", "en"),
        ("fr", "en"),
    ],
)
def test_the_language_is_the_preferred_of_german_and_english(header: str | None, lang: str) -> None:
    assert language(header) == lang
