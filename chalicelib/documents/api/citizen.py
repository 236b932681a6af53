"""Citizens (no account): an order's page by its reference, its push subscription, its QR codes."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.platform.http import Ctx, endpoint
from chalicelib.platform.schema import Anything, Obj

bp = Blueprint(__name__)

SUBSCRIPTION = Obj(
    fields={"subscription": Anything(nullable=True, max_len=4000, description="PushSubscription.toJSON(), or null")}
)
SVG: dict[str, str | list[str]] = {"Content-Type": "image/svg+xml; charset=utf-8"}


@endpoint(bp, "/api/documents/catalogue", tag="documents")
def catalogue(ctx: Ctx) -> dict[str, Any]:
    """Document types (with what to bring), offices and pickup ways of this town."""
    from chalicelib.documents import catalogue as documents_catalogue

    return documents_catalogue.view()


@endpoint(bp, "/api/documents/orders/{reference}", personal=True, tag="documents")
def order(ctx: Ctx, reference: str) -> Response:
    """An order's state, what to bring, the pickup ways; ETag/304 for polling."""
    from chalicelib.documents import orders

    answer = orders.citizen(reference, ctx.lang)
    etag = f'"{answer["order"]["revision"]}-{answer["order"]["state"]}"'
    if ctx.headers.get("if-none-match") == etag:
        return Response(body="", status_code=304, headers={"ETag": etag, "Cache-Control": "no-store"})
    return Response(body=answer, status_code=200, headers={"ETag": etag, "Cache-Control": "no-store"})


@endpoint(bp, "/api/documents/orders/{reference}/push", ("PUT",), body=SUBSCRIPTION, personal=True, tag="documents")
def set_push(ctx: Ctx, reference: str) -> dict[str, Any]:
    """Store (or with null remove) this device's push subscription for the order's notices."""
    from chalicelib.documents import orders

    return orders.set_push(reference, ctx.body.get("subscription"))


@endpoint(bp, "/api/documents/orders/{reference}/qr", tag="documents")
def receipt_qr(ctx: Ctx, reference: str) -> Response:
    """The receipt's QR code (SVG): the order page's address."""
    from chalicelib.documents import orders

    return Response(body=orders.qr_svg(reference), status_code=200, headers=SVG)


@endpoint(bp, "/api/documents/orders/{reference}/code-qr", personal=True, tag="documents")
def code_qr(ctx: Ctx, reference: str) -> Response:
    """The locker code as a QR code (SVG) for the terminal's scanner; only while the order is in a locker."""
    from chalicelib.documents import catalogue as documents_catalogue

    return Response(body=documents_catalogue.code_qr(reference), status_code=200, headers=SVG)
