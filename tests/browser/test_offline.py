"""The installed app starts offline: after a visit online, every citizen route reloads without a
connection and shows its own content with the town's data from the device; pages that need the
network say so and point to what works offline; a survey answer waiting on the device keeps its
"saved, will be sent" notice.

Each test starts in a fresh browser context (no worker, no caches), lets the service worker
install, goes offline with the browser's own switch and reloads.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_axe_clean

pytestmark = pytest.mark.browser

ROUTES_JS = Path(__file__).resolve().parents[2] / "pwa" / "js" / "routes.js"

HOME = "Was möchten Sie erledigen?"
OFFLINE_TITLE = "Keine Internetverbindung"
BOOKING_OFFLINE = "Einen neuen Termin können Sie nur mit Internetverbindung buchen"
WORKS_OFFLINE = "Ohne Verbindung sehen Sie Ihre Termine, die auf diesem Gerät gespeichert sind."
SAVED = "Ihre Antworten sind gespeichert und werden gesendet, sobald Sie wieder online sind."
THANKS = "Vielen Dank für Ihre Teilnahme!"
FAILED = "Das hat leider nicht geklappt"


@pytest.fixture(scope="module")
def town(playwright_instance: Any, base_url: str) -> dict[str, Any]:
    api = playwright_instance.request.new_context(base_url=base_url)
    try:
        data: dict[str, Any] = api.get("/api/town").json()
        return data
    finally:
        api.dispose()


@pytest.fixture(scope="module")
def survey(playwright_instance: Any, base_url: str) -> dict[str, Any]:
    """An open survey of the stack (the demo survey where there is one)."""
    api = playwright_instance.request.new_context(base_url=base_url)
    try:
        surveys = api.get("/api/public/surveys").json()["surveys"]
    finally:
        api.dispose()
    if not surveys:
        pytest.skip("no open survey on this stack")
    return next((s for s in surveys if s["id"] == "buergerservice"), surveys[0])


def view_ready(page: Any) -> None:
    page.wait_for_selector("main h1", timeout=15_000)
    page.wait_for_function("() => !document.getElementById('main').hasAttribute('aria-busy')", timeout=15_000)


def install_worker(page: Any) -> None:
    """Wait until the service worker is active (its precache complete) and controls the page."""
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("() => Boolean(navigator.serviceWorker.controller)")


def town_data_kept(page: Any) -> bool:
    kept: bool = page.evaluate("() => caches.match('/api/town').then((kept) => Boolean(kept))")
    return kept


def header_town(page: Any) -> str:
    text: str = page.locator(".site-header [data-town-name]").inner_text(timeout=5_000)
    return text


def route_patterns() -> list[str]:
    return re.findall(r"\{ path: '([^']+)'", ROUTES_JS.read_text(encoding="utf-8"))


def citizen_pages(survey_id: str) -> dict[str, str]:
    """Every citizen route with a concrete address; the value names what the page must show."""
    return {
        "/": "home",
        "/termin": "booking offline",
        "/termin/meine": "my appointments",
        "/termin/verwalten?token=unknown-token": "needs the network",
        "/termin/bestaetigen?token=unknown-token": "needs the network",
        "/umfrage": "survey list",
        f"/umfrage/{survey_id}": "survey",
        f"/umfrage/{survey_id}/ergebnisse": "needs the network",
        f"/umfrage/{survey_id}/gewinner": "needs the network",
        "/wartemarke": "Wartemarke ziehen",
        "/dokumente": "Dokumentenstatus",
        "/kontakt": "Kontakt",
        "/impressum": "Impressum",
        "/datenschutz": "Datenschutzerklärung",
        "/barrierefreiheit": "Erklärung zur Barrierefreiheit",
    }


def test_every_route_of_the_app_is_reloaded_offline_below() -> None:
    """A new route in routes.js needs its line in citizen_pages()."""
    covered = citizen_pages("x")
    for pattern in route_patterns():
        prefix = pattern.rstrip("*").rstrip("/") or "/"
        assert any(path.split("?")[0] == prefix or path.startswith(prefix + "/") for path in covered), pattern


def check_page(page: Any, path: str, expected: str, town: dict[str, Any], survey: dict[str, Any]) -> None:
    heading = page.locator("main h1")
    main = page.locator("main")
    assert page.locator(".site-header [data-town-name]").count(), f"{path}: {page.locator('main').inner_text()}"
    assert header_town(page) == town["name"], f"town name missing in the header of {path}"
    expect(main).not_to_contain_text(FAILED)
    if expected == "home":
        expect(heading).to_have_text(HOME)
        assert page.locator(".tile").count() >= 4
    elif expected == "booking offline":
        expect(heading).to_have_text("Termin buchen")
        expect(main).to_contain_text(BOOKING_OFFLINE)
        expect(main.locator("a[href='/termin/meine']").first).to_be_visible()
        expect(main.locator("a[href^='tel:']").first).to_be_visible()
    elif expected == "my appointments":
        expect(heading).to_have_text("Meine Termine")
        expect(main).to_contain_text("Termine, die Sie auf diesem Gerät gebucht haben.")
    elif expected == "survey":
        expect(heading).to_have_text(survey["title"]["de"])
        expect(page.get_by_role("button", name="Weiter")).to_be_visible()
    elif expected == "survey list":  # the one open survey itself, or the list of them
        expect(main).to_contain_text(survey["title"]["de"])
    elif expected == "needs the network":
        expect(heading).to_have_text(OFFLINE_TITLE)
        expect(main).to_contain_text(WORKS_OFFLINE)
        expect(main.locator("a[href='/termin/meine']")).to_be_visible()
        expect(page.get_by_role("button", name="Erneut versuchen")).to_be_visible()
    else:
        expect(heading).to_have_text(expected)


def test_every_citizen_route_reloads_offline_with_its_own_content(
    page: Any, town: dict[str, Any], survey: dict[str, Any]
) -> None:
    pages = citizen_pages(survey["id"])
    page.goto("/")
    view_ready(page)
    install_worker(page)
    for path in pages:  # one visit online each
        page.goto(path)
        view_ready(page)

    page.context.set_offline(True)
    try:
        for path, expected in pages.items():
            page.goto(path)
            view_ready(page)
            page.reload()
            view_ready(page)
            check_page(page, path, expected, town, survey)
            if expected in ("booking offline", "needs the network"):
                assert_axe_clean(page)
    finally:
        page.context.set_offline(False)


def test_one_visit_is_enough_to_start_offline(page: Any, town: dict[str, Any], survey: dict[str, Any]) -> None:
    """The first visit's own requests went out before the worker was there: it keeps the town data itself."""
    page.goto("/")
    view_ready(page)
    install_worker(page)
    assert town_data_kept(page), "the installed worker did not keep the town data"
    page.context.set_offline(True)
    try:
        page.reload()
        view_ready(page)
        check_page(page, "/", "home", town, survey)
        page.goto("/termin/meine")
        view_ready(page)
        check_page(page, "/termin/meine", "my appointments", town, survey)
        page.get_by_role("link", name="Termin buchen", exact=True).last.click()
        page.wait_for_url("**/termin")
        view_ready(page)
        check_page(page, "/termin", "booking offline", town, survey)
    finally:
        page.context.set_offline(False)


def test_booking_offline_page_continues_when_back_online(page: Any) -> None:
    page.goto("/")
    view_ready(page)
    install_worker(page)
    page.context.set_offline(True)
    page.goto("/termin")
    view_ready(page)
    expect(page.locator("main")).to_contain_text(BOOKING_OFFLINE)
    page.context.set_offline(False)
    page.get_by_role("button", name="Erneut versuchen").click()
    expect(page.locator("main")).not_to_contain_text(BOOKING_OFFLINE)
    expect(page.locator(".steps")).to_be_visible()


def answer_to_the_end(page: Any) -> None:
    """The first choice of every step (texts left empty), up to the send button."""
    for _ in range(30):
        first = page.locator("main .sv-q:not([hidden]) input")
        if first.count():
            first.first.check()
        if page.get_by_role("button", name="Antworten absenden").count():
            return
        count = page.locator(".sv-count").inner_text()
        page.get_by_role("button", name="Weiter").click()
        expect(page.locator(".sv-count")).not_to_have_text(count)
    pytest.fail("the survey did not reach its send button")


def test_a_survey_answer_saved_offline_keeps_its_notice_on_reload(
    page: Any, town: dict[str, Any], survey: dict[str, Any]
) -> None:
    path = f"/umfrage/{survey['id']}"
    page.goto(path)  # the first visit: answered at once
    view_ready(page)
    install_worker(page)
    answer_to_the_end(page)

    page.context.set_offline(True)
    try:
        page.get_by_role("button", name="Antworten absenden").click()
        expect(page.locator("main")).to_contain_text(SAVED)
        page.reload()
        view_ready(page)
        expect(page.locator("main")).to_contain_text(SAVED)
        assert header_town(page) == town["name"]
        page.goto("/")
        view_ready(page)
        page.goto(path)
        view_ready(page)
        expect(page.locator("main")).to_contain_text(SAVED)
    finally:
        page.context.set_offline(False)

    page.reload()  # online again: the waiting answer goes out when the page opens
    expect(page.locator("main h1")).to_have_text(THANKS)
