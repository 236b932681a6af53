"""Demo queue for the local stack: a walk-in morning at the demo office today (and tomorrow, for a
stack started just before midnight), whatever the hour, with a few tickets already waiting."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Any

from chalicelib.platform.errors import DomainError
from chalicelib.queue import counter, plan, settings, take
from chalicelib.queue.rules.day import KIOSK

DEMO_OFFICE = "willich"
DEMO_TICKETS = (("A", "demo-a1"), ("M", "demo-m1"), ("A", "demo-a2"), ("A", "demo-a3"), ("M", "demo-m2"))


class _Demo:
    username = "demo"
    roles = ("admin", "office")


def seed_queue() -> dict[str, Any]:
    if DEMO_OFFICE not in plan.configs():
        return {"tickets": 0}
    today = plan.today()
    for day in (today, today + timedelta(days=1)):
        settings.open_extra_day("demo", DEMO_OFFICE, day, ("00:00", "23:59"), "00:00")
    cfg = plan.config(DEMO_OFFICE)
    made = 0
    for category, key in DEMO_TICKETS:
        wanted = category if any(c.id == category for c in cfg.categories) else None
        try:
            take.issue(cfg, KIOSK, wanted, f"{key}-{today.isoformat()}")
            made += 1
        except DomainError:
            continue
    with contextlib.suppress(DomainError):  # one number already on the display
        counter.call_next(_Demo(), DEMO_OFFICE, cfg.counter_names()[0])
    return {"tickets": made}
