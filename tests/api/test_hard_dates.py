"""A citizen's booking, walked through the API at the calendar's hard moments.

Each moment is fixed with time-machine: a month's last day at 23:30, New Year's Eve at 23:30 (the
next day a holiday), the night the clocks go forward, the doubled hour when they go back, and a
weekday at 11:00 when the morning's remaining times lie within the lead time. Whatever the day,
the platform offers no time in the past or within the lead time, finds the next free day across
the month's end, gives each time the offset Berlin has on that day, and books, describes and
cancels it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import icalendar
import pytest
import time_machine

from chalicelib.booking.rules.calendar import BERLIN
from tests.conftest import Api, body

MOMENTS = {
    "month-end-23:30": datetime(2026, 11, 30, 23, 30, tzinfo=BERLIN),
    "new-years-eve-23:30": datetime(2026, 12, 31, 23, 30, tzinfo=BERLIN),
    "spring-forward-01:30": datetime(2027, 3, 28, 1, 30, tzinfo=BERLIN),
    "fall-back-02:30-second": datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN, fold=1),
    "weekday-11:00": datetime(2026, 12, 1, 11, 0, tzinfo=BERLIN),
}
LEAD = timedelta(minutes=60)  # towns/willich.toml: a Führungszeugnis needs an hour's notice
# Anrath has one counter, so a booked time is gone from the free times until it is cancelled.
SERVICE, OFFICE = "fuehrungszeugnis", "anrath"


@pytest.fixture(params=list(MOMENTS), ids=list(MOMENTS))
def moment(request: pytest.FixtureRequest, api: Api) -> Iterator[datetime]:
    with time_machine.travel(MOMENTS[request.param], tick=False):
        yield MOMENTS[request.param]


def month_of(day: date, ahead: int) -> str:
    first = day.replace(day=1)
    return f"{first.year + (first.month - 1 + ahead) // 12}-{(first.month - 1 + ahead) % 12 + 1:02d}"


def availability(api: Api, month: str) -> list[dict[str, Any]]:
    res = api.get(f"/api/booking/availability?office={OFFICE}&services={SERVICE}&month={month}")
    assert res.status_code == 200, res.body
    return body(res)["days"]  # type: ignore[no-any-return]


def slots(api: Api, day: str) -> list[str]:
    res = api.get(f"/api/booking/slots?office={OFFICE}&services={SERVICE}&date={day}")
    assert res.status_code == 200, res.body
    return [s["start"] for s in body(res)["slots"]]


def test_free_days_lie_ahead_and_each_time_carries_berlins_offset_of_its_day(api: Api, moment: datetime) -> None:
    today = moment.astimezone(BERLIN).date()
    days = availability(api, month_of(today, 0)) + availability(api, month_of(today, 1))
    assert all(date.fromisoformat(d["date"]) >= today for d in days if d["free"] > 0)
    first_free = next(d["date"] for d in days if d["free"] > 0)
    starts = slots(api, first_free)
    assert len(starts) == next(d["free"] for d in days if d["date"] == first_free)
    for start in starts:
        local = datetime.fromisoformat(start)
        assert local >= moment + LEAD, f"{start} lies within the lead time of {moment.isoformat()}"
        assert local.utcoffset() == local.astimezone(BERLIN).utcoffset(), f"{start} has the wrong offset"
        assert local.astimezone(BERLIN).date().isoformat() == first_free
    # Today's remaining times, if any, also respect the lead time.
    assert all(datetime.fromisoformat(s) >= moment + LEAD for s in slots(api, today.isoformat()))


def test_booking_the_first_free_time_describes_and_cancels_it(api: Api, moment: datetime) -> None:
    today = moment.astimezone(BERLIN).date()
    days = availability(api, month_of(today, 0)) + availability(api, month_of(today, 1))
    start = slots(api, next(d["date"] for d in days if d["free"] > 0))[0]
    res = api.post(
        "/api/booking/bookings",
        {
            "office": OFFICE,
            "services": [SERVICE],
            "start": start,
            "name": "Erika Mustermann",
            "email": "erika@example.org",
            "consent": True,
            "language": "de",
        },
        headers={"idempotency-key": uuid.uuid4().hex},
    )
    assert res.status_code == 201, res.body
    answer = body(res)
    token = answer["manage_token"]
    assert datetime.fromisoformat(answer["booking"]["start"]) == datetime.fromisoformat(start)

    ics = api.get(f"/api/booking/ics?token={token}")
    assert ics.status_code == 200
    event = next(iter(icalendar.Calendar.from_ical(ics.body).walk("VEVENT")))
    assert event.decoded("dtstart") == datetime.fromisoformat(start)

    assert start not in slots(api, start[:10])
    res = api.post("/api/booking/cancel", {"token": token})
    assert res.status_code == 200, res.body
    assert start in slots(api, start[:10])
