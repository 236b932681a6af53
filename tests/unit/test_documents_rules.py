"""Document order rules: states, references, locker codes and deadlines, lockout, delivery lists, notices."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.documents.rules import delivery, locker, notices
from chalicelib.documents.rules import orders as rules
from chalicelib.platform.errors import Conflict, Forbidden, ValidationFailed

MOMENT = datetime(2026, 12, 31, 22, 30, tzinfo=UTC)


def test_states_move_only_along_the_allowed_transitions() -> None:
    assert rules.next_state("produce", rules.APPLIED) == rules.IN_PRODUCTION
    assert rules.next_state("ready", rules.APPLIED) == rules.READY
    assert rules.next_state("load", rules.READY) == rules.IN_LOCKER
    assert rules.next_state("collect", rules.IN_LOCKER) == rules.COLLECTED
    assert rules.next_state("take_back", rules.IN_LOCKER) == rules.READY
    for action, state in (("ready", rules.READY), ("collect", rules.APPLIED), ("return", rules.COLLECTED)):
        with pytest.raises(Conflict) as err:
            rules.next_state(action, state)
        assert err.value.details == {"state": state}


def test_a_reference_carries_at_least_128_bits_grouped_with_check_symbols() -> None:
    refs = {rules.new_reference() for _ in range(200)}
    assert len(refs) == 200
    ref = refs.pop()
    groups = ref.split("-")
    assert [len(g) for g in groups] == [4] * 7
    assert rules.DATA_SYMBOLS * 5 >= 128
    assert rules.canonical_reference(ref) == ref
    assert rules.canonical_reference(ref.lower().replace("-", " ")) == ref
    # O, I and L are read as 0, 1 and 1
    tricky = ref.replace("0", "O").replace("1", "l")
    assert rules.canonical_reference(tricky) == ref


def test_a_typing_error_is_caught_by_the_check_symbols() -> None:
    ref = rules.new_reference().replace("-", "")
    caught = 0
    for i in range(rules.DATA_SYMBOLS):
        wrong = ref[:i] + ("A" if ref[i] != "A" else "B") + ref[i + 1 :]
        caught += rules.canonical_reference(wrong) is None
    assert caught >= rules.DATA_SYMBOLS - 1  # 10 check bits: a clash is 1 in 1024
    assert rules.canonical_reference(ref[:-1]) is None
    with pytest.raises(ValidationFailed):
        rules.reference_of("kein-vorgang")


def test_retention_a_week_after_collection_a_month_after_return() -> None:
    applied = MOMENT - timedelta(days=20)
    assert rules.expiry(rules.COLLECTED, MOMENT, applied) == MOMENT + timedelta(days=7)
    assert rules.expiry(rules.RETURNED, MOMENT, applied) == MOMENT + timedelta(days=30)
    assert rules.expiry(rules.READY, MOMENT, applied) == applied + rules.KEEP_OPEN


def test_town_rules_are_checked() -> None:
    assert rules.parse_rules({}).code_days == 7
    assert rules.parse_rules({"code_days": 10, "reminder_day": 8}).code_days == 10
    with pytest.raises(ValidationFailed):
        rules.parse_rules({"code_days": 5, "reminder_day": 5})
    with pytest.raises(ValidationFailed):
        rules.parse_rules({"code_days": 0})
    assert rules.parse_rules({}).pickup_reminder_day == 7
    assert rules.parse_rules({"pickup_reminder_day": 0}).pickup_reminder_day == 0  # no automatic reminder
    with pytest.raises(ValidationFailed):
        rules.parse_rules({"pickup_reminder_day": 400})
    assert rules.parse_rules({}).credential_overlap_hours == 24
    assert rules.parse_rules({"credential_overlap_hours": 0}).credential_overlap_hours == 0  # none: cut at once
    for wrong in (169, -1, True, "24"):
        with pytest.raises(ValidationFailed):
            rules.parse_rules({"credential_overlap_hours": wrong})
    own = rules.parse_rules({"types": [{"id": "fischereischein", "name": {"de": "Fischereischein"}, "locker": False}]})
    assert list(own.types) == ["fischereischein"] and own.types["fischereischein"].name("en") == "Fischereischein"


def test_locker_codes_are_random_digits_and_typed_forms_are_accepted() -> None:
    codes = {locker.new_code() for _ in range(100)}
    assert len(codes) > 95 and all(len(c) == locker.CODE_DIGITS >= 6 and c.isdigit() for c in codes)
    assert locker.canonical_code("1234 5678") == "12345678"
    assert locker.canonical_code("1234-567") is None
    assert locker.canonical_code("١٢٣٤٥٦٧٨") is None  # other scripts' digits are not ours


def test_deadline_and_the_day_five_reminder_across_new_year() -> None:
    deadline = locker.deadline(MOMENT, 7)
    assert deadline == MOMENT + timedelta(days=7)
    assert not locker.reminder_due(MOMENT, 5, MOMENT + timedelta(days=3, hours=23))
    assert locker.reminder_due(MOMENT, 5, MOMENT + timedelta(days=4))
    assert not locker.expired(deadline, deadline - timedelta(seconds=1))
    assert locker.expired(deadline, deadline)


def test_lockout_after_five_wrong_codes() -> None:
    assert not locker.locked_out(4) and locker.locked_out(5)
    assert locker.LOCKOUT_WINDOW.total_seconds() == 15 * 60


def test_four_eyes() -> None:
    with pytest.raises(Forbidden):
        locker.check_second_person("anna", "anna")
    with pytest.raises(Conflict):
        locker.check_second_person(None, "bernd")
    locker.check_second_person("anna", "bernd")


def test_a_free_compartment_of_the_size_or_a_larger_one() -> None:
    c = [
        locker.Compartment("C01", "small", "X"),
        locker.Compartment("C02", "large"),
        locker.Compartment("C03", "small"),
    ]
    assert locker.pick_compartment(c, "small").id == "C03"
    assert locker.pick_compartment(c[:2], "small").id == "C02"
    with pytest.raises(Conflict):
        locker.pick_compartment(c[:1], "large")


def test_terminal_credentials_name_their_terminal() -> None:
    cred = locker.new_credential("kaiserplatz")
    assert locker.terminal_of(cred) == "kaiserplatz" and len(cred) > 40
    assert locker.terminal_of("kaiserplatz") is None


def test_a_delivery_list_with_header_semicolons_and_broken_rows() -> None:
    a, b = rules.new_reference(), rules.new_reference()
    text = f"\ufeffNummer;Art\n{a};PA\n;\nfoo;PA\n{b.lower()};RP\n{a};PA\n"
    parsed = delivery.parse(text)
    assert parsed.references == [a, b]
    assert parsed.broken == [{"line": 4, "text": "foo"}]
    assert parsed.repeated == 1
    plain = delivery.parse(f"{a}\n{b}")
    assert plain.references == [a, b] and not plain.broken


def test_the_push_payload_is_declarative_small_and_names_no_person() -> None:
    doc = rules.DEFAULT_TYPES[0]
    ref = rules.new_reference()
    payload = notices.push_payload(notices.READY, doc, "de", "https://x.example/dokumente/ABC", ref)
    assert payload["web_push"] == 8030
    assert set(payload["notification"]) >= {"title", "body", "navigate", "lang", "tag"}
    assert len(json.dumps(payload).encode()) < 3072
    assert ref not in json.dumps(payload)  # the tag and topic are derived, not the reference itself
    topic = notices.topic(ref)
    assert len(topic) == 32 and topic != notices.topic(rules.new_reference())


def test_the_locker_mail_has_the_code_and_the_deadline_in_both_languages() -> None:
    doc = rules.DEFAULT_TYPES[1]
    for lang, words in (("de", "Abholcode"), ("en", "pickup code")):
        facts = notices.MailFacts(doc, lang, "REF", "https://x", "Büro", "Platz 1", "Mo", "12345678", MOMENT, "T", True)
        mail = notices.mail(notices.LOCKER, facts)
        assert "12345678" in mail.text and words in mail.text
        assert (
            "31" in mail.text and "2026" in mail.text and ("Fingerabdruck" in mail.text or "fingerprint" in mail.text)
        )
