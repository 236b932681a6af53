"""HTTP middleware: security headers on every answer, one error shape, structured access log."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

from chalice import Response

from chalicelib.platform.accept_language import language
from chalicelib.platform.headers import SECURITY_HEADERS
from chalicelib.platform.http import error_body

log = logging.getLogger("buergerservice.access")

# Chalice answers some requests itself (405, 415, view errors); reshape them to our envelope.
_CHALICE_CODES = {
    "MethodNotAllowedError": ("method_not_allowed", "This method is not allowed here."),
    "UnsupportedMediaType": ("unsupported_media_type", "Send the request body as application/json."),
    "BadRequestError": ("bad_request", "The request could not be understood."),
    "InternalServerError": ("internal_error", "Something went wrong on our side. Please try again."),
}


# The one answer the views build without error_response (an unexpected error), so untranslated.
_UNTRANSLATED = frozenset({"internal_error"})


def request_language(event: Any) -> str:
    """The language the request asks for, as the views decide it (English unless German is preferred)."""
    headers = getattr(event, "headers", None) or {}
    return language(headers.get("accept-language"))


def _reshape_chalice_error(response: Response, lang: str) -> None:
    body = response.body
    if response.status_code < 400 or not isinstance(body, dict):
        return
    from chalicelib.platform.german import localize  # error answers only

    if "Code" in body and "error" not in body:
        code, message = _CHALICE_CODES.get(str(body["Code"]), ("error", str(body.get("Message", ""))))
        response.body = error_body(code, localize(message, {}, lang)[0])
    elif isinstance(body.get("error"), dict) and body["error"].get("code") in _UNTRANSLATED:
        body["error"]["message"] = localize(str(body["error"].get("message", "")), {}, lang)[0]


def http_middleware(event: Any, get_response: Callable[[Any], Response]) -> Response:
    started = time.perf_counter()
    response = get_response(event)
    _reshape_chalice_error(response, request_language(event))
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if response.status_code >= 400:
        response.headers.setdefault("Cache-Control", "no-store")
    # Only the route template and status: never the path's values, query, IP or body.
    ctx = getattr(event, "context", None) or {}
    log.info(
        json.dumps(
            {
                "event": "request",
                "method": getattr(event, "method", ""),
                "route": ctx.get("resourcePath", ""),
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1),
            }
        )
    )
    return response
