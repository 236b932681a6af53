"""Walk-in configuration per office, parsed from the town document's ``[queue]`` section, and which
mornings it gives: weekly days, one-off extra days, cancelled mornings, closures and holidays."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from chalicelib.platform.day_names import BERLIN
from chalicelib.platform.errors import ValidationFailed

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CATEGORY_ID = re.compile(r"^[A-Z]{1,2}$")
_RANGE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
MAX_LIMIT = 999
MAX_COUNTERS = 30

# Phases of a walk-in day at a given moment.
NO_WALK_IN, BEFORE, ISSUING, OVER = "none", "before", "issuing", "over"


@dataclass(frozen=True)
class Category:
    id: str  # the number prefix, e.g. "A"; "" when the office has no categories
    name: dict[str, str]
    limit: int | None = None


@dataclass(frozen=True)
class Morning:
    """One walk-in morning: served from ``start`` to ``end``, tickets from ``tickets_from``."""

    start: time
    end: time
    tickets_from: time

    def view(self) -> dict[str, str]:
        return {"from": f"{self.start:%H:%M}", "to": f"{self.end:%H:%M}", "tickets_from": f"{self.tickets_from:%H:%M}"}


@dataclass(frozen=True)
class OfficeQueue:
    office: str
    weekly: dict[int, Morning]
    daily_limit: int
    kiosk_share: int = 0
    counters: int = 1
    categories: tuple[Category, ...] = (Category("", {"de": "", "en": ""}),)
    recall_limit: int = 3
    handling_minutes: int = 10
    device_minutes: int = 10
    pause_message: dict[str, str] = field(default_factory=dict)
    extra_days: dict[date, Morning] = field(default_factory=dict)
    cancelled: frozenset[date] = frozenset()
    staff: tuple[str, ...] = ()  # user names who may work this queue; empty: every office user

    @property
    def online_limit(self) -> int:
        return self.daily_limit - self.kiosk_share

    def category(self, category_id: str | None) -> Category:
        wanted = category_id or ""
        for cat in self.categories:
            if cat.id == wanted:
                return cat
        if not wanted and len(self.categories) == 1:
            return self.categories[0]
        ids = ", ".join(c.id for c in self.categories if c.id)
        raise ValidationFailed(
            "There is no such ticket category.", fields={"category": f"must be one of: {ids}"}, code="no_category"
        )

    def counter_names(self) -> list[str]:
        return [str(i) for i in range(1, self.counters + 1)]


class _Errors:
    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def add(self, path: str, message: str) -> None:
        self.fields.setdefault(path, message)

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationFailed("The walk-in configuration is invalid.", fields=self.fields, code="invalid_queue")


def _time(value: Any, path: str, errors: _Errors) -> time | None:
    if not isinstance(value, str) or not _HHMM.match(value):
        errors.add(path, "must be a time like 07:45")
        return None
    return time.fromisoformat(value)


def _range(value: Any, path: str, errors: _Errors) -> tuple[time, time] | None:
    match = _RANGE.match(value) if isinstance(value, str) else None
    if not match:
        errors.add(path, "must be a time range like 08:00-12:30")
        return None
    start, end = time(int(match[1]), int(match[2])), time(int(match[3]), int(match[4]))
    if end <= start:
        errors.add(path, "must end after it starts")
        return None
    return start, end


def _int(raw: dict[str, Any], key: str, path: str, errors: _Errors, default: int, low: int, high: int) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors.add(f"{path}.{key}", f"must be a whole number from {low} to {high}")
        return default
    return value


def _texts(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {lang: str(value.get(lang, "")) for lang in ("de", "en")}
    return {"de": str(value or ""), "en": str(value or "")}


def _morning(start: time, end: time, tickets_from: time | None) -> Morning:
    first = tickets_from if tickets_from is not None and tickets_from <= start else start
    return Morning(start, end, first)


def _extra_day(raw: Any, path: str, errors: _Errors, fallback: time | None) -> tuple[date, Morning] | None:
    if not isinstance(raw, dict):
        errors.add(path, "must be an object with date, from and to")
        return None
    try:
        day = date.fromisoformat(str(raw.get("date")))
    except ValueError:
        errors.add(f"{path}.date", "must be a date (YYYY-MM-DD)")
        return None
    hours = _range(f"{raw.get('from')}-{raw.get('to')}", f"{path}.from", errors)
    first = _time(raw["tickets_from"], f"{path}.tickets_from", errors) if "tickets_from" in raw else fallback
    return (day, _morning(hours[0], hours[1], first)) if hours else None


def _categories(raw: Any, path: str, errors: _Errors, daily_limit: int) -> tuple[Category, ...]:
    if not raw:
        return (Category("", {"de": "", "en": ""}),)
    if not isinstance(raw, list) or len(raw) > 6:  # a kiosk shows at most six buttons
        errors.add(path, "must be a list of at most 6 categories")
        return (Category("", {"de": "", "en": ""}),)
    found: list[Category] = []
    for i, item in enumerate(raw):
        item = item if isinstance(item, dict) else {}
        cat_id = str(item.get("id", ""))
        if not CATEGORY_ID.match(cat_id) or any(c.id == cat_id for c in found):
            errors.add(f"{path}[{i}].id", "must be one or two capital letters, each used once")
            continue
        limit = _int(item, "limit", f"{path}[{i}]", errors, daily_limit, 1, MAX_LIMIT) if "limit" in item else None
        found.append(Category(cat_id, _texts(item.get("name") or cat_id), limit))
    return tuple(found) or (Category("", {"de": "", "en": ""}),)


def parse_office(raw: Any, path: str = "queue.offices[0]") -> OfficeQueue:
    """One office's walk-in configuration; ValidationFailed names every field at fault."""
    errors = _Errors()
    raw = raw if isinstance(raw, dict) else {}
    office = str(raw.get("office", ""))
    if not office:
        errors.add(f"{path}.office", "is required")
    tickets_from = _time(raw["tickets_from"], f"{path}.tickets_from", errors) if "tickets_from" in raw else None
    weekly: dict[int, Morning] = {}
    days = raw.get("days") or {}
    if not isinstance(days, dict):
        errors.add(f"{path}.days", "must map weekdays to a time range")
        days = {}
    for name, value in days.items():
        if name not in WEEKDAYS:
            errors.add(f"{path}.days.{name}", "is not a weekday (mon .. sun)")
            continue
        hours = _range(value, f"{path}.days.{name}", errors)
        if hours:
            weekly[WEEKDAYS.index(name)] = _morning(hours[0], hours[1], tickets_from)
    limit = _int(raw, "daily_limit", path, errors, 100, 1, MAX_LIMIT)
    share = _int(raw, "kiosk_share", path, errors, 0, 0, MAX_LIMIT)
    if share > limit:
        errors.add(f"{path}.kiosk_share", "must not exceed the daily limit")
    one_off: dict[date, Morning] = {}
    for i, item in enumerate(raw.get("extra_days") or []):
        parsed = _extra_day(item, f"{path}.extra_days[{i}]", errors, tickets_from)
        if parsed:
            one_off[parsed[0]] = parsed[1]
    cancelled: set[date] = set()
    for i, item in enumerate(raw.get("cancelled") or []):
        try:
            cancelled.add(date.fromisoformat(str(item)))
        except ValueError:
            errors.add(f"{path}.cancelled[{i}]", "must be a date (YYYY-MM-DD)")
    config = OfficeQueue(
        office=office,
        weekly=weekly,
        daily_limit=limit,
        kiosk_share=min(share, limit),
        counters=_int(raw, "counters", path, errors, 1, 1, MAX_COUNTERS),
        categories=_categories(raw.get("categories"), f"{path}.categories", errors, limit),
        recall_limit=_int(raw, "recall_limit", path, errors, 3, 1, 10),
        handling_minutes=_int(raw, "handling_minutes", path, errors, 10, 1, 120),
        device_minutes=_int(raw, "device_minutes", path, errors, 10, 0, 240),
        pause_message=_texts(raw.get("pause_message") or ""),
        extra_days=one_off,
        cancelled=frozenset(cancelled),
        staff=tuple(str(s) for s in raw.get("staff") or ()),
    )
    errors.raise_if_any()
    return config


def parse_queue(doc: dict[str, Any]) -> dict[str, OfficeQueue]:
    """Every office's walk-in configuration in the town document, by office id."""
    section = doc.get("queue") or {}
    offices = section.get("offices") or []
    parsed = [parse_office(raw, f"queue.offices[{i}]") for i, raw in enumerate(offices)]
    return {cfg.office: cfg for cfg in parsed}


def morning_on(cfg: OfficeQueue, day: date, closed_reason: str | None) -> tuple[Morning | None, str | None]:
    """The walk-in morning on ``day``, or None and why not.

    A cancelled morning wins over everything; a one-off extra day is the office's own decision for
    that date and opens even within a closure; closures and holidays close the weekly mornings.
    """
    if day in cfg.cancelled:
        return None, "cancelled"
    if day in cfg.extra_days:
        return cfg.extra_days[day], None
    morning = cfg.weekly.get(day.weekday())
    if morning is None:
        return None, "no walk-in morning"
    if closed_reason:
        return None, closed_reason
    return morning, None


def phase(morning: Morning | None, day: date, now: datetime) -> str:
    """Where ``now`` lies in the walk-in day: none, before (tickets not yet), issuing, over."""
    if morning is None:
        return NO_WALK_IN
    local = now.astimezone(BERLIN)
    if local.date() < day:
        return BEFORE
    if local.date() > day:
        return OVER
    wall = local.time().replace(tzinfo=None)
    if wall < morning.tickets_from:
        return BEFORE
    return ISSUING if wall < morning.end else OVER


def at(day: date, wall: time) -> datetime:
    """Wall-clock time on a Berlin day (fold 0 across the DST change)."""
    return datetime.combine(day, wall, tzinfo=BERLIN)
