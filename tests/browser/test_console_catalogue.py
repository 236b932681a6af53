"""Staff console: offices and services page — a closure day reaches the booking calendar, bad hours are refused."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from tests.browser.axe import assert_axe_clean
from tests.browser.conftest import stack_context
from tests.browser.test_console import open_section, sign_in, wait_for_view
from tests.conftest import LiveStack, stack_today

pytestmark = pytest.mark.browser

PAGE_TITLE = "Bürgerbüros und Leistungen"


@pytest.fixture
def wide_page(browser: Any, live_stack: LiveStack) -> Iterator[Any]:
    ctx = stack_context(browser, live_stack, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def day_info(page: Any, day: date) -> dict[str, Any]:
    res = page.context.request.get(
        f"/api/booking/availability?office=anrath&services=fuehrungszeugnis&month={day:%Y-%m}"
    )
    assert res.ok, res.text()
    found: dict[str, Any] = next(d for d in res.json()["days"] if d["date"] == day.isoformat())
    return found


def open_tuesday(page: Any) -> date:
    """A Tuesday a few weeks ahead that is an ordinary open day at Anrath."""
    day = stack_today() + timedelta(days=14)
    day += timedelta(days=(1 - day.weekday()) % 7)
    for _ in range(10):
        if day_info(page, day)["closed"] is None:
            return day
        day += timedelta(days=7)
    pytest.fail("no open Tuesday found at Anrath")


def anrath(page: Any) -> Any:
    return page.locator("[data-office=anrath]")


def save(page: Any) -> None:
    page.get_by_role("button", name="Speichern", exact=True).click()


def admin_document(page: Any) -> dict[str, Any]:
    res = page.context.request.get("/api/admin/town")
    assert res.ok, res.text()
    doc: dict[str, Any] = res.json()["document"]
    return doc


def test_closure_day_reaches_the_calendar_and_bad_hours_are_refused(
    wide_page: Any, admin_credentials: tuple[str, str]
) -> None:
    page = wide_page
    sign_in(page, *admin_credentials)
    wait_for_view(page)
    open_section(page, PAGE_TITLE)
    assert page.locator("main h1").inner_text() == PAGE_TITLE
    assert_axe_clean(page)

    original = admin_document(page)
    reason = f"Testschließung {secrets.token_hex(3)}"
    tuesday = open_tuesday(page)
    try:
        # Add a closure day for Anrath.
        anrath(page).get_by_role("button", name="Schließtag hinzufügen").click()
        row = anrath(page).locator("[data-field$='.closures'] > .filter").last
        from_input = row.locator("input[type=date]").first
        assert from_input.evaluate("el => el === document.activeElement")
        from_input.fill(tuesday.isoformat())
        row.get_by_label("Grund", exact=False).fill(reason)
        save(page)
        status = page.get_by_role("status").filter(has_text="Gespeichert.")
        status.wait_for()
        assert "innerhalb einer Minute" in status.inner_text()
        assert day_info(page, tuesday)["closed"] == reason

        # An opening hour ending before it starts is refused and marked at its input.
        hours = anrath(page).get_by_label(re.compile(r"^Öffnungszeiten\s*\(Stadtteilbüro Anrath, Dienstag\)"))
        hours.fill("12:00-08:00")
        save(page)
        alert = page.locator(".error-summary")
        alert.wait_for()
        assert "Stadtteilbüro Anrath – Öffnungszeiten Dienstag" in alert.inner_text()
        assert hours.get_attribute("aria-invalid") == "true"
        assert page.locator(".field-invalid .field-error").first.is_visible()
        office = next(o for o in admin_document(page)["offices"] if o["id"] == "anrath")
        assert office["hours"]["tue"] == ["08:00-12:00"]
        assert_axe_clean(page)

        # Restore: a fresh page, remove the test closure, save.
        page.reload()
        wait_for_view(page)
        closure_rows = anrath(page).locator("[data-field$='.closures'] > .filter")
        mine = closure_rows.filter(has=page.locator(f"input[value='{reason}']"))
        mine.get_by_role("button", name="Entfernen").click()
        assert closure_rows.filter(has=page.locator(f"input[value='{reason}']")).count() == 0
        save(page)
        page.get_by_role("status").filter(has_text="Gespeichert.").wait_for()
        assert day_info(page, tuesday)["closed"] is None
        assert admin_document(page)["offices"] == original["offices"]
    finally:
        doc = admin_document(page)
        if doc["offices"] != original["offices"]:
            doc["offices"] = original["offices"]
            page.context.request.put("/api/admin/town", data={"document": doc})
