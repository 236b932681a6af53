"""Taking a ticket: online from the app, at a kiosk, or by a clerk; one conditional UpdateItem.

For benchmarks: an online ticket costs the address's throttle (one UpdateItem) and the issuing
UpdateItem; a refused one (a repeat of its Idempotency-Key, a limit) gets the day back with the
refusal and needs no further read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.platform import audit, idempotency
from chalicelib.platform.aws import push, throttles
from chalicelib.platform.aws.keyring import keyed_hash
from chalicelib.platform.errors import Conflict, DomainError, TooManyRequests, ValidationFailed
from chalicelib.queue import live, plan
from chalicelib.queue.rules import tickets as rules
from chalicelib.queue.rules.config import BEFORE, ISSUING, NO_WALK_IN, OfficeQueue, phase
from chalicelib.queue.rules.day import (
    ACTIVE,
    CANCELLED,
    CHANNEL_FIELD,
    CLERK,
    KIOSK,
    ONLINE,
    Day,
    Ticket,
    from_document,
)
from chalicelib.queue.store import days as day_store

ATTEMPTS = 4


def _open_now(cfg: OfficeQueue, on: date) -> None:
    morning, _reason = plan.morning(cfg, on)
    current = phase(morning, on, plan.now())
    if current == ISSUING:
        return
    details: dict[str, Any] = {"next_morning": plan.next_morning(cfg, on)}
    if current == NO_WALK_IN:
        raise Conflict("There is no walk-in morning at this office today.", code="no_walk_in", details=details)
    if current == BEFORE and morning:
        raise Conflict(f"Tickets are given out from {morning.tickets_from:%H:%M}.", code="not_yet", details=details)
    raise Conflict("The walk-in morning has ended for today.", code="queue_closed", details=details)


def _answer(cfg: OfficeQueue, day: Day, ticket: Ticket) -> dict[str, Any]:
    return {
        "ticket": live.ticket_view(cfg, day, ticket, plan.now()),
        "token": live.ticket_token(cfg.office, day.day, ticket.id),
    }


def issue(
    cfg: OfficeQueue, channel: str, category: str | None, key: str, device: str | None = None, lang: str = "de"
) -> tuple[int, dict[str, Any]]:
    """Issue one ticket (201), or replay the ticket this key took before (200)."""
    cat = cfg.category(category).id
    on = plan.today()
    _open_now(cfg, on)
    digest = keyed_hash("queue-key", f"{channel}:{key}")[:32]
    device_hash = keyed_hash("queue-device", device)[:32] if device else None
    lim = rules.limits(cfg, cat, channel)
    for _ in range(ATTEMPTS):
        now = int(plan.now().timestamp())
        entry = {"c": cat, "ch": channel, "at": now, "s": "waiting", "k": 0, "ik": digest, "l": lang}
        request = day_store.Issue(
            category=cat,
            channel_field=CHANNEL_FIELD[channel],
            entry=entry,
            max_total=lim.total,
            max_channel=lim.channel,
            max_category=lim.category,
            device=device_hash,
            device_since=now - cfg.device_minutes * 60,
            key_digest=digest,
            now=now,
        )
        try:
            changed = day_store.issue(cfg.office, on.isoformat(), request)
        except day_store.Refused as refused_write:
            doc = refused_write.day if refused_write.returned else day_store.get(cfg.office, on.isoformat())
            day = from_document(cfg.office, on.isoformat(), doc)
            if not day.exists:
                day_store.create(cfg.office, on.isoformat(), plan.expires_at(on))
                continue
            earlier = next((t for t in day.tickets if t.key == digest), None)
            if earlier is not None:
                return 200, _answer(cfg, day, earlier)
            refused = rules.refusal(cfg, day, cat, channel)
            if refused:
                raise refused from None
            since = plan.now().timestamp() - cfg.device_minutes * 60
            if device_hash and float(((doc or {}).get("dev") or {}).get(device_hash, 0)) >= since:
                raise Conflict(
                    f"A ticket was taken on this device a few minutes ago. Please wait {cfg.device_minutes} "
                    "minutes before taking another one.",
                    code="device_recent",
                ) from None
            continue  # the day changed between write and read: try again
        day = from_document(cfg.office, on.isoformat(), changed)
        ticket = next(t for t in reversed(day.tickets) if t.key == digest)
        # The list and the category's counter rose together in one update: they agree.
        assert ticket.number == int(changed["n"][cat or "_"]), "ticket numbering out of step"
        return 201, _answer(cfg, day, ticket)
    raise Conflict("The queue is busy; please try again.", code="busy")


def take_online(
    office_id: str, category: str | None, device: str, key: str | None, client_ip: str, lang: str
) -> tuple[int, dict[str, Any]]:
    """A citizen takes a ticket in the app."""
    cfg = plan.config(office_id)
    key = idempotency.required_key(key)
    hits = throttles.hit("queue#" + keyed_hash("client", client_ip or "unknown"), 3600)
    if hits > plan.rate_limit_per_hour():
        raise TooManyRequests(
            "Too many ticket requests from this connection. Please try again later.", retry_after=3600
        )
    return issue(cfg, ONLINE, category, key, device=device, lang=lang)


def take_at_kiosk(office_id: str, credential: str, category: str | None, key: str | None) -> tuple[int, dict[str, Any]]:
    from chalicelib.queue import kiosk

    cfg = plan.config(office_id)
    key = idempotency.required_key(key)
    kiosk.verify(office_id, credential)
    return _printable(*issue(cfg, KIOSK, category, key))


def take_for_visitor(actor: Any, office_id: str, category: str | None, key: str | None) -> tuple[int, dict[str, Any]]:
    """A clerk issues a ticket for someone without a smartphone (from the kiosk share)."""
    from chalicelib.queue.counter import check_staff

    cfg = plan.config(office_id)
    check_staff(cfg, actor)
    status, answer = issue(cfg, CLERK, category, idempotency.required_key(key))
    if status == 201:
        audit.record(actor.username, "queue.clerk_ticket", f"{office_id}.{answer['ticket']['id']}")
    return _printable(status, answer)


def _printable(status: int, answer: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """A paper ticket's QR code: its link, to follow the ticket on a phone later."""
    from chalicelib.platform.aws.qr import qr_svg
    from chalicelib.platform.settings import get_settings

    url = f"{get_settings().public_base_url}/wartemarke/ticket#{answer['token']}"
    return status, {**answer, "url": url, "qr_svg": qr_svg(url, box_size=4)}


# --- the citizen's own ticket ---------------------------------------------------------------


def _own(token: str) -> tuple[OfficeQueue, Day, Ticket]:
    office, day_iso, ticket_id = live.read_token(token)
    cfg = plan.config(office)
    day = live.load(office, date.fromisoformat(day_iso))
    return cfg, day, live.find(day, ticket_id)


def cancel(token: str) -> dict[str, Any]:
    """ "Ich komme nicht": the ticket is released; pressing twice changes nothing."""
    cfg, day, ticket = _own(token)
    if ticket.status == CANCELLED:
        return {"ticket": live.ticket_view(cfg, day, ticket, plan.now())}
    rules.check("cancel", ticket, cfg)
    now = int(plan.now().timestamp())
    try:
        day_store.change(
            cfg.office,
            day.day,
            sets={f"tl[{ticket.index}].s": CANCELLED, f"tl[{ticket.index}].ea": now},
            conditions={f"tl[{ticket.index}].s": ACTIVE},
            removes=(f"tl[{ticket.index}].p",),
        )
    except day_store.Refused:
        raise Conflict("The ticket was changed just now. Please reload.", code="busy") from None
    ticket.status = CANCELLED
    day.version += 1
    return {"ticket": live.ticket_view(cfg, day, ticket, plan.now())}


def set_push(token: str, subscription: Any) -> dict[str, Any]:
    """Store (or with null remove) the browser's push subscription for this ticket; it expires with the day."""
    cfg, day, ticket = _own(token)
    if ticket.status not in ACTIVE:
        rules.check("cancel", ticket, cfg)  # says why: no longer active
    index = ticket.index
    if subscription is None:
        sets: dict[str, Any] = {}
        removes: tuple[str, ...] = (f"tl[{index}].p",)
    else:
        if not push.configured():
            raise DomainError("Push notifications are not configured here.", code="push_unavailable")
        try:
            checked = push.check_subscription(subscription)
        except push.InvalidSubscription as exc:
            raise ValidationFailed("The push subscription is not usable.", fields={"subscription": str(exc)}) from None
        sets, removes = {f"tl[{index}].p": checked}, ()
    try:
        day_store.change(cfg.office, day.day, sets=sets, conditions={f"tl[{index}].s": ACTIVE}, removes=removes)
    except day_store.Refused:
        raise Conflict("The ticket was changed just now. Please reload.", code="busy") from None
    return {"push": subscription is not None}
