"""Office staff in daily use: phone bookings without the lead time, the check-in day named,
undo of the last action, the day list as CSV and finding a booking by its code."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from typing import Any

from chalicelib.booking.rules.calendar import BERLIN
from tests.api import booking_support as support
from tests.api.booking_support import NOW, TUESDAY, at, book, booked, confirm_latest, sign_in_again
from tests.api.test_office import day_view, phone_booking
from tests.conftest import Api, body

clock, citizen, clerk = support.clock, support.citizen, support.clerk
# Tuesday 9 June 2026, 09:06: Anrath is open 8-12; an ID card needs 120 minutes' lead time online.
LATE_MORNING = datetime(2026, 6, 9, 9, 6, tzinfo=BERLIN)


def starts(api: Api, prefix: str, services: str = "personalausweis", day: str = TUESDAY) -> list[str]:
    res = api.get(f"{prefix}/slots?office=anrath&services={services}&date={day}")
    assert res.status_code == 200, res.body
    return [s["start"][11:16] for s in body(res)["slots"]]


def free_on(api: Api, prefix: str, day: str = TUESDAY) -> int:
    res = api.get(f"{prefix}/availability?office=anrath&services=personalausweis&month={day[:7]}")
    assert res.status_code == 200, res.body
    return next(int(d["free"]) for d in body(res)["days"] if d["date"] == day)


def test_staff_may_book_any_free_time_today_that_has_not_begun(citizen: Api, clerk: Api, clock: Any) -> None:
    clock.move_to(LATE_MORNING)
    clerk = sign_in_again(citizen)
    assert starts(citizen, "/api/booking") == ["11:15", "11:30"]  # the citizen's lead time holds
    staff = starts(clerk, "/api/office")
    assert staff == ["09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00", "11:15", "11:30"]
    assert free_on(clerk, "/api/office") == 10 and free_on(citizen, "/api/booking") == 2
    assert citizen.get(f"/api/office/slots?office=anrath&services=personalausweis&date={TUESDAY}").status_code == 401
    online = book(citizen, services=["personalausweis"], start=at(TUESDAY, "09:15"))
    assert online.status_code == 400 and "120 minutes" in body(online)["error"]["fields"]["start"]
    res = phone_booking(clerk, services=["personalausweis"], start=at(TUESDAY, "09:15"))
    assert res.status_code == 201, res.body
    assert body(res)["booking"]["start"] == at(TUESDAY, "09:15")
    assert "09:15" not in starts(clerk, "/api/office")
    past = phone_booking(clerk, services=["personalausweis"], start=at(TUESDAY, "09:00"))
    assert past.status_code == 400 and body(past)["error"]["fields"]["start"] == "lies in the past"


def test_check_in_on_another_day_names_that_day_in_german_and_english(citizen: Api, clerk: Api) -> None:
    code = booked(citizen, start=at(TUESDAY, "08:00"))["booking"]["code"]
    english = clerk.post("/api/office/check-in", {"code": code}, headers={"accept-language": "en"})
    assert english.status_code == 409
    assert body(english)["error"]["message"] == "This appointment is on Tuesday, 9 June 2026, not today."
    assert body(english)["error"]["date"] == TUESDAY
    german = clerk.post("/api/office/check-in", {"code": code}, headers={"accept-language": "de-DE"})
    assert body(german)["error"]["message"] == "Dieser Termin ist am Dienstag, 9. Juni 2026, nicht heute."


def undo(clerk: Api, code: str, action: str | None = None) -> Any:
    return clerk.post(f"/api/office/bookings/{code}/undo", {"action": action} if action else {})


def status_of(clerk: Api, code: str) -> dict[str, Any]:
    return next(a for a in day_view(clerk)["appointments"] if a["code"] == code)


def test_the_last_action_can_be_undone_on_the_same_day_and_is_audited(citizen: Api, clerk: Api, clock: Any) -> None:
    first = booked(citizen, start=at(TUESDAY, "08:00"))["booking"]["code"]  # stays unconfirmed
    second = booked(citizen, start=at(TUESDAY, "08:15"), email="max@example.org")["booking"]["code"]
    confirm_latest(citizen, "max@example.org")
    clock.move_to(NOW + timedelta(days=8, minutes=20))  # Tuesday 08:20
    clerk = sign_in_again(citizen)
    assert body(undo(clerk, first))["error"]["code"] == "nothing_to_undo"
    assert clerk.post("/api/office/check-in", {"code": first}).status_code == 200
    assert status_of(clerk, first)["undo"] == "check_in"
    other = undo(clerk, first, "done")
    assert other.status_code == 409 and body(other)["error"]["code"] == "undo_other_action"
    res = undo(clerk, first, "check_in")
    assert res.status_code == 200 and body(res)["booking"]["status"] == "confirmed"  # seen in person
    assert body(res)["undone"] == "check_in" and status_of(clerk, first)["undo"] is None
    assert undo(clerk, first).status_code == 409  # only the last action, once

    assert body(clerk.post(f"/api/office/bookings/{second}/no-show"))["booking"]["status"] == "no_show"
    assert body(undo(clerk, second))["booking"]["status"] == "confirmed"
    clerk.post("/api/office/check-in", {"code": second})
    clerk.post(f"/api/office/bookings/{second}/done", {})
    back = undo(clerk, second, "done")
    assert back.status_code == 200 and body(back)["booking"]["status"] == "checked_in"  # one step back only
    assert body(undo(clerk, second))["error"]["code"] == "nothing_to_undo"
    clerk.post(f"/api/office/bookings/{second}/done", {})

    clock.move_to(NOW + timedelta(days=9, hours=1))  # the next day
    clerk = sign_in_again(citizen)
    late = undo(clerk, second, "done")
    assert late.status_code == 409 and body(late)["error"]["code"] == "undo_too_late"
    german = clerk.post(f"/api/office/bookings/{second}/undo", {}, headers={"accept-language": "de"})
    assert body(german)["error"]["message"] == "Nur Änderungen von heute können rückgängig gemacht werden."

    from chalicelib.platform import audit

    undone = [(e["target"], e["details"]) for e in audit.entries("2026-06") if e["action"] == "booking.undo"]
    assert (first, {"office": "anrath", "undone": "check_in", "status": "confirmed"}) in undone
    assert (second, {"office": "anrath", "undone": "done", "status": "checked_in"}) in undone
    stats = body(clerk.get("/api/office/stats?month=2026-06&office=anrath"))["totals"]
    assert stats["checked_in"] == 1 and stats["no_show"] == 0 and stats["done"] == 1


def test_undo_needs_the_office_role(citizen: Api, make_staff: Any) -> None:
    surveyor = make_staff("survey")
    assert surveyor.post("/api/office/bookings/ABCDEFGH/undo", {}).status_code == 403
    assert citizen.post("/api/office/bookings/ABCDEFGH/undo", {}).status_code == 401


def rows(res: Any, delimiter: str) -> list[list[str]]:
    text = res.body.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheets then read UTF-8
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def test_the_day_list_exports_as_csv_for_the_office_only(citizen: Api, clerk: Api, make_staff: Any) -> None:
    online = booked(citizen, start=at(TUESDAY, "08:00"))["booking"]["code"]
    phone_booking(clerk, name="=HYPERLINK(1)")
    path = f"/api/office/day/export?office=anrath&date={TUESDAY}"
    res = clerk.get(path + "&lang=de")
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/csv")
    assert res.headers["cache-control"] == "no-store"
    assert res.headers["content-disposition"] == f'attachment; filename="termine-anrath-{TUESDAY}.csv"'
    table = rows(res, ";")
    assert table[0] == ["Beginn", "Ende", "Schalter", "Name", "Buchungscode", "Leistungen", "Status", "Kanal"]
    assert table[1] == [
        "08:00",
        "08:10",
        "C1",
        "Erika Mustermann",
        online,
        "Führungszeugnis beantragen",
        "Unbestätigt",
        "Online",
    ]
    assert table[2][3] == "'=HYPERLINK(1)" and table[2][6:] == ["Bestätigt", "Telefon"]
    english = rows(clerk.get(path + "&lang=en"), ",")
    assert english[0][0] == "Start" and english[1][6] == "Not confirmed"
    assert "erika@example.org" not in res.body.decode()
    assert make_staff("survey").get(path).status_code == 403
    assert citizen.get(path).status_code == 401


def test_a_booking_is_found_by_its_code_on_any_day(citizen: Api, clerk: Api) -> None:
    code = booked(citizen, start=at(TUESDAY, "08:00"))["booking"]["code"]
    res = clerk.get(f"/api/office/bookings/{code[:4].lower()}-{code[4:].lower()}")
    assert res.status_code == 200
    found = body(res)["booking"]
    assert found["code"] == code and found["date"] == TUESDAY and found["office"]["id"] == "anrath"
    assert found["name"] == "Erika Mustermann" and "email" not in found
    assert res.headers["cache-control"] == "no-store"
    missing = clerk.get("/api/office/bookings/XXXXXXXX")  # a well-formed code nobody holds
    assert missing.status_code == 404 and body(missing)["error"]["code"] == "booking_not_found"
    assert citizen.get(f"/api/office/bookings/{code}").status_code == 401
