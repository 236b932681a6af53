"""The one place that turns requests into use-case calls and domain errors into HTTP answers.

Every view is declared with :func:`endpoint`, which parses and validates the JSON body,
authenticates staff, catches domain errors and records what OpenAPI needs to know.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from chalice import Blueprint, Response

from chalicelib.domain.errors import DomainError, PayloadTooLarge, TooManyRequests, ValidationFailed
from chalicelib.domain.schema import Obj

log = logging.getLogger("buergerservice.api")

MAX_BODY_BYTES = 64 * 1024
ROLES = ("admin", "office", "survey")
ANY_STAFF = "staff"


@dataclass
class Ctx:
    """What a view needs from the request, already parsed and checked."""

    request: Any
    body: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    user: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        accept = (self.headers.get("accept-language") or "de").lower()
        return "en" if accept.startswith("en") else "de"

    @property
    def requested_lang(self) -> str:
        """The language the client prefers of German and English; English when it names neither."""
        from chalicelib.api.german import language

        return language(self.headers.get("accept-language"))

    @property
    def idempotency_key(self) -> str | None:
        return self.headers.get("idempotency-key")

    @property
    def client_ip(self) -> str:
        ctx = getattr(self.request, "context", None) or {}
        return str((ctx.get("identity") or {}).get("sourceIp") or "")


@dataclass(frozen=True)
class EndpointMeta:
    path: str
    methods: tuple[str, ...]
    summary: str
    role: str | None
    body: Obj | None
    query: Obj | None
    personal: bool
    status: int
    tag: str
    idempotent: bool = False


def error_body(
    code: str, message: str, fields: Mapping[str, str] | None = None, details: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    err: dict[str, Any] = {"code": code, "message": message}
    if fields:
        err["fields"] = dict(fields)
    if details:
        err.update(details)
    return {"error": err}


def error_response(exc: DomainError, lang: str = "en") -> Response:
    headers: dict[str, str | list[str]] = {"Content-Type": "application/json", "Cache-Control": "no-store"}
    if isinstance(exc, TooManyRequests):
        headers["Retry-After"] = str(exc.retry_after)
    from chalicelib.api.german import localize

    message, fields = localize(exc.message, exc.fields, lang)
    return Response(body=error_body(exc.code, message, fields, exc.details), status_code=exc.status, headers=headers)


def parse_json(request: Any) -> Any:
    raw = request.raw_body or b""
    if len(raw) > MAX_BODY_BYTES:
        raise PayloadTooLarge(f"The request body is larger than {MAX_BODY_BYTES // 1024} KB.")
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ValidationFailed("The request body is not valid JSON.", fields={"body": "is not valid JSON"}) from None


def endpoint(
    bp: Blueprint,
    path: str,
    methods: tuple[str, ...] = ("GET",),
    *,
    role: str | None = None,
    body: Obj | None = None,
    query: Obj | None = None,
    personal: bool = False,
    status: int = 200,
    tag: str = "general",
    content_types: list[str] | None = None,
    idempotent: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a view. ``role`` None means public; ``ANY_STAFF`` any signed-in staff member.

    ``idempotent`` documents that the use case expects an ``Idempotency-Key`` header.
    """

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        meta = EndpointMeta(
            path,
            methods,
            (fn.__doc__ or fn.__name__).strip().splitlines()[0],
            role,
            body,
            query,
            personal or role is not None,
            status,
            tag,
            idempotent,
        )

        @functools.wraps(fn)
        def view(**path_params: Any) -> Any:
            request = bp.current_request
            ctx = Ctx(request=request, headers={k.lower(): v for k, v in (request.headers or {}).items()})
            try:
                if role is not None:
                    from chalicelib.services import auth

                    ctx.user = auth.authenticate(ctx.headers, role)
                if body is not None:
                    ctx.body = body.validate(parse_json(request))
                elif request.raw_body and request.method in ("POST", "PUT", "PATCH"):
                    parse_json(request)  # reject garbage even where no fields are expected
                if query is not None:
                    ctx.query = query.validate(dict(request.query_params or {}))
                result = fn(ctx, **path_params)
            except DomainError as exc:
                return error_response(exc, ctx.requested_lang)
            except Exception:
                log.exception("unhandled error", extra={"route": path})
                return Response(
                    body=error_body("internal_error", "Something went wrong on our side. Please try again."),
                    status_code=500,
                    headers={"Cache-Control": "no-store"},
                )
            if isinstance(result, Response):
                if meta.personal:
                    result.headers.setdefault("Cache-Control", "no-store")
                return result
            headers: dict[str, str | list[str]] = {"Cache-Control": "no-store"} if meta.personal else {}
            return Response(body=result, status_code=status, headers=headers)

        view.__api_meta__ = meta  # type: ignore[attr-defined]
        bp.route(path, methods=list(methods), content_types=content_types or ["application/json"])(view)
        return view

    return decorate
