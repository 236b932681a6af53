"""Citizen booking over the API: catalogue, free times, booking, confirmation mail, manage link."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import icalendar

from chalicelib.booking.rules.calendar import BERLIN
from tests.api import booking_support as support
from tests.api.booking_support import NOW, TUESDAY, at, book, booked, confirm_latest, form, link_token, mails, snapshot
from tests.conftest import Api, body

clock, citizen = support.clock, support.citizen


def free_on(api: Api, day: str, services: str = "fuehrungszeugnis", office: str = "anrath") -> list[str]:
    res = api.get(f"/api/booking/slots?office={office}&services={services}&date={day}")
    assert res.status_code == 200, res.body
    return [s["start"] for s in body(res)["slots"]]


def test_catalogue_lists_offices_and_services_with_documents_in_both_languages(citizen: Api) -> None:
    data = body(citizen.get("/api/booking/catalogue"))
    assert {o["id"] for o in data["offices"]} == {"willich", "anrath"}
    passport = next(s for s in data["services"] if s["id"] == "reisepass")
    assert passport["documents"]["de"][0] == "bisheriger Reisepass oder Personalausweis"
    assert passport["documents"]["en"][0] == "current passport or ID card"
    assert passport["duration_minutes"] == 20 and passport["offices"] == ["anrath", "willich"]
    assert next(s for s in data["services"] if s["id"] == "abholung")["pickup"] is True


def test_month_availability_counts_free_starts_and_names_closed_days(citizen: Api) -> None:
    res = citizen.get("/api/booking/availability?office=anrath&services=fuehrungszeugnis&month=2026-06")
    days = {d["date"]: d for d in body(res)["days"]}
    assert len(days) == 30
    assert days[TUESDAY]["free"] == 16 and days[TUESDAY]["closed"] is None  # 08:00 .. 11:45 every 15 min
    assert days["2026-06-04"]["free"] == 0 and "Fronleichnam" in days["2026-06-04"]["closed"]
    assert days["2026-06-08"]["closed"] == "no opening hours on Mondays"
    booked(citizen)
    res = citizen.get("/api/booking/availability?office=anrath&services=fuehrungszeugnis&month=2026-06")
    assert {d["date"]: d["free"] for d in body(res)["days"]}[TUESDAY] == 15


def test_combined_services_need_one_longer_appointment(citizen: Api) -> None:
    starts = free_on(citizen, TUESDAY, "personalausweis,ummeldung")  # 35 minutes
    assert starts[0] == at(TUESDAY, "08:00") and starts[-1] == at(TUESDAY, "11:15")
    data = booked(citizen, services=["personalausweis", "ummeldung"], start=at(TUESDAY, "11:15"))
    assert data["booking"]["end"] == at(TUESDAY, "11:50")
    assert at(TUESDAY, "11:30") not in free_on(citizen, TUESDAY)


def test_booking_sends_a_confirmation_mail_with_code_checklist_links_and_calendar_file(citizen: Api) -> None:
    data = booked(citizen)
    code, token = data["booking"]["code"], data["manage_token"]
    assert data["booking"]["status"] == "pending" and len(token) >= 22  # >= 128 bits
    [mail] = mails("erika@example.org")
    text = mail["text"]
    assert code in mail["subject"] and code in text
    assert "Guten Tag" in text and "Hello" not in text  # the citizen's language only
    assert "Dienstag, 9. Juni 2026, 08:00 Uhr" in text and "Kirchplatz 3, 47877 Willich-Anrath" in text
    assert "- Personalausweis oder Reisepass" in text and "ID card" not in text
    manage = link_token(text, "/termin/verwalten")  # a short link of its own for the same booking
    assert len(manage) == 22 and body(citizen.get(f"/api/booking/manage?token={manage}"))["booking"]["code"] == code
    link_token(text, "/termin/bestaetigen")
    ics = next(a for a in mail["attachments"] if a["filename"].endswith(".ics"))
    assert ics["content_type"] == "text/calendar"
    event = icalendar.Calendar.from_ical(ics["content"]).walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert start == datetime(2026, 6, 9, 8, 0, tzinfo=BERLIN)
    assert str(start.tzinfo) == "Europe/Berlin" and event["dtstart"].params["TZID"] == "Europe/Berlin"
    assert f"/termin/verwalten?token={manage}" in str(event["url"])
    assert f"/termin/verwalten?token={manage}" in str(event["description"])
    assert any(a["filename"].endswith(".png") for a in mail["attachments"])  # QR code for check-in


def test_english_bookings_get_english_mail(citizen: Api) -> None:
    booked(citizen, language="en")
    [mail] = mails()
    assert mail["subject"].startswith("Please confirm")
    assert "Hello" in mail["text"] and "Guten Tag" not in mail["text"]
    assert "Tuesday, 9 June 2026, 08:00" in mail["text"]


def test_the_link_in_the_mail_confirms_and_confirming_twice_is_harmless(citizen: Api) -> None:
    data = booked(citizen)
    first = confirm_latest(citizen)
    assert first.status_code == 200 and body(first)["booking"]["status"] == "confirmed"
    assert confirm_latest(citizen).status_code == 200
    view = body(citizen.get(f"/api/booking/manage?token={data['manage_token']}"))["booking"]
    assert view["status"] == "confirmed" and view["confirm_by"] is None


def test_a_forged_or_expired_confirmation_link_is_refused(citizen: Api, clock: Any) -> None:
    booked(citizen)
    assert citizen.post("/api/booking/confirm", {"token": "not.a.token"}).status_code == 410
    clock.shift(timedelta(minutes=31))
    late = confirm_latest(citizen)
    assert late.status_code == 410 and body(late)["error"]["code"] == "confirm_link_invalid"


def test_manage_link_shows_the_booking_and_an_unknown_token_is_404(citizen: Api) -> None:
    data = booked(citizen)
    view = body(citizen.get(f"/api/booking/manage?token={data['manage_token']}"))["booking"]
    assert view["code"] == data["booking"]["code"] and view["office"]["name"] == "Stadtteilbüro Anrath"
    assert view["checklist"]["de"] == ["Personalausweis oder Reisepass", view["checklist"]["de"][1]]
    res = citizen.get("/api/booking/manage?token=guessed-token-guessed-token")
    assert res.status_code == 404 and res.headers["cache-control"] == "no-store"


def test_cancelling_frees_the_time_at_once(citizen: Api) -> None:
    data = booked(citizen)
    confirm_latest(citizen)
    assert at(TUESDAY, "08:00") not in free_on(citizen, TUESDAY)
    res = citizen.post("/api/booking/cancel", {"token": data["manage_token"]})
    assert res.status_code == 200 and body(res)["booking"]["status"] == "cancelled"
    assert at(TUESDAY, "08:00") in free_on(citizen, TUESDAY)
    assert citizen.post("/api/booking/cancel", {"token": data["manage_token"]}).status_code == 200
    assert mails("erika@example.org")[0]["subject"].startswith("Ihr Termin ist abgesagt")
    again = book(citizen, email="max@example.org")
    assert again.status_code == 201


def test_rebooking_moves_the_appointment_in_one_step(citizen: Api) -> None:
    data = booked(citizen)
    token = data["manage_token"]
    res = citizen.post("/api/booking/rebook", {"token": token, "start": at(TUESDAY, "10:30")})
    assert res.status_code == 200, res.body
    assert body(res)["booking"]["start"] == at(TUESDAY, "10:30")
    starts = free_on(citizen, TUESDAY)
    assert at(TUESDAY, "08:00") in starts and at(TUESDAY, "10:30") not in starts
    assert mails("erika@example.org")[0]["subject"].startswith("Ihr Termin wurde verschoben")
    # shifting by one step reuses the booking's own time
    assert citizen.post("/api/booking/rebook", {"token": token, "start": at(TUESDAY, "10:45")}).status_code == 200
    # to a taken time: 409 with the next free times, and nothing changes
    other = booked(citizen, email="max@example.org", start=at(TUESDAY, "11:00"))
    taken = citizen.post("/api/booking/rebook", {"token": token, "start": other["booking"]["start"]})
    assert taken.status_code == 409 and body(taken)["error"]["next_free"][0] == at(TUESDAY, "11:15")
    assert body(citizen.get(f"/api/booking/manage?token={token}"))["booking"]["start"] == at(TUESDAY, "10:45")


def test_rebooking_into_another_month_moves_the_capacity_too(citizen: Api) -> None:
    data = booked(citizen)
    res = citizen.post("/api/booking/rebook", {"token": data["manage_token"], "start": at("2026-07-01", "14:00")})
    assert res.status_code == 200, res.body
    assert at(TUESDAY, "08:00") in free_on(citizen, TUESDAY)
    assert at("2026-07-01", "14:00") not in free_on(citizen, "2026-07-01")


def test_calendar_file_and_qr_code_by_manage_token(citizen: Api) -> None:
    data = booked(citizen)
    res = citizen.get(f"/api/booking/ics?token={data['manage_token']}")
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/calendar")
    event = icalendar.Calendar.from_ical(res.body).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime(2026, 6, 9, 8, 0, tzinfo=BERLIN)
    svg = citizen.get(f"/api/booking/qr?token={data['manage_token']}")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.body.lstrip().startswith(b"<")


def test_twenty_retries_with_one_idempotency_key_make_one_booking(citizen: Api) -> None:
    answers = [book(citizen, key="retry-key-0001") for _ in range(20)]
    assert {a.status_code for a in answers} == {201}
    assert len({a.body for a in answers}) == 1  # the same answer, token included
    assert len(snapshot()["bookings"]) == 1
    assert len(mails()) == 1


def test_the_same_idempotency_key_with_other_data_is_refused(citizen: Api) -> None:
    assert book(citizen, key="retry-key-0002").status_code == 201
    before = snapshot()
    res = book(citizen, key="retry-key-0002", start=at(TUESDAY, "09:00"))
    assert res.status_code == 422 and body(res)["error"]["code"] == "idempotency_key_reused"
    assert snapshot() == before


def test_booking_without_idempotency_key_is_refused(citizen: Api) -> None:
    res = citizen.post("/api/booking/bookings", form())
    assert res.status_code == 400 and "Idempotency-Key" in body(res)["error"]["fields"]


def test_idempotency_record_keeps_the_manage_token_unreadable(citizen: Api) -> None:
    data = booked(citizen)
    stored = str(snapshot())
    assert data["manage_token"] not in stored and "Erika" not in str(snapshot()["idempotency"])


def test_a_pickup_uses_pickup_places_and_cannot_be_mixed_with_other_services(citizen: Api) -> None:
    # Anrath has pickup places on Tuesdays only; Wednesday has none
    assert free_on(citizen, "2026-06-10", "abholung") == []
    assert free_on(citizen, TUESDAY, "abholung")[0] == at(TUESDAY, "08:00")
    mixed = book(citizen, services=["abholung", "reisepass"])
    assert mixed.status_code == 400 and "services" in body(mixed)["error"]["fields"]


def test_push_public_key_is_served_when_configured(citizen: Api, monkeypatch: Any) -> None:
    from chalicelib.platform.settings import get_settings

    assert citizen.get("/api/push/public-key").status_code == 404
    monkeypatch.setenv("VAPID_PUBLIC_KEY", "BPublicKeyForTests")
    get_settings.cache_clear()
    assert body(citizen.get("/api/push/public-key")) == {"public_key": "BPublicKeyForTests"}


def test_booked_day_is_in_the_past_after_the_appointment_and_data_expires(citizen: Api, clock: Any) -> None:
    from chalicelib.booking.store import bookings as booking_store

    data = booked(citizen)
    item = booking_store.get(data["booking"]["code"])
    assert item is not None and item.expires_at is not None
    retention = datetime.fromtimestamp(item.expires_at, BERLIN) - datetime(2026, 6, 9, 8, 10, tzinfo=BERLIN)
    assert retention == timedelta(days=30)
    clock.move_to(NOW + timedelta(days=40))
    assert booking_store.get(data["booking"]["code"]) is None
    assert citizen.get(f"/api/booking/manage?token={data['manage_token']}").status_code == 404


def test_a_failing_mail_service_does_not_lose_the_booking(citizen: Api, monkeypatch: Any, caplog: Any) -> None:
    from chalicelib.platform import mailer

    def refuse(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("Email address is not verified: erika@example.org")

    monkeypatch.setattr(mailer, "send", refuse)
    res = book(citizen)
    assert res.status_code == 201 and body(res)["booking"]["status"] == "pending"
    assert "erika@example.org" not in caplog.text and "booking_mail_failed" in caplog.text
