"""Office staff: day view, check-in, outcomes, phone bookings, blocks, extra pickup places, statistics."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from tests.api import booking_support as support
from tests.api.booking_support import (
    NOW,
    TUESDAY,
    at,
    book,
    booked,
    confirm_latest,
    mails,
    run_job,
    sign_in_again,
    snapshot,
)
from tests.conftest import Api, body

clock, citizen, clerk = support.clock, support.citizen, support.clerk
WEDNESDAY = "2026-06-10"


def day_view(clerk: Api, day: str = TUESDAY, office: str = "anrath") -> dict[str, Any]:
    res = clerk.get(f"/api/office/day?office={office}&date={day}")
    assert res.status_code == 200, res.body
    return body(res)  # type: ignore[no-any-return]


def phone_booking(clerk: Api, key: str | None = None, **overrides: Any) -> Any:
    data = {
        "office": "anrath",
        "services": ["ummeldung"],
        "start": at(TUESDAY, "10:00"),
        "name": "Max Mustermann",
        "phone": "02154 12345",
    }
    data.update(overrides)
    return clerk.post("/api/office/bookings", data, headers={"idempotency-key": key or uuid.uuid4().hex})


def slots(api: Api, day: str, services: str = "fuehrungszeugnis", office: str = "anrath") -> list[str]:
    res = api.get(f"/api/booking/slots?office={office}&services={services}&date={day}")
    return [s["start"] for s in body(res)["slots"]]


def test_day_view_shows_appointments_by_counter_with_name_and_code_only(citizen: Api, clerk: Api) -> None:
    online = booked(citizen, start=at(TUESDAY, "08:00"))
    gone = booked(citizen, start=at(TUESDAY, "08:30"), email="gone@example.org")
    citizen.post("/api/booking/cancel", {"token": gone["manage_token"]})
    phoned = body(phone_booking(clerk))
    view = day_view(clerk)
    assert view["counters"] == ["C1"] and view["pickup_places"] == ["P1"] and view["closed"] is None
    assert [(a["start"], a["counter"], a["status"], a["channel"]) for a in view["appointments"]] == [
        (at(TUESDAY, "08:00"), "C1", "pending", "online"),
        (at(TUESDAY, "10:00"), "C1", "confirmed", "phone"),
    ]
    assert view["appointments"][0]["code"] == online["booking"]["code"]
    assert view["appointments"][1]["name"] == "Max Mustermann" and view["cancelled"] == 1
    assert view["appointments"][1]["services"][0]["name"]["de"] == "Wohnsitz an- oder ummelden"
    text = str(view)
    assert "erika@example.org" not in text and "02154" not in text
    assert phoned["booking"]["code"] == view["appointments"][1]["code"]


def test_the_office_role_is_required(citizen: Api, make_staff: Any) -> None:
    surveyor = make_staff("survey")
    assert surveyor.get(f"/api/office/day?office=anrath&date={TUESDAY}").status_code == 403
    assert citizen.get(f"/api/office/day?office=anrath&date={TUESDAY}").status_code == 401


def test_check_in_by_scanned_or_typed_code_no_show_and_done(citizen: Api, clerk: Api, clock: Any) -> None:
    first = booked(citizen, start=at(TUESDAY, "08:00"))["booking"]["code"]
    confirm_latest(citizen)
    second = booked(citizen, start=at(TUESDAY, "08:15"), email="max@example.org")["booking"]["code"]
    confirm_latest(citizen, "max@example.org")
    early = clerk.post("/api/office/check-in", {"code": first})
    assert early.status_code == 409 and body(early)["error"]["code"] == "not_today"
    clock.move_to(NOW + timedelta(days=8, minutes=5))  # Tuesday 08:05
    clerk = sign_in_again(citizen)
    wrong = clerk.post("/api/office/check-in", {"code": first, "office": "willich"})
    assert wrong.status_code == 409 and body(wrong)["error"]["code"] == "wrong_office"
    typed = f"{first[:4].lower()}-{first[4:].lower()}"
    res = clerk.post("/api/office/check-in", {"code": typed, "office": "anrath"})
    assert res.status_code == 200 and body(res)["booking"]["status"] == "checked_in"
    assert clerk.post("/api/office/check-in", {"code": first}).status_code == 200  # scanning twice is fine
    assert clerk.post("/api/office/check-in", {"code": "XXXX-XXXX"}).status_code == 404
    assert clerk.post("/api/office/check-in", {"code": "ZZZZZZZZ"}).status_code == 400  # Z is in no code
    assert clerk.post("/api/office/check-in", {"code": "<script>"}).status_code == 400
    not_yet = clerk.post(f"/api/office/bookings/{second}/no-show")
    assert not_yet.status_code == 409 and body(not_yet)["error"]["code"] == "not_begun"
    clock.move_to(NOW + timedelta(days=8, minutes=16))  # the second appointment began at 08:15
    assert body(clerk.post(f"/api/office/bookings/{second}/no-show"))["booking"]["status"] == "no_show"
    done = clerk.post(f"/api/office/bookings/{first}/done", {})
    assert done.status_code == 200 and body(done)["booking"]["status"] == "done"
    assert "rate_visit_url" not in body(done)  # only with a survey that hands out visit links
    assert clerk.post(f"/api/office/bookings/{second}/done", {}).status_code == 409  # no-show stays no-show
    from chalicelib.platform import audit

    entries = audit.entries("2026-06")
    actions = [(e["action"], e["target"]) for e in entries]
    assert ("booking.check_in", first) in actions and ("booking.no_show", second) in actions
    assert "Erika" not in str(entries) and "example.org" not in str(entries)


def test_phone_booking_is_confirmed_at_once_and_mails_only_when_asked(clerk: Api) -> None:
    res = phone_booking(clerk, key="phone-call-0001")
    assert res.status_code == 201
    data = body(res)
    assert data["booking"]["status"] == "confirmed" and data["booking"]["channel"] == "phone"
    assert "manage_token" not in data and mails() == []
    assert phone_booking(clerk, key="phone-call-0001").body == res.body  # a double click books once
    with_mail = phone_booking(clerk, start=at(TUESDAY, "11:00"), email="caller@example.org")
    assert with_mail.status_code == 201
    [mail] = mails("caller@example.org")
    assert mail["subject"].startswith("Ihr Termin ist gebucht") and "/termin/bestaetigen" not in mail["text"]
    assert "/termin/verwalten?token=" in mail["text"]
    silent = phone_booking(clerk, start=at(TUESDAY, "11:30"), email="quiet@example.org", send_confirmation=False)
    assert silent.status_code == 201 and mails("quiet@example.org") == []
    taken = phone_booking(clerk, start=at(TUESDAY, "10:00"), name="Someone Else")
    assert taken.status_code == 409 and body(taken)["error"]["next_free"]
    assert clerk.post("/api/office/bookings", {"office": "anrath"}).status_code == 400


def test_staff_can_cancel_for_a_caller(citizen: Api, clerk: Api) -> None:
    code = booked(citizen)["booking"]["code"]
    res = clerk.post(f"/api/office/bookings/{code}/cancel")
    assert res.status_code == 200 and body(res)["booking"]["status"] == "cancelled"
    assert at(TUESDAY, "08:00") in slots(citizen, TUESDAY)


def test_blocking_all_counters_removes_times_and_unblocking_returns_them(citizen: Api, clerk: Api) -> None:
    existing = booked(citizen, start=at(TUESDAY, "08:30"))["booking"]["code"]
    res = clerk.post(
        "/api/office/blocks",
        {"office": "anrath", "date": TUESDAY, "from": "08:00", "to": "09:00", "reason": "Teambesprechung"},
    )
    assert res.status_code == 201, res.body
    block = body(res)
    assert block["affected_bookings"] == [existing] and block["block"]["counter"] is None
    free = slots(citizen, TUESDAY)
    assert free[0] == at(TUESDAY, "09:00")
    assert slots(citizen, TUESDAY, "abholung")[0] == at(TUESDAY, "09:00")  # pickup places too
    refused = book(citizen, email="max@example.org", start=at(TUESDAY, "08:15"))
    assert refused.status_code == 409 and body(refused)["error"]["next_free"][0] == at(TUESDAY, "09:00")
    assert day_view(clerk)["blocks"] == [
        {"id": block["block"]["id"], "counter": None, "from": "08:00", "to": "09:00", "reason": "Teambesprechung"}
    ]
    assert clerk.delete(f"/api/office/blocks/{block['block']['id']}").status_code == 204
    assert at(TUESDAY, "08:00") in slots(citizen, TUESDAY) and at(TUESDAY, "08:30") not in slots(citizen, TUESDAY)
    assert clerk.delete(f"/api/office/blocks/{block['block']['id']}").status_code == 404


def test_blocking_one_counter_leaves_the_others_bookable(citizen: Api, clerk: Api) -> None:
    monday = "2026-06-08"  # Willich: three counters in the morning
    res = clerk.post(
        "/api/office/blocks", {"office": "willich", "date": monday, "from": "08:00", "to": "12:30", "counter": "C1"}
    )
    assert res.status_code == 201
    data = booked(citizen, office="willich", start=at(monday, "08:00"))
    assert data["booking"]["counter"] == "C2"
    bad = clerk.post("/api/office/blocks", {"office": "willich", "date": monday, "from": "09:00", "to": "08:00"})
    assert bad.status_code == 400 and "to" in body(bad)["error"]["fields"]


def test_extra_pickup_places_for_a_day(citizen: Api, clerk: Api) -> None:
    assert slots(citizen, WEDNESDAY, "abholung") == []  # Anrath has no pickup places on Wednesdays
    res = clerk.post("/api/office/extra-pickup", {"office": "anrath", "date": WEDNESDAY, "places": 2})
    assert res.status_code == 200 and body(res)["extra_pickup"] == 2
    assert slots(citizen, WEDNESDAY, "abholung")[0] == at(WEDNESDAY, "14:00")
    first = booked(citizen, services=["abholung"], start=at(WEDNESDAY, "14:00"))
    second = booked(citizen, services=["abholung"], start=at(WEDNESDAY, "14:00"), email="max@example.org")
    assert {first["booking"]["counter"], second["booking"]["counter"]} == {"P1", "P2"}
    third = book(citizen, services=["abholung"], start=at(WEDNESDAY, "14:00"), email="third@example.org")
    assert third.status_code == 409
    assert day_view(clerk, WEDNESDAY)["pickup_places"] == ["P1", "P2"]
    closed = clerk.post("/api/office/extra-pickup", {"office": "anrath", "date": "2026-06-04", "places": 1})
    assert closed.status_code == 400 and "date" in body(closed)["error"]["fields"]
    too_many = clerk.post("/api/office/extra-pickup", {"office": "anrath", "date": WEDNESDAY, "places": 11})
    assert too_many.status_code == 400


def test_statistics_count_per_service_office_and_day_and_outlive_personal_data(
    citizen: Api, clerk: Api, clock: Any
) -> None:
    booked(citizen, services=["personalausweis", "ummeldung"], start=at(TUESDAY, "08:00"))
    cancelled = booked(citizen, start=at(TUESDAY, "09:00"), email="max@example.org")
    citizen.post("/api/booking/cancel", {"token": cancelled["manage_token"]})
    phone_booking(clerk)
    clock.move_to(NOW + timedelta(days=50))
    run_job("purge-expired")
    assert snapshot()["bookings"] == [] and snapshot()["booking_refs"] == []
    clerk = sign_in_again(citizen)
    stats = body(clerk.get("/api/office/stats?month=2026-06&office=anrath"))
    assert stats["totals"]["booked"] == 4 and stats["totals"]["cancelled"] == 1
    assert stats["totals"]["online"] == 3 and stats["totals"]["phone"] == 1
    assert stats["by_service"]["ummeldung"]["booked"] == 2
    assert {r["date"] for r in stats["rows"]} == {TUESDAY}
    assert clerk.get("/api/office/stats?month=June").status_code == 400


def test_the_demo_stack_starts_with_phone_appointments_in_willich(clerk: Api) -> None:
    from infra.local.demo import seed_demo
    from infra.local.stack import DEFAULT_TOWN, load_town_file

    assert seed_demo(load_town_file(DEFAULT_TOWN))["booking"] == {"bookings": 8}
    view = day_view(clerk, "2026-06-02", "willich")
    assert [a["name"] for a in view["appointments"]][:2] == ["Erika Mustermann", "Max Mustermann"]
    assert mails() == []


def test_a_block_lists_only_appointments_still_to_come_and_names_the_off_grid_time(citizen: Api, clerk: Api) -> None:
    open_one = booked(citizen, start=at(TUESDAY, "08:30"))["booking"]["code"]
    cancelled = booked(citizen, email="erika@example.org", start=at(TUESDAY, "09:30"))
    citizen.post("/api/booking/cancel", {"token": cancelled["manage_token"]})
    res = clerk.post("/api/office/blocks", {"office": "anrath", "date": TUESDAY, "from": "08:00", "to": "10:00"})
    assert body(res)["affected_bookings"] == [open_one]
    off = clerk.post("/api/office/blocks", {"office": "anrath", "date": TUESDAY, "from": "10:00", "to": "10:07"})
    assert off.status_code == 400 and body(off)["error"]["fields"] == {"to": "must be a multiple of 5"}
