"""Staff at the locker: terminals and compartments, loading with a second person, the door closing
(only then is the code sent), taking a document back, and the terminals' credentials."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from chalicelib.documents import common, config, notify
from chalicelib.documents.orders import find
from chalicelib.documents.rules import locker as rules
from chalicelib.documents.rules import notices
from chalicelib.documents.rules import orders as order_rules
from chalicelib.documents.store import lockers as store
from chalicelib.documents.store import orders as order_store
from chalicelib.documents.store.orders import OrderModel
from chalicelib.platform import audit
from chalicelib.platform.aws import throttles
from chalicelib.platform.aws.db import epoch
from chalicelib.platform.errors import Conflict, NotFound, ValidationFailed


def code_key(terminal_id: str, code: str) -> str:
    return f"{terminal_id}#{hashlib.sha256(code.encode()).hexdigest()}"


def lockout_key(terminal_id: str) -> str:
    return f"documents-terminal-codes#{terminal_id}"


def terminal_or_404(terminal_id: str) -> store.LockerModel:
    item = store.terminal(terminal_id)
    if item is None:
        raise NotFound("There is no such locker terminal.", code="terminal_not_found")
    return item


def _overlap(t: store.LockerModel) -> str | None:
    """Until when the credential before the last rotation still works, if it still does."""
    until = common.parse(t.previous_until)
    return t.previous_until if t.previous_credential and until and until > common.now() else None


def terminals() -> dict[str, Any]:
    """Every terminal with its compartments (free or the order in it) and whether codes are locked out."""
    out = []
    for terminal_id in config.terminal_ids():
        t, compartments = store.terminal_with_compartments(terminal_id)
        if t is None:
            continue
        wrong = throttles.peek(lockout_key(t.terminal))
        out.append(
            {
                "id": t.terminal,
                "name": t.name,
                "office": t.office,
                "address": t.address,
                "revoked": bool(t.revoked),
                "has_credential": bool(t.credential),
                "rotated_at": t.rotated_at,
                "previous_valid_until": _overlap(t),
                "wrong_codes": wrong,
                "locked_out": rules.locked_out(wrong),
                "compartments": [{"id": c.slot, "size": c.size, "reference": c.reference} for c in compartments],
            }
        )
    return {"terminals": out}


def load(reference: str, terminal_id: str, size: str, clerk: str) -> dict[str, Any]:
    """The first staff member puts a ready locker order into a free compartment of the size."""
    order = find(reference)
    if order.state != order_rules.READY:
        order_rules.next_state("load", order.state)
    if not order.locker_consent:
        raise Conflict("The citizen did not agree to pickup from the locker.", code="no_locker_consent")
    terminal_or_404(terminal_id)
    chosen = rules.pick_compartment(
        [rules.Compartment(c.slot, c.size or "small", c.reference) for c in store.compartments(terminal_id)], size
    )
    if not store.load(order, terminal_id, chosen.id, clerk, int(order.revision or 0)):
        raise Conflict("The order or the compartment changed meanwhile; please try again.", code="order_changed")
    audit.record(clerk, "documents.locker_loaded", order.reference, terminal=terminal_id, compartment=chosen.id)
    return {"order": common.staff_view(find(reference)), "compartment": chosen.id}


def confirm(reference: str, clerk: str) -> dict[str, Any]:
    """The second staff member confirms the loading (four eyes); the terminal then waits for the door."""
    order = find(reference)
    if order.state != order_rules.READY:
        raise Conflict("This order is not waiting for a second person to confirm.", code="not_loading")
    rules.check_second_person(order.loaded_by, clerk)
    moment = common.now()
    done = order_store.change(
        order,
        [order_rules.READY],
        OrderModel.loaded_by == order.loaded_by,
        state=order_rules.IN_LOCKER,
        since=common.iso(moment),
        list_key=f"{order.office}#{order_rules.IN_LOCKER}",
        confirmed_by=clerk,
    )
    if not done:
        raise Conflict("The order changed meanwhile; please look again.", code="order_changed")
    audit.record(clerk, "documents.locker_confirmed", order.reference, loaded_by=order.loaded_by)
    return {"order": common.staff_view(order)}


def door_closed(terminal_id: str, compartment: str) -> dict[str, Any]:
    """The terminal reports the compartment's door closed: only now is the code made and sent."""
    order = _order_in(terminal_id, compartment)
    if order.state != order_rules.IN_LOCKER or not order.confirmed_by:
        raise Conflict("This compartment is not waiting to be closed.", code="not_loading")
    if order.door_closed_at:
        return {"compartment": compartment, "code_sent": True}  # reported twice: the code went out once
    moment = common.now()
    deadline = rules.deadline(moment, config.rules().code_days)
    keep = epoch(deadline + order_rules.KEEP_AFTER[order_rules.RETURNED])
    for _ in range(10):
        code = rules.new_code()
        if store.put_code(code_key(terminal_id, code), order.reference, compartment, keep):
            break
    else:  # pragma: no cover - a terminal holds a few dozen of 10**8 codes
        raise Conflict("Please close the door again.", code="code_taken")
    done = order_store.change(
        order,
        [order_rules.IN_LOCKER],
        OrderModel.door_closed_at.does_not_exist(),
        door_closed_at=common.iso(moment),
        code=code,
        code_deadline=common.iso(deadline),
    )
    if not done:
        store.use_code(code_key(terminal_id, code))
        return {"compartment": compartment, "code_sent": True}
    audit.record(f"terminal:{terminal_id}", "documents.locker_closed", order.reference, compartment=compartment)
    channel = notify.deliver(order, notices.LOCKER)
    return {"compartment": compartment, "code_sent": channel != "none", "deadline": order.code_deadline}


def _order_in(terminal_id: str, compartment: str) -> OrderModel:
    slots = {c.slot: c for c in store.compartments(terminal_id)}
    slot = slots.get(compartment)
    if slot is None:
        raise ValidationFailed("There is no such compartment.", fields={"compartment": "is not a compartment here"})
    order = order_store.get(slot.reference) if slot.reference else None
    if order is None:
        raise Conflict("This compartment is empty.", code="compartment_empty")
    return order


def take_back(reference: str, clerk: str) -> dict[str, Any]:
    """Staff take a document out of the locker (its deadline passed): back to the counter, code void."""
    order = find(reference)
    if order.state != order_rules.IN_LOCKER or not order.terminal:
        order_rules.next_state("take_back", order.state)
    moment = common.now()
    key = code_key(order.terminal or "", order.code) if order.code else None
    values: dict[str, Any] = {
        "state": order_rules.READY,
        "since": common.iso(moment),
        "list_key": f"{order.office}#{order_rules.READY}",
        "pickup": order_rules.COUNTER,
        "code": None,
        "code_deadline": None,
        "terminal": None,
        "compartment": None,
        "loaded_by": None,
        "confirmed_by": None,
        "door_closed_at": None,
    }
    if not store.release(order, key, values, order_rules.IN_LOCKER):
        raise Conflict("The order changed meanwhile; please look again.", code="order_changed")
    audit.record(
        clerk, "documents.locker_taken_back", reference, terminal=order.terminal, compartment=order.compartment
    )
    return {"order": common.staff_view(find(reference))}


def remind_due() -> dict[str, Any]:
    """Job: the day-5 reminder for locker orders, once each."""
    r = config.rules()
    moment = common.now()
    reminded = 0
    for office in config.offices():
        before = common.iso(moment - timedelta(days=r.reminder_day - 1))
        for order in order_store.in_state(office, order_rules.IN_LOCKER, before):
            closed = common.parse(order.door_closed_at)
            if not closed or order.reminder_sent or not rules.reminder_due(closed, r.reminder_day, moment):
                continue
            if order.code_deadline and rules.expired(common.parse(order.code_deadline) or moment, moment):
                continue
            if order_store.claim_reminder(order):
                notify.deliver(order, notices.REMINDER)
                reminded += 1
    return {"reminded": reminded}


def rotate_credential(terminal_id: str, clerk: str) -> dict[str, Any]:
    """A new credential for the terminal, shown only now. The previous one keeps working for the
    town's overlap (``credential_overlap_hours``, 24 by default) so the terminal can be reconfigured
    without downtime; a revoked one never comes back."""
    current = terminal_or_404(terminal_id)
    credential = rules.new_credential(terminal_id)
    moment = common.now()
    hours = config.rules().credential_overlap_hours
    previous = current.credential if current.credential and not current.revoked and hours else None
    until = common.iso(moment + timedelta(hours=hours)) if previous else None
    digest = hashlib.sha256(credential.encode()).hexdigest()
    store.set_credential(terminal_id, digest, False, common.iso(moment), previous, until)
    audit.record(clerk, "documents.terminal_credential_rotated", terminal_id, previous_until=until)
    return {"terminal": terminal_id, "credential": credential, "previous_valid_until": until}


def revoke_credential(terminal_id: str, clerk: str) -> dict[str, Any]:
    terminal_or_404(terminal_id)
    store.set_credential(terminal_id, None, True, common.iso(common.now()))
    audit.record(clerk, "documents.terminal_credential_revoked", terminal_id)
    return {"terminal": terminal_id, "revoked": True}


def clear_lockout(terminal_id: str, clerk: str) -> dict[str, Any]:
    terminal_or_404(terminal_id)
    throttles.clear(lockout_key(terminal_id))
    audit.record(clerk, "documents.terminal_lockout_cleared", terminal_id)
    return {"terminal": terminal_id, "locked_out": False}
