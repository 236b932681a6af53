"""The admin's walk-in configuration per office (days, hours, limits, categories, counters, extra
days and cancelled mornings), kept in the town document's ``[queue]`` section."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from chalicelib.platform import audit, town
from chalicelib.platform.errors import ValidationFailed
from chalicelib.queue import plan
from chalicelib.queue.rules.config import parse_office


def _offices(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return list((doc.get("queue") or {}).get("offices") or [])


def get(office_id: str) -> dict[str, Any]:
    plan.config(office_id)  # 404 for an office without a queue
    raw = next(o for o in _offices(town.document()) if o.get("office") == office_id)
    return {"office": office_id, "config": raw}


def put(actor: str, office_id: str, raw: dict[str, Any]) -> dict[str, Any]:
    """Replace one office's walk-in configuration after checking it (every field at fault is named)."""
    if not isinstance(raw, dict):
        raise ValidationFailed("The walk-in configuration is invalid.", fields={"config": "must be an object"})
    doc = copy.deepcopy(town.document())
    if office_id not in {o.get("id") for o in doc.get("offices") or []}:
        raise ValidationFailed("There is no such office.", fields={"office": f"unknown office '{office_id}'"})
    raw = {**raw, "office": office_id}
    parse_office(raw, "config")
    offices = _offices(doc)
    at = next((i for i, o in enumerate(offices) if o.get("office") == office_id), len(offices))
    doc.setdefault("queue", {})["offices"] = [*offices[:at], raw, *offices[at + 1 :]]
    town.save(doc)
    audit.record(actor, "queue.config", office_id)
    return {"office": office_id, "config": raw}


def open_extra_day(actor: str, office_id: str, day: date, hours: tuple[str, str], tickets_from: str) -> None:
    """Add (or replace) a one-off walk-in day; used by the demo and the console's "extra day"."""
    raw = copy.deepcopy(get(office_id)["config"])
    extra = [e for e in raw.get("extra_days") or [] if e.get("date") != day.isoformat()]
    extra.append({"date": day.isoformat(), "from": hours[0], "to": hours[1], "tickets_from": tickets_from})
    raw["extra_days"] = extra
    raw["cancelled"] = [d for d in raw.get("cancelled") or [] if d != day.isoformat()]
    put(actor, office_id, raw)
