"""Telling citizens: Web Push (declarative payload, Topic per order) and e-mail, one by one or in bulk.

A notice is marked pending on the order in the same write that changes its state; it is cleared
when a channel took it, marked failed when none did, and the job sends what a request left pending.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from chalicelib.documents import common, config
from chalicelib.documents.rules import notices
from chalicelib.documents.rules import orders as rules
from chalicelib.documents.store import lockers as locker_store
from chalicelib.documents.store import orders as store
from chalicelib.documents.store.orders import OrderModel
from chalicelib.platform import mailer
from chalicelib.platform.aws import push

log = logging.getLogger("buergerservice.documents")

PENDING, FAILED = "pending", "failed"
PUSH_WORKERS = 16  # concurrent requests to push services in a bulk send
REQUEST_BUDGET_SECONDS = 15.0  # then the job takes over; 15 s + one message's worst case < 29 s


def kind_after(action: str) -> str:
    return {"ready": notices.READY, "collect": notices.COLLECTED, "return": notices.RETURNED}[action]


def ready_fields(order: OrderModel) -> dict[str, Any]:
    """Written with the state change to ready: the notice is due, except for locker orders, whose
    notice (with the code) goes out when the terminal reports the door closed."""
    values: dict[str, Any] = {"ready_at": common.iso(common.now())}
    if order.pickup != rules.LOCKER and (order.push or order.email):
        values.update(notice_state=PENDING, notice_kind=notices.READY)
    return values


def _facts(order: OrderModel) -> notices.MailFacts:
    office = config.office(order.office)
    lang = "en" if order.language == "en" else "de"
    terminal = locker_store.terminal(order.terminal) if order.terminal else None
    return notices.MailFacts(
        doc=config.doc_type(order.doc_type),
        lang=lang,
        reference=order.reference,
        url=common.order_url(order.reference),
        office_name=office.name,
        office_address=office.address,
        hours=office.hours.get(lang, office.hours.get("de", "")),
        code=order.code,
        deadline=common.parse(order.code_deadline),
        terminal_name=f"{terminal.name}, {terminal.address}" if terminal else "",
        fingerprint=bool(order.biometric),
    )


def _message(order: OrderModel, kind: str) -> push.Message:
    doc = config.doc_type(order.doc_type)
    lang = "en" if order.language == "en" else "de"
    payload = notices.push_payload(kind, doc, lang, common.order_url(order.reference), order.reference)
    return push.Message(
        json.loads(order.push or "{}"),
        payload,
        ttl=config.rules().notice_ttl_days * 86400,
        urgency=notices.URGENCY[kind],
        topic=notices.topic(order.reference),
    )


def _mail(order: OrderModel, kind: str) -> bool:
    if not order.email:
        return False
    message = notices.mail(kind, _facts(order))
    try:
        mailer.send(order.email, message.subject, message.text)
    except Exception as exc:  # noqa: BLE001 - the state stands; the notice is marked failed
        log.warning(json.dumps({"event": "documents_mail_failed", "error": type(exc).__name__}))
        return False
    return True


def _record(order: OrderModel, kind: str, result: push.Result | None, mailed: bool) -> str:
    pushed = result is not None and result.outcome == push.SENT
    channel = "+".join(c for c, ok in (("push", pushed), ("email", mailed)) if ok) or "none"
    tried = bool(order.push or order.email)
    values: dict[str, Any] = {
        "notice_kind": kind,
        "notice_channel": channel,
        "notice_state": FAILED if tried and channel == "none" else None,
    }
    if result is not None and result.outcome == push.GONE:
        values["push"] = None  # the browser unsubscribed: forget it
    store.set_fields(order, **values)
    return channel


def deliver(order: OrderModel, kind: str) -> str:
    """One notice by every channel the citizen gave: push (no personal data in it) and e-mail."""
    result = push.send(**_send_args(_message(order, kind))) if order.push else None
    return _record(order, kind, result, _mail(order, kind))


def _send_args(message: push.Message) -> dict[str, Any]:
    return {
        "subscription": message.subscription,
        "payload": message.payload,
        "ttl": message.ttl,
        "urgency": message.urgency,
        "topic": message.topic,
    }


def deliver_many(
    orders: Iterable[OrderModel], kind: str, budget_seconds: float = REQUEST_BUDGET_SECONDS
) -> dict[str, int]:
    """Bulk: pushes concurrently (at most PUSH_WORKERS at a time), then e-mails, within the budget.

    A notice not sent in time stays pending on its order for the notices job; one whose push went
    out is always recorded, so the job never sends it twice.
    """
    started = time.monotonic()
    todo = [o for o in orders if o.push or o.email]
    with_push = [o for o in todo if o.push]
    results = push.send_many(
        [_message(o, kind) for o in with_push], workers=PUSH_WORKERS, budget_seconds=budget_seconds
    )
    by_ref = dict(zip([o.reference for o in with_push], results, strict=True))
    counts = {"push": 0, "email": 0, "failed": 0, "left_for_job": 0}
    for order in todo:
        result = by_ref.get(order.reference)
        pushed = result is not None and result.outcome == push.SENT
        over = time.monotonic() - started > budget_seconds
        if (order.push and result is None) or (over and not pushed):
            counts["left_for_job"] += 1
            continue
        channel = _record(order, kind, result, False if over else _mail(order, kind))
        counts["push"] += "push" in channel
        counts["email"] += "email" in channel
        counts["failed"] += channel == "none"
    return counts


def send_pending(budget_seconds: float = 600) -> dict[str, Any]:
    """Job: notices a request left pending (a large delivery list), older than a request can run."""
    cutoff = common.iso(common.now() - timedelta(minutes=1))
    due = [o for o in store.notices(PENDING) if o.since <= cutoff and o.notice_kind]
    sent = {"push": 0, "email": 0, "failed": 0, "left_for_job": 0}
    for kind in notices.KINDS:
        batch = [o for o in due if o.notice_kind == kind]
        if batch:
            for name, n in deliver_many(batch, kind, budget_seconds=budget_seconds).items():
                sent[name] += n
    return {"due": len(due), **sent}
