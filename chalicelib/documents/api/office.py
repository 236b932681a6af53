"""Office staff (role ``office``; credentials of terminals: ``admin``): orders, delivery lists, lists, lockers."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.platform.http import Ctx, endpoint
from chalicelib.platform.schema import Bool, Email, Obj, Str

bp = Blueprint(__name__)

ID = r"^[a-z0-9][a-z0-9_-]{0,63}$"
OFFICE = Str(pattern=ID, max_len=64, description="office id")
REFERENCE = Str(max_len=80, description="order reference as typed or scanned (any case, dashes optional)")
NEW_ORDER = Obj(
    fields={
        "type": Str(pattern=ID, max_len=64, description="document type id"),
        "office": OFFICE,
        "email": Email(required=False, nullable=True),
        "language": Str(choices=("de", "en"), required=False),
        "pickup": Str(choices=("counter", "appointment", "locker")),
        "locker_consent": Bool(required=False, description="recorded consent to pickup from the locker"),
        "biometric_consent": Bool(
            required=False, description="explicit consent (GDPR Art. 9) to a fingerprint match at the terminal"
        ),
    }
)
CSV = Str(max_len=60_000, multiline=True, description="the delivery list: one reference per row")
PREVIEW = Obj(fields={"csv": CSV, "office": Str(pattern=ID, max_len=64, required=False)})
APPLY = Obj(
    fields={
        "csv": CSV,
        "digest": Str(pattern=r"^[0-9a-f]{32}$", max_len=32, description="from the preview"),
        "office": Str(pattern=ID, max_len=64, required=False),
    }
)
LOAD = Obj(
    fields={"reference": REFERENCE, "terminal": Str(pattern=ID, max_len=64), "size": Str(choices=("small", "large"))}
)
CONFIRM = Obj(fields={"reference": REFERENCE})
LISTS = Obj(fields={"office": OFFICE})
STATS = Obj(fields={"month": Str(pattern=r"^\d{4}-\d{2}$", max_len=7)})
ACTIONS = ("produce", "ready", "collect", "return", "remind", "take-back")


@endpoint(
    bp,
    "/api/office/documents/orders",
    ("POST",),
    role="office",
    body=NEW_ORDER,
    status=201,
    tag="documents",
    idempotent=True,
)
def register(ctx: Ctx) -> Response:
    """Register an order when the citizen applies (header Idempotency-Key); answers the receipt's facts."""
    from chalicelib.documents import orders

    status, answer = orders.register(ctx.body, ctx.user.username, ctx.idempotency_key)
    return Response(body=answer, status_code=status, headers={"Cache-Control": "no-store"})


@endpoint(bp, "/api/office/documents/orders/{reference}", role="office", tag="documents")
def order(ctx: Ctx, reference: str) -> dict[str, Any]:
    """One order as staff see it (no e-mail address, only whether one was given), with the receipt's facts."""
    from chalicelib.documents import orders

    return orders.receipt(orders.find(reference))


@endpoint(bp, "/api/office/documents/orders/{reference}/{action}", ("POST",), role="office", tag="documents")
def act(ctx: Ctx, reference: str, action: str) -> dict[str, Any]:
    """produce, ready, collect (at the counter), return, remind (ready, not collected), take-back (from the locker)."""
    from chalicelib.documents import lists, locker, orders
    from chalicelib.platform.errors import NotFound

    who = ctx.user.username
    if action == "remind":
        return lists.remind(reference, who)
    if action == "take-back":
        return locker.take_back(reference, who)
    if action not in ACTIONS:
        raise NotFound("There is no such action.", code="no_such_action")
    return orders.act(reference, action, who)


@endpoint(bp, "/api/office/documents/delivery/preview", ("POST",), role="office", body=PREVIEW, tag="documents")
def delivery_preview(ctx: Ctx) -> dict[str, Any]:
    """What a delivery list (CSV) would mark ready: matches, unknown references, broken rows. Writes nothing."""
    from chalicelib.documents import delivery

    return delivery.preview(ctx.body["csv"], ctx.body.get("office"))


@endpoint(bp, "/api/office/documents/delivery/apply", ("POST",), role="office", body=APPLY, tag="documents")
def delivery_apply(ctx: Ctx) -> dict[str, Any]:
    """Mark the previewed list ready and notify; ``remaining`` > 0: the notices job finishes it (or send it again)."""
    from chalicelib.documents import delivery

    return delivery.apply(ctx.body["csv"], ctx.body["digest"], ctx.user.username, ctx.body.get("office"))


@endpoint(bp, "/api/office/documents/deliveries/{delivery}", role="office", tag="documents")
def delivery_progress(ctx: Ctx, delivery: str) -> dict[str, Any]:
    """How far an applied delivery list has come (the ``delivery`` of its answer): ready, remaining, notices."""
    from chalicelib.documents import delivery as deliveries

    return deliveries.progress(delivery)


@endpoint(bp, "/api/office/documents/lists", role="office", query=LISTS, tag="documents")
def lists_view(ctx: Ctx) -> dict[str, Any]:
    """Waiting too long, ready but not collected, lockers to load/confirm/overdue, failed notices."""
    from chalicelib.documents import lists

    return lists.lists(ctx.query["office"])


@endpoint(bp, "/api/office/documents/stats", role="office", query=STATS, tag="documents")
def stats(ctx: Ctx) -> dict[str, Any]:
    """Anonymous statistics of a month: counts per office, type and pickup way, hours from ready to collected;
    ``months``: every month with statistics (newest first) and its totals."""
    from chalicelib.documents import lists

    return lists.statistics(ctx.query["month"])


@endpoint(bp, "/api/office/documents/terminals", role="office", tag="documents")
def terminals(ctx: Ctx) -> dict[str, Any]:
    """Locker terminals, their compartments and whether they refuse codes (lockout)."""
    from chalicelib.documents import locker

    return locker.terminals()


@endpoint(bp, "/api/office/documents/locker/load", ("POST",), role="office", body=LOAD, tag="documents")
def load(ctx: Ctx) -> dict[str, Any]:
    """First staff member: put a ready locker order into a free compartment."""
    from chalicelib.documents import locker

    b = ctx.body
    return locker.load(b["reference"], b["terminal"], b["size"], ctx.user.username)


@endpoint(bp, "/api/office/documents/locker/confirm", ("POST",), role="office", body=CONFIRM, tag="documents")
def confirm(ctx: Ctx) -> dict[str, Any]:
    """Second staff member (not the first): confirm the loading; the code goes out when the door closes."""
    from chalicelib.documents import locker

    return locker.confirm(ctx.body["reference"], ctx.user.username)


@endpoint(bp, "/api/office/documents/terminals/{terminal}/lockout", ("DELETE",), role="office", tag="documents")
def clear_lockout(ctx: Ctx, terminal: str) -> dict[str, Any]:
    """Let a terminal take codes again before its lockout window ends."""
    from chalicelib.documents import locker

    return locker.clear_lockout(terminal, ctx.user.username)


@endpoint(bp, "/api/admin/documents/terminals/{terminal}/credential", ("POST",), role="admin", tag="documents")
def rotate(ctx: Ctx, terminal: str) -> dict[str, Any]:
    """A new credential for the terminal (shown once); the previous one stops working."""
    from chalicelib.documents import locker

    return locker.rotate_credential(terminal, ctx.user.username)


@endpoint(bp, "/api/admin/documents/terminals/{terminal}/credential", ("DELETE",), role="admin", tag="documents")
def revoke(ctx: Ctx, terminal: str) -> dict[str, Any]:
    """Revoke the terminal's credential: it is refused at once."""
    from chalicelib.documents import locker

    return locker.revoke_credential(terminal, ctx.user.username)
