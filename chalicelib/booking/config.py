"""The bookable catalogue (offices, services) and the booking rules, parsed from the town document."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

from chalicelib.booking.rules.calendar import OfficeHours, parse_office_hours
from chalicelib.booking.rules.catalogue import Service, parse_services, select_services
from chalicelib.booking.rules.lifecycle import BookingRules, parse_rules
from chalicelib.platform import town
from chalicelib.platform.errors import ValidationFailed

_lock = threading.Lock()
_parsed: dict[str, tuple[dict[str, Any], tuple[tuple[str, str], ...], Catalogue]] = {}


@dataclass(frozen=True)
class Office:
    id: str
    name: str
    address: str
    hours_text: dict[str, str]
    hours: OfficeHours


@dataclass(frozen=True)
class Catalogue:
    offices: dict[str, Office]
    services: dict[str, Service]
    categories: dict[str, str]  # service id -> category id
    rules: BookingRules
    document: dict[str, Any]

    def office(self, office_id: str) -> Office:
        office = self.offices.get(office_id)
        if office is None:
            raise ValidationFailed("There is no such office.", fields={"office": f"unknown office '{office_id}'"})
        return office

    def select(self, office: Office, service_ids: list[str]) -> list[Service]:
        """The chosen services, checked against what this office offers as one appointment."""
        from chalicelib.booking.rules.catalogue import check_combination

        chosen = select_services(self.services, service_ids)
        check_combination(office.id, chosen)
        return chosen


def rule_overrides() -> dict[str, str]:
    """Per-installation overrides, e.g. BOOKING_RATE_LIMIT_PER_HOUR for a load test or the
    local stack's concurrency test; read at call time like every other setting."""
    prefix = "BOOKING_"
    return {k[len(prefix) :].lower(): v for k, v in os.environ.items() if k.startswith(prefix) and v}


def _parse(doc: dict[str, Any]) -> Catalogue:
    offices = {}
    for i, raw in enumerate(doc.get("offices") or []):
        office_id = str(raw.get("id", ""))
        hours = parse_office_hours(raw, office_id=office_id, path=f"offices[{i}]")
        offices[office_id] = Office(
            office_id,
            str(raw.get("name", office_id)),
            str(raw.get("address", "")),
            dict(raw.get("hours_text") or {"de": "", "en": ""}),
            hours,
        )
    services = parse_services(doc.get("services") or [])
    categories = {str(s.get("id")): str(s.get("category", "")) for s in doc.get("services") or []}
    rules = parse_rules(doc.get("booking"), rule_overrides())
    return Catalogue(offices, services, categories, rules, doc)


def check_document(doc: dict[str, Any]) -> None:
    """Raise ValidationFailed (with field paths) when the offices, services or rules are unusable."""
    _parse(doc)


def catalogue() -> Catalogue:
    """Parsed once per town document the town service hands out (it caches for a minute)."""
    doc = town.document()
    overrides = tuple(sorted(rule_overrides().items()))
    with _lock:
        hit = _parsed.get("town")
        # Holding the document itself (not its id) means a newer one can never be mistaken for it.
        if hit and hit[0] is doc and hit[1] == overrides:
            return hit[2]
    parsed = _parse(doc)
    with _lock:
        _parsed["town"] = (doc, overrides, parsed)
    return parsed


def closed_all_day(office_id: str, day: date) -> str | None:
    """Why an office is closed all day (a closure or a public holiday), whatever its weekly hours;
    None if neither. Walk-in mornings follow the same closures and holidays as appointments."""
    from chalicelib.booking.rules.calendar import holiday_name

    office = catalogue().offices.get(office_id)
    for closure in office.hours.closures if office else ():
        if closure.start <= day <= closure.end:
            return closure.reason
    name = holiday_name(day)
    return f"public holiday ({name})" if name else None
