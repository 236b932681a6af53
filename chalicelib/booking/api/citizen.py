"""Citizen appointment booking: catalogue, free times, book, confirm, manage by link, waitlist, push key."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.platform.http import Ctx, endpoint
from chalicelib.platform.schema import Anything, Bool, Date, DateTime, Email, List, Obj, Str

bp = Blueprint(__name__)

ID = r"^[a-z0-9][a-z0-9_-]{0,63}$"
OFFICE = Str(pattern=ID, max_len=64, description="office id from the catalogue")
SERVICES = List(item=Str(pattern=ID, max_len=64), min_items=1, max_items=4, description="service ids; may repeat")
SERVICES_CSV = Str(max_len=300, pattern=r"^[a-z0-9_,-]+$", description="service ids separated by commas")
TOKEN = Str(max_len=1000, description="the token from the e-mail link")
LANGUAGE = Str(choices=("de", "en"), required=False)
PUSH = Obj(
    required=False,
    nullable=True,
    description="PushSubscription.toJSON() of the browser",
    fields={
        "endpoint": Str(max_len=2048),
        "expirationTime": Anything(required=False, nullable=True, max_len=40),
        "keys": Obj(fields={"p256dh": Str(max_len=200), "auth": Str(max_len=100)}),
    },
)
NEW_BOOKING = Obj(
    fields={
        "office": OFFICE,
        "services": SERVICES,
        "start": DateTime(description="a free start from /api/booking/slots, with UTC offset"),
        "name": Str(min_len=2, max_len=100),
        "email": Email(),
        "phone": Str(required=False, nullable=True, max_len=30, pattern=r"^[0-9+()/ .-]{5,30}$"),
        "consent": Bool(description="must be true"),
        "language": LANGUAGE,
        "push_subscription": PUSH,
        "order_reference": Str(
            required=False,
            nullable=True,
            max_len=80,
            description="the Vorgangsnummer of a document order to pick up at this appointment (optional)",
        ),
    }
)
AVAILABILITY = Obj(
    fields={"office": OFFICE, "services": SERVICES_CSV, "month": Str(pattern=r"^\d{4}-\d{2}$", max_len=7)}
)
SLOTS = Obj(fields={"office": OFFICE, "services": SERVICES_CSV, "date": Date()})
TOKEN_QUERY = Obj(fields={"token": TOKEN})
TOKEN_BODY = Obj(fields={"token": TOKEN})
REBOOK = Obj(fields={"token": TOKEN, "start": DateTime()})
PUSH_CHANGE = Obj(fields={"token": TOKEN, "subscription": Anything(nullable=True, max_len=4000)})
WAITLIST = Obj(
    fields={
        "token": Str(max_len=1000, required=False, description="manage token of a booking to move earlier"),
        "office": Str(pattern=ID, max_len=64, required=False),
        "services": List(item=Str(pattern=ID, max_len=64), min_items=1, max_items=4, required=False),
        "name": Str(min_len=2, max_len=100, required=False),
        "email": Email(required=False),
        "consent": Bool(required=False),
        "language": LANGUAGE,
    }
)
CLAIM = Obj(fields={"offer": Str(max_len=1500, description="the token from the offer link")})


@endpoint(bp, "/api/booking/catalogue", tag="booking")
def booking_catalogue(ctx: Ctx) -> dict[str, Any]:
    """Offices and bookable services with durations and the documents to bring (de/en)."""
    from chalicelib.booking import availability as booking_availability

    return booking_availability.catalogue_view()


@endpoint(bp, "/api/booking/availability", query=AVAILABILITY, tag="booking")
def availability(ctx: Ctx) -> dict[str, Any]:
    """Number of free start times per day of a month for an office and a choice of services."""
    from chalicelib.booking import availability as booking_availability
    from chalicelib.booking import common as booking_common

    q = ctx.query
    return booking_availability.month_availability(q["office"], booking_common.service_ids(q["services"]), q["month"])


@endpoint(bp, "/api/booking/slots", query=SLOTS, tag="booking")
def slots(ctx: Ctx) -> dict[str, Any]:
    """Free start times of one day (Europe/Berlin, ISO 8601 with offset)."""
    from chalicelib.booking import availability as booking_availability
    from chalicelib.booking import common as booking_common

    q = ctx.query
    return booking_availability.day_slots(q["office"], booking_common.service_ids(q["services"]), q["date"])


@endpoint(
    bp, "/api/booking/bookings", ("POST",), body=NEW_BOOKING, personal=True, status=201, tag="booking", idempotent=True
)
def create_booking(ctx: Ctx) -> Response:
    """Book an appointment (header Idempotency-Key required); confirm it by the e-mail link."""
    from chalicelib.booking import book as booking

    request = booking.citizen_request(ctx.body, ctx.lang)
    status, answer = booking.book(request, idempotency_key=ctx.idempotency_key, client_ip=ctx.client_ip)
    return Response(body=answer, status_code=status, headers={"Cache-Control": "no-store"})


@endpoint(bp, "/api/booking/confirm", ("POST",), body=TOKEN_BODY, personal=True, tag="booking")
def confirm(ctx: Ctx) -> dict[str, Any]:
    """Confirm a booking with the token from the e-mail link."""
    from chalicelib.booking import manage as booking_manage

    return booking_manage.confirm(ctx.body["token"])


@endpoint(bp, "/api/booking/manage", query=TOKEN_QUERY, personal=True, tag="booking")
def manage(ctx: Ctx) -> dict[str, Any]:
    """The booking behind a manage link."""
    from chalicelib.booking import manage as booking_manage

    return booking_manage.view(ctx.query["token"])


@endpoint(bp, "/api/booking/cancel", ("POST",), body=TOKEN_BODY, personal=True, tag="booking")
def cancel(ctx: Ctx) -> dict[str, Any]:
    """Cancel a booking; its time is free for others at once."""
    from chalicelib.booking import manage as booking_manage

    return booking_manage.cancel(ctx.body["token"])


@endpoint(bp, "/api/booking/rebook", ("POST",), body=REBOOK, personal=True, tag="booking")
def rebook(ctx: Ctx) -> dict[str, Any]:
    """Move a booking to another free start at the same office, in one transaction."""
    from chalicelib.booking import manage as booking_manage

    return booking_manage.rebook(ctx.body["token"], ctx.body["start"])


@endpoint(bp, "/api/booking/ics", query=TOKEN_QUERY, personal=True, tag="booking")
def ics(ctx: Ctx) -> Response:
    """The appointment as a calendar file (text/calendar) with the manage link in it."""
    from chalicelib.booking import manage as booking_manage

    filename, data = booking_manage.calendar(ctx.query["token"])
    return Response(
        body=data.decode(),
        status_code=200,
        headers={
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{filename}"',
        },
    )


@endpoint(bp, "/api/booking/qr", query=TOKEN_QUERY, personal=True, tag="booking")
def qr(ctx: Ctx) -> Response:
    """The check-in QR code (SVG); it holds the booking code."""
    from chalicelib.booking import manage as booking_manage

    svg = booking_manage.qr_code(ctx.query["token"])
    return Response(body=svg, status_code=200, headers={"Content-Type": "image/svg+xml; charset=utf-8"})


@endpoint(bp, "/api/booking/push", ("PUT",), body=PUSH_CHANGE, personal=True, tag="booking")
def set_push(ctx: Ctx) -> dict[str, Any]:
    """Store (or with null remove) the browser's push subscription for reminders of this booking."""
    from chalicelib.booking import book as booking
    from chalicelib.booking import manage as booking_manage

    return booking_manage.set_push(ctx.body["token"], ctx.body["subscription"], booking.check_push)


@endpoint(bp, "/api/booking/waitlist", ("POST",), body=WAITLIST, personal=True, status=201, tag="booking")
def join_waitlist(ctx: Ctx) -> dict[str, Any]:
    """Ask to be told when an earlier time frees up: with a manage token, or office, services and e-mail."""
    from chalicelib.booking import waitlist as booking_waitlist

    return booking_waitlist.join(ctx.body, ctx.client_ip)


@endpoint(bp, "/api/booking/waitlist/claim", ("POST",), body=CLAIM, personal=True, tag="booking")
def claim_offer(ctx: Ctx) -> Response:
    """Take an offered earlier time; the first to take it gets it."""
    from chalicelib.booking import waitlist as booking_waitlist

    status, answer = booking_waitlist.claim(ctx.body["offer"])
    return Response(body=answer, status_code=status, headers={"Cache-Control": "no-store"})


@endpoint(bp, "/api/push/public-key", tag="booking")
def push_public_key(ctx: Ctx) -> dict[str, Any]:
    """The VAPID public key for PushManager.subscribe (applicationServerKey)."""
    from chalicelib.booking import book as booking

    return booking.push_public_key()
