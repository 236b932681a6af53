"""Public meta endpoints: health, the OpenAPI document, the town's public profile."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.platform.http import Ctx, endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/api/health", tag="meta")
def health(ctx: Ctx) -> dict[str, Any]:
    """Version and whether the database answers."""
    from chalicelib.platform import health as health_service

    return health_service.status()


@endpoint(bp, "/api/openapi.json", tag="meta")
def openapi(ctx: Ctx) -> dict[str, Any]:
    """This API described as OpenAPI 3."""
    from chalicelib.platform.openapi import build_document

    return build_document(bp.current_app.routes)


@endpoint(bp, "/api/town", tag="town")
def town(ctx: Ctx) -> dict[str, Any]:
    """The town's public profile: contact, offices, enabled features (every page loads it)."""
    from chalicelib.staff import town as town_service

    return town_service.public_profile()


@endpoint(bp, "/api/town/legal", tag="town")
def town_legal(ctx: Ctx) -> dict[str, Any]:
    """Impressum, privacy policy and accessibility statement (de/en), for the legal pages only."""
    from chalicelib.staff import town as town_service

    return town_service.legal_texts()
