"""Booking life cycle, the town's booking rules and the message texts, without any database."""

from __future__ import annotations

from datetime import datetime

import pytest

from chalicelib.booking.rules import lifecycle as rules
from chalicelib.booking.rules import mails
from chalicelib.booking.rules import messages as texts
from chalicelib.booking.rules.calendar import BERLIN
from chalicelib.platform import day_names
from chalicelib.platform.errors import Conflict, ValidationFailed


def test_status_transitions_follow_the_visit() -> None:
    assert rules.next_status("confirm", rules.PENDING) == rules.CONFIRMED
    assert rules.next_status("check_in", rules.CONFIRMED) == rules.CHECKED_IN
    assert rules.next_status("done", rules.CHECKED_IN) == rules.DONE
    assert rules.next_status("no_show", rules.CONFIRMED) == rules.NO_SHOW
    for action, status in (("cancel", rules.DONE), ("done", rules.NO_SHOW), ("check_in", rules.CANCELLED)):
        with pytest.raises(Conflict) as caught:
            rules.next_status(action, status)
        assert caught.value.details == {"status": status}


def test_statistics_count_each_service_of_a_booking() -> None:
    assert rules.per_service(["ausweis", "ausweis", "meldung"], "booked") == {
        "ausweis": {"booked": 2},
        "meldung": {"booked": 1},
    }
    assert rules.per_service(["ausweis"], "booked", -1) == {"ausweis": {"booked": -1}}
    assert rules.stat_event(rules.NO_SHOW) == "no_show" and rules.stat_event(rules.PENDING) is None


def test_rules_default_when_the_town_has_no_booking_section() -> None:
    assert rules.parse_rules(None) == rules.BookingRules()
    assert rules.parse_rules({}).retention_days == 30


def test_rules_come_from_the_town_and_installation_overrides_win() -> None:
    parsed = rules.parse_rules({"rate_limit_per_hour": 20, "confirm_minutes": 15}, {"rate_limit_per_hour": "500"})
    assert parsed.rate_limit_per_hour == 500 and parsed.confirm_minutes == 15


def test_bad_rules_are_all_reported_with_their_path() -> None:
    with pytest.raises(ValidationFailed) as caught:
        rules.parse_rules(
            {"retention_days": 0, "confirm_minutes": "soon", "captcha": True}, {"max_active_per_email": "x"}
        )
    assert set(caught.value.fields) == {
        "booking.retention_days",
        "booking.confirm_minutes",
        "booking.captcha",
        "booking.max_active_per_email",
    }


def facts(lang: str = "de", confirm: str | None = "https://example.org/termin/bestaetigen?token=c") -> texts.Facts:
    return texts.Facts(
        code="ABCD2345",
        office_name="Stadtteilbüro Anrath",
        office_address="Kirchplatz 3, 47877 Willich-Anrath",
        start=datetime(2026, 10, 25, 9, 0, tzinfo=BERLIN),  # the day the clocks go back
        end=datetime(2026, 10, 25, 9, 20, tzinfo=BERLIN),
        services_de=("Personalausweis beantragen",),
        services_en=("Apply for an ID card",),
        documents_de=("Passfoto",),
        documents_en=("Passport photo",),
        manage_url="https://example.org/termin/verwalten?token=m",
        qr_url="https://example.org/api/booking/qr?token=m",
        language=lang,
        confirm_url=confirm,
        confirm_minutes=30,
    )


def test_dates_are_written_in_berlin_time_in_both_languages() -> None:
    utc = datetime.fromisoformat("2026-10-25T08:00:00+00:00")  # 09:00 in Berlin after the change
    assert day_names.when(utc, "de") == "Sonntag, 25. Oktober 2026, 09:00 Uhr"
    assert day_names.when(utc, "en") == "Sunday, 25 October 2026, 09:00"


def test_confirmation_asks_to_confirm_and_lists_everything_in_the_citizens_language_only() -> None:
    message = mails.confirmation(facts())
    assert message.subject == "Bitte bestätigen: Ihr Termin ABCD2345 – Stadtteilbüro Anrath"
    text = message.text
    assert "innerhalb von 30 Minuten" in text and "within 30 minutes" not in text
    for part in ("ABCD2345", "Passfoto", "verwalten?token=m", "Kirchplatz 3", "bis 09:20 Uhr"):
        assert part in text
    assert "Passport photo" not in text and "[ ]" not in text
    assert "<li>Passfoto</li>" in (message.html or "")


def test_staff_bookings_need_no_confirmation_link() -> None:
    message = mails.confirmation(facts(confirm=None))
    assert message.subject.startswith("Ihr Termin ist gebucht") and "bestaetigen" not in message.text


def test_english_messages_are_english_only() -> None:
    reminder = mails.reminder(facts("en"))
    assert reminder.subject.startswith("Reminder") and "Hello" in reminder.text and "Guten Tag" not in reminder.text
    assert reminder.push_title == "Appointment reminder" and "ABCD2345" in reminder.push_body


def test_waitlist_offer_names_both_times_and_how_long_it_lasts() -> None:
    offered = datetime(2026, 6, 2, 9, 15, tzinfo=BERLIN)
    current = datetime(2026, 6, 9, 11, 0, tzinfo=BERLIN)
    message = mails.waitlist_offer(
        "Stadtteilbüro Anrath", offered, "https://x/termin/angebot?token=o", 60, "de", current
    )
    assert "Dienstag, 2. Juni 2026, 09:15 Uhr statt am Dienstag, 9. Juni 2026, 11:00 Uhr" in message.text
    assert "60 Minuten" in message.text and "60 minutes" not in message.text
    english = mails.waitlist_offer("Stadtteilbüro Anrath", offered, "https://x/termin/angebot?token=o", 60, "en", None)
    assert "60 minutes" in english.text and "Minuten" not in english.text
