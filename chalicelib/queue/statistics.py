"""Anonymous statistics per day and hour: served, missed, average wait and handling time.

Today's come from the live day document; finished days are rolled up once into a kept item (the
day's tickets expire the day after), so nothing joins a count to a person.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from chalicelib.platform.day_names import BERLIN
from chalicelib.platform.errors import ValidationFailed
from chalicelib.queue import live, plan
from chalicelib.queue.counter import check_staff
from chalicelib.queue.rules.day import CANCELLED, DONE, MISSED, Day
from chalicelib.queue.store import stats as stats_store

ROLL_UP_DAYS = 3


def _blank() -> dict[str, float]:
    return {
        "issued": 0,
        "served": 0,
        "missed": 0,
        "cancelled": 0,
        "wait_sum": 0,
        "wait_n": 0,
        "handle_sum": 0,
        "handle_n": 0,
    }


def counts(day: Day) -> dict[str, Any]:
    """The day's counts in total and per hour of issue (Europe/Berlin), and served and missed per
    category. Each ticket counts once: issued in the category of its number, served or missed in
    the category it ended in (the one it was forwarded to, if it was)."""
    total = _blank()
    hours: dict[str, dict[str, float]] = {}
    categories: dict[str, dict[str, int]] = {}
    for t in day.tickets:
        if t.status in (DONE, MISSED):
            ended = categories.setdefault(t.serving_category or "-", {"served": 0, "missed": 0})
            ended["served" if t.status == DONE else "missed"] += 1
        hour = f"{datetime.fromtimestamp(t.issued_at, BERLIN).hour:02d}"
        for bucket in (total, hours.setdefault(hour, _blank())):
            bucket["issued"] += 1
            bucket["served"] += t.status == DONE
            bucket["missed"] += t.status == MISSED
            bucket["cancelled"] += t.status == CANCELLED
            if t.first_called_at:
                bucket["wait_sum"] += max(0, t.first_called_at - t.issued_at)
                bucket["wait_n"] += 1
            if t.status == DONE and t.ended_at and t.called_at:
                bucket["handle_sum"] += max(0, t.ended_at - t.called_at)
                bucket["handle_n"] += 1
    return {
        "total": {k: int(v) for k, v in total.items()},
        "hours": {h: {k: int(v) for k, v in b.items()} for h, b in hours.items()},
        "categories": categories,
    }


def _row(day_iso: str, raw: dict[str, Any]) -> dict[str, Any]:
    def summary(b: dict[str, Any]) -> dict[str, Any]:
        b = {k: int(v) for k, v in b.items()}
        return {
            "issued": b["issued"],
            "served": b["served"],
            "missed": b["missed"],
            "cancelled": b["cancelled"],
            "average_wait_minutes": round(b["wait_sum"] / b["wait_n"] / 60, 1) if b["wait_n"] else None,
            "average_handling_minutes": round(b["handle_sum"] / b["handle_n"] / 60, 1) if b["handle_n"] else None,
        }

    return {
        "date": day_iso,
        **summary(raw["total"]),
        "hours": {h: summary(b) for h, b in sorted(raw.get("hours", {}).items())},
        "categories": {c: {k: int(v) for k, v in b.items()} for c, b in sorted(raw.get("categories", {}).items())},
    }


def month(user: Any, office_id: str, month_text: str) -> dict[str, Any]:
    try:
        first = datetime.strptime(month_text, "%Y-%m").date()
    except ValueError:
        raise ValidationFailed("Month must look like 2026-11.", fields={"month": "must be YYYY-MM"}) from None
    check_staff(plan.config(office_id), user)
    rows = {item.day: _row(item.day, item.as_counts()) for item in stats_store.month(office_id, month_text)}
    today = plan.today()
    if today.strftime("%Y-%m") == first.strftime("%Y-%m"):
        day = live.load(office_id, today)
        if day.exists:
            rows[today.isoformat()] = _row(today.isoformat(), counts(day))
    return {"office": office_id, "month": month_text, "days": [rows[d] for d in sorted(rows)]}


def roll_up() -> dict[str, Any]:
    """Keep the anonymous counts of the last days before their tickets expire (scheduled job)."""
    kept = 0
    today = plan.today()
    for office_id in plan.configs():
        for back in range(1, ROLL_UP_DAYS + 1):
            on: date = today - timedelta(days=back)
            day = live.load(office_id, on)
            if day.exists and day.tickets:
                stats_store.save(office_id, on.isoformat(), counts(day))
                kept += 1
    return {"days": kept}
