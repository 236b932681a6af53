"""Slot engine: free appointment start times of an office day and the checks for a requested start.

Capacity is modelled as 5-minute units per counter (see calendar.unit_index). Taken capacity
arrives as a set of (counter_id, unit) for one date: regular counters are "C1".."Cn", pickup
places "P1".."Pn", and ("*", unit) blocks a unit on every counter and pickup place of the office.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from chalicelib.booking.rules.calendar import (
    BERLIN,
    UNIT_MINUTES,
    UNITS_PER_DAY,
    OfficeHours,
    TimeRange,
    irregular_units,
    is_open_day,
    local_dt,
    minutes_of,
    unit_index,
)
from chalicelib.booking.rules.catalogue import (
    Service,
    check_combination,
    combined_duration,
    is_pickup_booking,
    strictest_limits,
)
from chalicelib.platform.errors import Conflict, ValidationFailed

ALL_COUNTERS = "*"
REGULAR_PREFIX = "C"
PICKUP_PREFIX = "P"
MAX_SUGGESTIONS = 3

Taken = AbstractSet[tuple[str, int]]


@dataclass(frozen=True)
class Slot:
    """A bookable start; `counters` are those free for the whole duration, in order C1, C2, ..."""

    start: datetime
    end: datetime
    counters: tuple[str, ...]


@dataclass(frozen=True)
class _Plan:
    duration: int
    pickup: bool
    horizon_days: int
    lead_minutes: int

    @property
    def units(self) -> int:
        return units_needed(self.duration)


def units_needed(duration_minutes: int) -> int:
    return -(-duration_minutes // UNIT_MINUTES)


def units_for(slot_start: datetime, duration_minutes: int, counter: str) -> list[tuple[str, int]]:
    """The (counter, unit) items a booking occupies; the adapter writes one item per entry."""
    day = slot_start.astimezone(BERLIN).date()
    first = unit_index(day, slot_start)
    return [(counter, unit) for unit in range(first, first + units_needed(duration_minutes))]


def _plan(office: OfficeHours, services: Sequence[Service], lead_minutes: int | None = None) -> _Plan:
    """What the services ask for; ``lead_minutes`` replaces their lead time (staff booking for a caller)."""
    if office.office_id:
        check_combination(office.office_id, services)
    pickup = is_pickup_booking(services)
    horizon, lead = strictest_limits(services)
    return _Plan(combined_duration(services), pickup, horizon, lead if lead_minutes is None else lead_minutes)


def _utc(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"{name} must be timezone-aware")
    # Arithmetic on Europe/Berlin datetimes is wall-clock arithmetic; UTC gives real elapsed time.
    return moment.astimezone(UTC)


def _end(start: datetime, duration_minutes: int) -> datetime:
    return (start.astimezone(UTC) + timedelta(minutes=duration_minutes)).astimezone(BERLIN)


def _capacity(office: OfficeHours, day: date, pickup: bool, extra_pickup: int) -> list[int]:
    """Number of places per unit of `day` in the booking's pool."""
    weekday = day.weekday()
    capacity = [0] * UNITS_PER_DAY
    ranges = office.pickup.get(weekday, ()) if pickup else office.counters.get(weekday, ())
    for r in ranges:
        for unit in range(r.start_minute // UNIT_MINUTES, r.end_minute // UNIT_MINUTES):
            capacity[unit] = r.counters
    if pickup and extra_pickup > 0:
        # Extra places are added by staff for the whole day, so they cover every opening window.
        for w in office.windows.get(weekday, ()):
            for unit in range(w.start_minute // UNIT_MINUTES, w.end_minute // UNIT_MINUTES):
                capacity[unit] += extra_pickup
    return capacity


def _free_counters(units: range, capacity: list[int], taken: Taken, prefix: str) -> tuple[str, ...]:
    if any((ALL_COUNTERS, unit) in taken for unit in units):
        return ()
    # A counter must exist during every unit, so one closing at 12:00 cannot take 11:45-12:15.
    limit = min(capacity[unit] for unit in units)
    names = (f"{prefix}{k}" for k in range(1, limit + 1))
    return tuple(name for name in names if not any((name, unit) in taken for unit in units))


def _candidates(office: OfficeHours, day: date, plan: _Plan) -> Iterator[tuple[int, range]]:
    """(start minute, occupied units) on the grid, ending inside the same opening window."""
    skip = irregular_units(day)
    for window in office.windows.get(day.weekday(), ()):
        minute = window.start_minute
        while minute + plan.duration <= window.end_minute:
            units = range(minute // UNIT_MINUTES, minute // UNIT_MINUTES + plan.units)
            if skip.isdisjoint(units):
                yield minute, units
            minute += office.slot_step_minutes


def _wall(day: date, minute: int) -> datetime:
    return local_dt(day, time(minute // 60, minute % 60))


def _free_starts(office: OfficeHours, day: date, plan: _Plan, taken: Taken, now: datetime, extra: int) -> list[Slot]:
    now_utc = _utc(now, "now")
    if day > now_utc.astimezone(BERLIN).date() + timedelta(days=plan.horizon_days) or not is_open_day(office, day)[0]:
        return []
    earliest = now_utc + timedelta(minutes=plan.lead_minutes)
    capacity = _capacity(office, day, plan.pickup, extra)
    prefix = PICKUP_PREFIX if plan.pickup else REGULAR_PREFIX
    slots: list[Slot] = []
    for minute, units in _candidates(office, day, plan):
        start = _wall(day, minute)
        if start.astimezone(UTC) < earliest:
            continue
        counters = _free_counters(units, capacity, taken, prefix)
        if counters:
            slots.append(Slot(start, _end(start, plan.duration), counters))
    return slots


def free_starts(
    office: OfficeHours,
    day: date,
    services: Sequence[Service],
    taken: Taken,
    now: datetime,
    extra_pickup: int = 0,
    *,
    lead_minutes: int | None = None,
) -> list[Slot]:
    """Bookable starts on `day` in time order; empty for closed days and days outside the limits."""
    return _free_starts(office, day, _plan(office, services, lead_minutes), taken, now, extra_pickup)


def month_availability(
    office: OfficeHours,
    year: int,
    month: int,
    services: Sequence[Service],
    taken_by_date: Mapping[date, Taken],
    now: datetime,
    *,
    extra_pickup_by_date: Mapping[date, int] | None = None,
    lead_minutes: int | None = None,
) -> dict[date, int]:
    """Number of free start times for every day of the month (0 when closed or not bookable)."""
    plan = _plan(office, services, lead_minutes)
    extra = extra_pickup_by_date or {}
    days = (date(year, month, d) for d in range(1, stdlib_calendar.monthrange(year, month)[1] + 1))
    return {
        d: len(_free_starts(office, d, plan, taken_by_date.get(d, frozenset()), now, extra.get(d, 0))) for d in days
    }


def _refuse(message: str, **details: str) -> ValidationFailed:
    return ValidationFailed(message, fields={"start": message}, details=dict(details))


def _window_at(office: OfficeHours, day: date, minute: int) -> TimeRange | None:
    return next((w for w in office.windows.get(day.weekday(), ()) if w.start_minute <= minute < w.end_minute), None)


def _next_free(
    office: OfficeHours,
    plan: _Plan,
    after: datetime,
    taken: Taken,
    now: datetime,
    extra_pickup: int,
    later_taken: Mapping[date, Taken],
) -> list[str]:
    day = after.astimezone(BERLIN).date()
    after_utc = after.astimezone(UTC)
    same_day = _free_starts(office, day, plan, taken, now, extra_pickup)
    found = [s for s in same_day if s.start.astimezone(UTC) > after_utc]
    for later in sorted(d for d in later_taken if d > day):
        if len(found) >= MAX_SUGGESTIONS:
            break
        found.extend(_free_starts(office, later, plan, later_taken[later], now, 0))
    return [s.start.isoformat() for s in found[:MAX_SUGGESTIONS]]


def check_requested_start(
    office: OfficeHours,
    services: Sequence[Service],
    start: datetime,
    taken: Taken,
    now: datetime,
    *,
    extra_pickup: int = 0,
    later_taken: Mapping[date, Taken] | None = None,
    lead_minutes: int | None = None,
) -> Slot:
    """The slot for a requested start, or the error telling the citizen why it cannot be booked.

    `taken` is the capacity taken on the start's date. On a conflict, `details["next_free"]`
    lists up to three later free starts: first on the same day, then on the days present in
    `later_taken` (the adapter passes the days it has loaded; absent days are not searched).
    `lead_minutes` replaces the services' lead time (0: any start not yet begun).
    """
    plan = _plan(office, services, lead_minutes)
    now_utc = _utc(now, "now")
    if start.tzinfo is None:
        raise _refuse("must include a UTC offset")
    start_utc = start.astimezone(UTC)
    local = start.astimezone(BERLIN)
    day = local.date()
    if start_utc < now_utc:
        raise _refuse("lies in the past")
    if start_utc < now_utc + timedelta(minutes=plan.lead_minutes):
        raise _refuse(f"must be booked at least {plan.lead_minutes} minutes in advance")
    if day > now_utc.astimezone(BERLIN).date() + timedelta(days=plan.horizon_days):
        raise _refuse(f"can be booked at most {plan.horizon_days} days in advance")
    is_open, reason = is_open_day(office, day)
    if not is_open:
        raise _refuse(f"the office is closed on {day.isoformat()}: {reason}", reason=reason or "")
    minute = minutes_of(local.time())
    window = _window_at(office, day, minute)
    if window is None:
        raise _refuse("is outside the opening hours")
    if local.second or local.microsecond or (minute - window.start_minute) % office.slot_step_minutes:
        raise _refuse(f"is not a bookable start time (every {office.slot_step_minutes} minutes from opening)")
    if minute + plan.duration > window.end_minute:
        raise _refuse(f"the appointment would end after the office closes at {window.end:%H:%M}")
    units = range(minute // UNIT_MINUTES, minute // UNIT_MINUTES + plan.units)
    if not irregular_units(day).isdisjoint(units):
        raise _refuse("falls into the hour skipped or repeated by the daylight-saving change")
    capacity = _capacity(office, day, plan.pickup, extra_pickup)
    if min(capacity[u] for u in units) == 0:
        raise _refuse("no counter is staffed for the whole appointment")
    counters = _free_counters(units, capacity, taken, PICKUP_PREFIX if plan.pickup else REGULAR_PREFIX)
    if not counters:
        suggestions = _next_free(office, plan, local, taken, now, extra_pickup, later_taken or {})
        raise Conflict("this time is no longer available", details={"next_free": suggestions})
    slot_start = _wall(day, minute)
    return Slot(slot_start, _end(slot_start, plan.duration), counters)
