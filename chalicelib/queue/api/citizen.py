"""Citizens and kiosks: the walk-in mornings, the live state (ETag/304), taking a ticket, one's own ticket."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.platform.http import Ctx, endpoint
from chalicelib.platform.schema import Anything, Obj, Str

bp = Blueprint(__name__)

CATEGORY = Str(pattern=r"^[A-Z]{1,2}$", max_len=2, required=False, nullable=True, description="ticket category")
TOKEN = Str(max_len=1000, description="the ticket's token from taking it")
TAKE = Obj(
    fields={
        "category": CATEGORY,
        "device": Str(
            pattern=r"^[A-Za-z0-9_-]{16,64}$",
            max_len=64,
            description="a random id this browser keeps; a device gets one ticket every few minutes",
        ),
        "language": Str(choices=("de", "en"), required=False),
    }
)
KIOSK_TAKE = Obj(fields={"category": CATEGORY, "kiosk": Str(max_len=200, description="the kiosk's credential")})
TOKEN_QUERY = Obj(fields={"token": TOKEN})
TOKEN_BODY = Obj(fields={"token": TOKEN})
PUSH = Obj(fields={"token": TOKEN, "subscription": Anything(nullable=True, max_len=4000)})


def _polled(tag: str, body: dict[str, Any] | None) -> Response:
    """200 with the state, or 304 when the client's ETag is current; caches must ask every time."""
    headers: dict[str, str | list[str]] = {"ETag": tag, "Cache-Control": "no-cache"}
    if body is None:
        return Response(body="", status_code=304, headers=headers)
    return Response(body=body, status_code=200, headers=headers)


@endpoint(bp, "/api/queue", tag="queue")
def mornings(ctx: Ctx) -> dict[str, Any]:
    """Offices with walk-in mornings: today's state or the next morning."""
    from chalicelib.queue import overview

    return overview.offices()


@endpoint(bp, "/api/queue/offices/{office}/state", tag="queue")
def state(ctx: Ctx, office: str) -> Response:
    """Today's live state of one office's queue (send If-None-Match: 304 when unchanged)."""
    from chalicelib.queue import live

    return _polled(*live.state(office, ctx.headers.get("if-none-match")))


@endpoint(
    bp,
    "/api/queue/offices/{office}/tickets",
    ("POST",),
    body=TAKE,
    personal=True,
    status=201,
    tag="queue",
    idempotent=True,
)
def take_ticket(ctx: Ctx, office: str) -> Response:
    """Take a ticket in the app (header Idempotency-Key required)."""
    from chalicelib.queue import take

    b = ctx.body
    status, answer = take.take_online(
        office, b.get("category"), b["device"], ctx.idempotency_key, ctx.client_ip, b.get("language") or ctx.lang
    )
    return Response(body=answer, status_code=status, headers={"Cache-Control": "no-store"})


@endpoint(
    bp,
    "/api/queue/offices/{office}/kiosk-tickets",
    ("POST",),
    body=KIOSK_TAKE,
    personal=True,
    status=201,
    tag="queue",
    idempotent=True,
)
def kiosk_ticket(ctx: Ctx, office: str) -> Response:
    """A kiosk set up by staff issues a ticket (header Idempotency-Key required)."""
    from chalicelib.queue import take

    status, answer = take.take_at_kiosk(office, ctx.body["kiosk"], ctx.body.get("category"), ctx.idempotency_key)
    return Response(body=answer, status_code=status, headers={"Cache-Control": "no-store"})


@endpoint(bp, "/api/queue/ticket", query=TOKEN_QUERY, personal=True, tag="queue")
def ticket(ctx: Ctx) -> Response:
    """One's own ticket: status, position, wait estimate (send If-None-Match: 304 when unchanged)."""
    from chalicelib.queue import live

    tag, body = live.ticket_state(ctx.query["token"], ctx.headers.get("if-none-match"))
    response = _polled(tag, body)
    response.headers["Cache-Control"] = "no-cache, private"
    return response


@endpoint(bp, "/api/queue/ticket/cancel", ("POST",), body=TOKEN_BODY, personal=True, tag="queue")
def cancel(ctx: Ctx) -> dict[str, Any]:
    """ "Ich komme nicht": release the ticket."""
    from chalicelib.queue import take

    return take.cancel(ctx.body["token"])


@endpoint(bp, "/api/queue/ticket/push", ("PUT",), body=PUSH, personal=True, tag="queue")
def set_push(ctx: Ctx) -> dict[str, Any]:
    """Store (or with null remove) the browser's push subscription for this ticket."""
    from chalicelib.queue import take

    return take.set_push(ctx.body["token"], ctx.body["subscription"])
