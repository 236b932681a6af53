"""Shared helpers of the booking API tests: a fixed clock, request builders, table snapshots, mail."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import unquote

import pytest
import time_machine

from chalicelib.booking.rules.calendar import BERLIN
from tests.conftest import Api, body

# Monday 1 June 2026, 08:00 in Willich. Anrath opens Tue 8-12, Wed 14-17, Thu 8-12 with one
# counter; Thursday 4 June is Corpus Christi, a public holiday in North Rhine-Westphalia.
NOW = datetime(2026, 6, 1, 8, 0, tzinfo=BERLIN)
TUESDAY = "2026-06-09"
BOOKING_TABLES = ("booking_slots", "bookings", "booking_refs", "booking_quota", "booking_stats", "booking_waitlist")


@pytest.fixture
def clock() -> Iterator[Any]:
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def citizen(clock: Any, api: Api) -> Api:
    return api


@pytest.fixture
def clerk(clock: Any, make_staff: Any) -> Api:
    return make_staff("office")  # type: ignore[no-any-return]


def at(day: str, hhmm: str) -> str:
    return datetime.fromisoformat(f"{day}T{hhmm}:00").replace(tzinfo=BERLIN).isoformat()


def form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "office": "anrath",
        "services": ["fuehrungszeugnis"],
        "start": at(TUESDAY, "08:00"),
        "name": "Erika Mustermann",
        "email": "erika@example.org",
        "consent": True,
        "language": "de",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def book(api: Api, key: str | None = None, **overrides: Any) -> Any:
    headers = {"idempotency-key": key or uuid.uuid4().hex}
    return api.post("/api/booking/bookings", form(**overrides), headers=headers)


def booked(api: Api, **overrides: Any) -> dict[str, Any]:
    res = book(api, **overrides)
    assert res.status_code == 201, res.body
    return body(res)  # type: ignore[no-any-return]


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every item of the booking tables and of the idempotency records."""
    from chalicelib.platform.aws.db import all_models

    out: dict[str, list[dict[str, Any]]] = {}
    for model in all_models():
        if model.table in (*BOOKING_TABLES, "idempotency"):
            out[model.table] = sorted((item.attribute_values for item in model.scan()), key=repr)
    return out


def mails(to: str | None = None) -> list[dict[str, Any]]:
    from chalicelib.platform.aws.mail import local_outbox

    return [m for m in local_outbox() if to is None or m["to"] == to]


def link_token(text: str, path: str) -> str:
    match = re.search(re.escape(path) + r"\?token=([^\s]+)", text)
    assert match, f"no {path} link in:\n{text}"
    return unquote(match.group(1))


def confirm_latest(api: Api, to: str = "erika@example.org") -> Any:
    # The newest mail that asks to confirm (confirming sends a "Termin bestätigt" mail after it).
    asking = next((m for m in mails(to) if "/termin/bestaetigen" in m["text"]), mails(to)[0])
    token = link_token(asking["text"], "/termin/bestaetigen")
    return api.post("/api/booking/confirm", {"token": token})


def run_job(name: str) -> dict[str, Any]:
    import app  # noqa: F401 - registers every capability's jobs
    from chalicelib.platform import jobs

    return jobs.run(name)


def sign_in_again(api: Api, username: str = "user-office") -> Api:
    """After moving the clock by days the staff session has ended: sign in anew."""
    from tests.conftest import access_token_from

    res = api.post("/api/auth/login", {"username": username, "password": "correct horse battery staple"})
    assert res.status_code == 200, res.body
    return api.as_user(access_token_from(res))
