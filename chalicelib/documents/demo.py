"""The town's locker terminals from its document, and demo orders in every state for the local stack."""

from __future__ import annotations

from typing import Any

from chalicelib.documents import common, locker, orders
from chalicelib.documents.rules import orders as rules
from chalicelib.documents.store import lockers as store
from chalicelib.documents.store import orders as order_store
from chalicelib.documents.store.lockers import LockerModel
from chalicelib.platform.errors import DomainError


def setup_terminals(town_doc: dict[str, Any]) -> list[str]:
    """Create each ``[[documents.terminals]]`` entry with its compartments (C01.. small first, then large)."""
    made = []
    for raw in (town_doc.get("documents") or {}).get("terminals") or []:
        terminal_id = str(raw["id"])
        head = LockerModel(terminal_id, store.TERMINAL, name=raw.get("name", terminal_id), office=raw.get("office"))
        head.address = raw.get("address", "")
        if not store.add_terminal(head):
            continue
        sizes = ["small"] * int(raw.get("small", 0)) + ["large"] * int(raw.get("large", 0))
        for i, size in enumerate(sizes, start=1):
            store.save(LockerModel(terminal_id, f"C{i:02d}", size=size))
        made.append(terminal_id)
    return made


# (document type, pickup, how far it gets, biometric): one demo order per line.
PLAN = (
    ("personalausweis", rules.COUNTER, rules.APPLIED, False),
    ("reisepass", rules.APPOINTMENT, rules.IN_PRODUCTION, False),
    ("fuehrungszeugnis", rules.COUNTER, rules.READY, False),
    ("reisepass", rules.LOCKER, rules.READY, False),
    ("personalausweis", rules.LOCKER, rules.IN_LOCKER, True),
    ("meldebescheinigung", rules.LOCKER, rules.IN_LOCKER, False),
    ("personalausweis", rules.COUNTER, rules.COLLECTED, False),
    ("vorlaeufig", rules.COUNTER, rules.RETURNED, False),
)
STEPS = {
    rules.APPLIED: (),
    rules.IN_PRODUCTION: ("produce",),
    rules.READY: ("ready",),
    rules.IN_LOCKER: ("ready",),
    rules.COLLECTED: ("ready", "collect"),
    rules.RETURNED: ("ready", "return"),
}


def seed_orders(terminal_id: str = "kaiserplatz", office: str = "willich") -> dict[str, Any]:
    """Demo orders without e-mail (no mail goes out); the locker ones loaded by two demo clerks."""
    made: dict[str, list[str]] = {}
    for i, (doc_type, pickup, state, biometric) in enumerate(PLAN):
        body = {
            "type": doc_type,
            "office": office,
            "pickup": pickup,
            "locker_consent": pickup == rules.LOCKER,
            "biometric_consent": biometric,
            "language": "de",
        }
        try:
            _, answer = orders.register(body, "demo", f"demo-document-order-{i}")
            ref = answer["order"]["reference"]
            for action in STEPS[state]:
                orders.act(ref, action, "demo")
            if state == rules.IN_LOCKER:
                compartment = locker.load(ref, terminal_id, "small", "demo-1")["compartment"]
                locker.confirm(ref, "demo-2")
                locker.door_closed(terminal_id, compartment)
        except DomainError:
            continue
        made.setdefault(state, []).append(ref)
    return {"orders": made, "at": common.iso(common.now())}


def demo_code(reference: str) -> str | None:
    order = order_store.get(reference)
    return order.code if order else None
