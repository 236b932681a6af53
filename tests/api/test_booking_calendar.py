"""Calendar files of one booking: tentative until confirmed, one SEQUENCE that only rises, a cancel that removes it.

Calendars keep one event per UID and replace it only by a file with a higher SEQUENCE (RFC 5545,
5546), so every file of a booking - mailed or downloaded - carries the booking's revision.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import icalendar

from chalicelib.booking.rules.calendar import BERLIN
from tests.api import booking_support as support
from tests.api.booking_support import TUESDAY, at, booked, confirm_latest, mails
from tests.conftest import Api, body

clock, citizen = support.clock, support.citizen

EMAIL = "erika@example.org"


def event_of(ics: bytes | str) -> tuple[str, Any]:
    calendar = icalendar.Calendar.from_ical(ics)
    [event] = calendar.walk("VEVENT")
    return str(calendar["method"]), event


def mailed_event(subject_start: str = "") -> tuple[str, Any]:
    mail = next(m for m in mails(EMAIL) if str(m["subject"]).startswith(subject_start))
    [ics] = [a for a in mail["attachments"] if a["filename"].endswith(".ics")]
    return event_of(ics["content"])


def downloaded_event(api: Api, token: str) -> tuple[str, Any]:
    res = api.get(f"/api/booking/ics?token={token}")
    assert res.status_code == 200, res.body
    return event_of(res.body)


def seen(method: str, event: Any) -> tuple[str, str, int]:
    return method, str(event["status"]), int(event["sequence"])


def test_an_unconfirmed_booking_is_tentative_in_the_mail_and_in_the_download(citizen: Api) -> None:
    data = booked(citizen)
    assert data["booking"]["status"] == "pending"
    # The "please confirm" mail and the download: the time is released unless confirmed
    assert seen(*mailed_event()) == ("PUBLISH", "TENTATIVE", 0)
    assert seen(*downloaded_event(citizen, data["manage_token"])) == ("PUBLISH", "TENTATIVE", 0)
    confirm_latest(citizen)
    assert seen(*downloaded_event(citizen, data["manage_token"])) == ("PUBLISH", "CONFIRMED", 1)


def test_a_phone_booking_is_confirmed_at_once(citizen: Api, make_staff: Any) -> None:
    import uuid

    clerk = make_staff("office")
    res = clerk.post(
        "/api/office/bookings",
        {
            "office": "anrath",
            "services": ["fuehrungszeugnis"],
            "start": at(TUESDAY, "09:00"),
            "name": "Erika Mustermann",
            "email": EMAIL,
        },
        headers={"idempotency-key": uuid.uuid4().hex},
    )
    assert res.status_code == 201, res.body
    assert seen(*mailed_event()) == ("PUBLISH", "CONFIRMED", 0)


def test_confirm_rebook_and_cancel_raise_the_sequence_everywhere_and_the_cancel_removes_the_event(
    citizen: Api,
) -> None:
    data = booked(citizen)
    token = data["manage_token"]
    uid = str(mailed_event()[1]["uid"])
    timeline = [seen(*mailed_event()), seen(*downloaded_event(citizen, token))]

    assert confirm_latest(citizen).status_code == 200
    timeline += [seen(*mailed_event("Termin bestätigt")), seen(*downloaded_event(citizen, token))]

    moved = citizen.post("/api/booking/rebook", {"token": token, "start": at(TUESDAY, "10:00")})
    assert moved.status_code == 200, moved.body
    method, event = mailed_event()  # the newest mail: the change
    assert event.decoded("dtstart") == datetime(2026, 6, 9, 10, 0, tzinfo=BERLIN)
    timeline += [seen(method, event)]
    method, event = downloaded_event(citizen, token)
    assert event.decoded("dtstart") == datetime(2026, 6, 9, 10, 0, tzinfo=BERLIN)
    timeline += [seen(method, event)]

    assert citizen.post("/api/booking/cancel", {"token": token}).status_code == 200
    timeline += [seen(*mailed_event()), seen(*downloaded_event(citizen, token))]

    assert timeline == [
        ("PUBLISH", "TENTATIVE", 0),
        ("PUBLISH", "TENTATIVE", 0),
        ("PUBLISH", "CONFIRMED", 1),
        ("PUBLISH", "CONFIRMED", 1),
        ("PUBLISH", "CONFIRMED", 2),
        ("PUBLISH", "CONFIRMED", 2),
        ("CANCEL", "CANCELLED", 3),
        ("CANCEL", "CANCELLED", 3),
    ]
    # One event throughout, which a calendar replaces because each file's SEQUENCE is higher
    every = [
        event
        for m in mails(EMAIL)
        for a in m["attachments"]
        if a["filename"].endswith(".ics")
        for event in [event_of(a["content"])[1]]
    ]
    assert {str(e["uid"]) for e in every} == {uid}
    assert all(str(e["organizer"]).startswith("mailto:") for e in every)


def test_staff_actions_raise_the_revision_too(citizen: Api, make_staff: Any) -> None:
    from chalicelib.booking.store import bookings as booking_store

    data = booked(citizen)
    confirm_latest(citizen)
    clerk = make_staff("office")
    assert clerk.post(f"/api/office/bookings/{data['booking']['code']}/cancel").status_code == 200
    stored = booking_store.get(data["booking"]["code"])
    assert stored is not None and int(stored.revision or 0) == 2
    assert seen(*downloaded_event(citizen, data["manage_token"])) == ("CANCEL", "CANCELLED", 2)


def test_a_booking_stored_before_revisions_counts_from_zero(citizen: Api) -> None:
    from chalicelib.booking.store import bookings as booking_store
    from chalicelib.booking.store.bookings import BookingModel

    data = booked(citizen)
    code = data["booking"]["code"]
    booking_store.get(code).update(actions=[BookingModel.revision.remove()])  # type: ignore[union-attr]
    assert seen(*downloaded_event(citizen, data["manage_token"])) == ("PUBLISH", "TENTATIVE", 0)
    assert confirm_latest(citizen).status_code == 200
    assert body(citizen.get(f"/api/booking/manage?token={data['manage_token']}"))["booking"]["status"] == "confirmed"
    assert seen(*downloaded_event(citizen, data["manage_token"])) == ("PUBLISH", "CONFIRMED", 1)
