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
from typing import Any, Protocol

from chalice import Blueprint, Response

from chalicelib.platform.errors import DomainError, Forbidden, PayloadTooLarge, ValidationFailed
from chalicelib.platform.schema import Obj

log = logging.getLogger("buergerservice.api")

MAX_BODY_BYTES = 64 * 1024
MAX_JSON_DEPTH = 32
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# What a foreign page can send without asking first (a form, or fetch in no-cors mode);
# accepted at the routing level only so that such a request reaches the origin check.
SIMPLE_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]
ROLES = ("admin", "office", "survey")
ANY_STAFF = "staff"


class UnsupportedMediaType(DomainError):
    status = 415
    code = "unsupported_media_type"


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
        from chalicelib.platform.accept_language import language

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
    same_origin: bool = False


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
    retry_after = getattr(exc, "retry_after", None)  # a rate limit, or a repeat of a request still running
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    from chalicelib.platform.german import localize

    message, fields = localize(exc.message, exc.fields, lang)
    return Response(body=error_body(exc.code, message, fields, exc.details), status_code=exc.status, headers=headers)


def _too_deep(value: Any) -> bool:
    """Whether JSON nests deeper than MAX_JSON_DEPTH, walked without recursion."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > MAX_JSON_DEPTH:
                    return True
                stack.append((child, depth + 1))
    return False


def parse_json(request: Any) -> Any:
    raw = request.raw_body or b""
    if len(raw) > MAX_BODY_BYTES:
        raise PayloadTooLarge(f"The request body is larger than {MAX_BODY_BYTES // 1024} KB.")
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ValidationFailed("The request body is not valid JSON.", fields={"body": "is not valid JSON"}) from None
    except RecursionError:  # deeper than the parser can go: certainly deeper than allowed
        data = None
    # Brackets are counted first: a body with few of them cannot nest deeply, so most skip the walk.
    if data is None or (raw.count(b"[") + raw.count(b"{") > MAX_JSON_DEPTH and _too_deep(data)):
        raise ValidationFailed(
            "The request body is nested too deeply.",
            fields={"body": f"must not nest deeper than {MAX_JSON_DEPTH} levels"},
        )
    return data


def _media_type(headers: Mapping[str, str]) -> str:
    return (headers.get("content-type") or "").split(";")[0].strip().lower()


def refuse_cross_site(request: Any, headers: Mapping[str, str]) -> None:
    """Refuse a state-changing request a page on another origin could have made the browser send.

    The session cookie is SameSite=Strict, but pages on another port or subdomain of the same
    site still get it attached; so the request must name our own origin (or, without Origin,
    be same-origin by Sec-Fetch-Site) and be one a foreign page cannot send without a CORS
    preflight, which this API never grants: JSON, or a custom header.
    A Bearer token without cookies is exempt: browsers never attach one by themselves, and
    whoever can set it holds the credential already.
    """
    from chalicelib.platform.settings import get_settings

    if request.method in SAFE_METHODS:
        return
    if headers.get("authorization", "").lower().startswith("bearer ") and not headers.get("cookie"):
        return
    origin = headers.get("origin")
    fetch_site = (headers.get("sec-fetch-site") or "").lower()
    if origin is not None:
        own = origin.rstrip("/").lower() in get_settings().own_origins
    else:
        own = fetch_site in ("", "same-origin", "none")
    media_type = _media_type(headers)
    if own and media_type in SIMPLE_CONTENT_TYPES:  # not cross-origin, but not JSON: as on every other route
        raise UnsupportedMediaType("Send the request body as application/json.")
    if not own or not (media_type == "application/json" or headers.get("x-requested-with")):
        raise Forbidden(
            "This request did not come from the platform's own pages and was refused.", code="cross_origin_refused"
        )


class Authenticator(Protocol):
    def __call__(self, headers: Mapping[str, str], role: str, *, before_password_change: bool = False) -> Any: ...


_authenticators: list[Authenticator] = []


def use_authenticator(authenticator: Authenticator) -> None:
    """Name who checks staff credentials (staff's sign-in); ``app.py`` does, so the platform knows no capability."""
    _authenticators[:] = [authenticator]


def authenticate(headers: Mapping[str, str], role: str, *, before_password_change: bool = False) -> Any:
    """The signed-in staff member for ``role``; refuses every staff route while no authenticator is set."""
    if not _authenticators:
        raise RuntimeError("No authenticator: app.py must call http.use_authenticator() before serving staff routes")
    return _authenticators[0](headers, role, before_password_change=before_password_change)


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
    same_origin: bool | None = None,
    before_password_change: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a view. ``role`` None means public; ``ANY_STAFF`` any signed-in staff member.

    ``idempotent`` documents that the use case expects an ``Idempotency-Key`` header.
    ``same_origin`` (default: every staff route) refuses state-changing requests from other
    origins and simple requests; ``before_password_change`` lets a user who still has to
    replace a one-time password in.
    """
    guarded = role is not None if same_origin is None else same_origin

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
            guarded,
        )

        @functools.wraps(fn)
        def view(**path_params: Any) -> Any:
            request = bp.current_request
            ctx = Ctx(request=request, headers={k.lower(): v for k, v in (request.headers or {}).items()})
            try:
                if guarded:
                    refuse_cross_site(request, ctx.headers)
                if role is not None:
                    ctx.user = authenticate(ctx.headers, role, before_password_change=before_password_change)
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
        accepted = content_types or ["application/json"]
        if guarded and set(methods) - SAFE_METHODS:
            accepted = accepted + SIMPLE_CONTENT_TYPES
        bp.route(path, methods=list(methods), content_types=accepted)(view)
        return view

    return decorate
