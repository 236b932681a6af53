"""Racing retries: one request sent twenty times with one Idempotency-Key, 1-5 ms apart, against the running stack.

A phone that taps twice, or retries on a flaky network, must never be told that the time it is
booking is gone because its own first attempt took it: every answer is the first answer, or
409 request_in_progress with Retry-After while the first is still running, after which a repeat
gets the first answer. The same holds for a survey submission.
"""

from __future__ import annotations

import json
import random
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.concurrency.test_booking_race import OFFICE, SERVICE, call, free_starts, one_place_left, sign_in
from tests.conftest import LiveStack

REPEATS = 20
SURVEY = "buergerservice"  # the demo survey the local stack publishes
ANSWERS = {"contact": "phone", "friendliness": 4, "resolved": True}


def send(base: str, path: str, data: Any, headers: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
    request = urllib.request.Request(
        base + path,
        data=json.dumps(data).encode(),
        method="POST",
        headers={"content-type": "application/json", **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as res:
            return res.status, json.loads(res.read()), {k.lower(): v for k, v in res.headers.items()}
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read()), {k.lower(): v for k, v in err.headers.items()}


def fire(base: str, path: str, data: Any, key: str) -> list[tuple[int, Any, dict[str, str]]]:
    """REPEATS identical requests from as many threads, each started 1-5 ms after the one before."""
    rng = random.Random(7)
    starts = [0.0]
    for _ in range(REPEATS - 1):
        starts.append(starts[-1] + rng.uniform(0.001, 0.005))
    barrier = threading.Barrier(REPEATS)

    def one(i: int) -> tuple[int, Any, dict[str, str]]:
        barrier.wait()
        time.sleep(starts[i])
        # The local server accepts only a few waiting connections: a refused one is sent again, as a client would.
        for _ in range(10):
            try:
                return send(base, path, data, {"idempotency-key": key, "accept-language": "de"})
            except (ConnectionError, urllib.error.URLError):
                time.sleep(0.2)
        raise AssertionError("the server never answered")

    with ThreadPoolExecutor(max_workers=REPEATS) as pool:
        return list(pool.map(one, range(REPEATS)))


def assert_first_answer_or_wait(answers: list[tuple[int, Any, dict[str, str]]], created: int) -> Any:
    """Every answer is the first one, or the request to wait; returns the first answer."""
    firsts = [data for status, data, _ in answers if status == created]
    assert firsts, [status for status, _, _ in answers]
    first = firsts[0]
    for status, data, headers in answers:
        if status == created:
            assert data == first
        else:
            assert status == 409 and data["error"]["code"] == "request_in_progress", (status, data)
            assert int(headers["retry-after"]) >= 1
            assert data["error"]["message"].startswith("Dieselbe Anfrage wird gerade noch bearbeitet")
    return first


@pytest.mark.concurrency
def test_twenty_racing_retries_of_a_booking_of_the_last_place_all_get_the_first_answer(live_stack: LiveStack) -> None:
    base = live_stack.base_url
    staff = sign_in(live_stack)
    # Given: a time with exactly one place left
    day, last, block_id = one_place_left(live_stack, staff, "retry race")
    form = {
        "office": OFFICE,
        "services": [SERVICE],
        "start": last,
        "name": "Erika Eilig",
        "email": "erika.eilig@example.org",
        "consent": True,
    }
    key = uuid.uuid4().hex

    # When: the same booking request goes out twenty times, 1-5 ms apart
    answers = fire(base, "/api/booking/bookings", form, key)

    # Then: nobody is told the time is gone; each got the booking or was asked to wait
    first = assert_first_answer_or_wait(answers, 201)
    assert first["booking"]["start"] == last
    # and a repeat afterwards gets the first answer, manage token included
    status, again, _ = send(base, "/api/booking/bookings", form, {"idempotency-key": key})
    assert (status, again) == (201, first)
    status, view = call(base, "GET", f"/api/office/day?office={OFFICE}&date={day.isoformat()}", headers=staff)
    assert status == 200
    assert [(a["start"], a["code"]) for a in view["appointments"]] == [(last, first["booking"]["code"])]

    # Clean up for other tests sharing the stack
    call(base, "POST", "/api/booking/cancel", {"token": first["manage_token"]})
    assert call(base, "DELETE", f"/api/office/blocks/{block_id}", headers=staff)[0] == 204
    assert len(free_starts(base, day)) == 16


@pytest.mark.concurrency
def test_twenty_racing_retries_of_a_survey_submission_are_counted_once(live_stack: LiveStack) -> None:
    base = live_stack.base_url
    staff = sign_in(live_stack)

    def responses() -> int:
        status, data = call(base, "GET", f"/api/surveys/{SURVEY}/results", headers=staff)
        assert status == 200, data
        return int(data["n"])

    before = responses()
    key = str(uuid.uuid4())
    answers = fire(base, f"/api/public/surveys/{SURVEY}/responses", {"answers": ANSWERS}, key)
    first = assert_first_answer_or_wait(answers, 201)
    assert first["status"] == "stored" and first["raffle"]["ticket"]
    status, again, headers = send(
        base, f"/api/public/surveys/{SURVEY}/responses", {"answers": ANSWERS}, {"idempotency-key": key}
    )
    assert (status, again, headers["idempotent-replayed"]) == (201, first, "true")
    assert responses() == before + 1
