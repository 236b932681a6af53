"""Booking an appointment in one transaction, with idempotency, per-e-mail cap and rate limit.

For benchmarks: ``book`` costs one TransactWriteItems on the happy path, plus the claim of its
Idempotency-Key (one conditional PutItem), the throttle, one Query of the office-day and the
e-mail's quota slots. The transaction writes the answer over the claim (see ``idempotency``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from chalicelib.booking import common
from chalicelib.booking.config import Catalogue, Office, catalogue
from chalicelib.booking.rules import lifecycle as rules
from chalicelib.booking.rules.calendar import BERLIN, MAX_COUNTERS
from chalicelib.booking.rules.catalogue import Service
from chalicelib.booking.rules.slots import check_requested_start, units_for
from chalicelib.booking.store import bookings as booking_store
from chalicelib.booking.store.bookings import BookingModel, Effects, Quota
from chalicelib.booking.store.slots import unit_key
from chalicelib.booking.store.tx import MAX_ITEMS, TransactionFailed
from chalicelib.platform import idempotency, references
from chalicelib.platform.aws import throttles, tokens
from chalicelib.platform.aws.keyring import keyed_hash
from chalicelib.platform.errors import Conflict, DomainError, TooManyRequests, ValidationFailed

IDEMPOTENCY_HOURS = 24


class Unprocessable(DomainError):
    status = 422
    code = "idempotency_key_reused"


@dataclass(frozen=True)
class Request:
    """A booking to make, from the citizen form, the staff phone form or a waitlist offer."""

    office: str
    services: list[str]
    start: datetime
    name: str
    email: str | None
    phone: str | None
    language: str
    push: dict[str, Any] | None = None
    channel: str = rules.ONLINE
    confirmed: bool = False  # staff bookings and taken waitlist offers need no e-mail confirmation
    send_mail: bool = True
    consume: Any = None  # (item, condition) deleted in the same transaction (a waitlist entry)
    order_reference: str | None = None  # a document order to pick up (its format checked, nothing else)


def office_services(cat: Catalogue, office_id: str, ids: list[str]) -> tuple[Office, list[Service]]:
    office = cat.office(office_id)
    return office, cat.select(office, ids)


# --- booking ---------------------------------------------------------------------------------


def _reused() -> DomainError:
    return Unprocessable(
        "This Idempotency-Key was already used for a different booking. Use a new key for a new booking."
    )


def scope(channel: str) -> idempotency.Scope:
    """Keys of online and phone bookings live apart: a clerk's key never meets a citizen's."""
    return idempotency.Scope(f"booking-{channel}", IDEMPOTENCY_HOURS * 3600, _reused)


def fingerprint(req: Request) -> dict[str, Any]:
    """What makes a repeat the same booking request."""
    return {
        "office": req.office,
        "services": req.services,
        "start": req.start.astimezone(UTC).isoformat(),
        "name": req.name,
        "email": req.email,
        "phone": req.phone,
        "language": req.language,
        "push": req.push,
        "channel": req.channel,
        "send_mail": req.send_mail,
        # Only when given: keys of bookings without one keep the fingerprint they always had.
        **({"order_reference": req.order_reference} if req.order_reference else {}),
    }


def _rate_limit(client_ip: str, limit: int) -> None:
    hits = throttles.hit("book#" + keyed_hash("client", client_ip or "unknown"), 3600)
    if hits > limit:
        raise TooManyRequests(
            "Too many booking attempts from this connection. Please try again later.", retry_after=3600
        )


def _pick_quota(owner: str, cap: int, expires_at: int) -> Quota:
    live = booking_store.quota_slots(owner)
    free = [i for i in range(cap) if i not in live]
    if not free:
        raise Conflict(
            f"This e-mail address already has {cap} upcoming appointments. Cancel one to book another.",
            code="active_booking_limit",
            fields={"email": f"has reached the limit of {cap} upcoming appointments"},
        )
    return Quota(owner, free[0], expires_at)


def book(
    req: Request, *, idempotency_key: str | None, client_ip: str = "", rate_limited: bool = True
) -> tuple[int, dict[str, Any]]:
    """Book one appointment; the same Idempotency-Key and request give the same answer.

    The key is claimed before anything else is looked at, so a repeat of a booking that is
    still being made, or was made, never sees the time its own first attempt took.
    """
    key = idempotency.required_key(idempotency_key)
    req = replace(req, start=common.aware(req.start))

    def work(claim: idempotency.Claim) -> tuple[int, dict[str, Any]]:
        return book_claimed(req, claim, client_ip=client_ip, rate_limited=rate_limited)

    outcome = idempotency.run(scope(req.channel), key, fingerprint(req), work)
    return outcome.status, outcome.body


def book_claimed(
    req: Request, claim: idempotency.Claim, *, client_ip: str = "", rate_limited: bool = False
) -> tuple[int, dict[str, Any]]:
    """Book under a key already claimed (by ``book``, or by a waitlist offer taken)."""
    cat = catalogue()
    office, services = office_services(cat, req.office, req.services)
    if rate_limited:
        _rate_limit(client_ip, cat.rules.rate_limit_per_hour)
    moment = common.now()
    # Everything but capacity is refused before any query: past, lead time, horizon, hours.
    lead = rules.lead_minutes_for(req.channel)
    check_requested_start(
        office.hours, services, req.start, set(), moment, extra_pickup=MAX_COUNTERS, lead_minutes=lead
    )
    return _commit(req, cat, office, services, claim, moment)


def _commit(
    req: Request, cat: Catalogue, office: Office, services: list[Service], claim: idempotency.Claim, moment: datetime
) -> tuple[int, dict[str, Any]]:
    from chalicelib.booking import notify as booking_notify

    day = req.start.astimezone(BERLIN).date()
    owner = keyed_hash("email", req.email) if req.email and req.channel == rules.ONLINE else None
    token = tokens.random_token(24)
    code = tokens.short_code()
    slot_conflicts = 0
    for _ in range(6):
        slot = common.check_start(office, services, req.start, moment, lead_minutes=rules.lead_minutes_for(req.channel))
        quota = _pick_quota(owner, cat.rules.max_active_per_email, int(slot.end.timestamp())) if owner else None
        booking = _new_booking(req, cat, office.id, slot.start, slot.end, slot.counters[0], code, token, moment)
        booking.quota_slot = quota.slot if quota else None
        booking.email_hash = owner
        status, body = 201, _answer(booking, cat, token, req.channel)
        idem = claim.answer(status, body)
        stats = common.add_stats({}, day.isoformat(), office.id, rules.per_service(req.services, "booked"))
        common.add_stats(stats, day.isoformat(), office.id, rules.per_service(req.services, req.channel))
        if 2 * len(booking.units) + 6 + len(stats) > MAX_ITEMS:
            raise ValidationFailed(
                "This appointment is too long to book online; please call us.",
                fields={"services": "too long for one online appointment"},
            )
        try:
            booking_store.insert(booking, quota, Effects(stats=stats, idempotency=idem, consume=req.consume))
        except TransactionFailed as failed:
            if "idempotency" in failed.labels:
                raise idempotency.ClaimLost from None
            if "consume" in failed.labels:
                raise common.gone("This offer has already been taken.", "offer_taken") from None
            if "code" in failed.labels:
                code = tokens.short_code()
                continue
            if failed.labels <= {"quota"} and failed.labels:
                continue
            slot_conflicts += 1
            if slot_conflicts >= 2:  # the chosen counter and then the next free one were both taken
                break
            continue
        claim.answered()
        if req.send_mail and booking.email:
            booking_notify.booking_made(booking, cat, token)
        return status, body
    raise common.taken(office, services, req.start, moment, lead_minutes=rules.lead_minutes_for(req.channel))


def _new_booking(
    req: Request,
    cat: Catalogue,
    office_id: str,
    start: datetime,
    end: datetime,
    counter: str,
    code: str,
    token: str,
    moment: datetime,
) -> BookingModel:
    day = start.astimezone(BERLIN).date()
    duration = int((end - start).total_seconds() // 60)
    keys = [unit_key(office_id, day, c, u) for c, u in units_for(start, duration, counter)]
    pending = not req.confirmed
    confirm_by = int(moment.timestamp()) + cat.rules.confirm_minutes * 60
    return BookingModel(
        code,
        office=office_id,
        services=list(req.services),
        start=common.iso(start),
        end=common.iso(end),
        day_key=f"{office_id}#{day.isoformat()}",
        counter=counter,
        unit_pk=keys[0][0],
        units=[sk for _, sk in keys],
        status=rules.PENDING if pending else rules.CONFIRMED,
        channel=req.channel,
        name=req.name,
        email=req.email,
        phone=req.phone,
        language=req.language,
        token_digest=tokens.digest(token),
        push=json.dumps(req.push) if req.push else None,
        order_reference=req.order_reference,
        reminder_sent=False,
        created_at=moment.isoformat(timespec="seconds"),
        pending=booking_store.PENDING_MARK if pending else None,
        confirm_by=confirm_by if pending else None,
        expires_at=common.expires_after(end, cat.rules.retention_days),
    )


def _answer(booking: BookingModel, cat: Catalogue, token: str, channel: str) -> dict[str, Any]:
    body: dict[str, Any] = {"booking": common.booking_view(booking, cat)}
    if channel == rules.ONLINE:
        # The manage token goes to the citizen's device ("my appointments"); the confirm
        # token only by e-mail, so confirming proves the address.
        body["manage_token"] = token
        body["links"] = common.links(token)
    return body


def citizen_request(body: dict[str, Any], default_language: str) -> Request:
    """The online booking form as a Request: consent given, push subscription usable."""
    from chalicelib.platform.aws import push

    if body["consent"] is not True:
        raise ValidationFailed("Please agree to the processing of your data.", fields={"consent": "must be true"})
    common.texts_ok({k: body.get(k) for k in ("name", "email", "phone")})
    typed = (body.get("order_reference") or "").strip()
    order_reference = references.reference_of(typed, "order_reference") if typed else None
    subscription = body.get("push_subscription")
    if subscription:
        try:
            subscription = push.check_subscription(subscription)
        except push.InvalidSubscription as exc:
            raise ValidationFailed(
                "The push subscription is not usable.", fields={"push_subscription": str(exc)}
            ) from None
    return Request(
        office=body["office"],
        services=body["services"],
        start=body["start"],
        name=body["name"],
        email=body["email"],
        phone=body.get("phone") or None,
        language=body.get("language") or default_language,
        push=subscription or None,
        order_reference=order_reference,
    )


def check_push(subscription: Any) -> dict[str, Any]:
    from chalicelib.platform.aws import push

    try:
        return push.check_subscription(subscription)
    except push.InvalidSubscription as exc:
        raise ValidationFailed("The push subscription is not usable.", fields={"subscription": str(exc)}) from None


def push_public_key() -> dict[str, Any]:
    from chalicelib.platform.aws import push
    from chalicelib.platform.errors import NotFound

    key = push.public_key()
    if not key:
        raise NotFound("Push notifications are not configured here.", code="push_not_configured")
    return {"public_key": key}
