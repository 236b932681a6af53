"""Marking 1,000 document orders ready from one delivery list: DynamoDB calls and time.

The orders are written in batches beforehand (not measured), each with a push subscription at a
fake push service on loopback that answers after 20 ms like a real one over the network. The
counted requests are the clerk's two: the preview, then applying the list (sent again while the
answer says some remain, as the console does). Pushes run concurrently, at most
``notify.PUSH_WORKERS`` at a time; the fake service records the peak it saw.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bench.dynamo_calls import Client, counting
from bench.stack import Stack
from bench.table import print_table

ORDERS = 1000
TARGET_SECONDS = 25.0  # below API Gateway's 29 s per request, the whole list included
DELAY = 0.02


class FakePushService:
    def __init__(self) -> None:
        self.received = 0
        self.active = 0
        self.peak = 0
        self.lock = threading.Lock()


@contextmanager
def fake_push_service() -> Iterator[tuple[FakePushService, int]]:
    service = FakePushService()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            with service.lock:
                service.active += 1
                service.peak = max(service.peak, service.active)
            self.rfile.read(int(self.headers.get("content-length") or 0))
            time.sleep(DELAY)
            with service.lock:
                service.active -= 1
                service.received += 1
            self.send_response(201)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield service, int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def _subscription(port: int) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = (
        ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    )

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return json.dumps(
        {"endpoint": f"http://127.0.0.1:{port}/push/bench", "keys": {"p256dh": b64(key), "auth": b64(os.urandom(16))}}
    )


def _orders(port: int) -> list[str]:
    """1,000 applied orders with a push subscription, written with BatchWriteItem (setup, not measured)."""
    from datetime import UTC, datetime

    from chalicelib.documents.rules.orders import APPLIED, new_reference
    from chalicelib.documents.store.orders import OrderModel
    from chalicelib.platform.aws.db import ensure_bound

    ensure_bound()
    now = datetime.now(UTC).isoformat(timespec="seconds")
    sub = _subscription(port)
    refs = [new_reference() for _ in range(ORDERS)]
    with OrderModel.batch_write() as batch:
        for ref in refs:
            batch.save(
                OrderModel(
                    ref,
                    doc_type="personalausweis",
                    office="willich",
                    state=APPLIED,
                    since=now,
                    list_key=f"willich#{APPLIED}",
                    applied_at=now,
                    pickup="counter",
                    language="de",
                    push=sub,
                    revision=0,
                    expires_at=int(time.time()) + 86400,
                )
            )
    return refs


def report(stack: Stack) -> list[str]:
    from chalicelib.documents import notify
    from chalicelib.platform.aws import push

    client = Client(stack.base_url)
    client.request("POST", "/api/auth/login", {"username": stack.admin_user, "password": stack.admin_password})
    push.ALLOW_INSECURE_LOOPBACK = True  # the bench's fake push service, opted into here only
    try:
        with fake_push_service() as (service, port):
            csv = "Vorgang\n" + "\n".join(_orders(port))
            rows = []
            with counting() as seen:
                started = time.monotonic()
                preview = client.request("POST", "/api/office/documents/delivery/preview", {"csv": csv})
                preview_seconds = time.monotonic() - started
            rows.append(_row("preview (CSV of 1,000)", seen, preview_seconds, f"{preview['matches']['count']} matches"))
            requests, ready, longest, later = 0, 0, 0.0, 0
            with counting() as seen:
                started = time.monotonic()
                while True:
                    one = time.monotonic()
                    answer = client.request(
                        "POST", "/api/office/documents/delivery/apply", {"csv": csv, "digest": preview["digest"]}
                    )
                    longest = max(longest, time.monotonic() - one)
                    requests += 1
                    ready += answer["ready"]
                    later += answer["notices"]["left_for_job"]
                    if not answer["remaining"]:
                        break
                seconds = time.monotonic() - started
            note = (
                f"{ready} ready in {requests} request(s), longest {longest:.1f} s; {service.received} pushes, "
                f"at most {service.peak} at once (bound {notify.PUSH_WORKERS}); {later} left to the notices job"
            )
            rows.append(_row("apply: mark ready + push", seen, seconds, note))
    finally:
        push.ALLOW_INSECURE_LOOPBACK = False
    print_table(["step", "calls", "by type", "seconds", "note"], rows)
    failures = []
    if ready != ORDERS or service.received + later != ORDERS:
        failures.append(f"delivery list: {ready} ready, {service.received} pushes of {ORDERS}")
    if service.peak > notify.PUSH_WORKERS:
        failures.append(f"delivery list: {service.peak} pushes at once > {notify.PUSH_WORKERS}")
    if longest > TARGET_SECONDS:
        failures.append(f"delivery list: one request took {longest:.1f} s > {TARGET_SECONDS} s")
    return failures


def _row(name: str, seen: Any, seconds: float, note: str) -> list[object]:
    detail = ", ".join(f"{k} {v}" for k, v in sorted(seen.items()))
    return [name, sum(seen.values()), detail, f"{seconds:.1f}", note]
