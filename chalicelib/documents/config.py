"""The town's document rules and offices, and the pickup appointment booking offers for an office."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from chalicelib.documents.rules.orders import DocumentType, Rules, parse_rules
from chalicelib.platform import town
from chalicelib.platform.errors import ValidationFailed

_parsed: dict[str, tuple[dict[str, Any], Rules]] = {}


@dataclass(frozen=True)
class Office:
    id: str
    name: str
    address: str
    hours: dict[str, str]


def rules() -> Rules:
    doc = town.document()
    hit = _parsed.get("town")
    if hit and hit[0] is doc:
        return hit[1]
    parsed = parse_rules(doc.get("documents"))
    _parsed["town"] = (doc, parsed)
    return parsed


def terminal_ids() -> list[str]:
    """The town's locker terminals (``[[documents.terminals]]``), as set up from its document."""
    return sorted(str(raw["id"]) for raw in (town.document().get("documents") or {}).get("terminals") or [])


def doc_type(type_id: str) -> DocumentType:
    found = rules().types.get(type_id)
    if found is None:
        raise ValidationFailed(
            "There is no such document type.", fields={"type": "is not a document type of this town"}
        )
    return found


def offices() -> dict[str, Office]:
    return {
        str(o.get("id")): Office(
            str(o.get("id")), str(o.get("name", "")), str(o.get("address", "")), dict(o.get("hours_text") or {})
        )
        for o in town.document().get("offices") or []
    }


def office(office_id: str) -> Office:
    found = offices().get(office_id)
    if found is None:
        raise ValidationFailed("There is no such office.", fields={"office": f"unknown office '{office_id}'"})
    return found


def pickup_appointment(office_id: str, reference: str) -> str | None:
    """The booking wizard's address for the office's pickup appointment, or None when it has none."""
    from chalicelib.booking.config import catalogue

    cat = catalogue()
    for service in cat.services.values():
        if service.pickup and (not service.offices or office_id in service.offices) and office_id in cat.offices:
            return "/termin?" + urlencode({"dienst": service.id, "buero": office_id, "vorgang": reference})
    return None
