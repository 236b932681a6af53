"""Booking life cycle: statuses, allowed transitions, the town's abuse-control rules, statistics events."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from chalicelib.platform.errors import Conflict, ValidationFailed

PENDING = "pending"
CONFIRMED = "confirmed"
CHECKED_IN = "checked_in"
NO_SHOW = "no_show"
DONE = "done"
CANCELLED = "cancelled"
RELEASED = "released"  # never confirmed by e-mail in time; its time was given back

STATUSES = (PENDING, CONFIRMED, CHECKED_IN, NO_SHOW, DONE, CANCELLED, RELEASED)
# Bookings that still hold their time and count against the e-mail address's cap.
ACTIVE = frozenset({PENDING, CONFIRMED, CHECKED_IN})
# Bookings a citizen may still change from the link in the e-mail.
CHANGEABLE = frozenset({PENDING, CONFIRMED})

ONLINE = "online"
PHONE = "phone"
CHANNELS = (ONLINE, PHONE)

# Staff actions: the statuses each may start from, and the status it leads to.
TRANSITIONS: Mapping[str, tuple[frozenset[str], str]] = {
    "confirm": (frozenset({PENDING}), CONFIRMED),
    "check_in": (frozenset({PENDING, CONFIRMED}), CHECKED_IN),
    "no_show": (frozenset({PENDING, CONFIRMED}), NO_SHOW),
    "done": (frozenset({CONFIRMED, CHECKED_IN}), DONE),
    "cancel": (CHANGEABLE, CANCELLED),
    "release": (frozenset({PENDING}), RELEASED),
}

# Anonymous statistics: one counter per (appointment day, office, service) and event.
STAT_EVENTS = ("booked", "cancelled", "released", "rebooked", "checked_in", "no_show", "done", "online", "phone")
_STAT_OF_STATUS = {
    CHECKED_IN: "checked_in",
    NO_SHOW: "no_show",
    DONE: "done",
    CANCELLED: "cancelled",
    RELEASED: "released",
}


def next_status(action: str, current: str) -> str:
    """The status after ``action``; a Conflict naming the current status when it is not allowed."""
    allowed, target = TRANSITIONS[action]
    if current not in allowed:
        raise Conflict(
            f"A booking that is {current.replace('_', ' ')} cannot be changed like this.",
            code="booking_status",
            details={"status": current},
        )
    return target


def lead_minutes_for(channel: str) -> int | None:
    """The lead time a booking needs: None keeps the services' own; staff booking for a caller may
    take any free time that has not begun (the lead time is for citizens' own bookings)."""
    return 0 if channel == PHONE else None


def stat_event(status: str) -> str | None:
    return _STAT_OF_STATUS.get(status)


def per_service(services: Iterable[str], event: str, sign: int = 1) -> dict[str, dict[str, int]]:
    """Counter deltas per service id for one event (a service booked twice counts twice)."""
    return {service: {event: sign * n} for service, n in Counter(services).items()}


@dataclass(frozen=True)
class BookingRules:
    """The town's ``[booking]`` section."""

    max_active_per_email: int = 3
    rate_limit_per_hour: int = 10
    confirm_minutes: int = 30
    retention_days: int = 30
    reminder_hours: int = 24
    waitlist_offer_minutes: int = 60


RULE_LIMITS: Mapping[str, tuple[int, int]] = {
    "max_active_per_email": (1, 10),
    "rate_limit_per_hour": (1, 100_000),
    "confirm_minutes": (5, 1440),
    "retention_days": (1, 365),
    "reminder_hours": (1, 168),
    "waitlist_offer_minutes": (5, 1440),
}


def parse_rules(data: Any, overrides: Mapping[str, str] | None = None, *, path: str = "booking") -> BookingRules:
    """Rules from the town's section, with installation overrides (text values) applied on top."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ValidationFailed("invalid booking settings", fields={path: "must be an object"})
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    known = {f.name for f in fields(BookingRules)}
    for key in data:
        if key not in known:
            problems[f"{path}.{key}"] = "is not a known booking setting"
    merged: dict[str, Any] = dict(data)
    for key, raw in (overrides or {}).items():
        if key in known:
            try:
                merged[key] = int(raw)
            except ValueError:
                problems[f"{path}.{key}"] = "must be a whole number"
    for key, (low, high) in RULE_LIMITS.items():
        if key not in merged:
            continue
        value = merged[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            problems.setdefault(f"{path}.{key}", f"must be a whole number from {low} to {high}")
        else:
            values[key] = value
    if problems:
        raise ValidationFailed("invalid booking settings", fields=problems)
    return BookingRules(**values)
