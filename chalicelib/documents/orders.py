"""Registering an order when the citizen applies, the citizen's order page and its push subscription,
and the clerk's one-by-one state changes (in production, ready, collected at the counter, returned)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from chalicelib.documents import common, config
from chalicelib.documents.rules import orders as rules
from chalicelib.documents.store import orders as store
from chalicelib.documents.store.orders import OrderModel
from chalicelib.platform import audit, idempotency
from chalicelib.platform.aws.db import epoch
from chalicelib.platform.errors import Conflict, DomainError, ValidationFailed

KEEP_KEYS_SECONDS = 24 * 3600


def _reused() -> DomainError:
    return Conflict(
        "This Idempotency-Key was already used for a different order. Use a new key for a new order.",
        code="idempotency_key_reused",
    )


SCOPE = idempotency.Scope("document-order", KEEP_KEYS_SECONDS, _reused)


def register(body: Mapping[str, Any], clerk: str, idempotency_key: str | None) -> tuple[int, dict[str, Any]]:
    """A new order: type, office, optional e-mail, pickup wish with the consents. Answers the receipt's facts."""
    key = idempotency.required_key(idempotency_key)
    doc = config.doc_type(body["type"])
    config.office(body["office"])
    pickup = body["pickup"]
    locker_consent = bool(body.get("locker_consent"))
    biometric = bool(body.get("biometric_consent"))
    if pickup == rules.LOCKER and not doc.locker:
        raise ValidationFailed(
            "This document cannot be collected from the locker.", fields={"pickup": "the locker is not offered for it"}
        )
    if pickup == rules.LOCKER and not locker_consent:
        raise ValidationFailed(
            "Pickup from the locker needs the citizen's consent.", fields={"locker_consent": "must be true"}
        )
    if biometric and pickup != rules.LOCKER:
        raise ValidationFailed(
            "A fingerprint is used only at the locker.",
            fields={"biometric_consent": "only with pickup from the locker"},
        )

    def work(claim: idempotency.Claim) -> tuple[int, dict[str, Any]]:
        moment = common.now()
        for _ in range(3):
            order = OrderModel(
                rules.new_reference(),
                doc_type=doc.id,
                office=body["office"],
                state=rules.APPLIED,
                since=common.iso(moment),
                list_key=f"{body['office']}#{rules.APPLIED}",
                applied_at=common.iso(moment),
                pickup=pickup,
                locker_consent=locker_consent,
                biometric=biometric,
                email=body.get("email") or None,
                language=body.get("language") or "de",
                registered_by=clerk,
                revision=0,
                expires_at=epoch(rules.expiry(rules.APPLIED, moment, moment)),
            )
            if store.insert(order):
                break
        else:  # pragma: no cover - 130 random bits do not collide
            raise Conflict("Please try again.", code="reference_taken")
        store.count(moment.strftime("%Y-%m"), f"{order.office}#{doc.id}#{pickup}", registered=1)
        audit.record(clerk, "documents.order_registered", order.reference, type=doc.id, pickup=pickup)
        return 201, receipt(order)

    request = {k: body.get(k) for k in sorted(body)}
    outcome = idempotency.run(SCOPE, key, request, work)
    return outcome.status, outcome.body


def receipt(order: OrderModel) -> dict[str, Any]:
    """What the printed receipt shows: reference, the app's address (its QR code), what happens next."""
    r = config.rules()
    return {
        "order": common.staff_view(order),
        "url": common.order_url(order.reference),
        "qr": f"/api/documents/orders/{rules.path_reference(order.reference)}/qr",
        "keep_days": {
            "collected": rules.KEEP_AFTER[rules.COLLECTED].days,
            "returned": rules.KEEP_AFTER[rules.RETURNED].days,
        },
        "code_days": r.code_days,
        "uncollected_days": r.uncollected_days,
    }


def find(reference: str) -> OrderModel:
    order = store.get(rules.reference_of(reference))
    if order is None:
        raise common.missing()
    return order


def citizen(reference: str, lang: str) -> dict[str, Any]:
    return {"order": common.citizen_view(find(reference), lang)}


def qr_svg(reference: str) -> str:
    from chalicelib.platform.aws import qr

    ref = rules.reference_of(reference)  # the QR code holds only the address, no order lookup needed
    return qr.qr_svg(common.order_url(ref))


def check_push(subscription: Any) -> dict[str, Any]:
    from chalicelib.platform.aws import push

    try:
        return push.check_subscription(subscription)
    except push.InvalidSubscription as exc:
        raise ValidationFailed("The push subscription is not usable.", fields={"subscription": str(exc)}) from None


def set_push(reference: str, subscription: Any) -> dict[str, Any]:
    """Store (or with None remove) this device's subscription for the order's notices."""
    order = find(reference)
    if order.state in rules.FINAL:
        raise Conflict("This order is finished; there is nothing more to tell.", code="order_finished")
    value = json.dumps(check_push(subscription)) if subscription is not None else None
    store.set_fields(order, push=value)
    order.push = value
    return {"order": common.citizen_view(order)}


def staff(reference: str) -> dict[str, Any]:
    return {"order": common.staff_view(find(reference))}


def move(order: OrderModel, action: str, clerk: str, **extra: Any) -> OrderModel:
    """Apply one staff or terminal action with a condition on the state it starts from."""
    target = rules.next_state(action, order.state)
    moment = common.now()
    values: dict[str, Any] = {
        "state": target,
        "since": common.iso(moment),
        "list_key": f"{order.office}#{target}",
        **extra,
    }
    applied = common.parse(order.applied_at) or moment
    values["expires_at"] = epoch(rules.expiry(target, moment, applied))
    if target in rules.FINAL:
        values.update(push=None if target == rules.RETURNED else order.push, code=None)
    if not store.change(order, rules.TRANSITIONS[action][0], **values):
        latest = store.get(order.reference)
        rules.next_state(action, latest.state if latest else "gone")
        raise Conflict("The order changed meanwhile; please look again.", code="order_changed")
    count_stats(order, target, moment)
    if clerk:
        audit.record(clerk, f"documents.{action}", order.reference, state=target)
    return order


def count_stats(order: OrderModel, target: str, moment: Any) -> None:
    key = f"{order.office}#{order.doc_type}#{order.pickup}"
    month = moment.strftime("%Y-%m")
    if target == rules.READY:
        store.count(month, key, ready=1)
    elif target == rules.COLLECTED:
        ready = common.parse(order.ready_at)
        hours = round((moment - ready).total_seconds() / 3600) if ready else 0
        store.count(month, key, collected=1, ready_to_collected_hours=hours)
    elif target == rules.RETURNED:
        store.count(month, key, returned=1)


def act(reference: str, action: str, clerk: str) -> dict[str, Any]:
    """A clerk's action on one order: produce, ready, collect (at the counter), return."""
    from chalicelib.documents import notify

    order = find(reference)
    extra: dict[str, Any] = {}
    if action == "ready":
        extra = notify.ready_fields(order)
    if action in ("collect", "return") and order.state == rules.IN_LOCKER:
        raise Conflict("This order is in a locker: take it back from the locker first.", code="order_in_locker")
    order = move(order, action, clerk, **extra)
    if (action == "ready" and order.notice_state == notify.PENDING) or (
        action in ("collect", "return") and (order.push or order.email)
    ):
        notify.deliver(order, notify.kind_after(action))
    return {"order": common.staff_view(order)}
