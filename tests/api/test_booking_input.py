"""Bad booking input: a clear status, message and field, and nothing stored."""

from __future__ import annotations

from tests.api import booking_support as support
from tests.api.booking_support import TUESDAY, at, book, booked, form, snapshot
from tests.conftest import Api, body

clock, citizen = support.clock, support.citizen

REFUSED = [
    ("unknown office", {"office": "kempen"}, 400, "office", "unknown office"),
    ("unknown service", {"services": ["hundesteuer"]}, 400, "services", "unknown service"),
    ("not offered here", {"services": ["meldebescheinigung"]}, 400, "services", "not offered at this office"),
    ("too many services", {"services": ["ummeldung"] * 5}, 400, "services", "at most 4"),
    ("outside opening hours", {"start": at(TUESDAY, "13:00")}, 400, "start", "outside the opening hours"),
    ("ends after closing", {"services": ["reisepass"], "start": at(TUESDAY, "11:45")}, 400, "start", "closes"),
    ("public holiday", {"start": at("2026-06-04", "09:00")}, 400, "start", "Fronleichnam"),
    ("closed weekday", {"start": at("2026-06-08", "09:00")}, 400, "start", "no opening hours on Mondays"),
    ("in the past", {"start": at("2026-05-26", "09:00")}, 400, "start", "lies in the past"),
    ("inside the lead time", {"office": "willich", "start": at("2026-06-01", "08:30")}, 400, "start", "in advance"),
    ("beyond the horizon", {"start": at("2026-08-04", "09:00")}, 400, "start", "at most 45 days"),
    ("off the grid", {"start": at(TUESDAY, "08:05")}, 400, "start", "not a bookable start time"),
    ("no UTC offset", {"start": "2026-06-09T08:00:00"}, 400, "start", "UTC offset"),
    ("not a time", {"start": "next tuesday"}, 400, "start", "ISO 8601"),
    ("year 9999", {"start": "9999-12-31T23:45:00-01:00"}, 400, "start", "plausible"),
    ("year 1", {"start": "0001-01-01T00:00:00+02:00"}, 400, "start", "plausible"),
    ("lone surrogate", {"name": "Erika \ud800"}, 400, "name", "not allowed"),
    ("malformed e-mail", {"email": "erika(at)example.org"}, 400, "email", "valid e-mail"),
    ("no consent", {"consent": False}, 400, "consent", "must be true"),
    ("extra field", {"admin": True}, 400, "admin", "not an allowed field"),
    ("short name", {"name": "E"}, 400, "name", "at least 2"),
    ("bad phone", {"phone": "call me maybe"}, 400, "phone", "invalid format"),
    ("unknown language", {"language": "fr"}, 400, "language", "one of"),
    (
        "plain-http push endpoint",
        {"push_subscription": {"endpoint": "http://push.example/x", "keys": {"p256dh": "a", "auth": "b"}}},
        400,
        "push_subscription",
        "https",
    ),
]


def test_bad_input_is_refused_with_its_field_and_nothing_is_stored(citizen: Api) -> None:
    # One backend for all cases keeps this fast; each case still names what went wrong.
    problems = []
    for label, change, status, field, message in REFUSED:
        before = snapshot()
        res = book(citizen, **change)
        error = body(res).get("error", {})
        if res.status_code != status or message not in error.get("fields", {}).get(field, ""):
            problems.append(f"{label}: {res.status_code} {error or res.body[:200]!r}")
        if snapshot() != before:
            problems.append(f"{label}: something was stored")
    assert not problems, "\n".join(problems)


def test_missing_fields_are_each_named(citizen: Api) -> None:
    res = citizen.post("/api/booking/bookings", {}, headers={"idempotency-key": "missing-fields-1"})
    fields = body(res)["error"]["fields"]
    assert {"office", "services", "start", "name", "email", "consent"} <= set(fields)


def test_invalid_json_is_refused(citizen: Api) -> None:
    res = citizen.post("/api/booking/bookings", raw=b"{nope", headers={"idempotency-key": "bad-json-0001"})
    assert res.status_code == 400 and body(res)["error"]["fields"] == {"body": "is not valid JSON"}


def test_a_taken_time_is_409_with_the_next_free_times_and_nothing_more_is_stored(citizen: Api) -> None:
    booked(citizen)
    before = snapshot()
    res = book(citizen, email="max@example.org")
    assert res.status_code == 409
    assert body(res)["error"]["next_free"] == [at(TUESDAY, "08:15"), at(TUESDAY, "08:30"), at(TUESDAY, "08:45")]
    assert snapshot() == before


def test_next_free_times_reach_into_the_following_days(citizen: Api) -> None:
    for i, hhmm in enumerate(("11:15", "11:30", "11:45")):
        booked(citizen, email=f"p{i}@example.org", start=at(TUESDAY, hhmm))
    res = book(citizen, email="late@example.org", start=at(TUESDAY, "11:30"))
    assert res.status_code == 409
    assert body(res)["error"]["next_free"] == [
        at("2026-06-10", "14:00"),
        at("2026-06-10", "14:15"),
        at("2026-06-10", "14:30"),
    ]


def test_availability_refuses_bad_queries_naming_the_field(citizen: Api) -> None:
    cases = [
        ("office=anrath&services=fuehrungszeugnis&month=2026-13", "month"),
        ("office=anrath&services=fuehrungszeugnis", "month"),
        ("office=kempen&services=fuehrungszeugnis&month=2026-06", "office"),
        ("office=anrath&services=nothing&month=2026-06", "services"),
        ("office=anrath&services=,&month=2026-06", "services"),
        ("office=anrath&services=fuehrungszeugnis&month=2026-06&extra=1", "extra"),
    ]
    for query, field in cases:
        res = citizen.get(f"/api/booking/availability?{query}")
        assert res.status_code == 400 and field in body(res)["error"]["fields"], (query, res.body)


def test_day_slots_refuse_malformed_and_implausible_dates(citizen: Api) -> None:
    for day in ("9.6.2026", "0001-01-01", "9999-12-31"):
        res = citizen.get(f"/api/booking/slots?office=anrath&services=fuehrungszeugnis&date={day}")
        assert res.status_code == 400 and "date" in body(res)["error"]["fields"], day
    res = citizen.get("/api/booking/availability?office=anrath&services=fuehrungszeugnis&month=0001-01")
    assert res.status_code == 400 and "month" in body(res)["error"]["fields"]


def test_tokens_that_cannot_be_ours_are_simply_unknown(citizen: Api) -> None:
    assert citizen.get("/api/booking/manage?token=%C3%A4%C3%B6%C3%BC").status_code == 404
    # text that cannot even be stored (a lone surrogate) is refused by the schema, naming the field
    for path, field, value in (
        ("/api/booking/confirm", "token", "a.\ud800.c"),
        ("/api/booking/waitlist/claim", "offer", "\ud800"),
    ):
        res = citizen.post(path, {field: value})
        assert res.status_code == 400 and list(body(res)["error"]["fields"]) == [field], res.body


def test_closed_and_faraway_days_have_no_slots_and_say_why(citizen: Api) -> None:
    res = body(citizen.get("/api/booking/slots?office=anrath&services=fuehrungszeugnis&date=2026-06-04"))
    assert res["slots"] == [] and "Fronleichnam" in res["closed"]
    far = body(citizen.get("/api/booking/availability?office=anrath&services=fuehrungszeugnis&month=2030-01"))
    assert all(day["free"] == 0 for day in far["days"])


def test_rebook_and_cancel_refuse_bad_tokens_and_times(citizen: Api) -> None:
    data = booked(citizen)
    token = data["manage_token"]
    before = snapshot()
    assert citizen.post("/api/booking/cancel", {"token": "x" * 30}).status_code == 404
    res = citizen.post("/api/booking/rebook", {"token": token, "start": at("2026-06-04", "09:00")})
    assert res.status_code == 400 and "Fronleichnam" in body(res)["error"]["fields"]["start"]
    res = citizen.post("/api/booking/rebook", {"token": token, "start": at(TUESDAY, "09:00"), "office": "willich"})
    assert res.status_code == 400 and body(res)["error"]["fields"] == {"office": "is not an allowed field"}
    assert snapshot() == before


def test_form_helper_builds_a_valid_request() -> None:
    assert set(form()) == {"office", "services", "start", "name", "email", "consent", "language"}
