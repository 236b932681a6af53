"""Citizen-office staff (role ``office``): day view, check-in, outcomes, phone bookings, capacity, statistics."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.booking.api.citizen import AVAILABILITY, ID, LANGUAGE, OFFICE, SERVICES, SLOTS
from chalicelib.platform.http import Ctx, endpoint
from chalicelib.platform.schema import Bool, Date, DateTime, Email, Int, Obj, Str

bp = Blueprint(__name__)

HHMM = r"^([01]\d|2[0-3]):[0-5]\d$"
DAY = Obj(fields={"office": OFFICE, "date": Date()})
EXPORT = Obj(fields={"office": OFFICE, "date": Date(), "lang": Str(choices=("de", "en"), required=False)})
UNDO = Obj(
    fields={
        "action": Str(
            choices=("check_in", "no_show", "done"), required=False, description="refuse when the last was another"
        )
    }
)
CHECK_IN = Obj(
    fields={
        "code": Str(max_len=40, description="booking code, scanned from the QR code or typed"),
        "office": Str(pattern=ID, max_len=64, required=False, description="refuse codes of other offices"),
    }
)
DONE = Obj(fields={"survey": Str(pattern=ID, max_len=64, required=False, description="survey for a visit link")})
PHONE_BOOKING = Obj(
    fields={
        "office": OFFICE,
        "services": SERVICES,
        "start": DateTime(),
        "name": Str(min_len=2, max_len=100),
        "email": Email(required=False, nullable=True),
        "phone": Str(required=False, nullable=True, max_len=30, pattern=r"^[0-9+()/ .-]{5,30}$"),
        "language": LANGUAGE,
        "send_confirmation": Bool(required=False, description="e-mail the confirmation (default true)"),
    }
)
BLOCK = Obj(
    fields={
        "office": OFFICE,
        "date": Date(),
        "from": Str(pattern=HHMM, max_len=5),
        "to": Str(pattern=HHMM, max_len=5),
        "counter": Str(pattern=r"^[CP]\d{1,2}$", max_len=3, required=False, description="omit to block all"),
        "reason": Str(max_len=200, required=False),
    }
)
EXTRA_PICKUP = Obj(fields={"office": OFFICE, "date": Date(), "places": Int(minimum=1, maximum=10)})
STATS = Obj(
    fields={"month": Str(pattern=r"^\d{4}-\d{2}$", max_len=7), "office": Str(pattern=ID, max_len=64, required=False)}
)


@endpoint(bp, "/api/office/day", role="office", query=DAY, tag="office")
def day(ctx: Ctx) -> dict[str, Any]:
    """One office day: appointments by counter (name and code only), blocks, pickup places."""
    from chalicelib.booking import day as booking_day

    return booking_day.day_view(ctx.query["office"], ctx.query["date"])


@endpoint(bp, "/api/office/day/export", role="office", query=EXPORT, tag="office")
def day_export(ctx: Ctx) -> Response:
    """The day's list as a CSV file for the office (names and codes: not stored by the browser)."""
    from chalicelib.booking import day as booking_day

    q = ctx.query
    name, text = booking_day.day_csv(q["office"], q["date"], q.get("lang") or ctx.lang)
    headers: dict[str, str | list[str]] = {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-store",
    }
    return Response(body=text, status_code=200, headers=headers)


@endpoint(bp, "/api/office/bookings/{code}", role="office", tag="office")
def find_booking(ctx: Ctx, code: str) -> dict[str, Any]:
    """One booking by its code, on any day (to open its day)."""
    from chalicelib.booking import day as booking_day

    return booking_day.find(code)


@endpoint(bp, "/api/office/bookings/{code}/undo", ("POST",), role="office", body=UNDO, tag="office")
def undo(ctx: Ctx, code: str) -> dict[str, Any]:
    """Take back the last check-in, no-show or done of a booking, on the same day."""
    from chalicelib.booking import day as booking_day

    return booking_day.undo(ctx.user.username, code, ctx.body.get("action"))


@endpoint(bp, "/api/office/availability", role="office", query=AVAILABILITY, tag="office")
def availability(ctx: Ctx) -> dict[str, Any]:
    """Free start times per day of a month for a phone booking: no lead time, only times still to come."""
    from chalicelib.booking import availability as booking_availability
    from chalicelib.booking import common as booking_common

    q = ctx.query
    services = booking_common.service_ids(q["services"])
    return booking_availability.month_availability(q["office"], services, q["month"], staff=True)


@endpoint(bp, "/api/office/slots", role="office", query=SLOTS, tag="office")
def slots(ctx: Ctx) -> dict[str, Any]:
    """Free start times of one day for a phone booking: no lead time, only times still to come."""
    from chalicelib.booking import availability as booking_availability
    from chalicelib.booking import common as booking_common

    q = ctx.query
    services = booking_common.service_ids(q["services"])
    return booking_availability.day_slots(q["office"], services, q["date"], staff=True)


@endpoint(bp, "/api/office/check-in", ("POST",), role="office", body=CHECK_IN, tag="office")
def check_in(ctx: Ctx) -> dict[str, Any]:
    """Check a citizen in by booking code (on the appointment's day)."""
    from chalicelib.booking import desk as booking_admin

    return booking_admin.check_in(ctx.user.username, ctx.body["code"], ctx.body.get("office"))


@endpoint(bp, "/api/office/bookings/{code}/no-show", ("POST",), role="office", tag="office")
def no_show(ctx: Ctx, code: str) -> dict[str, Any]:
    """Mark that the citizen did not come."""
    from chalicelib.booking import desk as booking_admin

    return booking_admin.no_show(ctx.user.username, code)


@endpoint(bp, "/api/office/bookings/{code}/done", ("POST",), role="office", body=DONE, tag="office")
def done(ctx: Ctx, code: str) -> dict[str, Any]:
    """Mark the appointment done; with a survey id, answers with a "rate this visit" link."""
    from chalicelib.booking import desk as booking_admin

    return booking_admin.done(ctx.user.username, code, ctx.body.get("survey"))


@endpoint(bp, "/api/office/bookings/{code}/cancel", ("POST",), role="office", tag="office")
def cancel(ctx: Ctx, code: str) -> dict[str, Any]:
    """Cancel a booking for a citizen (e.g. on the phone); the time is free at once."""
    from chalicelib.booking import desk as booking_admin

    return booking_admin.cancel(ctx.user.username, code)


@endpoint(
    bp, "/api/office/bookings", ("POST",), role="office", body=PHONE_BOOKING, status=201, tag="office", idempotent=True
)
def book_for_caller(ctx: Ctx) -> Response:
    """Book for a caller (header Idempotency-Key required); confirmed at once, e-mail optional."""
    from chalicelib.booking import desk as booking_admin

    status, answer = booking_admin.book_for_caller(ctx.user.username, ctx.body, ctx.idempotency_key)
    return Response(body=answer, status_code=status, headers={"Cache-Control": "no-store"})


@endpoint(bp, "/api/office/blocks", ("POST",), role="office", body=BLOCK, status=201, tag="office")
def block(ctx: Ctx) -> dict[str, Any]:
    """Block a time range on one counter or pickup place, or on all of them."""
    from chalicelib.booking import desk as booking_admin

    return booking_admin.block(ctx.user.username, ctx.body)


@endpoint(bp, "/api/office/blocks/{block_id}", ("DELETE",), role="office", status=204, tag="office")
def unblock(ctx: Ctx, block_id: str) -> Response:
    """Remove a block; its times become bookable again."""
    from chalicelib.booking import desk as booking_admin

    booking_admin.unblock(ctx.user.username, block_id)
    return Response(body="", status_code=204)


@endpoint(bp, "/api/office/extra-pickup", ("POST",), role="office", body=EXTRA_PICKUP, tag="office")
def extra_pickup(ctx: Ctx) -> dict[str, Any]:
    """Add pickup places (ID cards, passports) for one day, over all opening hours."""
    from chalicelib.booking import desk as booking_admin

    return booking_admin.add_pickup(ctx.user.username, ctx.body["office"], ctx.body["date"], ctx.body["places"])


@endpoint(bp, "/api/office/stats", role="office", query=STATS, tag="office")
def stats(ctx: Ctx) -> dict[str, Any]:
    """Anonymous counts of bookings, cancellations, no-shows ... per day, office and service."""
    from chalicelib.booking import desk as booking_admin

    return booking_admin.statistics(ctx.query["month"], ctx.query.get("office"))
