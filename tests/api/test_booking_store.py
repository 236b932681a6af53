"""The database, not the read before it, decides: conditions of the booking transaction."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.booking.store.slots import Occupancy
from tests.api import booking_support as support
from tests.api.booking_support import TUESDAY, at, book, booked, snapshot
from tests.conftest import Api, body

clock, citizen, clerk = support.clock, support.citizen, support.clerk
MONDAY = "2026-06-08"  # Willich, three counters


@pytest.fixture
def stale_reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The first occupancy read of a request sees nothing taken, as if it ran just before a rival."""
    from chalicelib.booking import common as booking_common

    real = booking_common.occupancy_of_day
    calls = {"stale": 1}

    def read(office: str, day: Any) -> Occupancy:
        if calls["stale"] > 0:
            calls["stale"] -= 1
            return Occupancy()
        return real(office, day)

    monkeypatch.setattr(booking_common, "occupancy_of_day", read)
    return calls


def test_a_unit_taken_after_the_read_fails_the_transaction(citizen: Api, stale_reads: dict[str, int]) -> None:
    stale_reads["stale"] = 0
    booked(citizen)
    before = snapshot()
    stale_reads["stale"] = 5  # every read of the next request is stale
    res = book(citizen, email="max@example.org")
    assert res.status_code == 409 and body(res)["error"]["next_free"]
    assert snapshot() == before


def test_a_block_on_all_counters_written_after_the_read_fails_the_transaction(
    citizen: Api, clerk: Api, stale_reads: dict[str, int]
) -> None:
    stale_reads["stale"] = 0
    res = clerk.post("/api/office/blocks", {"office": "anrath", "date": TUESDAY, "from": "08:00", "to": "09:00"})
    assert res.status_code == 201
    before = snapshot()
    stale_reads["stale"] = 5
    refused = book(citizen, start=at(TUESDAY, "08:15"))
    assert refused.status_code == 409
    assert snapshot() == before


def test_when_the_chosen_counter_was_taken_the_next_free_one_is_tried(
    citizen: Api, stale_reads: dict[str, int]
) -> None:
    stale_reads["stale"] = 0
    first = booked(citizen, office="willich", start=at(MONDAY, "08:00"))
    assert first["booking"]["counter"] == "C1"
    stale_reads["stale"] = 1  # the second request first believes C1 is free
    second = booked(citizen, office="willich", start=at(MONDAY, "08:00"), email="max@example.org")
    assert second["booking"]["counter"] == "C2"


def test_rebooking_onto_overlapping_units_keeps_them_and_frees_the_rest(citizen: Api) -> None:
    from chalicelib.booking.store import bookings as booking_store

    data = booked(citizen, services=["personalausweis"], start=at(TUESDAY, "08:00"))  # 08:00-08:20
    res = citizen.post("/api/booking/rebook", {"token": data["manage_token"], "start": at(TUESDAY, "08:15")})
    assert res.status_code == 200, res.body
    item = booking_store.get(data["booking"]["code"])
    assert item is not None
    assert list(item.units) == [f"{TUESDAY}#C1#{u:03d}" for u in range(99, 103)]
    units = sorted(s["sk"] for s in snapshot()["booking_slots"])
    assert units == [f"{TUESDAY}#C1#{u:03d}" for u in range(99, 103)]
