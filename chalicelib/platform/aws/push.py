"""Web Push (RFC 8291 encryption, RFC 8292 VAPID) straight to the browsers' push services.

Only HTTPS endpoints on the public push services (settings ``push_hosts``) are accepted, so a
subscription cannot make the server send requests into its own network. Tests that run a fake
push service on loopback set ``ALLOW_INSECURE_LOOPBACK`` explicitly; production code never does.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import json
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from chalicelib.platform.settings import get_settings

log = logging.getLogger("buergerservice.push")

ALLOW_INSECURE_LOOPBACK = False
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
TIMEOUT_SECONDS = 10
SENT, GONE, FAILED = "sent", "gone", "failed"


class InvalidSubscription(ValueError):
    pass


@dataclass(frozen=True)
class Result:
    outcome: str  # sent | gone (forget the subscription) | failed (try another channel)
    status: int | None = None


def _b64url_len(value: Any) -> int:
    if not isinstance(value, str):
        return -1
    try:
        return len(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (binascii.Error, ValueError):
        return -1


def _host_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    return any(host == entry or (entry.startswith("*.") and host.endswith(entry[1:])) for entry in allowed)


def _known_service(endpoint: str) -> bool:
    """An https URL on one of the configured push services; never an address of our own network."""
    try:
        url = urlsplit(endpoint)
        port = url.port
    except ValueError:
        return False
    host = (url.hostname or "").lower()
    if ALLOW_INSECURE_LOOPBACK and url.scheme in ("http", "https") and host in LOOPBACK_HOSTS:
        return True  # the tests' fake push service, opted into explicitly
    if url.scheme != "https" or url.username is not None or port not in (None, 443):
        return False
    try:
        ipaddress.ip_address(host)
        return False  # IP literals are never a push service (and may be internal)
    except ValueError:
        pass
    return _host_allowed(host, get_settings().push_hosts)


def check_subscription(sub: Any) -> dict[str, Any]:
    """A subscription as the browser's ``PushSubscription.toJSON()`` gives it, checked."""
    if not isinstance(sub, dict):
        raise InvalidSubscription("must be an object")
    endpoint = sub.get("endpoint")
    if not isinstance(endpoint, str) or len(endpoint) > 2048:
        raise InvalidSubscription("endpoint must be a URL")
    if not _known_service(endpoint):
        raise InvalidSubscription("endpoint must be an https URL of a public push service")
    keys = sub.get("keys")
    if not isinstance(keys, dict):
        raise InvalidSubscription("keys are required")
    if _b64url_len(keys.get("p256dh")) != 65:
        raise InvalidSubscription("keys.p256dh must be a P-256 public key (base64url)")
    if _b64url_len(keys.get("auth")) != 16:
        raise InvalidSubscription("keys.auth must be 16 bytes (base64url)")
    return {"endpoint": endpoint, "keys": {"p256dh": keys["p256dh"], "auth": keys["auth"]}}


def public_key() -> str | None:
    return get_settings().vapid_public_key


def configured() -> bool:
    s = get_settings()
    return bool(s.vapid_public_key and (s.vapid_private_key or s.vapid_parameter))


def _private_key() -> str:
    """From the environment locally; in AWS from SSM SecureString, fetched at the first push and kept."""
    s = get_settings()
    if s.vapid_private_key:
        return s.vapid_private_key
    from chalicelib.platform.aws.keyring import secure_parameter

    return secure_parameter(str(s.vapid_parameter), s.region)


def send(subscription: dict[str, Any], payload: dict[str, Any], *, ttl: int = 86400) -> Result:
    """Encrypt and deliver one message; never raises for delivery problems."""
    from py_vapid import Vapid
    from pywebpush import WebPushException, webpush

    settings = get_settings()
    if not configured():
        return Result(FAILED)
    try:
        sub = check_subscription(subscription)
    except InvalidSubscription:
        return Result(GONE)
    try:
        webpush(
            sub,
            json.dumps(payload, ensure_ascii=False),
            vapid_private_key=Vapid.from_string(_private_key()),
            # pywebpush writes "aud" and "exp" into this dict: a fresh one per message.
            vapid_claims={"sub": settings.vapid_subject},
            ttl=ttl,
            timeout=TIMEOUT_SECONDS,
        )
    except WebPushException as exc:
        status = getattr(exc.response, "status_code", None)
        if status in (404, 410):
            return Result(GONE, status)
        log.warning(json.dumps({"event": "push_failed", "status": status}))
        return Result(FAILED, status)
    except Exception:  # noqa: BLE001 - network errors of any kind mean "use another channel"
        log.warning(json.dumps({"event": "push_failed", "status": None}))
        return Result(FAILED)
    return Result(SENT, 201)
