"""Staff console in headless Chromium, in the clerk's words: no errors while signed out, no second entry of
the start password, the audit log in words, the jobs' results and the settings' pointer to the offices page."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_axe_clean
from tests.browser.console_support import make_survey, sign_in, sign_in_admin, text, wait_for_view
from tests.conftest import stack_today

pytestmark = pytest.mark.browser


def test_a_signed_out_console_loads_without_errors(page: Any) -> None:
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("response", lambda res: problems.append(f"{res.status} {res.url}") if res.status >= 400 else None)
    page.goto("/console/")
    wait_for_view(page, "Anmeldung für Mitarbeitende")
    page.goto("/console/umfragen")
    wait_for_view(page, "Anmeldung für Mitarbeitende")
    assert problems == []


def test_the_first_sign_in_asks_only_for_the_new_password(page: Any, admin_credentials: tuple[str, str]) -> None:
    username = f"first-{secrets.token_hex(3)}"
    assert page.request.post(
        "/api/auth/login", data={"username": admin_credentials[0], "password": admin_credentials[1]}
    ).ok
    res = page.request.post(
        "/api/admin/users", data={"username": username, "display_name": "Erst", "roles": ["survey"]}
    )
    assert res.status == 201, res.text()
    start_password = res.json()["initial_password"]
    page.context.clear_cookies()

    sign_in(page, username, start_password)
    wait_for_view(page, "Neues Passwort festlegen")
    expect(page.get_by_label("Aktuelles Passwort")).to_have_count(0)
    new_password = "ein langer satz als passwort " + secrets.token_hex(3)
    page.get_by_label("Neues Passwort", exact=True).fill(new_password)
    page.get_by_label("Neues Passwort wiederholen").fill(new_password)
    page.get_by_role("button", name="Passwort speichern").click()
    expect(page.get_by_text("Ihr Passwort wurde geändert.")).to_be_visible()

    # After a reload the sign-in's ticket is gone; a later change asks for the current password again.
    page.goto("/console/passwort")
    wait_for_view(page, "Passwort ändern")
    expect(page.get_by_label("Aktuelles Passwort")).to_be_visible()


def test_the_audit_log_says_in_words_what_changed(page: Any, admin_credentials: tuple[str, str]) -> None:
    sign_in_admin(page, admin_credentials)
    survey_id = make_survey(page, [{"id": "ok", "type": "yesno", "label": text("Alles gut?")}], prefix="bt-audit")
    definition = page.request.get(f"/api/surveys/{survey_id}").json()["survey"]
    definition["intro"] = text("Neue Einleitung")
    assert page.request.put(f"/api/surveys/{survey_id}", data=definition).ok

    page.goto(f"/console/protokoll?month={stack_today():%Y-%m}")
    wait_for_view(page, "Protokoll")
    row = page.locator("tbody tr", has_text=survey_id).filter(has_text="Umfrage geändert").first
    expect(row).to_contain_text("Texte oder Zeitraum geändert, Fragen unverändert")
    shown = page.locator("tbody").inner_text()
    assert "questions_changed" not in shown and "survey.update" not in shown
    assert_axe_clean(page)


def test_jobs_say_what_they_did_and_settings_point_to_the_offices_page(
    page: Any, admin_credentials: tuple[str, str]
) -> None:
    sign_in_admin(page, admin_credentials)
    page.goto("/console/aufgaben")
    wait_for_view(page, "Hintergrundaufgaben")
    card = page.locator(".card", has_text="booking-release-unconfirmed")
    card.get_by_role("button", name="Jetzt ausführen").click()
    expect(card.locator(".notice-ok")).to_contain_text("freigegeben")
    assert "{" not in card.locator(".notice-ok").inner_text()

    page.goto("/console/einstellungen")
    wait_for_view(page)
    assert "toml" not in page.locator("main").inner_text() and "make seed" not in page.locator("main").inner_text()
    page.get_by_role("link", name="Bürgerbüros und Leistungen bearbeiten").click()
    wait_for_view(page)
    assert page.url.endswith("/console/buergerbueros")
