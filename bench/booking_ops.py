"""Booking rows of the DynamoDB call bench: a month of availability for one office, and one booking.

Availability reads one Query (all taken units of the office's month partition) however many
days or slots the month has; a booking is one transaction.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

OFFICE = "willich"
SERVICES = "personalausweis"


def _month(offset: int) -> str:
    today = date.today()
    year, month = divmod(today.month - 1 + offset, 12)
    return f"{today.year + year:04d}-{month + 1:02d}"


def _availability(offset: int) -> Any:
    def run(client: Any, stack: Any) -> Any:
        return client.request(
            "GET", f"/api/booking/availability?office={OFFICE}&services={SERVICES}&month={_month(offset)}"
        )

    return run


def _book(client: Any, stack: Any) -> Any:
    # Setup outside the counted call: find a free start next month.
    days = client.request("GET", f"/api/booking/availability?office={OFFICE}&services={SERVICES}&month={_month(1)}")
    free_day = next(d["date"] for d in days["days"] if d.get("free", 0) > 0)
    slots = client.request("GET", f"/api/booking/slots?office={OFFICE}&services={SERVICES}&date={free_day}")
    _state["start"] = slots["slots"][0]["start"]
    return None


_state: dict[str, Any] = {}


def _book_now(client: Any, stack: Any) -> Any:
    body = {
        "office": OFFICE,
        "services": [SERVICES],
        "start": _state["start"],
        "name": "Bench Mark",
        "email": f"bench-{uuid.uuid4().hex[:8]}@example.org",
        "consent": True,
        "language": "de",
    }
    return client.request("POST", "/api/booking/bookings", body, headers={"Idempotency-Key": str(uuid.uuid4())})


def booking_operations() -> list[tuple[Any, ...]]:
    return [
        ("GET /api/booking/availability (this month)", _availability(0), 1, "one Query of the month's taken units"),
        ("GET /api/booking/availability (next month)", _availability(1), 1, "the same for any month"),
        ("setup: find a free start", _book, None, "not measured"),
        (
            "POST /api/booking/bookings",
            _book_now,
            8,
            "1 TransactWriteItems; the key's claim and the mail's short links (PutItem); day's units; rate limit",
        ),
    ]
