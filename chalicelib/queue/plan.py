"""Which walk-in mornings an office has: the configuration from the town document, booking's
closures and holidays, the clock, and the day document's lifetime."""

from __future__ import annotations

import os
import threading
from datetime import UTC, date, datetime, timedelta
from typing import Any

from chalicelib.platform import town
from chalicelib.platform.day_names import BERLIN
from chalicelib.platform.errors import NotFound
from chalicelib.queue.rules.config import Morning, OfficeQueue, at, morning_on, parse_queue

LOOK_AHEAD_DAYS = 62
_lock = threading.Lock()
_parsed: dict[str, tuple[dict[str, Any], dict[str, OfficeQueue]]] = {}


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return now().astimezone(BERLIN).date()


def configs() -> dict[str, OfficeQueue]:
    """Every office's walk-in configuration; parsed once per town document."""
    doc = town.document()
    with _lock:
        hit = _parsed.get("town")
        if hit and hit[0] is doc:
            return hit[1]
    parsed = parse_queue(doc)
    with _lock:
        _parsed["town"] = (doc, parsed)
    return parsed


def config(office_id: str) -> OfficeQueue:
    cfg = configs().get(office_id)
    if cfg is None:
        raise NotFound("There is no walk-in queue at this office.", code="no_queue")
    return cfg


def office_info(office_id: str) -> dict[str, str]:
    for office in town.document().get("offices") or []:
        if office.get("id") == office_id:
            return {"id": office_id, "name": str(office.get("name", "")), "address": str(office.get("address", ""))}
    return {"id": office_id, "name": office_id, "address": ""}


def morning(cfg: OfficeQueue, day: date) -> tuple[Morning | None, str | None]:
    """The walk-in morning on ``day`` (closures and public holidays from booking apply)."""
    from chalicelib.booking.config import closed_all_day

    return morning_on(cfg, day, closed_all_day(cfg.office, day))


def next_morning(cfg: OfficeQueue, after: date) -> dict[str, str] | None:
    """The first walk-in morning after ``after``, for "come back on ...", or None in the next two months."""
    for offset in range(1, LOOK_AHEAD_DAYS):
        day = after + timedelta(days=offset)
        found, _ = morning(cfg, day)
        if found:
            return {"date": day.isoformat(), **found.view()}
    return None


def expires_at(day: date) -> int:
    """A day document's tickets expire at the end of the day plus one day."""
    return int(at(day + timedelta(days=2), datetime.min.time()).timestamp())


def rate_limit_per_hour() -> int:
    """Ticket attempts per network address and hour (QUEUE_RATE_LIMIT_PER_HOUR overrides, e.g. for a load test)."""
    return int(os.environ.get("QUEUE_RATE_LIMIT_PER_HOUR") or 30)
