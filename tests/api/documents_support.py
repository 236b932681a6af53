"""Shared helpers of the document-order API tests: a fixed clock, clerks, orders in a state, a terminal."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import time_machine

from chalicelib.booking.rules.calendar import BERLIN
from tests.api.booking_support import mails
from tests.conftest import Api, body

# Monday 30 November 2026, 09:00 in Willich (the last day of a month).
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)
TERMINAL = "kaiserplatz"


@pytest.fixture
def clock(aws: None) -> Iterator[Any]:
    """The fixed clock, with the town's locker terminals set up as the stack's start does."""
    from chalicelib.documents.demo import setup_terminals
    from infra.local.stack import DEFAULT_TOWN, load_town_file

    with time_machine.travel(NOW, tick=True) as traveller:
        setup_terminals(load_town_file(DEFAULT_TOWN))
        yield traveller


@pytest.fixture
def clerk(clock: Any, make_staff: Any) -> Api:
    return make_staff("office", username="anna")  # type: ignore[no-any-return]


@pytest.fixture
def second_clerk(clock: Any, make_staff: Any) -> Api:
    return make_staff("office", username="bernd")  # type: ignore[no-any-return]


@pytest.fixture
def terminal(clock: Any, make_staff: Any) -> Api:
    """The locker terminal at Kaiserplatz with a fresh credential from an admin."""
    admin = make_staff("admin", username="chefin")
    res = admin.post(f"/api/admin/documents/terminals/{TERMINAL}/credential", headers={"x-requested-with": "fetch"})
    assert res.status_code == 200, res.body
    credential = body(res)["credential"]
    return Api(admin.http, {"authorization": f"Terminal {credential}"})


def order_form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "personalausweis",
        "office": "willich",
        "pickup": "counter",
        "email": "erika@example.org",
        "language": "de",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def register(clerk: Api, key: str | None = None, **overrides: Any) -> Any:
    return clerk.post(
        "/api/office/documents/orders", order_form(**overrides), headers={"idempotency-key": key or uuid.uuid4().hex}
    )


def registered(clerk: Api, **overrides: Any) -> str:
    res = register(clerk, **overrides)
    assert res.status_code == 201, res.body
    return str(body(res)["order"]["reference"])


def act(clerk: Api, ref: str, action: str) -> Any:
    return clerk.post(f"/api/office/documents/orders/{ref}/{action}", headers={"x-requested-with": "fetch"})


def ready(clerk: Api, **overrides: Any) -> str:
    ref = registered(clerk, **overrides)
    res = act(clerk, ref, "ready")
    assert res.status_code == 200, res.body
    return ref


def in_locker(clerk: Api, second: Api, terminal: Api, **overrides: Any) -> tuple[str, str]:
    """A locker order loaded by two staff members with its door closed: (reference, compartment)."""
    ref = ready(clerk, pickup="locker", locker_consent=True, **overrides)
    loaded = clerk.post("/api/office/documents/locker/load", {"reference": ref, "terminal": TERMINAL, "size": "small"})
    assert loaded.status_code == 200, loaded.body
    compartment = body(loaded)["compartment"]
    assert second.post("/api/office/documents/locker/confirm", {"reference": ref}).status_code == 200
    closed = terminal.post("/api/terminal/door-closed", {"compartment": compartment})
    assert closed.status_code == 200, closed.body
    return ref, compartment


def citizen_view(api: Api, ref: str) -> dict[str, Any]:
    res = api.get(f"/api/documents/orders/{ref}")
    assert res.status_code == 200, res.body
    return body(res)["order"]  # type: ignore[no-any-return]


def code_of(api: Api, ref: str) -> str:
    return str(citizen_view(api, ref)["locker"]["code"])


__all__ = ["mails"]
