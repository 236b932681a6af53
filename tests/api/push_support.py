"""A fake push service on loopback and the browser's side of Web Push, shared by the push tests.

The service records every request and answers with ``status`` (or the next of ``statuses``);
the test verifies the VAPID JWT and decrypts the body with the browser's key (http_ece).
"""

from __future__ import annotations

import base64
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class FakePushService:
    port: int
    status: int = 201
    received: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)  # answered first, one per request
    retry_after: str | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Browser:
    """The 'browser' side: its key pair and auth secret, and the subscription it would send."""

    key: ec.EllipticCurvePrivateKey
    auth: bytes
    subscription: dict[str, Any]

    def decrypt(self, data: bytes) -> dict[str, Any]:
        plain = http_ece.decrypt(data, private_key=self.key, auth_secret=self.auth, version="aes128gcm")
        return json.loads(plain)  # type: ignore[no-any-return]


@pytest.fixture
def push_service(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakePushService]:
    from chalicelib.platform.aws import push

    monkeypatch.setattr(push, "ALLOW_INSECURE_LOOPBACK", True)  # the one place that allows plain http
    service = FakePushService(0)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            service.received.append(
                {
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": self.rfile.read(length),
                }
            )
            self.send_response(service.statuses.pop(0) if service.statuses else service.status)
            if service.retry_after is not None:
                self.send_header("Retry-After", service.retry_after)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    service.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield service
    server.shutdown()
    server.server_close()


@pytest.fixture
def vapid(monkeypatch: pytest.MonkeyPatch) -> str:
    from chalicelib.platform.settings import get_settings

    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    monkeypatch.setenv("VAPID_PRIVATE_KEY", b64url(key.private_numbers().private_value.to_bytes(32, "big")))
    monkeypatch.setenv("VAPID_PUBLIC_KEY", b64url(public))
    monkeypatch.setenv("VAPID_SUBJECT", "mailto:push@stadt-willich.example")
    get_settings.cache_clear()
    return b64url(public)


@pytest.fixture
def browser(push_service: FakePushService) -> Browser:
    key = ec.generate_private_key(ec.SECP256R1())
    p256dh = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    auth = os.urandom(16)
    sub = {
        "endpoint": f"{push_service.origin}/push/subscription-1",
        "expirationTime": None,
        "keys": {"p256dh": b64url(p256dh), "auth": b64url(auth)},
    }
    return Browser(key, auth, sub)


def verify_vapid(message: dict[str, Any], service: FakePushService) -> dict[str, Any]:
    scheme, _, rest = message["headers"]["authorization"].partition(" ")
    assert scheme == "vapid"
    fields = dict(part.strip().split("=", 1) for part in rest.split(","))
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(fields["k"]))
    return dict(jwt.decode(fields["t"], key, algorithms=["ES256"], audience=service.origin))
