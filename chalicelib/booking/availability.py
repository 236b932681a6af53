"""What the booking pages show before booking: catalogue, month availability, day slots.

For benchmarks: ``month_availability`` costs one Query of the office-month (pages of 1 MB
follow automatically) plus the town document, which is cached per warm function.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from datetime import date, timedelta
from typing import Any

from chalicelib.booking import common
from chalicelib.booking.book import office_services
from chalicelib.booking.config import catalogue
from chalicelib.booking.rules import lifecycle as rules
from chalicelib.booking.rules.calendar import BERLIN, is_open_day
from chalicelib.booking.rules.slots import free_starts
from chalicelib.booking.rules.slots import month_availability as engine_month


def catalogue_view() -> dict[str, Any]:
    cat = catalogue()
    return {
        "offices": [
            {"id": o.id, "name": o.name, "address": o.address, "hours_text": o.hours_text} for o in cat.offices.values()
        ],
        "services": [
            {
                "id": s.id,
                "name": {"de": s.name_de, "en": s.name_en},
                "category": cat.categories.get(s.id, ""),
                "duration_minutes": s.duration_minutes,
                "documents": {"de": list(s.documents_de), "en": list(s.documents_en)},
                "offices": sorted(s.offices),
                "pickup": s.pickup,
                "horizon_days": s.horizon_days,
                "lead_minutes": s.lead_minutes,
            }
            for s in cat.services.values()
        ],
        "rules": {"max_services": 4, "confirm_minutes": cat.rules.confirm_minutes},
    }


def _lead(staff: bool) -> int | None:
    """Staff booking for a caller may take any time still to come; citizens keep the lead time."""
    return rules.lead_minutes_for(rules.PHONE if staff else rules.ONLINE)


def month_availability(office_id: str, service_ids: list[str], month: str, *, staff: bool = False) -> dict[str, Any]:
    """Free start times per day of a month: one Query of the office-month, whatever is booked."""
    from chalicelib.booking.store.slots import Occupancy, load_month

    cat = catalogue()
    office, services = office_services(cat, office_id, service_ids)
    year, mon = common.month_of(month)
    moment = common.now()
    today = moment.astimezone(BERLIN).date()
    first = date(year, mon, 1)
    last = date(year, mon, stdlib_calendar.monthrange(year, mon)[1])
    horizon = today + timedelta(days=min(s.horizon_days for s in services))
    # A month wholly in the past or beyond the horizon has nothing free: no query needed.
    occ = load_month(office.id, year, mon) if last >= today and first <= horizon else Occupancy()
    counts = engine_month(
        office.hours, year, mon, services, occ.taken, moment, extra_pickup_by_date=occ.extra, lead_minutes=_lead(staff)
    )
    days = []
    for d in sorted(counts):
        is_open, reason = is_open_day(office.hours, d)
        days.append({"date": d.isoformat(), "free": counts[d], "closed": None if is_open else reason})
    return {"office": office.id, "services": service_ids, "month": f"{year:04d}-{mon:02d}", "days": days}


def day_slots(office_id: str, service_ids: list[str], day: date, *, staff: bool = False) -> dict[str, Any]:
    from chalicelib.booking.store.slots import load_day

    cat = catalogue()
    office, services = office_services(cat, office_id, service_ids)
    common.plausible(day, "date")
    occ = load_day(office.id, day)
    taken, extra = occ.taken_on(day), occ.extra.get(day, 0)
    found = free_starts(office.hours, day, services, taken, common.now(), extra, lead_minutes=_lead(staff))
    is_open, reason = is_open_day(office.hours, day)
    return {
        "office": office.id,
        "date": day.isoformat(),
        "closed": None if is_open else reason,
        "slots": [{"start": common.iso(s.start), "end": common.iso(s.end)} for s in found],
    }
