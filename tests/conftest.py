"""Shared fixtures: a fresh in-process AWS (moto) per test, the Chalice test client, staff logins."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[1]

TEST_ENV = {
    "STAGE": "test",
    "TABLE_PREFIX": "test-",
    "APP_SECRET": "test-secret-not-used-anywhere-else-0123456789",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "eu-central-1",
    "AWS_REGION": "eu-central-1",
    "LOCAL_MODE": "1",
    "COOKIE_SECURE": "0",
    "MAIL_FROM": "buergerservice@stadt-willich.example",
    "PUBLIC_BASE_URL": "http://localhost:8000",
}


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from chalicelib.platform.settings import get_settings

    for key in ("DYNAMODB_ENDPOINT", "SES_ENDPOINT", "SECRET_PARAMETER"):
        monkeypatch.delenv(key, raising=False)
    for key, value in TEST_ENV.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def aws(settings_env: None) -> Iterator[None]:
    """A fresh moto backend with every table, the verified sender and the demo town loaded."""
    from moto import mock_aws

    from chalicelib.platform import town as town_document
    from chalicelib.platform.aws import mail
    from chalicelib.platform.aws.db import create_tables
    from chalicelib.staff import town
    from infra.local.stack import DEFAULT_TOWN, load_town_file

    with mock_aws():
        town_document._CACHE.clear()
        create_tables()
        mail.verify_sender()
        town.import_document(load_town_file(DEFAULT_TOWN))
        yield


@dataclass
class Api:
    """Thin wrapper around chalice.test.Client's HTTP client that speaks JSON."""

    http: Any
    headers: dict[str, str]

    def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None, raw: bytes | None = None
    ) -> Any:
        hdrs = {"content-type": "application/json", **self.headers, **(headers or {})}
        payload = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
        res = self.http.request(method, path, headers=hdrs, body=payload)
        res.headers = {k.lower(): ", ".join(v) if isinstance(v, list) else v for k, v in res.headers.items()}
        return res

    def get(self, path: str, **kw: Any) -> Any:
        return self.call("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.call("POST", path, body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.call("PUT", path, body, **kw)

    def patch(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.call("PATCH", path, body, **kw)

    def delete(self, path: str, **kw: Any) -> Any:
        return self.call("DELETE", path, **kw)

    def as_user(self, token: str) -> Api:
        return Api(self.http, {**self.headers, "authorization": f"Bearer {token}"})


def body(response: Any) -> Any:
    return json.loads(response.body) if response.body else None


@pytest.fixture
def api(aws: None) -> Iterator[Api]:
    from chalice.test import Client

    from app import app

    with Client(app, stage_name="test", project_dir=str(ROOT)) as client:
        yield Api(client.http, {})


def access_token_from(response: Any) -> str:
    cookies = response.headers.get("set-cookie") or ""
    for part in cookies.replace(",", ";").split(";"):
        name, _, value = part.strip().partition("=")
        if name == "bs_access":
            return value
    raise AssertionError(f"no access cookie in {cookies!r}")


@pytest.fixture
def make_staff(api: Api) -> Any:
    """Create a staff user with the given roles and return an Api signed in as them."""
    from chalicelib.staff import users

    def make(*roles: str, username: str | None = None) -> Api:
        name = username or ("user-" + "-".join(roles or ("none",)))
        password = "correct horse battery staple"
        users.create(None, name, name.title(), list(roles), password=password, must_change=False)
        res = api.post("/api/auth/login", {"username": name, "password": password})
        assert res.status_code == 200, res.body
        return api.as_user(access_token_from(res))

    return make


@pytest.fixture
def admin(make_staff: Any) -> Api:
    return make_staff("admin", username="chef")  # type: ignore[no-any-return]


def pytest_configure(config: pytest.Config) -> None:
    """TEST_CLOCK=2027-03-28T01:30:00+01:00 runs the in-process tests from that moment on as well
    (tests that fix their own clock keep theirs): a way to look for tests that depend on the day."""
    if value := os.environ.get("TEST_CLOCK"):
        import time_machine

        time_machine.travel(datetime.fromisoformat(value), tick=True).start()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Browser and concurrency tests share one live stack per worker; keep them together. The hard
    # dates start stacks of their own and may run beside them on the other worker.
    for item in items:
        if "hard_stack" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("hard-dates"))
        elif "tests/browser" in str(item.fspath) or item.get_closest_marker("concurrency"):
            item.add_marker(pytest.mark.xdist_group("live-stack"))


os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")


@dataclass
class LiveStack:
    base_url: str
    admin_user: str
    admin_password: str
    clock_offset: float = 0.0  # the stack's clock minus the real one, in seconds

    def now(self) -> datetime:
        """The stack's "now" (Europe/Berlin): what its API and, with the browser fixtures, its pages see."""
        import time

        return datetime.fromtimestamp(time.time() + self.clock_offset, BERLIN)


BERLIN = ZoneInfo("Europe/Berlin")


def next_new_years_eve(after: datetime | None = None) -> datetime:
    """The next 31 December, 23:30 in Berlin: a month's and a year's last day, half an hour before
    midnight, a holiday after it. The live stack runs there, so every browser and concurrency test
    meets the hardest calendar on every run, whatever the real date and hour."""
    after = after or datetime.now(BERLIN)
    moment = datetime(after.year, 12, 31, 23, 30, tzinfo=BERLIN)
    return moment if moment > after else moment.replace(year=after.year + 1)


def stack_clock() -> datetime:
    """Where the live stack's clock starts: TEST_CLOCK (ISO 8601 with offset) or the next New Year's Eve.

    The moment must not lie in the past: cookies, push signatures and the browser's own clock all
    expect a stack that is not behind the real time.
    """
    value = os.environ.get("TEST_CLOCK")
    return datetime.fromisoformat(value) if value else next_new_years_eve()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_stack() -> Iterator[LiveStack]:
    """The whole platform as `make run` starts it, on a free port, in a child process, its clock
    started at :func:`stack_clock`."""
    global _RUNNING
    with start_live_stack(stack_clock()) as stack:
        _RUNNING = stack
        yield stack
        _RUNNING = None


_RUNNING: LiveStack | None = None


def stack_today() -> date:
    """Today in Berlin as the running live stack (and its browser pages) see it."""
    assert _RUNNING is not None, "stack_today() needs the live_stack fixture"
    return _RUNNING.now().date()


@contextlib.contextmanager
def start_live_stack(moment: datetime) -> Iterator[LiveStack]:
    import re
    import subprocess
    import sys
    import time

    port = _free_port()
    offset = moment.timestamp() - time.time()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DYNAMODB_", "SES_"))}
    # Many concurrent bookings come from one loopback address in the race test.
    env.setdefault("BOOKING_RATE_LIMIT_PER_HOUR", "5000")
    env.setdefault("QUEUE_RATE_LIMIT_PER_HOUR", "5000")  # and many tickets in the queue race
    # The browser tests' made-up push service (a reserved name that never resolves) beside the real ones.
    env.setdefault("PUSH_SERVICE_HOSTS", "fcm.googleapis.com,*.push.services.mozilla.com,push.example.net")
    proc = subprocess.Popen(
        [
            sys.executable,
            *("-m", "infra.local.server", "--port", str(port), "--no-runtime-file"),
            *("--clock", datetime.fromtimestamp(time.time() + offset, BERLIN).isoformat()),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    deadline = time.monotonic() + 90
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if "Press Ctrl-C" in line:
            break
    text = "".join(lines)
    match = re.search(r"user: (\S+)\s+password: (\S+)", text)
    if not match:
        proc.kill()
        raise RuntimeError("local stack did not start:\n" + text)
    # Drain output so the child never blocks on a full pipe.
    import threading

    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()  # type: ignore[union-attr]
    yield LiveStack(f"http://127.0.0.1:{port}", match.group(1), match.group(2), offset)
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
