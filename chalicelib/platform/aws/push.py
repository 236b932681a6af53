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
import re
import threading
import time
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
    return bool((s.vapid_private_key or s.vapid_parameter) and s.vapid_public_key)


def private_key() -> str:
    """The VAPID private key: from the environment locally, from an SSM SecureString in AWS (fetched
    once per warm function, never logged)."""
    s = get_settings()
    if s.vapid_private_key:
        return s.vapid_private_key
    if s.vapid_parameter:
        from chalicelib.platform.aws.keyring import secure_parameter

        return secure_parameter(s.vapid_parameter, s.region)
    raise RuntimeError("No VAPID key configured: set VAPID_PRIVATE_KEY or VAPID_PARAMETER.")


MAX_PAYLOAD_BYTES = 3072  # push services must take 4096 after encryption; stay well below
RETRIES = 2  # after a 429 or 5xx answer: tries beyond the first
BACKOFF_SECONDS = (0.5, 2.0)  # waits before each retry; a Retry-After up to MAX_RETRY_AFTER wins
MAX_RETRY_AFTER = 5.0
URGENCIES = ("very-low", "low", "normal", "high")
_TOPIC = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


_local = threading.local()


def _session() -> Any:
    """One HTTP session per thread: a bulk send reuses its connections to the push service."""
    import requests

    if getattr(_local, "session", None) is None:
        _local.session = requests.Session()
    return _local.session


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _retry_after(response: Any, attempt: int) -> float:
    raw = (getattr(response, "headers", None) or {}).get("Retry-After", "")
    try:
        return min(max(float(raw), 0.0), MAX_RETRY_AFTER)
    except (TypeError, ValueError):
        return BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)]


def _log(event: str, status: int | None, **extra: Any) -> None:
    log.warning(json.dumps({"event": event, "status": status, **extra}))


def send(
    subscription: dict[str, Any],
    payload: dict[str, Any],
    *,
    ttl: int = 86400,
    urgency: str | None = None,
    topic: str | None = None,
    retries: int = RETRIES,
    timeout: float = TIMEOUT_SECONDS,
) -> Result:
    """Encrypt (aes128gcm) and deliver one message; never raises for delivery problems.

    ``ttl`` seconds the push service keeps it for an offline device (pywebpush's default 0 drops
    it); ``urgency`` and ``topic`` (at most 32 base64url characters: a newer message with the same
    topic replaces an undelivered one) as RFC 8030 headers. 404/410: gone. 413: a bug, logged.
    429 and 5xx: retried ``retries`` times with a bounded back-off.
    """
    from py_vapid import Vapid
    from pywebpush import WebPushException, webpush

    settings = get_settings()
    if not configured():
        return Result(FAILED)
    try:
        sub = check_subscription(subscription)
    except InvalidSubscription:
        return Result(GONE)
    if urgency is not None and urgency not in URGENCIES:
        raise ValueError(f"urgency must be one of {URGENCIES}")
    if topic is not None and not _TOPIC.match(topic):
        raise ValueError("topic must be 1-32 base64url characters")
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    if len(data.encode()) > MAX_PAYLOAD_BYTES:
        _log("push_payload_too_large", None, size=len(data.encode()))
        return Result(FAILED, 413)
    headers = {k: v for k, v in (("Urgency", urgency), ("Topic", topic)) if v}
    key = Vapid.from_string(private_key())
    for attempt in range(retries + 1):
        try:
            webpush(
                sub,
                data,
                vapid_private_key=key,
                # pywebpush writes "aud" and "exp" into this dict: a fresh one per message, or a
                # second push service would get the first one's audience (403).
                vapid_claims={"sub": settings.vapid_subject},
                ttl=ttl,
                timeout=timeout,
                headers=dict(headers),
                requests_session=_session(),
            )
        except WebPushException as exc:
            status = getattr(exc.response, "status_code", None)
            if status in (404, 410):
                return Result(GONE, status)
            if status == 413:
                _log("push_payload_rejected", status)  # our bug: the payload must stay small
                return Result(FAILED, status)
            if (status == 429 or (status or 0) >= 500) and attempt < retries:
                _sleep(_retry_after(exc.response, attempt))
                continue
            _log("push_failed", status)
            return Result(FAILED, status)
        except Exception:  # noqa: BLE001 - network errors of any kind mean "use another channel"
            _log("push_failed", None)
            return Result(FAILED)
        return Result(SENT, 201)
    return Result(FAILED)  # pragma: no cover - the loop always returns


@dataclass(frozen=True)
class Message:
    subscription: dict[str, Any]
    payload: dict[str, Any]
    ttl: int = 86400
    urgency: str | None = None
    topic: str | None = None


BULK_TIMEOUT_SECONDS = 4.0
BULK_RETRIES = 1  # a bulk message takes at most 2 x 4 s + a 0.5 s back-off once started


def send_many(messages: list[Message], *, workers: int = 8, budget_seconds: float | None = None) -> list[Result | None]:
    """Send many messages concurrently, at most ``workers`` at a time.

    With a ``budget_seconds``, messages not started when it is spent are left out (None), so a
    request never outlives API Gateway's 29 s (budget + one message's worst case, 8.5 s); the
    caller hands those to a job.
    """
    from concurrent.futures import ThreadPoolExecutor

    started = time.monotonic()

    def one(message: Message) -> Result | None:
        if budget_seconds is not None and time.monotonic() - started > budget_seconds:
            return None
        return send(
            message.subscription,
            message.payload,
            ttl=message.ttl,
            urgency=message.urgency,
            topic=message.topic,
            retries=BULK_RETRIES,
            timeout=BULK_TIMEOUT_SECONDS,
        )

    if not messages:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(messages)))) as pool:
        return list(pool.map(one, messages))
