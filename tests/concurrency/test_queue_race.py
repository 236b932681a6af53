"""Walk-in tickets under load on the running stack: the daily limit holds under 300 simultaneous
requests, and five counters pressing "call next" together never call a ticket twice."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from tests.concurrency.test_booking_race import call, sign_in
from tests.conftest import LiveStack, stack_today

OFFICE = "anrath"
LIMIT = 100
REQUESTS = 300
COUNTERS = 5
PRESSES = 50


def open_race_morning(live: LiveStack, staff: dict[str, str]) -> None:
    """Anrath opens a one-off walk-in day (today and tomorrow, should the test pass midnight) with a
    limit of 100, no share kept for the kiosk, one category and five counters."""
    today = stack_today()
    days = [
        {"date": (today + timedelta(days=n)).isoformat(), "from": "00:00", "to": "23:59", "tickets_from": "00:00"}
        for n in (0, 1)
    ]
    config = {"days": {}, "daily_limit": LIMIT, "kiosk_share": 0, "counters": COUNTERS, "extra_days": days}
    status, answer = call(live.base_url, "PUT", f"/api/admin/queue/{OFFICE}", {"config": config}, staff)
    assert status == 200, answer


@pytest.mark.concurrency
def test_three_hundred_simultaneous_requests_at_a_limit_of_one_hundred_give_tickets_one_to_one_hundred(
    live_stack: LiveStack,
) -> None:
    staff = sign_in(live_stack)
    open_race_morning(live_stack, staff)
    start = threading.Barrier(REQUESTS)

    def take(_: int) -> tuple[int, dict[str, object]]:
        body = {"device": uuid.uuid4().hex}
        headers = {"idempotency-key": uuid.uuid4().hex}
        start.wait()
        # A burst of 300 waits on one embedded database: allow a loaded machine its time.
        return call(live_stack.base_url, "POST", f"/api/queue/offices/{OFFICE}/tickets", body, headers, timeout=300)  # type: ignore[no-any-return]

    with ThreadPoolExecutor(REQUESTS) as pool:
        answers = list(pool.map(take, range(REQUESTS)))

    issued = [a for s, a in answers if s == 201]
    refused = [a for s, a in answers if s != 201]
    assert len(issued) == LIMIT
    assert sorted(int(a["ticket"]["number"]) for a in issued) == list(range(1, LIMIT + 1))  # type: ignore[index]
    assert {a["error"]["code"] for a in refused} == {"no_tickets_left"}  # type: ignore[index]
    status, state = call(live_stack.base_url, "GET", f"/api/queue/offices/{OFFICE}/state")
    assert status == 200 and state["tickets_left"] == {"online": 0, "kiosk": 0} and state["waiting"] == LIMIT

    # Five counters press "call next" fifty times each, all at once.
    go = threading.Barrier(COUNTERS)

    def counter(number: int) -> list[str]:
        called = []
        go.wait()
        for _ in range(PRESSES):
            status, answer = call(
                live_stack.base_url, "POST", f"/api/office/queue/{OFFICE}/call", {"counter": str(number)}, staff
            )
            assert status in (200, 409), answer
            if status == 200 and answer["called"]:
                called.append(answer["called"]["id"])
        return called

    with ThreadPoolExecutor(COUNTERS) as pool:
        per_counter = list(pool.map(counter, range(1, COUNTERS + 1)))

    every_call = [ticket for calls in per_counter for ticket in calls]
    assert len(every_call) == len(set(every_call)), "a ticket was called twice"
    assert sorted(every_call, key=int) == [str(n) for n in range(1, LIMIT + 1)]
    status, overview = call(live_stack.base_url, "GET", f"/api/office/queue/{OFFICE}", headers=staff)
    assert overview["counts"]["waiting"] == 0
