"""Abuse control without captchas: cap per e-mail, rate limit per client, release of unconfirmed bookings."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.api import booking_support as support
from tests.api.booking_support import TUESDAY, at, book, booked, confirm_latest, run_job, snapshot
from tests.conftest import Api, body

clock, citizen = support.clock, support.citizen


def starts(api: Api) -> list[str]:
    res = api.get(f"/api/booking/slots?office=anrath&services=fuehrungszeugnis&date={TUESDAY}")
    return [s["start"] for s in body(res)["slots"]]


def test_an_email_address_holds_at_most_three_upcoming_bookings(citizen: Api) -> None:
    first = booked(citizen, start=at(TUESDAY, "08:00"))
    booked(citizen, start=at(TUESDAY, "08:15"), email="Erika@EXAMPLE.org")  # the same address
    booked(citizen, start=at(TUESDAY, "08:30"))
    before = snapshot()
    fourth = book(citizen, start=at(TUESDAY, "08:45"))
    assert fourth.status_code == 409
    assert body(fourth)["error"]["code"] == "active_booking_limit" and "email" in body(fourth)["error"]["fields"]
    assert snapshot() == before
    assert book(citizen, start=at(TUESDAY, "08:45"), email="max@example.org").status_code == 201
    # cancelling one frees a place under the cap at once
    citizen.post("/api/booking/cancel", {"token": first["manage_token"]})
    assert book(citizen, start=at(TUESDAY, "09:00")).status_code == 201
    # the cap is kept under a keyed hash, never the address
    assert "erika" not in str(snapshot()["booking_quota"]).lower()


def test_a_past_appointment_no_longer_counts_against_the_cap(citizen: Api, clock: Any) -> None:
    for hhmm in ("08:00", "08:15", "08:30"):
        booked(citizen, start=at(TUESDAY, hhmm))
    clock.shift(timedelta(days=8, hours=2))  # Tuesday 9 June, 10:00: all three are over
    assert book(citizen, start=at("2026-06-11", "09:00")).status_code == 201


def test_booking_attempts_per_client_are_limited(citizen: Api, monkeypatch: Any) -> None:
    from chalicelib.platform.aws.db import all_models

    monkeypatch.setenv("BOOKING_RATE_LIMIT_PER_HOUR", "3")
    for i in range(3):
        assert book(citizen, email=f"p{i}@example.org", start=at(TUESDAY, f"{8 + i:02d}:00")).status_code == 201
    before = snapshot()
    res = book(citizen, email="p9@example.org", start=at(TUESDAY, "11:00"))
    assert res.status_code == 429 and int(res.headers["retry-after"]) > 0
    assert snapshot() == before
    # the client is counted under a keyed hash of its address, never the address
    throttles = next(m for m in all_models() if m.table == "throttles")
    assert "127.0.0.1" not in str([t.attribute_values for t in throttles.scan()])


def test_retries_with_the_same_key_are_not_throttled(citizen: Api, monkeypatch: Any) -> None:
    monkeypatch.setenv("BOOKING_RATE_LIMIT_PER_HOUR", "2")
    answers = {book(citizen, key="same-key-12345").status_code for _ in range(5)}
    assert answers == {201}


def test_unconfirmed_bookings_are_released_after_the_town_limit(citizen: Api, clock: Any) -> None:
    pending = booked(citizen, start=at(TUESDAY, "08:00"))
    booked(citizen, start=at(TUESDAY, "09:00"), email="max@example.org")
    confirm_latest(citizen, "max@example.org")
    clock.shift(timedelta(minutes=29))
    assert run_job("booking-release-unconfirmed") == {"released": 0}
    clock.shift(timedelta(minutes=2))
    assert run_job("booking-release-unconfirmed") == {"released": 1}
    assert run_job("booking-release-unconfirmed") == {"released": 0}
    free = starts(citizen)
    assert at(TUESDAY, "08:00") in free and at(TUESDAY, "09:00") not in free
    view = body(citizen.get(f"/api/booking/manage?token={pending['manage_token']}"))["booking"]
    assert view["status"] == "released"
    assert snapshot()["booking_quota"] and all(q["code"] != view["code"] for q in snapshot()["booking_quota"])
    stats = snapshot()["booking_stats"]
    assert sum(int(s.get("released", 0)) for s in stats) == 1 and sum(int(s.get("booked", 0)) for s in stats) == 2
