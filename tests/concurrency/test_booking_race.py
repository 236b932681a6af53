"""Fifty citizens race for the last free time of a one-counter office: exactly one gets it."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from typing import Any

import pytest

from tests.conftest import LiveStack, stack_today

RACERS = 50
SERVICE = "fuehrungszeugnis"  # 10 minutes, bookable 45 days ahead
OFFICE = "anrath"  # one counter


def call(
    base: str, method: str, path: str, data: Any = None, headers: dict[str, str] | None = None, timeout: float = 120
) -> tuple[int, Any]:
    payload = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(
        base + path, data=payload, method=method, headers={"content-type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as res:
            raw = res.read()
            return res.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as err:
        raw = err.read()
        return err.code, json.loads(raw) if raw else None


def sign_in(live: LiveStack) -> dict[str, str]:
    request = urllib.request.Request(
        live.base_url + "/api/auth/login",
        data=json.dumps({"username": live.admin_user, "password": live.admin_password}).encode(),
        method="POST",
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as res:
        cookies = res.headers.get_all("set-cookie") or []
    token = next(c.split(";")[0].split("=", 1)[1] for c in cookies if c.startswith("bs_access="))
    return {"authorization": f"Bearer {token}"}


def free_starts(base: str, day: date) -> list[str]:
    status, data = call(base, "GET", f"/api/booking/slots?office={OFFICE}&services={SERVICE}&date={day}")
    assert status == 200, data
    return [s["start"] for s in data["slots"]]


def untouched_day(base: str) -> tuple[date, list[str]]:
    """An Anrath morning at least two days ahead on which nobody has booked yet."""
    today = stack_today()
    for ahead in range(2, 40):
        day = today + timedelta(days=ahead)
        if day.weekday() in (1, 3):  # Tuesday and Thursday mornings, 08:00-12:00
            starts = free_starts(base, day)
            if len(starts) == 16:
                return day, starts
    pytest.fail("no free Anrath morning in the next weeks")


def one_place_left(live_stack: LiveStack, staff: dict[str, str], reason: str) -> tuple[date, str, str]:
    """An untouched Anrath morning blocked by staff but for its last start: one place left.

    Returns the day, that start and the block's id (for cleaning up)."""
    base = live_stack.base_url
    day, starts = untouched_day(base)
    last = starts[-1]
    block = {"office": OFFICE, "date": day.isoformat(), "from": "08:00", "to": last[11:16], "reason": reason}
    status, blocked = call(base, "POST", "/api/office/blocks", block, staff)
    assert status == 201, blocked
    assert free_starts(base, day) == [last]
    return day, last, blocked["block"]["id"]


@pytest.mark.concurrency
def test_fifty_concurrent_bookings_of_the_last_free_time_give_one_booking(live_stack: LiveStack) -> None:
    base = live_stack.base_url
    staff = sign_in(live_stack)
    # Given: staff have blocked the whole morning but its last start
    day, last, block_id = one_place_left(live_stack, staff, "race test")

    # When: fifty people book it at the same moment
    barrier = threading.Barrier(RACERS)

    def attempt(i: int) -> tuple[int, Any]:
        form = {
            "office": OFFICE,
            "services": [SERVICE],
            "start": last,
            "name": f"Racer {i}",
            "email": f"racer{i}@example.org",
            "consent": True,
        }
        key = {"idempotency-key": uuid.uuid4().hex}
        barrier.wait()
        # The local server accepts only a few waiting connections; a refused or reset connection
        # is retried with the same Idempotency-Key, as a real client would, so it books at most once.
        for _ in range(10):
            try:
                return call(base, "POST", "/api/booking/bookings", form, key)
            except (ConnectionError, urllib.error.URLError):
                time.sleep(0.2)
        raise AssertionError("the server never answered")

    with ThreadPoolExecutor(max_workers=RACERS) as pool:
        answers = list(pool.map(attempt, range(RACERS)))

    # Then: exactly one booking; everybody else hears 409 with later free times
    statuses = sorted(status for status, _ in answers)
    assert statuses == [201] + [409] * (RACERS - 1), statuses
    for status, data in answers:
        if status == 409:
            assert data["error"]["next_free"], data
            assert all(start > last for start in data["error"]["next_free"])
    winner = next(data for status, data in answers if status == 201)
    assert winner["booking"]["start"] == last

    status, view = call(base, "GET", f"/api/office/day?office={OFFICE}&date={day.isoformat()}", headers=staff)
    assert status == 200
    assert [(a["start"], a["code"]) for a in view["appointments"]] == [(last, winner["booking"]["code"])]
    assert free_starts(base, day) == []

    # Clean up for other tests sharing the stack
    call(base, "POST", "/api/booking/cancel", {"token": winner["manage_token"]})
    assert call(base, "DELETE", f"/api/office/blocks/{block_id}", headers=staff)[0] == 204
    assert len(free_starts(base, day)) == 16
