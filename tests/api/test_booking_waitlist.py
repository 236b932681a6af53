"""'Tell me if something earlier frees up': offers go to everyone waiting, the first to accept gets it."""

from __future__ import annotations

from typing import Any

from tests.api import booking_support as support
from tests.api.booking_support import at, booked, confirm_latest, link_token, mails, run_job, snapshot
from tests.conftest import Api, body

clock, citizen = support.clock, support.citizen
FIRST_TUESDAY = "2026-06-02"  # the earliest bookable day at Anrath


def offer_of(to: str) -> str:
    mail = mails(to)[0]
    assert mail["subject"].startswith("Früherer Termin frei"), mail["subject"]
    return link_token(mail["text"], "/termin/angebot")


def test_an_earlier_time_is_offered_and_the_first_to_accept_gets_it(citizen: Api, monkeypatch: Any) -> None:
    monkeypatch.setenv("BOOKING_RATE_LIMIT_PER_HOUR", "100")
    late = booked(citizen, start=at(FIRST_TUESDAY, "11:00"))
    confirm_latest(citizen)
    joined = citizen.post("/api/booking/waitlist", {"token": late["manage_token"]})
    assert joined.status_code == 201 and body(joined)["waitlist"]["booking"] == late["booking"]["code"]
    without = {
        "office": "anrath",
        "services": ["fuehrungszeugnis"],
        "name": "Max Mustermann",
        "email": "max@example.org",
        "consent": True,
    }
    assert citizen.post("/api/booking/waitlist", without).status_code == 201
    # every time before 11:00 that day is taken by someone else
    blockers = [
        booked(citizen, start=at(FIRST_TUESDAY, f"{8 + q // 4:02d}:{q % 4 * 15:02d}"), email=f"b{q}@example.org")
        for q in range(12)
    ]
    assert run_job("booking-waitlist") == {"offers": 1}  # Max gets 11:15; Erika has nothing earlier
    citizen.post("/api/booking/cancel", {"token": blockers[5]["manage_token"]})  # 09:15 frees up
    assert run_job("booking-waitlist") == {"offers": 2}
    assert run_job("booking-waitlist") == {"offers": 0}  # the same time is offered only once
    erika_offer, max_offer = offer_of("erika@example.org"), offer_of("max@example.org")
    assert "Dienstag, 2. Juni 2026, 09:15 Uhr" in mails("erika@example.org")[0]["text"]

    taken = citizen.post("/api/booking/waitlist/claim", {"offer": erika_offer})
    assert taken.status_code == 200, taken.body
    assert body(taken)["booking"]["start"] == at(FIRST_TUESDAY, "09:15")
    assert body(taken)["booking"]["code"] == late["booking"]["code"]
    again = citizen.post("/api/booking/waitlist/claim", {"offer": erika_offer})
    assert again.status_code == 200 and body(again)["booking"]["start"] == at(FIRST_TUESDAY, "09:15")

    second = citizen.post("/api/booking/waitlist/claim", {"offer": max_offer})
    assert second.status_code == 409 and body(second)["error"]["next_free"][0] == at(FIRST_TUESDAY, "11:00")
    res = citizen.get(f"/api/booking/slots?office=anrath&services=fuehrungszeugnis&date={FIRST_TUESDAY}")
    assert at(FIRST_TUESDAY, "11:00") in [s["start"] for s in body(res)["slots"]]  # Erika's old time is free


def test_an_offer_without_a_booking_books_a_confirmed_appointment(citizen: Api, clock: Any) -> None:
    without = {
        "office": "anrath",
        "services": ["fuehrungszeugnis"],
        "name": "Max Mustermann",
        "email": "max@example.org",
        "consent": True,
        "language": "en",
    }
    assert citizen.post("/api/booking/waitlist", without).status_code == 201
    assert run_job("booking-waitlist") == {"offers": 1}
    mail = mails("max@example.org")[0]
    assert mail["subject"].startswith("Earlier appointment available")
    offer = link_token(mail["text"], "/termin/angebot")
    res = citizen.post("/api/booking/waitlist/claim", {"offer": offer})
    assert res.status_code == 201, res.body
    data = body(res)
    assert data["booking"]["status"] == "confirmed" and data["booking"]["start"] == at(FIRST_TUESDAY, "08:00")
    assert citizen.post("/api/booking/waitlist/claim", {"offer": offer}).body == res.body
    assert snapshot()["booking_waitlist"] == []


def test_waitlist_input_is_checked(citizen: Api) -> None:
    data = booked(citizen)
    mixed = citizen.post("/api/booking/waitlist", {"token": data["manage_token"], "office": "anrath"})
    assert mixed.status_code == 400 and "office" in body(mixed)["error"]["fields"]
    missing = citizen.post("/api/booking/waitlist", {"office": "anrath"})
    assert missing.status_code == 400 and {"services", "email", "name", "consent"} <= set(
        body(missing)["error"]["fields"]
    )
    assert citizen.post("/api/booking/waitlist/claim", {"offer": "forged.offer.token"}).status_code == 410
