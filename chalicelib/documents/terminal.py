"""What a locker terminal asks: its credential checked, a code turned into the compartment to open,
the handover confirmed. The terminal matches fingerprints itself; the platform hears only yes or no."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

from chalicelib.documents import common, notify
from chalicelib.documents.locker import code_key, door_closed, lockout_key
from chalicelib.documents.orders import count_stats
from chalicelib.documents.rules import locker as rules
from chalicelib.documents.rules import notices
from chalicelib.documents.rules import orders as order_rules
from chalicelib.documents.store import lockers as store
from chalicelib.documents.store import orders as order_store
from chalicelib.platform import audit
from chalicelib.platform.aws import throttles
from chalicelib.platform.errors import Conflict, Forbidden, Gone, TooManyRequests, Unauthorized

SCHEME = "terminal "


def authenticate(headers: Mapping[str, str]) -> str:
    """The terminal id behind ``Authorization: Terminal <credential>``; 401 when unknown or revoked.

    Its current credential, or for the overlap after a rotation the previous one.
    """
    raw = headers.get("authorization", "")
    credential = raw[len(SCHEME) :].strip() if raw.lower().startswith(SCHEME) else ""
    terminal_id = rules.terminal_of(credential)
    item = store.terminal(terminal_id) if terminal_id else None
    digest = hashlib.sha256(credential.encode()).hexdigest()
    if item is None or item.revoked or not item.credential:
        raise _unauthorized()
    if hmac.compare_digest(item.credential, digest):
        return item.terminal
    until = common.parse(item.previous_until)
    previous = item.previous_credential
    if previous and until and common.now() < until and hmac.compare_digest(previous, digest):
        return item.terminal
    raise _unauthorized()


def _unauthorized() -> Exception:
    return Unauthorized("This terminal is not (or no longer) allowed.", code="terminal_unauthorized")


def _wrong(terminal_id: str) -> Exception:
    wrong = throttles.hit(lockout_key(terminal_id), int(rules.LOCKOUT_WINDOW.total_seconds()))
    if rules.locked_out(wrong):
        return _locked()
    return Forbidden(
        "This code is wrong or already used.",
        code="wrong_code",
        details={"attempts_left": rules.LOCKOUT_ATTEMPTS - wrong},
    )


def _locked() -> TooManyRequests:
    return TooManyRequests(
        "Too many wrong codes. This terminal takes no codes for a while.",
        code="terminal_locked",
        retry_after=int(rules.LOCKOUT_WINDOW.total_seconds()),
    )


def open_compartment(terminal_id: str, typed: str, finger_matched: bool | None) -> dict[str, Any]:
    """Verify a code: the compartment to open. Single use: the code is gone once it opened a door."""
    if rules.locked_out(throttles.peek(lockout_key(terminal_id))):
        raise _locked()
    code = rules.canonical_code(typed)
    found = store.get_code(code_key(terminal_id, code)) if code else None
    order = order_store.get(found.reference) if found else None
    if found is None or order is None or order.state != order_rules.IN_LOCKER or not code:
        raise _wrong(terminal_id)
    deadline = common.parse(order.code_deadline)
    if deadline is None or rules.expired(deadline, common.now()):
        raise Gone("This code has expired. The document is back at the office.", code="code_expired")
    if order.biometric and finger_matched is None:
        raise Forbidden(
            "This order also needs the fingerprint match at the terminal.",
            code="fingerprint_required",
            details={"fingerprint_required": True},
        )
    if order.biometric and finger_matched is not True:
        audit.record(f"terminal:{terminal_id}", "documents.locker_fingerprint_refused", order.reference)
        raise _wrong(terminal_id)
    if not store.use_code(code_key(terminal_id, code)):
        raise _wrong(terminal_id)  # used a moment ago at the same terminal
    values: dict[str, Any] = {"opened_at": common.iso(common.now())}
    if order.biometric:
        values["finger_matched"] = True
    order_store.change(order, [order_rules.IN_LOCKER], **values)
    audit.record(
        f"terminal:{terminal_id}",
        "documents.locker_opened",
        order.reference,
        compartment=found.compartment,
        fingerprint=bool(order.biometric),
    )
    return {"compartment": found.compartment, "fingerprint_checked": bool(order.biometric)}


def collected(terminal_id: str, compartment: str) -> dict[str, Any]:
    """The citizen took the document: the order is collected, the compartment free again.

    The terminal is told to delete its fingerprint template now (PAuswG § 26(2): at the latest on handover).
    """
    slot = {c.slot: c for c in store.compartments(terminal_id)}.get(compartment)
    order = order_store.get(slot.reference) if slot and slot.reference else None
    if order is None or order.state != order_rules.IN_LOCKER or not order.opened_at:
        raise Conflict("No opened compartment waits for this confirmation.", code="not_opened")
    moment = common.now()
    applied = common.parse(order.applied_at) or moment
    values: dict[str, Any] = {
        "state": order_rules.COLLECTED,
        "since": common.iso(moment),
        "list_key": f"{order.office}#{order_rules.COLLECTED}",
        "code": None,
        "expires_at": int(order_rules.expiry(order_rules.COLLECTED, moment, applied).timestamp()),
    }
    if not store.release(order, None, values, order_rules.IN_LOCKER):
        raise Conflict("No opened compartment waits for this confirmation.", code="not_opened")
    count_stats(order, order_rules.COLLECTED, moment)
    audit.record(f"terminal:{terminal_id}", "documents.locker_collected", order.reference, compartment=compartment)
    refreshed = order_store.get(order.reference)
    if refreshed is not None and (refreshed.push or refreshed.email):
        notify.deliver(refreshed, notices.COLLECTED)
    return {"collected": True, "delete_fingerprint_template": bool(order.biometric)}


def closed(terminal_id: str, compartment: str) -> dict[str, Any]:
    return door_closed(terminal_id, compartment)
