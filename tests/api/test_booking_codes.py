"""Booking codes over the API: grouped for reading aloud, found however a clerk types them, old ones refused clearly."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from tests.api import booking_support as support
from tests.api.booking_support import booked
from tests.conftest import Api, body

clock, citizen, clerk = support.clock, support.citizen, support.clerk


def test_a_new_booking_has_a_grouped_code_of_the_spoken_alphabet(citizen: Api) -> None:
    code = booked(citizen)["booking"]["code"]
    assert re.fullmatch(r"[3-9FKRUX]{4}-[3-9FKRUX]{4}", code)


def test_staff_find_a_booking_by_its_code_typed_in_any_case_with_or_without_separator(citizen: Api, clerk: Api) -> None:
    code = booked(citizen)["booking"]["code"]
    for typed in (code, code.lower(), code.replace("-", ""), code.lower().replace("-", "")):
        res = clerk.get(f"/api/office/bookings/{quote(typed, safe='')}")
        assert res.status_code == 200, (typed, res.body)
        assert body(res)["booking"]["code"] == code
    # Check-in finds it the same way, spaces included (and then says it is not today's)
    for typed in (code.lower().replace("-", " "), f" {code[:2]} {code[2:]} ", code.replace("-", "\u2013")):
        res = clerk.post("/api/office/check-in", {"code": typed})
        assert res.status_code == 409 and body(res)["error"]["code"] == "not_today", (typed, res.body)


def test_an_old_style_code_gets_a_field_error_that_says_what_a_code_looks_like(clerk: Api) -> None:
    answers: dict[str, Any] = {}
    for lang in ("de", "en"):
        res = clerk.post("/api/office/check-in", {"code": "8EBDZRPS"}, headers={"accept-language": lang})
        assert res.status_code == 400, res.body
        answers[lang] = body(res)["error"]
    assert answers["de"]["fields"] == {
        "code": "ist kein Buchungscode: 8 Zeichen aus 3–9, F, K, R, U und X, zum Beispiel 7KXR-94FU"
    }
    assert answers["de"]["message"] == "Das ist kein Buchungscode."
    assert answers["en"]["fields"] == {
        "code": "is not a booking code: 8 characters from 3-9, F, K, R, U and X, like 7KXR-94FU"
    }
    assert clerk.get("/api/office/bookings/8EBDZRPS").status_code == 400
    # A code of the right alphabet that nobody has is simply not found
    missing = clerk.get("/api/office/bookings/7KXR-94FU")
    assert missing.status_code == 404 and body(missing)["error"]["code"] == "booking_not_found"
