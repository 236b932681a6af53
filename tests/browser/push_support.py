"""Pushes delivered to the page's service worker through Chromium's DevTools protocol, and the
notifications it then shows (headless Chromium cannot reach a real push service)."""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from typing import Any

NOTIFICATIONS = (
    "navigator.serviceWorker.ready.then(r => r.getNotifications())"
    ".then(list => list.map(n => ({ title: n.title, body: n.body, tag: n.tag, url: n.data.url })))"
)


class PushChannel:
    """The DevTools session that hands a payload to this origin's service worker."""

    def __init__(self, context: Any, page: Any, base_url: str) -> None:
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        self.page, self.base_url = page, base_url
        self.cdp = context.new_cdp_session(page)
        registrations: list[dict[str, Any]] = []
        self.cdp.on("ServiceWorker.workerRegistrationUpdated", lambda ev: registrations.extend(ev["registrations"]))
        self.cdp.send("ServiceWorker.enable")
        deadline = time.monotonic() + 10
        while not any(r["scopeURL"] == base_url + "/" for r in registrations) and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        page.wait_for_timeout(300)
        # The browser may also report registrations of other (closed) test contexts: deliver to each.
        self.registrations = {
            r["registrationId"] for r in registrations if r["scopeURL"] == base_url + "/" and not r["isDeleted"]
        }
        assert self.registrations

    def deliver(self, payload: dict[str, Any]) -> None:
        for registration_id in self.registrations:
            self.cdp.send(
                "ServiceWorker.deliverPushMessage",
                {"origin": self.base_url, "registrationId": registration_id, "data": json.dumps(payload)},
            )

    def deliver_until_shown(self, payload: dict[str, Any], shown: Any = bool) -> list[dict[str, Any]]:
        """Deliver, then read the notifications until ``shown(list)`` holds. On a loaded machine a push
        can reach a worker that is still starting and be dropped: deliver again (same tag, so it
        replaces rather than adds) until it shows or time is up."""
        self.deliver(payload)
        found: list[dict[str, Any]] = []
        deadline = time.monotonic() + 30
        next_delivery = time.monotonic() + 5
        while not shown(found) and time.monotonic() < deadline:
            if time.monotonic() > next_delivery:
                self.deliver(payload)
                next_delivery = time.monotonic() + 5
            self.page.wait_for_timeout(200)
            found = self.page.evaluate(NOTIFICATIONS)
        return found


def push_through_worker(context: Any, page: Any, base_url: str, payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Deliver ``payload`` as a push message to the origin's service worker; the notifications it shows."""
    return PushChannel(context, page, base_url).deliver_until_shown(payload)


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def fake_subscription() -> dict[str, Any]:
    """A subscription as PushManager.subscribe() gives it, at the stack's made-up push service."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    return {
        "endpoint": f"https://push.example.net/send/{secrets.token_hex(8)}",
        "expirationTime": None,
        "keys": {
            "p256dh": b64url(key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)),
            "auth": b64url(os.urandom(16)),
        },
    }
