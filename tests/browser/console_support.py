"""Shared steps of the console browser tests: waiting for a view, signing in, a survey made through the API."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from playwright.sync_api import expect

from tests.conftest import stack_today

LOGIN_TITLE = "Anmeldung für Mitarbeitende"


def wait_for_view(page: Any, title: str | None = None) -> None:
    """Until the view (with this heading) is mounted and no longer busy."""
    if title:
        expect(page.locator("main h1")).to_have_text(title)
    else:
        page.wait_for_selector("main h1")
    page.wait_for_function("() => !document.getElementById('main').hasAttribute('aria-busy')")


def sign_in(page: Any, username: str, password: str) -> None:
    page.goto("/console/")
    wait_for_view(page, LOGIN_TITLE)
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Anmelden").click()


def sign_in_admin(page: Any, credentials: tuple[str, str]) -> None:
    sign_in(page, *credentials)
    page.wait_for_function("() => document.querySelector('main h1')?.textContent.startsWith('Guten Tag')")


def text(de: str) -> dict[str, str]:
    return {"de": de, "en": ""}


def make_survey(page: Any, questions: list[dict[str, Any]], *, prefix: str, raffle: bool = False) -> str:
    """A draft running from the stack's today for ten days, created through the API; returns its id."""
    today = stack_today()
    survey_id = f"{prefix}-{secrets.token_hex(3)}"
    prize = {"prize": text("Ein Gutschein"), "winners": 1, "publication_end": (today + timedelta(days=30)).isoformat()}
    res = page.request.post(
        "/api/surveys",
        data={
            "id": survey_id,
            "title": text(f"Testumfrage {survey_id}"),
            "intro": text("Einleitung"),
            "privacy": text("Anonym"),
            "opens": today.isoformat(),
            "closes": (today + timedelta(days=10)).isoformat(),
            "raffle": prize if raffle else None,
            "questions": questions,
        },
    )
    assert res.status == 201, res.text()
    return survey_id
