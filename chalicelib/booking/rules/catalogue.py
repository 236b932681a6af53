"""Bookable services (catalogue entries) and the rules for combining them into one appointment."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from chalicelib.platform.errors import NotFound, ValidationFailed

MAX_SERVICES_PER_BOOKING = 4
DEFAULT_HORIZON_DAYS = 90
DEFAULT_LEAD_MINUTES = 60

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class Service:
    id: str
    name_de: str
    name_en: str
    duration_minutes: int
    documents_de: tuple[str, ...] = ()
    documents_en: tuple[str, ...] = ()
    offices: frozenset[str] = frozenset()
    horizon_days: int = DEFAULT_HORIZON_DAYS
    lead_minutes: int = DEFAULT_LEAD_MINUTES
    # Pickup services (collecting an ID card or passport) use the office's separate pickup places.
    pickup: bool = False


def combined_duration(services: Sequence[Service]) -> int:
    """Minutes of the single appointment that covers all chosen services."""
    return sum(s.duration_minutes for s in services)


def is_pickup_booking(services: Sequence[Service]) -> bool:
    """True when the booking uses the pickup pool; refuses empty or mixed selections."""
    if not services:
        raise ValidationFailed("no service chosen", fields={"services": "choose at least one service"})
    kinds = {s.pickup for s in services}
    if len(kinds) > 1:
        raise ValidationFailed(
            "pickup cannot be combined with other services",
            fields={"services": "collecting a document must be booked separately from other services"},
        )
    return kinds.pop()


def check_combination(office_id: str, services: Sequence[Service]) -> None:
    """Refuse a selection the office cannot serve as one appointment.

    The same service may appear more than once (e.g. ID cards for two family members).
    """
    is_pickup_booking(services)
    if len(services) > MAX_SERVICES_PER_BOOKING:
        raise ValidationFailed(
            "too many services",
            fields={"services": f"at most {MAX_SERVICES_PER_BOOKING} services per appointment"},
        )
    for service in services:
        if office_id not in service.offices:
            raise ValidationFailed(
                "service not offered at this office",
                fields={"services": f"'{service.name_de}' ({service.id}) is not offered at this office"},
            )


def strictest_limits(services: Sequence[Service]) -> tuple[int, int]:
    """(horizon_days, lead_minutes): the shortest horizon and the longest lead time of the selection."""
    return min(s.horizon_days for s in services), max(s.lead_minutes for s in services)


def get_service(catalogue: Mapping[str, Service], service_id: str) -> Service:
    service = catalogue.get(service_id)
    if service is None:
        raise NotFound(f"unknown service '{service_id}'")
    return service


def select_services(catalogue: Mapping[str, Service], ids: Iterable[str]) -> list[Service]:
    """Services for the ids of a booking request, in request order."""
    chosen: list[Service] = []
    for service_id in ids:
        service = catalogue.get(service_id)
        if service is None:
            raise ValidationFailed("unknown service", fields={"services": f"unknown service '{service_id}'"})
        chosen.append(service)
    return chosen


# --- parsing the town's data file -------------------------------------------------------------


def _text(value: Any, path: str, fields: dict[str, str], max_len: int = 200) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > max_len:
        fields.setdefault(path, f"must be a text of 1 to {max_len} characters")
        return ""
    return value.strip()


def _whole(value: Any, path: str, fields: dict[str, str], low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        fields.setdefault(path, f"must be a whole number from {low} to {high}")
        return low
    return value


def _texts(value: Any, path: str, fields: dict[str, str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > 30:
        fields.setdefault(path, "must be a list of at most 30 texts")
        return ()
    return tuple(_text(v, f"{path}[{i}]", fields, 300) for i, v in enumerate(value))


def _parse_into(data: Any, path: str, fields: dict[str, str]) -> Service | None:
    if not isinstance(data, Mapping):
        fields.setdefault(path, "must be an object")
        return None
    service_id = data.get("id")
    if not isinstance(service_id, str) or not _ID.match(service_id):
        fields.setdefault(f"{path}.id", "must be 1-64 characters a-z, 0-9, '-', '_'")
    names = data.get("name")
    if not isinstance(names, Mapping):
        fields.setdefault(f"{path}.name", 'must be an object {"de": "...", "en": "..."}')
        names = {}
    name_de = _text(names.get("de"), f"{path}.name.de", fields)
    # English falls back to German so a town can start with German texts only.
    name_en = _text(names["en"], f"{path}.name.en", fields) if "en" in names else name_de
    documents = data.get("documents", {})
    if not isinstance(documents, Mapping):
        fields.setdefault(f"{path}.documents", 'must be an object {"de": [...], "en": [...]}')
        documents = {}
    offices = data.get("offices")
    if not isinstance(offices, list) or not all(isinstance(o, str) and o for o in offices):
        fields.setdefault(f"{path}.offices", "must be a list of office ids")
        offices = []
    pickup = data.get("pickup", False)
    if not isinstance(pickup, bool):
        fields.setdefault(f"{path}.pickup", "must be true or false")
    service = Service(
        id=service_id if isinstance(service_id, str) else "",
        name_de=name_de,
        name_en=name_en,
        duration_minutes=_whole(data.get("duration_minutes"), f"{path}.duration_minutes", fields, 1, 480),
        documents_de=_texts(documents.get("de"), f"{path}.documents.de", fields),
        documents_en=_texts(documents.get("en"), f"{path}.documents.en", fields),
        offices=frozenset(offices),
        horizon_days=_whole(data.get("horizon_days", DEFAULT_HORIZON_DAYS), f"{path}.horizon_days", fields, 1, 730),
        lead_minutes=_whole(data.get("lead_minutes", DEFAULT_LEAD_MINUTES), f"{path}.lead_minutes", fields, 0, 43200),
        pickup=pickup is True,
    )
    return service


def parse_service(data: Any, *, path: str = "service") -> Service:
    fields: dict[str, str] = {}
    service = _parse_into(data, path, fields)
    if fields or service is None:
        raise ValidationFailed("invalid service", fields=fields)
    return service


def parse_services(items: Any, *, path: str = "services") -> dict[str, Service]:
    """Catalogue keyed by service id, in file order; every problem is reported at once."""
    fields: dict[str, str] = {}
    if not isinstance(items, list):
        raise ValidationFailed("invalid services", fields={path: "must be a list"})
    catalogue: dict[str, Service] = {}
    for i, item in enumerate(items):
        service = _parse_into(item, f"{path}[{i}]", fields)
        if service is None or not service.id:
            continue
        if service.id in catalogue:
            fields.setdefault(f"{path}[{i}].id", f"duplicate id '{service.id}'")
        catalogue[service.id] = service
    if fields:
        raise ValidationFailed("invalid services", fields=fields)
    return catalogue
