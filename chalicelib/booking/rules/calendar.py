"""Office opening hours, counters, closures and NRW holidays as wall-clock rules for one day."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Any, NamedTuple, TypeVar

import holidays

from chalicelib.platform.day_names import BERLIN
from chalicelib.platform.errors import ValidationFailed

UNIT_MINUTES = 5
UNITS_PER_DAY = 24 * 60 // UNIT_MINUTES
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")
DEFAULT_SLOT_STEP = 15
MAX_COUNTERS = 50

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def minutes_of(t: time) -> int:
    """Wall-clock minutes since local midnight."""
    return t.hour * 60 + t.minute


@dataclass(frozen=True)
class TimeRange:
    """Half-open wall-clock range [start, end) within one day."""

    start: time
    end: time

    def __post_init__(self) -> None:
        # Unit-aligned bounds keep every booking's occupied units exactly equal to its real interval.
        if minutes_of(self.start) % UNIT_MINUTES or minutes_of(self.end) % UNIT_MINUTES:
            raise ValueError(f"times must be multiples of {UNIT_MINUTES} minutes")
        if self.end <= self.start:
            raise ValueError("end must be after start")

    @property
    def start_minute(self) -> int:
        return minutes_of(self.start)

    @property
    def end_minute(self) -> int:
        return minutes_of(self.end)


@dataclass(frozen=True)
class CounterRange(TimeRange):
    """A time range with a number of parallel places (desks, or pickup places)."""

    counters: int = 1

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.counters < 1:
            raise ValueError("counters must be at least 1")


class Closure(NamedTuple):
    start: date
    end: date
    reason: str


@dataclass(frozen=True)
class OfficeHours:
    """Weekly rules of one office; weekday keys are 0 (Monday) .. 6 (Sunday)."""

    windows: Mapping[int, tuple[TimeRange, ...]]
    counters: Mapping[int, tuple[CounterRange, ...]]
    pickup: Mapping[int, tuple[CounterRange, ...]] = field(default_factory=dict)
    closures: tuple[Closure, ...] = ()
    slot_step_minutes: int = DEFAULT_SLOT_STEP
    office_id: str = ""


@lru_cache(maxsize=16)
def _nrw_holidays(year: int) -> Mapping[date, str]:
    return dict(holidays.country_holidays("DE", subdiv="NW", years=year, language="de"))


def holiday_name(day: date) -> str | None:
    """German name of the public holiday in North Rhine-Westphalia on `day`, if any."""
    return _nrw_holidays(day.year).get(day)


def is_open_day(office: OfficeHours, day: date) -> tuple[bool, str | None]:
    """Whether the office opens on `day`; when closed, a human-readable reason."""
    for closure in office.closures:
        if closure.start <= day <= closure.end:
            return False, closure.reason
    name = holiday_name(day)
    if name:
        return False, f"public holiday ({name})"
    if not office.windows.get(day.weekday()):
        return False, f"no opening hours on {WEEKDAY_NAMES[day.weekday()]}"
    return True, None


def local_dt(day: date, at: time) -> datetime:
    """Aware Europe/Berlin datetime for a wall-clock time (PEP 495 fold=0 for gaps and repeats)."""
    return datetime.combine(day, at, tzinfo=BERLIN)


def unit_index(day: date, moment: datetime) -> int:
    """5-minute unit of `moment` on local `day`, counted by wall-clock minutes since local midnight.

    Wall-clock units keep a unit's meaning identical on every day of the year, so 08:00 is
    always unit 96. The price: on 2026-03-29 units 24..35 (02:00-03:00) never occur, and on
    2026-10-25 the repeated hour 02:00-03:00 maps twice onto units 24..35. `irregular_units`
    lists those units and the slot engine never books them, so no two real instants share a unit.
    """
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    local = moment.astimezone(BERLIN)
    if local.date() != day:
        raise ValueError(f"{moment.isoformat()} is not on {day.isoformat()} in Europe/Berlin")
    return minutes_of(local.time()) // UNIT_MINUTES


@lru_cache(maxsize=64)
def irregular_units(day: date) -> frozenset[int]:
    """Units whose wall-clock start does not exist or exists twice on `day` (DST changes)."""
    midnight = local_dt(day, time(0))
    next_midnight = local_dt(day + timedelta(days=1), time(0))
    if midnight.utcoffset() == next_midnight.utcoffset():
        return frozenset()
    bad: set[int] = set()
    for unit in range(UNITS_PER_DAY):
        minute = unit * UNIT_MINUTES
        wall = local_dt(day, time(minute // 60, minute % 60))
        round_trip = wall.astimezone(UTC).astimezone(BERLIN)
        missing = round_trip.time() != wall.time()
        repeated = wall.replace(fold=1).utcoffset() != wall.utcoffset()
        if missing or repeated:
            bad.add(unit)
    return frozenset(bad)


# --- parsing the town's data file -------------------------------------------------------------


class _Errors:
    """Collects every config problem so an admin sees all of them at once, not one per save."""

    def __init__(self) -> None:
        self.fields: dict[str, str] = {}

    def add(self, path: str, message: str) -> None:
        self.fields.setdefault(path, message)

    def raise_if_any(self, what: str) -> None:
        if self.fields:
            raise ValidationFailed(f"invalid {what}", fields=self.fields)


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _parse_time(value: Any, path: str, errors: _Errors) -> time | None:
    match = _HHMM.match(value) if isinstance(value, str) else None
    if not match:
        errors.add(path, "must be a time HH:MM")
        return None
    result = time(int(match.group(1)), int(match.group(2)))
    if minutes_of(result) % UNIT_MINUTES:
        errors.add(path, f"must be a multiple of {UNIT_MINUTES} minutes")
        return None
    return result


def _parse_range(start: Any, end: Any, paths: tuple[str, str], errors: _Errors) -> tuple[time, time] | None:
    first = _parse_time(start, paths[0], errors)
    last = _parse_time(end, paths[1], errors)
    if first is None or last is None:
        return None
    if last <= first:
        errors.add(paths[1], "must be after the start")
        return None
    return first, last


def _weekday_lists(data: Any, path: str, errors: _Errors) -> dict[int, list[Any]]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        errors.add(path, "must be an object with weekday keys mon..sun")
        return {}
    out: dict[int, list[Any]] = {}
    for key, items in data.items():
        if key not in WEEKDAYS:
            errors.add(f"{path}.{key}", "unknown weekday, use mon, tue, wed, thu, fri, sat, sun")
        elif not isinstance(items, list):
            errors.add(f"{path}.{key}", "must be a list")
        else:
            out[WEEKDAYS.index(key)] = items
    return out


_R = TypeVar("_R", bound=TimeRange)


def _no_overlap(ranges: list[_R], path: str, errors: _Errors) -> tuple[_R, ...]:
    ordered = sorted(ranges, key=lambda r: r.start)
    for before, after in pairwise(ordered):
        if after.start < before.end:
            errors.add(path, f"ranges overlap ({before.start:%H:%M}-{before.end:%H:%M} and {after.start:%H:%M})")
    return tuple(ordered)


def _parse_windows(data: Any, path: str, errors: _Errors) -> dict[int, tuple[TimeRange, ...]]:
    out: dict[int, tuple[TimeRange, ...]] = {}
    for wd, items in _weekday_lists(data, path, errors).items():
        day_path = f"{path}.{WEEKDAYS[wd]}"
        ranges: list[TimeRange] = []
        for i, text in enumerate(items):
            item_path = f"{day_path}[{i}]"
            parts = text.split("-") if isinstance(text, str) else []
            if len(parts) != 2:
                errors.add(item_path, "must be a range HH:MM-HH:MM")
                continue
            bounds = _parse_range(parts[0].strip(), parts[1].strip(), (item_path, item_path), errors)
            if bounds:
                ranges.append(TimeRange(*bounds))
        if ranges:
            out[wd] = _no_overlap(ranges, day_path, errors)
    return out


def _parse_counter_ranges(data: Any, path: str, errors: _Errors) -> dict[int, tuple[CounterRange, ...]]:
    out: dict[int, tuple[CounterRange, ...]] = {}
    for wd, items in _weekday_lists(data, path, errors).items():
        day_path = f"{path}.{WEEKDAYS[wd]}"
        ranges: list[CounterRange] = []
        for i, item in enumerate(items):
            item_path = f"{day_path}[{i}]"
            if not isinstance(item, Mapping):
                errors.add(item_path, 'must be an object {"from": "HH:MM", "to": "HH:MM", "count": n}')
                continue
            count = item.get("count")
            if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_COUNTERS:
                errors.add(f"{item_path}.count", f"must be a whole number from 1 to {MAX_COUNTERS}")
                count = None
            paths = (f"{item_path}.from", f"{item_path}.to")
            bounds = _parse_range(item.get("from"), item.get("to"), paths, errors)
            if bounds and count is not None:
                ranges.append(CounterRange(bounds[0], bounds[1], count))
        if ranges:
            out[wd] = _no_overlap(ranges, day_path, errors)
    return out


def _parse_date(value: Any, path: str, errors: _Errors) -> date | None:
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    errors.add(path, "must be a date YYYY-MM-DD")
    return None


def _parse_closures(data: Any, path: str, errors: _Errors) -> tuple[Closure, ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        errors.add(path, "must be a list")
        return ()
    out: list[Closure] = []
    for i, item in enumerate(data):
        item_path = f"{path}[{i}]"
        if not isinstance(item, Mapping):
            errors.add(item_path, 'must be an object {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD", "reason": "..."}')
            continue
        first = _parse_date(item.get("from"), f"{item_path}.from", errors)
        # "to" is optional so a single closed day needs only "from".
        last = _parse_date(item["to"], f"{item_path}.to", errors) if "to" in item else first
        reason = item.get("reason", "")
        if not isinstance(reason, str) or not reason.strip() or len(reason) > 200:
            errors.add(f"{item_path}.reason", "must be a text of 1 to 200 characters")
            continue
        if first and last:
            if last < first:
                errors.add(f"{item_path}.to", "must not be before from")
            else:
                out.append(Closure(first, last, reason.strip()))
    return tuple(out)


def parse_office_hours(data: Any, *, office_id: str = "", path: str = "") -> OfficeHours:
    """Build OfficeHours from the data-file dict; `path` prefixes field names in errors.

    A weekday with opening hours but no "counters" entry gets one counter per opening window.
    A weekday without a "pickup" entry has no pickup places (staff can still add extra ones).
    """
    errors = _Errors()
    if not isinstance(data, Mapping):
        raise ValidationFailed("invalid opening hours", fields={path or "hours": "must be an object"})
    windows = _parse_windows(data.get("hours"), _join(path, "hours"), errors)
    counters = _parse_counter_ranges(data.get("counters"), _join(path, "counters"), errors)
    pickup = _parse_counter_ranges(data.get("pickup"), _join(path, "pickup"), errors)
    closures = _parse_closures(data.get("closures"), _join(path, "closures"), errors)
    step = data.get("slot_step_minutes", DEFAULT_SLOT_STEP)
    if isinstance(step, bool) or not isinstance(step, int) or not 5 <= step <= 240 or step % UNIT_MINUTES:
        errors.add(_join(path, "slot_step_minutes"), f"must be a multiple of {UNIT_MINUTES} from 5 to 240")
        step = DEFAULT_SLOT_STEP
    errors.raise_if_any("opening hours")
    for wd, day_windows in windows.items():
        if wd not in counters:
            counters[wd] = tuple(CounterRange(w.start, w.end, 1) for w in day_windows)
    return OfficeHours(windows, counters, pickup, closures, step, office_id)
