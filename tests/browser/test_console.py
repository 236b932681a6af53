"""Staff console in headless Chromium: sign-in, roles, user administration, audit log, sign-out."""

from __future__ import annotations

import re
import secrets
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_axe_clean
from tests.conftest import stack_today

pytestmark = pytest.mark.browser

LOGIN_TITLE = "Anmeldung für Mitarbeitende"


def wait_for_view(page: Any) -> None:
    page.wait_for_selector("main h1")
    page.wait_for_function("!document.getElementById('main').hasAttribute('aria-busy')")


def sign_in(page: Any, username: str, password: str) -> None:
    page.goto("/console/")
    wait_for_view(page)
    assert page.locator("main h1").inner_text() == LOGIN_TITLE
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Anmelden").click()


def open_section(page: Any, name: str) -> None:
    """Follow a navigation entry; on narrow screens the list sits behind the "Menü" button."""
    nav = page.get_by_role("navigation", name="Verwaltung")
    toggle = nav.get_by_role("button", name="Menü")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    nav.get_by_role("link", name=name, exact=True).click()
    page.wait_for_function(
        "name => [...document.querySelectorAll('#console-nav a[aria-current=page]')].some(a => a.textContent === name)"
        " && !document.getElementById('main').hasAttribute('aria-busy')",
        arg=name,
    )


def nav_entries(page: Any) -> list[str]:
    entries: list[str] = page.eval_on_selector_all("#console-nav li a", "els => els.map(e => e.textContent)")
    return entries


def create_user_via_api(page: Any, admin: tuple[str, str], roles: list[str]) -> tuple[str, str]:
    """A fresh staff account made through the API (the page's cookies are left signed out)."""
    username = f"test-{secrets.token_hex(4)}"
    res = page.request.post("/api/auth/login", data={"username": admin[0], "password": admin[1]})
    assert res.ok, res.text()
    res = page.request.post(
        "/api/admin/users", data={"username": username, "display_name": "Test Person", "roles": roles}
    )
    assert res.status == 201, res.text()
    password = res.json()["initial_password"]
    page.request.post("/api/auth/logout", headers={"X-Requested-With": "fetch"})
    page.context.clear_cookies()
    return username, password


def test_wrong_password_shows_an_error_and_keeps_the_login(page: Any, admin_credentials: tuple[str, str]) -> None:
    sign_in(page, admin_credentials[0], "not-the-password-" + secrets.token_hex(4))
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Benutzername oder Passwort ist falsch." in alert.inner_text()
    assert page.locator("main h1").inner_text() == LOGIN_TITLE
    assert page.get_by_label("Passwort", exact=True).input_value() == ""
    assert_axe_clean(page)


def test_missing_fields_are_marked_next_to_the_inputs(page: Any) -> None:
    page.goto("/console/")
    wait_for_view(page)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("alert").wait_for()
    username = page.get_by_label("Benutzername")
    assert username.get_attribute("aria-invalid") == "true"
    described = username.get_attribute("aria-describedby") or ""
    assert any(page.locator(f"#{i}.field-error").count() for i in described.split())
    assert_axe_clean(page)


def test_admin_creates_an_office_user_sees_it_in_the_audit_log_and_signs_out(
    page: Any, admin_credentials: tuple[str, str]
) -> None:
    sign_in(page, *admin_credentials)
    page.wait_for_function("document.querySelector('main h1')?.textContent.startsWith('Guten Tag')")
    assert {"Benutzerverwaltung", "Protokoll", "Termine", "Umfragen"} <= set(nav_entries(page))

    open_section(page, "Benutzerverwaltung")
    username = f"office-{secrets.token_hex(3)}"
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Name", exact=True).fill("Olga Office")
    page.get_by_label("Sachbearbeitung").check()
    page.get_by_role("button", name="Zugang anlegen").click()
    secret = page.locator(".secret")
    secret.wait_for()
    assert len(secret.inner_text().strip()) >= 12
    assert page.get_by_role("button", name="Kopieren").is_visible()
    page.get_by_role("heading", name="Olga Office").wait_for()
    assert_axe_clean(page)

    open_section(page, "Protokoll")
    row = page.locator("tbody tr", has_text=username).first
    row.wait_for()
    assert "admin" in row.inner_text()
    assert "Konto angelegt" in row.inner_text()  # the action in words, its key beside it
    assert_axe_clean(page)

    page.get_by_role("button", name="Abmelden").click()
    page.get_by_text("Sie haben sich abgemeldet.").wait_for()
    assert page.locator("main h1").inner_text() == LOGIN_TITLE
    assert page.locator("#console-nav").is_hidden()

    page.goto("/console/benutzer")
    wait_for_view(page)
    assert page.locator("main h1").inner_text() == LOGIN_TITLE


def test_new_user_changes_the_start_password_first_and_sees_only_their_sections(
    page: Any, admin_credentials: tuple[str, str]
) -> None:
    username, start_password = create_user_via_api(page, admin_credentials, ["office"])
    sign_in(page, username, start_password)
    page.wait_for_function("document.querySelector('main h1')?.textContent === 'Neues Passwort festlegen'")
    assert page.locator("#console-nav").is_hidden()

    expect(page.get_by_label("Aktuelles Passwort")).to_have_count(0)  # just typed at the sign-in
    page.get_by_label("Neues Passwort", exact=True).fill("zu kurz")
    page.get_by_label("Neues Passwort wiederholen").fill("zu kurz")
    page.get_by_role("button", name="Passwort speichern").click()
    page.get_by_role("alert").wait_for()
    assert page.get_by_label("Neues Passwort", exact=True).get_attribute("aria-invalid") == "true"
    assert_axe_clean(page)

    new_password = "ein langer satz als passwort " + secrets.token_hex(3)
    page.get_by_label("Neues Passwort", exact=True).fill(new_password)
    page.get_by_label("Neues Passwort wiederholen").fill(new_password)
    page.get_by_role("button", name="Passwort speichern").click()
    page.get_by_text("Ihr Passwort wurde geändert.").wait_for()
    entries = set(nav_entries(page))
    assert {"Termine", "Warteschlange", "Dokumente"} <= entries
    assert not entries & {"Benutzerverwaltung", "Protokoll", "Umfragen", "Hintergrundaufgaben"}

    page.goto("/console/benutzer")
    wait_for_view(page)
    assert page.locator("main h1").inner_text() == "Kein Zugriff"


@pytest.mark.parametrize("width", [360, 1280])
def test_every_admin_section_is_axe_clean(page: Any, admin_credentials: tuple[str, str], width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, *admin_credentials)
    page.wait_for_function("document.querySelector('main h1')?.textContent.startsWith('Guten Tag')")
    assert_axe_clean(page)
    for name in nav_entries(page)[1:]:
        open_section(page, name)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        assert_axe_clean(page)


def test_jobs_can_be_run_now(page: Any, admin_credentials: tuple[str, str]) -> None:
    sign_in(page, *admin_credentials)
    page.wait_for_function("document.querySelector('main h1')?.textContent.startsWith('Guten Tag')")
    open_section(page, "Hintergrundaufgaben")
    buttons = page.get_by_role("button", name="Jetzt ausführen")
    assert buttons.count() >= 1
    buttons.first.click()
    page.locator(".card .notice-ok").first.wait_for()


def test_console_speaks_english_too(page: Any, admin_credentials: tuple[str, str]) -> None:
    page.goto("/console/")
    wait_for_view(page)
    page.get_by_role("button", name="English").click()
    page.wait_for_function("document.querySelector('main h1')?.textContent === 'Staff sign-in'")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.get_by_label("User name").fill(admin_credentials[0])
    page.get_by_label("Password", exact=True).fill(admin_credentials[1])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_function("document.querySelector('main h1')?.textContent.startsWith('Hello')")
    assert page.get_by_role("button", name="Sign out").is_visible()


def test_town_settings_save_and_show_field_errors(page: Any, admin_credentials: tuple[str, str]) -> None:
    sign_in(page, *admin_credentials)
    page.wait_for_function("document.querySelector('main h1')?.textContent.startsWith('Guten Tag')")
    open_section(page, "Einstellungen")
    impressum = page.get_by_label("Impressum (Deutsch)")
    original = impressum.input_value()
    assert original.strip()

    impressum.fill("")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("alert").wait_for()
    assert impressum.get_attribute("aria-invalid") == "true"

    impressum.fill(original)
    page.get_by_role("button", name="Speichern").click()
    page.locator(".notice-ok").wait_for()
    assert page.locator(".error-summary").count() == 0
    assert_axe_clean(page)


def test_expired_access_token_is_renewed_silently(page: Any, admin_credentials: tuple[str, str]) -> None:
    sign_in(page, *admin_credentials)
    page.wait_for_function("document.querySelector('main h1')?.textContent.startsWith('Guten Tag')")
    page.context.clear_cookies(name="bs_access")  # as if the 15-minute token ran out
    open_section(page, "Benutzerverwaltung")
    assert page.get_by_role("heading", name="Alle Zugänge").is_visible()


def test_ended_session_leads_back_to_the_login(page: Any, admin_credentials: tuple[str, str]) -> None:
    sign_in(page, *admin_credentials)
    page.wait_for_function("document.querySelector('main h1')?.textContent.startsWith('Guten Tag')")
    page.context.clear_cookies()  # the session is over: neither token is left
    nav = page.get_by_role("navigation", name="Verwaltung")
    nav.get_by_role("button", name="Menü").click()
    nav.get_by_role("link", name="Protokoll", exact=True).click()
    page.wait_for_function(f"document.querySelector('main h1')?.textContent === '{LOGIN_TITLE}'")
    assert page.get_by_text("Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.").is_visible()
    assert page.locator("#console-nav").is_hidden()


def test_repeated_wrong_passwords_lock_the_login_for_some_minutes(
    page: Any, admin_credentials: tuple[str, str]
) -> None:
    username, _ = create_user_via_api(page, admin_credentials, ["survey"])
    page.goto("/console/")
    wait_for_view(page)
    for _ in range(10):
        page.get_by_label("Benutzername").fill(username)
        page.get_by_label("Passwort", exact=True).fill("definitely-wrong")
        with page.expect_response("**/api/auth/login") as answer:
            page.get_by_role("button", name="Anmelden").click()
        page.wait_for_function("!document.querySelector('main form').hasAttribute('aria-busy')")
        if answer.value.status == 429:
            break
    else:
        pytest.fail("the login never locked")
    page.wait_for_function("document.querySelector('.error-summary h2')?.textContent.startsWith('Zu viele')")
    message = page.locator(".error-summary h2").inner_text()
    assert re.fullmatch(r"Zu viele Fehlversuche – bitte in \d+ Minuten? erneut versuchen\.", message), message


def test_the_outbox_shows_a_sent_mail_with_clickable_links(page: Any, admin_credentials: tuple[str, str]) -> None:
    import uuid
    from datetime import timedelta

    # A citizen books through the API; the confirmation mail lands in the local outbox.
    month = (stack_today().replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
    days = page.request.get(f"/api/booking/availability?office=willich&services=meldebescheinigung&month={month}")
    day = next(d["date"] for d in days.json()["days"] if d["free"] > 0)
    slots = page.request.get(f"/api/booking/slots?office=willich&services=meldebescheinigung&date={day}").json()
    booked = page.request.post(
        "/api/booking/bookings",
        headers={"Idempotency-Key": str(uuid.uuid4())},
        data={
            "office": "willich",
            "services": ["meldebescheinigung"],
            "start": slots["slots"][-1]["start"],
            "name": "Outbox Probe",
            "email": f"probe-{uuid.uuid4().hex[:6]}@example.org",
            "consent": True,
        },
    )
    assert booked.status == 201, booked.text()

    sign_in(page, *admin_credentials)
    page.wait_for_function("document.querySelector('main h1')?.textContent.startsWith('Guten Tag')")
    page.goto("/console/postausgang")
    page.locator("main a", has_text="Termin").first.click()
    link = page.locator(".mail-text a", has_text="/termin/bestaetigen?token=").first
    link.wait_for()
    assert link.get_attribute("href", timeout=5000).startswith("http")
    assert_axe_clean(page)
    # When the mail left, on the mail and in the list.
    expect(page.locator("dl.facts")).to_contain_text("Gesendet")
    assert page.locator("dl.facts time").get_attribute("datetime")
    page.goto("/console/postausgang")
    expect(page.locator(".mail-list li").first).to_contain_text("Gesendet:")
