"""What a citizen does with a booking afterwards: confirm, view, cancel, rebook, calendar file, QR code."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from chalicelib.booking import common
from chalicelib.booking.config import Catalogue, catalogue
from chalicelib.booking.rules import lifecycle as rules
from chalicelib.booking.rules.calendar import BERLIN
from chalicelib.booking.rules.catalogue import Service
from chalicelib.booking.rules.slots import units_for
from chalicelib.booking.store import bookings as booking_store
from chalicelib.booking.store import waitlist as waitlist_store
from chalicelib.booking.store.bookings import BookingModel, Effects, Quota
from chalicelib.booking.store.slots import unit_key
from chalicelib.booking.store.tx import TransactionFailed
from chalicelib.platform.aws import qr
from chalicelib.platform.errors import Conflict, NotFound, ValidationFailed

log = logging.getLogger("buergerservice.booking")


def view(token: str) -> dict[str, Any]:
    return {"booking": common.booking_view(common.by_token(token), catalogue())}


def confirm(token: str) -> dict[str, Any]:
    """Confirm from the e-mail link; confirming twice is fine, too late releases the time."""
    from chalicelib.booking import links as booking_links
    from chalicelib.booking import notify as booking_notify

    code = booking_links.confirm_code(token)
    if not code:
        raise common.gone("This confirmation link is not valid (any more).", "confirm_link_invalid")
    cat = catalogue()
    for _ in range(3):
        b = booking_store.get(code)
        if b is None:
            raise NotFound("There is no such booking.", code="booking_not_found")
        if b.status != rules.PENDING:
            if b.status in (rules.RELEASED, rules.CANCELLED):
                raise common.gone("This booking was released or cancelled; please book again.", "booking_gone")
            return {"booking": common.booking_view(b, cat)}
        if (b.confirm_by or 0) < common.now().timestamp():
            _release(b)
            raise common.gone("The time to confirm has passed; the appointment was released.", "confirm_too_late")
        try:
            booking_store.change_status(b, rules.CONFIRMED, free_time=False, free_quota=False, effects=Effects())
        except TransactionFailed:
            continue  # changed meanwhile: look again
        b.status = rules.CONFIRMED
        b.confirm_by = None
        booking_notify.booking_confirmed(b, cat)
        return {"booking": common.booking_view(b, cat)}
    raise Conflict("The booking is being changed; please try again.", code="busy")


def _release(b: BookingModel) -> bool:
    stats = common.add_stats({}, b.start[:10], b.office, rules.per_service(b.services, "released"))
    try:
        booking_store.change_status(b, rules.RELEASED, free_time=True, free_quota=True, effects=Effects(stats=stats))
    except TransactionFailed:
        return False
    return True


def release_unconfirmed() -> dict[str, Any]:
    """Job: give back the time of online bookings not confirmed by e-mail in time."""
    released = 0
    for b in booking_store.pending_due(common.now().timestamp()):
        fresh = booking_store.get(b.code)  # the index lags; act on the item itself
        if fresh and fresh.status == rules.PENDING and _release(fresh):
            released += 1
    return {"released": released}


def cancel_booking(b: BookingModel, cat: Catalogue, *, notify: bool = True) -> BookingModel:
    """Cancel and give the time back at once (also used by staff)."""
    for _ in range(3):
        if b.status == rules.CANCELLED:
            return b
        rules.next_status("cancel", b.status)
        if common.parse_iso(b.start) <= common.now():
            raise Conflict("The appointment has already begun.", code="appointment_begun")
        stats = common.add_stats({}, b.start[:10], b.office, rules.per_service(b.services, "cancelled"))
        try:
            booking_store.change_status(b, rules.CANCELLED, free_time=True, free_quota=True, effects=Effects(stats))
        except TransactionFailed:
            fresh = booking_store.get(b.code)
            if fresh is None:
                raise NotFound("There is no such booking.", code="booking_not_found") from None
            b = fresh
            continue
        b.status = rules.CANCELLED
        from chalicelib.booking import notify as booking_notify

        waitlist_store.forget_booking(b.office, b.code)
        if notify:
            booking_notify.booking_cancelled(b, cat)
        return b
    raise Conflict("The booking is being changed; please try again.", code="busy")


def cancel(token: str) -> dict[str, Any]:
    cat = catalogue()
    return {"booking": common.booking_view(cancel_booking(common.by_token(token), cat), cat)}


def rebook(token: str, start: datetime) -> dict[str, Any]:
    cat = catalogue()
    b = move_booking(common.by_token(token), cat, start)
    from chalicelib.booking import notify as booking_notify

    booking_notify.booking_moved(b, cat)
    return {"booking": common.booking_view(b, cat)}


def _services_of(b: BookingModel, cat: Catalogue) -> list[Service]:
    office = cat.office(b.office)
    try:
        return cat.select(office, list(b.services))
    except ValidationFailed:
        raise Conflict(
            "The services of this booking are no longer offered like this; please cancel and book again.",
            code="services_changed",
        ) from None


def move_booking(b: BookingModel, cat: Catalogue, start: datetime, *, consume: Any = None) -> BookingModel:
    """Rebook to ``start``: frees the old units and takes the new ones in one transaction."""
    start = common.aware(start)
    office = cat.office(b.office)
    services = _services_of(b, cat)
    conflicts = 0
    for _ in range(4):
        rules.next_status("cancel", b.status)  # the same statuses may be moved as cancelled
        if common.parse_iso(b.start) <= common.now():
            raise Conflict("The appointment has already begun.", code="appointment_begun")
        if common.parse_iso(b.start) == start and consume is None:
            return b
        moment = common.now()
        day = start.astimezone(BERLIN).date()
        slot = common.check_start(office, services, start, moment, own=common.own_units(b, day))
        counter = b.counter if b.counter in slot.counters else slot.counters[0]
        new = _new_fields(b, cat, slot.start, slot.end, counter)
        quota = Quota(b.email_hash, int(b.quota_slot), int(slot.end.timestamp())) if _has_quota(b) else None
        stats = common.add_stats({}, b.start[:10], b.office, rules.per_service(b.services, "booked", -1))
        common.add_stats(stats, new["start"][:10], b.office, rules.per_service(b.services, "booked"))
        common.add_stats(stats, new["start"][:10], b.office, rules.per_service(b.services, "rebooked"))
        try:
            booking_store.move(b, new, quota, Effects(stats=stats, consume=consume))
        except TransactionFailed as failed:
            if "consume" in failed.labels:
                raise common.gone("This offer has already been taken.", "offer_taken") from None
            fresh = booking_store.get(b.code)
            if fresh is None:
                raise NotFound("There is no such booking.", code="booking_not_found") from None
            b = fresh
            if "booking" not in failed.labels:
                conflicts += 1
                if conflicts >= 2:
                    break
            continue
        for name, value in new.items():
            setattr(b, name, value)
        b.reminder_sent = False
        return b
    raise common.taken(office, services, start, common.now())


def _has_quota(b: BookingModel) -> bool:
    return bool(b.email_hash) and b.quota_slot is not None


def _new_fields(b: BookingModel, cat: Catalogue, start: datetime, end: datetime, counter: str) -> dict[str, Any]:
    day = start.astimezone(BERLIN).date()
    duration = int((end - start).total_seconds() // 60)
    keys = [unit_key(b.office, day, c, u) for c, u in units_for(start, duration, counter)]
    return {
        "start": common.iso(start),
        "end": common.iso(end),
        "day_key": f"{b.office}#{day.isoformat()}",
        "counter": counter,
        "unit_pk": keys[0][0],
        "units": [sk for _, sk in keys],
        "expires_at": common.expires_after(end, cat.rules.retention_days),
    }


def calendar(token: str) -> tuple[str, bytes]:
    from chalicelib.booking import notify as booking_notify

    b = common.by_token(token)
    f = booking_notify.facts(b, catalogue(), token)
    return f"termin-{b.code}.ics", booking_notify.calendar_file(f)  # its status and revision say what it is


def qr_code(token: str) -> str:
    """The check-in QR code: it holds the booking code, which staff scan or type."""
    return qr.qr_svg(common.by_token(token).code)


def set_push(token: str, subscription: dict[str, Any] | None, check: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    b = common.by_token(token)
    if b.status not in rules.ACTIVE:
        raise Conflict("This booking is no longer active.", code="booking_status", details={"status": b.status})
    value = json.dumps(check(subscription)) if subscription else None
    booking_store.set_fields(b, push=value)
    b.push = value
    return {"booking": common.booking_view(b, catalogue())}
