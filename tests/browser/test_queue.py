"""Walk-in tickets in a real browser (360 px, CSP enforced, axe clean): a citizen takes a ticket, a
clerk calls it, and within seconds the ticket page and the call display show it; the push reaches
the service worker; the display and the ticket page survive going offline."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_axe_clean
from tests.browser.conftest import stack_context
from tests.browser.push_support import fake_subscription, push_through_worker
from tests.conftest import LiveStack

OFFICE = "willich"  # the demo opens a walk-in morning here today, whatever the hour
TAKE = "Wartemarke ziehen: Ausweis und Pass"


@pytest.fixture
def display(browser: Any, live_stack: LiveStack) -> Iterator[Any]:
    """The waiting room's screen, in a context of its own (a wall screen is no phone)."""
    ctx = stack_context(browser, live_stack, viewport={"width": 1280, "height": 720})
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(f"/console/queue/display.html?office={OFFICE}")
    expect(page.locator("#office")).to_contain_text("Stadtteilbüro Willich")
    yield page
    ctx.close()
    assert not errors, errors


def call(admin_request: Any, number: str, counter: str = "2") -> None:
    res = admin_request.post(
        f"/api/office/queue/{OFFICE}/call", data={"counter": counter, "ticket": number.replace(" ", "")}
    )
    assert res.ok, res.text()
    assert res.json()["called"]["number"] == number


@contextmanager
def a_phone_and_a_counter(
    browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str], counter: str
) -> Iterator[tuple[Any, str, Any]]:
    """A phone on the page of the ticket (category A) it just took, the ticket's number, and the
    counter console signed in at the demo office and the given counter."""
    from tests.browser.console_support import sign_in_admin

    citizen = stack_context(browser, live_stack)
    clerk = stack_context(browser, live_stack, viewport={"width": 1280, "height": 900})
    try:
        phone = citizen.new_page()
        phone.goto("/wartemarke")
        phone.get_by_role("button", name=TAKE).click()
        phone.wait_for_url("**/wartemarke/ticket")
        page = clerk.new_page()
        sign_in_admin(page, admin_credentials)
        page.goto("/console/warteschlange")
        page.get_by_label("Bürgerbüro").select_option(OFFICE)
        page.get_by_label("Mein Schalter").select_option(counter)
        yield phone, phone.locator(".queue-number").inner_text(), page
    finally:
        citizen.close()
        clerk.close()


def test_a_citizen_takes_a_ticket_the_clerk_calls_it_and_the_page_and_the_display_show_it(
    page: Any, display: Any, admin_request: Any
) -> None:
    page.goto("/wartemarke")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wartemarke ziehen")
    expect(page.get_by_text("Wartemarken heute")).to_be_visible()
    assert_axe_clean(page)
    page.get_by_role("button", name=TAKE).click()
    page.wait_for_url("**/wartemarke/ticket")
    number = page.locator(".queue-number").inner_text()
    assert number.startswith("A ")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ihre Wartemarke {number}")
    expect(page.get_by_role("status").first).to_contain_text("vor Ihnen")
    assert_axe_clean(page)
    # Reopening the app shows the same ticket.
    page.goto("/wartemarke")
    page.get_by_role("link", name=f"Ihre Wartemarke {number} ansehen").click()
    expect(page.locator(".queue-number")).to_have_text(number)

    call(admin_request, number, "2")
    expect(page.locator(".queue-status-main")).to_have_text("Sie sind dran: Bitte zu Schalter 2.", timeout=15_000)
    newest = display.locator("#calls tr.newest td")
    expect(newest.first).to_have_text(number, timeout=15_000)
    expect(newest.nth(1)).to_have_text("2")
    expect(display.locator("#announce")).to_have_text(f"Nummer {number} bitte zu Schalter 2")
    expect(display.locator("thead")).to_contain_text("Nummer / Number")
    expect(display.locator("thead [lang=en]").first).to_have_text("Number")
    assert_axe_clean(display)

    # "Ich komme nicht" is refused once called and done; a fresh ticket can be given back.
    admin_request.post(f"/api/office/queue/{OFFICE}/tickets/{number.replace(' ', '')}/done", data={})
    expect(page.locator(".queue-status-main")).to_have_text("Erledigt. Vielen Dank für Ihren Besuch!", timeout=15_000)


def test_the_push_for_ones_own_ticket_arrives_through_the_service_worker(
    browser: Any, base_url: str, live_stack: LiveStack
) -> None:
    fake = fake_subscription()
    context = stack_context(browser, live_stack)
    try:
        context.grant_permissions(["notifications"], origin=base_url)
        page = context.new_page()
        page.add_init_script(
            "(() => { const sub = " + json.dumps(fake) + ";"
            " PushManager.prototype.getSubscription = async () => null;"
            " PushManager.prototype.subscribe = async function () { return { ...sub, toJSON: () => sub }; }; })();"
        )
        page.goto("/wartemarke")
        page.get_by_role("button", name=TAKE).click()
        page.wait_for_url("**/wartemarke/ticket")
        number = page.locator(".queue-number").inner_text()
        with page.expect_request(lambda r: r.method == "PUT" and r.url.endswith("/api/queue/ticket/push")) as sent:
            page.get_by_role("button", name="Benachrichtigen, wenn ich dran bin").click()
        assert sent.value.post_data_json["subscription"] == fake
        expect(page.get_by_text("Benachrichtigungen sind eingeschaltet.")).to_be_visible()
        payload = {
            "title": f"Nummer {number}: Sie sind dran",
            "body": "Bitte zu Schalter 2.",
            "url": "/wartemarke/ticket",
            "tag": f"queue-{number.replace(' ', '')}",
            "lang": "de",
        }
        shown = push_through_worker(context, page, base_url, payload)
        assert shown == [
            {
                "title": payload["title"],
                "body": "Bitte zu Schalter 2.",
                "tag": payload["tag"],
                "url": "/wartemarke/ticket",
            }
        ]
    finally:
        context.close()


def test_the_display_and_the_ticket_survive_going_offline_and_back(
    browser: Any, live_stack: LiveStack, display: Any, admin_request: Any
) -> None:
    context = stack_context(browser, live_stack)
    try:
        page = context.new_page()
        page.goto("/wartemarke")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.get_by_role("button", name=TAKE).click()
        page.wait_for_url("**/wartemarke/ticket")
        number = page.locator(".queue-number").inner_text()
        page.wait_for_function("() => caches.keys().then((k) => k.some((n) => n.includes('shell')))")

        display.context.set_offline(True)
        context.set_offline(True)
        expect(display.locator("#offline")).to_be_visible(timeout=15_000)
        call(admin_request, number, "3")  # meanwhile, at the counter
        page.reload()
        expect(page.locator(".queue-number")).to_have_text(number)
        expect(page.get_by_role("alert")).to_contain_text("Keine Verbindung")

        display.context.set_offline(False)
        context.set_offline(False)
        expect(display.locator("#offline")).to_be_hidden(timeout=15_000)
        expect(display.locator("#calls tr.newest td").first).to_have_text(number, timeout=15_000)
        expect(page.locator(".queue-status-main")).to_have_text("Sie sind dran: Bitte zu Schalter 3.", timeout=15_000)
    finally:
        context.close()


def test_the_clerk_calls_from_the_counter_console_and_issues_a_ticket_for_a_visitor(
    browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str]
) -> None:
    with a_phone_and_a_counter(browser, live_stack, admin_credentials, "2") as (phone, number, page):
        expect(page.get_by_role("heading", name="Schalter 2")).to_be_visible()
        assert_axe_clean(page)
        page.get_by_role("button", name=f"Nummer {number} aufrufen").click()
        expect(page.get_by_role("status").first).to_contain_text(f"Nummer {number} ist zu Schalter 2 aufgerufen.")
        expect(page.locator(".queue-now")).to_have_text(number)
        # The counter card holds the number, the calls so far and the actions: no stray text.
        expect(page.locator(".queue-mine-counter .muted")).to_have_text("1. Aufruf von höchstens 3")
        expect(page.locator(".queue-mine-counter")).not_to_contain_text("null")
        expect(phone.locator(".queue-status-main")).to_have_text("Sie sind dran: Bitte zu Schalter 2.", timeout=15_000)

        page.get_by_role("button", name="Erledigt").click()
        expect(page.get_by_role("status").first).to_contain_text(f"Nummer {number} ist erledigt.")
        page.get_by_role("button", name="Wartemarke A ausgeben").click()
        expect(page.get_by_role("status").first).to_contain_text("Wartemarke A ")

        page.get_by_role("link", name="Statistik der offenen Sprechstunde").click()
        expect(page.locator("main h1")).to_contain_text("Statistik Stadtteilbüro Willich")
        expect(page.locator("main table")).to_contain_text("Bedient")
        assert_axe_clean(page)
        page.goto(f"/console/warteschlange/einstellungen?office={OFFICE}")
        expect(page.get_by_label("Dienstag")).to_have_value("08:00-12:30")
        page.get_by_label("Wartemarken pro Tag").fill("0")
        page.get_by_role("button", name="Speichern").click()
        expect(page.get_by_role("alert")).to_contain_text("Wartemarken pro Tag")
        assert_axe_clean(page)

        # This browser becomes the kiosk at the door: large buttons, a printed ticket with a QR code.
        page.goto("/console/warteschlange")
        page.get_by_label("Bürgerbüro").select_option(OFFICE)
        page.get_by_role("button", name="Dieses Gerät als Automat einrichten").click()
        page.wait_for_url("**/console/queue/kiosk.html?office=willich")
        page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
        page.get_by_role("button", name="A · Ausweis und Pass").click()
        expect(page.locator(".kiosk-number")).to_have_text(re.compile(r"^A \d+$"))
        assert page.evaluate("window.__printed") is True
        assert page.locator(".kiosk-ticket img").get_attribute("src").startswith("data:image/svg+xml")
        assert_axe_clean(page)


def forward_to_m(page: Any, phone: Any, number: str, choice: Any, button: str) -> None:
    """Forward to category M with the given list and button; the clerk and the phone both say so."""
    choice.select_option(label="Anliegen M · Meldewesen")
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(f"Nummer {number} ist weitergeleitet.")
    expect(page.locator(".queue-line")).to_contain_text(f"{number} weitergeleitet zu M")
    expect(phone.get_by_role("status").first).to_contain_text(
        f"Weitergeleitet zu: Meldewesen. Ihre Nummer bleibt {number}.", timeout=15_000
    )


def test_the_clerk_forwards_a_ticket_to_another_category_and_a_no_show_is_missed_at_the_recall_limit(
    browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str]
) -> None:
    with a_phone_and_a_counter(browser, live_stack, admin_credentials, "1") as (phone, number, page):
        page.get_by_role("button", name=f"Nummer {number} aufrufen").click()
        expect(page.locator(".queue-now")).to_have_text(number)
        # The citizen also needs a registration: on to category M, keeping the number.
        forward_to_m(page, phone, number, page.get_by_label("Weiterleiten an"), "Weiterleiten")
        expect(phone.locator(".queue-number")).to_have_text(number)
        assert_axe_clean(phone)

        # Called, and called again up to the limit of three: the next recall marks it missed.
        page.get_by_role("button", name=f"Nummer {number} aufrufen").click()
        expect(page.locator(".queue-now")).to_have_text(number)
        for _ in range(2):
            page.get_by_role("button", name="Erneut aufrufen").click()
            expect(page.get_by_role("status").first).to_contain_text(f"Nummer {number} ist erneut aufgerufen.")
        expect(page.get_by_text("Letzter Aufruf erreicht")).to_be_visible()
        assert_axe_clean(page)
        page.get_by_role("button", name="Erneut aufrufen").click()
        expect(page.get_by_role("status").first).to_contain_text(f"{number} nicht erschienen – als verpasst markiert.")
        expect(page.locator(".queue-now")).to_have_count(0)
        expect(phone.locator(".queue-status-main")).to_have_text(
            "Ihre Nummer wurde 3-mal aufgerufen, Sie waren nicht da. Die Wartemarke ist verfallen.", timeout=15_000
        )
        expect(phone.get_by_text("Dann melden Sie sich bitte am Empfang.")).to_be_visible()
        expect(phone.get_by_role("link", name="Termin buchen")).to_have_attribute("href", "/termin")
        assert_axe_clean(phone)


def test_a_ticket_parked_at_the_counter_is_forwarded_to_another_category_from_the_parked_list(
    browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str]
) -> None:
    with a_phone_and_a_counter(browser, live_stack, admin_credentials, "3") as (phone, number, page):
        page.get_by_role("button", name=f"Nummer {number} aufrufen").click()
        expect(page.locator(".queue-now")).to_have_text(number)
        page.get_by_role("button", name="Zurückstellen").click()
        expect(page.get_by_role("status").first).to_contain_text(f"Nummer {number}")
        # Back from fetching a document, the citizen needs another matter: on to M from the parked list.
        choice = page.get_by_label(f"Nummer {number} weiterleiten an")
        forward_to_m(page, phone, number, choice, f"Nummer {number} weiterleiten")
        expect(choice).to_have_count(0)  # no longer parked
        assert_axe_clean(page)


@pytest.mark.parametrize(
    ("lang", "heading", "link"),
    [
        ("de", "Offene Sprechstunde · Stadtteilbüro Willich", "Wartemarke ziehen"),
        ("en", "Walk-in hours", "Take a ticket"),
    ],
)
def test_the_live_waiting_page_speaks_the_language_it_is_asked_for(
    browser: Any, live_stack: LiveStack, lang: str, heading: str, link: str
) -> None:
    context = stack_context(browser, live_stack)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
        page.goto(f"/console/queue/live.html?office={OFFICE}&lang={lang}")
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Stadtteilbüro Willich")
        expect(page.get_by_role("link", name=link)).to_have_attribute("href", "/wartemarke")
        expect(page.locator(".live-figure")).to_be_visible()
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.title().startswith(heading.split(" · ")[0])
        assert_axe_clean(page)
        assert not errors, errors
    finally:
        context.close()
