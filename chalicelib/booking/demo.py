"""Demo appointments for the local stack, so the office day view has something to show at once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib.booking import common
from chalicelib.booking.config import catalogue
from chalicelib.booking.rules import lifecycle as rules
from chalicelib.booking.rules.calendar import BERLIN, is_open_day
from chalicelib.booking.rules.slots import free_starts
from chalicelib.platform.errors import DomainError

# (name, services, which free start of the day): phone bookings without e-mail, no mail goes out.
PLAN = (
    ("Erika Mustermann", ["personalausweis"], 1),
    ("Max Mustermann", ["ummeldung"], 3),
    ("Leonie Beispiel", ["reisepass", "meldebescheinigung"], 6),
    ("Jonas Muster", ["fuehrungszeugnis"], 10),
)
DEMO_OFFICE = "willich"
DEMO_DAYS = 2


def seed_bookings(town_doc: dict[str, Any]) -> dict[str, Any]:
    """Book the plan on the next open days of the demo office; whatever does not fit is skipped."""
    from chalicelib.booking.book import Request, book

    cat = catalogue()
    office = cat.offices.get(DEMO_OFFICE)
    if office is None:
        return {"bookings": 0}
    moment = common.now()
    day = moment.astimezone(BERLIN).date() + timedelta(days=1)
    made, days = 0, 0
    while days < DEMO_DAYS and day < moment.date() + timedelta(days=30):
        if is_open_day(office.hours, day)[0]:
            days += 1
            for i, (name, service_ids, pick) in enumerate(PLAN):
                services = [cat.services[s] for s in service_ids if s in cat.services]
                starts = free_starts(office.hours, day, services, set(), moment) if services else []
                if len(starts) <= pick:
                    continue
                request = Request(
                    office=office.id,
                    services=service_ids,
                    start=starts[pick].start,
                    name=name,
                    email=None,
                    phone="02154 000000",
                    language="de",
                    channel=rules.PHONE,
                    confirmed=True,
                    send_mail=False,
                )
                try:
                    book(request, idempotency_key=f"demo-{day.isoformat()}-{i}", rate_limited=False)
                    made += 1
                except DomainError:
                    continue
        day += timedelta(days=1)
    return {"bookings": made}
