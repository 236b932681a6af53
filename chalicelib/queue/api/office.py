"""Office staff (role ``office``) at the counters and the door; admins configure the mornings."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.platform.http import Ctx, endpoint
from chalicelib.platform.schema import Anything, Obj, Str
from chalicelib.queue.api.citizen import CATEGORY

bp = Blueprint(__name__)

COUNTER = Str(pattern=r"^\d{1,2}$", max_len=2, description="counter number")
TICKET = r"^[A-Z]{0,2}\d{1,4}$|^[3-9FKRUX]{4}-[3-9FKRUX]{4}$"
CALL = Obj(
    fields={
        "counter": COUNTER,
        "ticket": Str(pattern=TICKET, max_len=12, required=False, description="call this one instead of the next"),
    }
)
ACTION = Obj(
    fields={
        "counter": Str(pattern=r"^\d{1,2}$", max_len=2, required=False),
        "to_counter": Str(pattern=r"^\d{1,2}$", max_len=2, required=False, description="forward: the counter"),
        "to_category": Str(
            pattern=r"^[A-Z]{1,2}$", max_len=2, required=False, description="forward: the category to serve it in"
        ),
    }
)
STATUS = Obj(fields={"message": Str(max_len=200, required=False, nullable=True)})
CLERK = Obj(fields={"category": CATEGORY})
KIOSK = Obj(fields={"name": Str(min_len=1, max_len=60)})
MONTH = Obj(fields={"month": Str(pattern=r"^\d{4}-\d{2}$", max_len=7)})
CONFIG = Obj(
    fields={"config": Anything(max_len=20_000, description="the office's walk-in configuration (towns/willich.toml)")}
)


@endpoint(bp, "/api/office/queue/{office}", role="office", tag="queue")
def overview(ctx: Ctx, office: str) -> dict[str, Any]:
    """Today's queue at this office: every ticket, counts, counters."""
    from chalicelib.queue import counter

    return counter.overview(ctx.user, office)


@endpoint(bp, "/api/office/queue/{office}/call", ("POST",), role="office", body=CALL, tag="queue")
def call_next(ctx: Ctx, office: str) -> dict[str, Any]:
    """Call the next number to a counter (atomic); the counter's previous call counts as done."""
    from chalicelib.queue import counter

    return counter.call_next(ctx.user, office, ctx.body["counter"], ctx.body.get("ticket"))


@endpoint(
    bp, "/api/office/queue/{office}/tickets/{ticket}/{action}", ("POST",), role="office", body=ACTION, tag="queue"
)
def act(ctx: Ctx, office: str, ticket: str, action: str) -> dict[str, Any]:
    """recall, missed, park, resume, done or forward (to a counter and/or category) one ticket.

    A recall at the re-call limit marks the ticket missed (``missed_at_limit`` in the answer)."""
    from chalicelib.platform.errors import NotFound
    from chalicelib.queue import counter

    if action not in counter.ACTIONS:
        raise NotFound("There is no such action.", code="no_action")
    return counter.act(ctx.user, office, ticket, action, ctx.body)


@endpoint(bp, "/api/office/queue/{office}/status/{action}", ("POST",), role="office", body=STATUS, tag="queue")
def set_status(ctx: Ctx, office: str, action: str) -> dict[str, Any]:
    """open, pause or close the walk-in morning (closing early tells the remaining ticket holders)."""
    from chalicelib.platform.errors import NotFound
    from chalicelib.queue import counter

    if action not in counter.STATUS_ACTIONS:
        raise NotFound("There is no such action.", code="no_action")
    return counter.set_status(ctx.user, office, action, ctx.body.get("message"))


@endpoint(
    bp,
    "/api/office/queue/{office}/tickets",
    ("POST",),
    role="office",
    body=CLERK,
    status=201,
    tag="queue",
    idempotent=True,
)
def clerk_ticket(ctx: Ctx, office: str) -> Response:
    """Issue a ticket for a visitor without a smartphone (header Idempotency-Key required)."""
    from chalicelib.queue import take

    status, answer = take.take_for_visitor(ctx.user, office, ctx.body.get("category"), ctx.idempotency_key)
    return Response(body=answer, status_code=status, headers={"Cache-Control": "no-store"})


@endpoint(bp, "/api/office/queue/{office}/stats", role="office", query=MONTH, tag="queue")
def stats(ctx: Ctx, office: str) -> dict[str, Any]:
    """Anonymous statistics per day and hour of a month."""
    from chalicelib.queue import statistics

    return statistics.month(ctx.user, office, ctx.query["month"])


@endpoint(bp, "/api/office/queue/{office}/kiosks", role="office", tag="queue")
def kiosks(ctx: Ctx, office: str) -> dict[str, Any]:
    """The kiosks set up for this office."""
    from chalicelib.queue import kiosk

    return kiosk.listing(ctx.user, office)


@endpoint(bp, "/api/office/queue/{office}/kiosks", ("POST",), role="office", body=KIOSK, status=201, tag="queue")
def set_up_kiosk(ctx: Ctx, office: str) -> dict[str, Any]:
    """Set up this device as a kiosk: the answer holds its credential, shown once."""
    from chalicelib.queue import kiosk

    return kiosk.set_up(ctx.user, office, ctx.body["name"])


@endpoint(bp, "/api/office/queue/{office}/kiosks/{kiosk_id}", ("DELETE",), role="office", status=204, tag="queue")
def revoke_kiosk(ctx: Ctx, office: str, kiosk_id: str) -> Response:
    """Revoke a kiosk: its next ticket is refused."""
    from chalicelib.queue import kiosk

    kiosk.revoke(ctx.user, office, kiosk_id)
    return Response(body="", status_code=204)


@endpoint(bp, "/api/admin/queue/{office}", role="admin", tag="queue")
def get_config(ctx: Ctx, office: str) -> dict[str, Any]:
    """The office's walk-in configuration."""
    from chalicelib.queue import settings

    return settings.get(office)


@endpoint(bp, "/api/admin/queue/{office}", ("PUT",), role="admin", body=CONFIG, tag="queue")
def put_config(ctx: Ctx, office: str) -> dict[str, Any]:
    """Replace the office's walk-in configuration (days, limits, categories, extra days, cancelled mornings)."""
    from chalicelib.queue import settings

    return settings.put(ctx.user.username, office, ctx.body["config"])
