"""Shared pieces of the document use cases: clock, links, what citizens and staff see of an order."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from chalicelib.documents import config
from chalicelib.documents.rules import orders as rules
from chalicelib.documents.store.orders import OrderModel
from chalicelib.platform.errors import NotFound
from chalicelib.platform.settings import get_settings


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def order_url(reference: str) -> str:
    return f"{get_settings().public_base_url}/dokumente/{rules.path_reference(reference)}"


def missing() -> NotFound:
    return NotFound("There is no order with this reference, or it has expired.", code="order_not_found")


def citizen_view(o: OrderModel, lang: str = "de") -> dict[str, Any]:
    """What the order page shows: no e-mail, no name; the code only while the order is in a locker."""
    doc = config.doc_type(o.doc_type)
    office = config.office(o.office)
    view: dict[str, Any] = {
        "reference": o.reference,
        "state": o.state,
        "since": o.since,
        "type": {"id": doc.id, "name": {"de": doc.name_de, "en": doc.name_en}},
        "bring": {"de": list(doc.bring_de), "en": list(doc.bring_en)},
        "office": {"id": office.id, "name": office.name, "address": office.address, "hours": office.hours},
        "pickup": o.pickup,
        "push": bool(o.push),
        "email": bool(o.email),
        "revision": int(o.revision or 0),
        "appointment": config.pickup_appointment(o.office, o.reference) if o.state == rules.READY else None,
        "locker": None,
    }
    if o.state == rules.IN_LOCKER and o.code and o.code_deadline:
        from chalicelib.documents.store import lockers as locker_store

        terminal = locker_store.terminal(o.terminal or "")
        view["locker"] = {
            "code": o.code,
            "deadline": o.code_deadline,
            "terminal": terminal.name if terminal else o.terminal,
            "address": terminal.address if terminal else "",
            "fingerprint": bool(o.biometric),
        }
    elif o.state == rules.IN_LOCKER:
        view["locker"] = {"code": None, "loading": True}
    return view


def staff_view(o: OrderModel) -> dict[str, Any]:
    doc = config.doc_type(o.doc_type)
    return {
        "reference": o.reference,
        "state": o.state,
        "since": o.since,
        "applied_at": o.applied_at,
        "ready_at": o.ready_at,
        "type": doc.id,
        "type_name": {"de": doc.name_de, "en": doc.name_en},
        "office": o.office,
        "pickup": o.pickup,
        "locker_consent": bool(o.locker_consent),
        "biometric": bool(o.biometric),
        "email": bool(o.email),
        "push": bool(o.push),
        "notice": {"state": o.notice_state, "kind": o.notice_kind, "channel": o.notice_channel},
        "locker": {
            "terminal": o.terminal,
            "compartment": o.compartment,
            "loaded_by": o.loaded_by,
            "confirmed_by": o.confirmed_by,
            "door_closed_at": o.door_closed_at,
            "deadline": o.code_deadline,
            "reminder_sent": bool(o.reminder_sent),
        }
        if o.terminal
        else None,
    }
