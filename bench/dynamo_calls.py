"""DynamoDB calls per API operation, counted at botocore while the live stack serves real requests.

Later features append operations to OPERATIONS: (name, function(client) -> None, target or None).
"""

from __future__ import annotations

import http.cookiejar
import json
import threading
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from bench.stack import Stack
from bench.table import print_table

_lock = threading.Lock()
_calls: Counter[str] = Counter()


def _install_counter() -> None:
    from botocore.client import BaseClient

    if getattr(BaseClient, "_bench_counting", False):
        return
    original = BaseClient._make_api_call

    def counting(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        if self.meta.service_model.service_name == "dynamodb":
            with _lock:
                _calls[operation_name] += 1
        return original(self, operation_name, api_params)

    BaseClient._make_api_call = counting  # type: ignore[method-assign]
    BaseClient._bench_counting = True  # type: ignore[attr-defined]


@contextmanager
def counting() -> Iterator[Counter[str]]:
    _install_counter()
    with _lock:
        _calls.clear()
    seen: Counter[str] = Counter()
    yield seen
    with _lock:
        seen.update(_calls)


@dataclass
class Client:
    base_url: str
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def request(self, method: str, path: str, data: Any = None, headers: dict[str, str] | None = None) -> Any:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        body = json.dumps(data).encode() if data is not None else None
        req = urllib.request.Request(
            self.base_url + path,
            data=body,
            method=method,
            headers={"content-type": "application/json", **(headers or {})},
        )
        with opener.open(req, timeout=30) as res:
            raw = res.read()
            return json.loads(raw) if raw else None


@dataclass(frozen=True)
class Operation:
    name: str
    run: Callable[[Client, Stack], Any]
    target: int | None = None
    note: str = ""


def _login(client: Client, stack: Stack) -> Any:
    return client.request("POST", "/api/auth/login", {"username": stack.admin_user, "password": stack.admin_password})


OPERATIONS: list[Operation] = [
    Operation("GET /api/health", lambda c, s: c.request("GET", "/api/health"), 1),
    Operation("GET /api/town", lambda c, s: c.request("GET", "/api/town"), 1, "cached for 60 s per warm instance"),
    Operation("POST /api/auth/login", _login, None),
    Operation("GET /api/auth/me", lambda c, s: c.request("GET", "/api/auth/me"), 2, "session + user"),
    Operation("GET /api/admin/users", lambda c, s: c.request("GET", "/api/admin/users"), None),
]

from bench.survey_ops import survey_operations  # noqa: E402 - appended per feature

OPERATIONS += [Operation(*row) for row in survey_operations()]

from bench.booking_ops import booking_operations  # noqa: E402 - appended per feature

OPERATIONS += [Operation(*row) for row in booking_operations()]

from bench.queue_ops import queue_operations  # noqa: E402 - appended per feature

OPERATIONS += [Operation(*row) for row in queue_operations()]


def report(stack: Stack) -> list[str]:
    client = Client(stack.base_url)
    rows, failures = [], []
    for op in OPERATIONS:
        with counting() as seen:
            op.run(client, stack)
        total = sum(seen.values())
        detail = ", ".join(f"{k} {v}" for k, v in sorted(seen.items()))
        ok = op.target is None or total <= op.target
        rows.append(
            [op.name, total, detail, op.target if op.target is not None else "—", "ok" if ok else "OVER", op.note]
        )
        if not ok:
            failures.append(f"{op.name}: {total} DynamoDB calls > {op.target}")
    print_table(["operation", "calls", "by type", "target", "", "note"], rows)
    return failures
