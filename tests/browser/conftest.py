"""Browser fixtures: Playwright driving Debian's Chromium against the live local stack."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import LiveStack

# Assertions that wait (expect(...)) get the patience of the other waits: on a loaded two-core
# machine a server round trip can take longer than Playwright's default of five seconds.
expect.set_options(timeout=20_000)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


# Playwright polls a wait_for_function *expression* through the page's eval(), which the enforced
# CSP refuses ('unsafe-eval' is not allowed); a function is called directly. Expressions are
# therefore handed over as arrow functions.
_FUNCTION = re.compile(r"^\s*(?:async\s+)?(?:function\b|\(?[\w\s,]*\)?\s*=>)")


def _as_function(expression: str) -> str:
    return expression if _FUNCTION.match(expression) else f"() => ({expression})"


def _wrap_wait_for_function(cls: Any) -> None:
    original = cls.wait_for_function
    if getattr(original, "csp_safe", False):
        return

    def wait_for_function(self: Any, expression: str, **kwargs: Any) -> Any:
        return original(self, _as_function(expression), **kwargs)

    wait_for_function.csp_safe = True  # type: ignore[attr-defined]
    cls.wait_for_function = wait_for_function


def _csp_safe_waits() -> None:
    from playwright.sync_api import Frame, Page

    _wrap_wait_for_function(Page)
    _wrap_wait_for_function(Frame)


@pytest.fixture(scope="session")
def base_url(live_stack: LiveStack) -> str:
    return live_stack.base_url


@pytest.fixture(scope="session")
def admin_credentials(live_stack: LiveStack) -> tuple[str, str]:
    return live_stack.admin_user, live_stack.admin_password


@pytest.fixture(scope="module")
def admin_request(browser: Any, base_url: str, admin_credentials: tuple[str, str]) -> Iterator[Any]:
    """An API client signed in as the admin (the local outbox, the counters' calls)."""
    ctx = browser.new_context(base_url=base_url)
    res = ctx.request.post("/api/auth/login", data={"username": admin_credentials[0], "password": admin_credentials[1]})
    assert res.ok, res.text()
    yield ctx.request
    ctx.close()


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    _csp_safe_waits()
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Any) -> Iterator[Any]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        pytest.fail("Debian's chromium is required for browser tests (apt-get install chromium).")
    browser = playwright_instance.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def stack_context(browser: Any, live_stack: LiveStack, **options: Any) -> Any:
    """A phone-sized German browser on the stack whose clock is the stack's (see ``stack_clock``),
    so that page and server agree on the day. The real Content-Security-Policy stays in force."""
    settings = {"viewport": {"width": 360, "height": 740}, "base_url": live_stack.base_url, "locale": "de-DE"}
    ctx = browser.new_context(**(settings | options))
    ctx.clock.install(time=live_stack.now())
    return ctx


@pytest.fixture
def context(browser: Any, live_stack: LiveStack) -> Iterator[Any]:
    ctx = stack_context(browser, live_stack)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Chromium reports each thing the CSP refused on the console.
    blocked: list[str] = []
    page.on("console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None)
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not blocked, f"blocked by the Content-Security-Policy: {blocked}"
