"""Citizen appointment booking in headless Chromium at 360 px: the five steps, the confirmation
e-mail (read from the local outbox), the .ics file, cancel from the link, the keyboard calendar,
a time taken meanwhile, "my appointments" on the device and Web Push.

Every booking attempt counts against the per-client rate limit of the shared local stack
(10 per hour, all browser tests come from one address): these tests make five.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from tests.browser.axe import assert_axe_clean
from tests.browser.conftest import stack_context
from tests.browser.push_support import PushChannel
from tests.conftest import LiveStack

pytestmark = pytest.mark.browser

BERLIN = ZoneInfo("Europe/Berlin")
SUBMIT = "Termin verbindlich buchen"


# --- helpers ---------------------------------------------------------------------------------


def wait_for_view(page: Any) -> None:
    page.wait_for_selector("main h1")
    page.wait_for_function("!document.getElementById('main').hasAttribute('aria-busy')")


def wait_for_step(page: Any, title: str) -> None:
    """A wizard step is on screen, loaded, and its heading has the focus."""
    page.wait_for_function(
        "title => { const h = document.querySelector('#step-title');"
        " return h && h.textContent.endsWith(title) && document.activeElement === h"
        " && !document.querySelector('[aria-busy]'); }",
        arg=title,
    )


def unique_email(tag: str) -> str:
    return f"{tag}-{secrets.token_hex(4)}@example.org"


def to_details(page: Any, services: list[str], office: str, *, check: bool = False) -> str:
    """Steps 1-4 with the mouse: the first free day and its first free time; returns that start."""
    page.goto("/termin")
    wait_for_view(page)
    for name in services:
        page.get_by_label(name).check()
    if check:
        assert_axe_clean(page)
    page.get_by_role("button", name="Weiter").click()
    wait_for_step(page, "Bürgerbüro wählen")
    page.get_by_label(office).check()
    if check:
        assert_axe_clean(page)
    page.get_by_role("button", name="Weiter").click()
    wait_for_step(page, "Tag wählen")
    page.wait_for_selector(".cal-grid")
    if check:
        assert_axe_clean(page)
    page.locator("button.cal-free").first.click()
    wait_for_step(page, "Uhrzeit wählen")
    if check:
        assert_axe_clean(page)
    first = page.locator("input[name=start]").first
    start: str = first.get_attribute("value")
    first.check()
    page.get_by_role("button", name="Weiter").click()
    wait_for_step(page, "Ihre Angaben")
    return start


def fill_details(page: Any, email: str) -> None:
    page.get_by_label("Vor- und Nachname").fill("Erika Mustermann")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Telefon (freiwillig)").fill("02154 12345")
    page.get_by_label("Ich stimme zu", exact=False).check()


def slots_of(request: Any, office: str, services: str, start: str) -> list[str]:
    res = request.get(f"/api/booking/slots?office={office}&services={services}&date={start[:10]}")
    assert res.ok, res.text()
    return [s["start"] for s in res.json()["slots"]]


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.fixture(scope="module")
def admin_request(browser: Any, base_url: str, admin_credentials: tuple[str, str]) -> Iterator[Any]:
    """An API client signed in as the admin, for the local outbox."""
    ctx = browser.new_context(base_url=base_url)
    res = ctx.request.post("/api/auth/login", data={"username": admin_credentials[0], "password": admin_credentials[1]})
    assert res.ok, res.text()
    yield ctx.request
    ctx.close()


def mail_to(admin_request: Any, address: str) -> dict[str, Any]:
    for _ in range(50):
        res = admin_request.get("/api/admin/outbox")
        assert res.ok, res.text()
        found = [m for m in res.json()["messages"] if address in m["to"]]
        if found:
            return found[0]  # newest first
        time.sleep(0.1)
    raise AssertionError(f"no e-mail to {address} in the outbox")


def link_path(text: str, path: str) -> str:
    match = re.search(rf"https?://[^\s/]+({re.escape(path)}\?token=[^\s]+)", text)
    assert match, f"no {path} link in: {text}"
    return match.group(1)


# --- the whole journey -----------------------------------------------------------------------


def test_book_confirm_calendar_file_and_cancel_from_the_links(page: Any, admin_request: Any) -> None:
    page.goto("/termin")
    wait_for_view(page)
    assert page.locator("main h1").inner_text() == "Termin buchen"

    # Step 1: two services; the duration adds up and the checklist shows before booking.
    page.get_by_label("Personalausweis beantragen").check()
    page.get_by_label("Wohnsitz an- oder ummelden").check()
    assert "35 Minuten" in page.locator(".total").inner_text()
    bring = page.get_by_role("region", name="Bitte mitbringen")
    assert "Wohnungsgeberbestätigung" in bring.inner_text()
    assert "biometrisches Passfoto" in bring.inner_text()
    # A pickup cannot be mixed with other services: said before the API would refuse it.
    page.get_by_label("Ausweis oder Pass abholen").check()
    page.get_by_role("button", name="Weiter").click()
    assert "getrennt gebucht" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Ausweis oder Pass abholen").get_attribute("aria-invalid") is not None
    page.get_by_label("Ausweis oder Pass abholen").uncheck()
    assert_axe_clean(page)

    # Step 2: only offices offering both services, with address and hours (Anrath has one counter).
    page.get_by_role("button", name="Weiter").click()
    wait_for_step(page, "Bürgerbüro wählen")
    assert page.get_by_text("Kirchplatz 3, 47877 Willich-Anrath").is_visible()
    page.get_by_label("Stadtteilbüro Anrath").check()
    assert_axe_clean(page)
    page.get_by_role("button", name="Weiter").click()

    # Step 3: the month calendar from one availability request.
    wait_for_step(page, "Tag wählen")
    page.wait_for_selector("button.cal-free")
    label = page.locator("button.cal-free").first.get_attribute("aria-label")
    assert re.fullmatch(r"\w+, \d+\. \w+ \d{4}, \d+ freie Zeiten?", label), label
    closed = page.locator("button.cal-closed").first.get_attribute("aria-label")
    assert "geschlossen" in closed or "nicht mehr buchbar" in closed
    assert page.locator("button.cal-closed").first.get_attribute("aria-disabled") == "true"
    assert_axe_clean(page)
    page.locator("button.cal-free").first.click()

    # Step 4: free times grouped by morning and afternoon.
    wait_for_step(page, "Uhrzeit wählen")
    assert page.get_by_role("group", name="Vormittag").is_visible()
    choice = page.locator("input[name=start]").last
    start = choice.get_attribute("value")
    choice.check()
    assert_axe_clean(page)
    page.get_by_role("button", name="Weiter").click()

    # Step 5: details; errors at their fields, then a booking with one Idempotency-Key.
    wait_for_step(page, "Ihre Angaben")
    page.get_by_role("button", name=SUBMIT).click()
    page.locator(".error-summary").wait_for()
    name_field = page.get_by_label("Vor- und Nachname")
    assert name_field.get_attribute("aria-invalid") == "true"
    assert "-error" in name_field.get_attribute("aria-describedby")
    assert page.get_by_label("Ich stimme zu", exact=False).get_attribute("aria-invalid") == "true"
    assert_axe_clean(page)
    email = unique_email("journey")
    fill_details(page, email)
    posts: list[Any] = []
    page.on(
        "request", lambda r: posts.append(r) if r.method == "POST" and r.url.endswith("/api/booking/bookings") else None
    )
    page.get_by_role("button", name=SUBMIT).dblclick()

    # Confirmation page: code, QR code, time in Europe/Berlin, place, checklist, .ics, e-mail notice.
    page.wait_for_function("document.querySelector('main h1')?.textContent === 'Ihr Termin ist reserviert'")
    assert len(posts) == 1, "a double click must send one booking request"
    key = posts[0].headers["idempotency-key"]
    assert re.fullmatch(r"[0-9a-f-]{36}", key)
    code = page.locator(".code").first.inner_text()
    assert re.fullmatch(r"[3-9FKRUX]{4}-[3-9FKRUX]{4}", code)
    main = page.locator("main").inner_text()
    local = datetime.fromisoformat(start).astimezone(BERLIN)
    assert f"{local:%H:%M} Uhr" in main
    assert "Kirchplatz 3" in main and "Bitte mitbringen" in main
    assert email in main and "30 Minuten" in main
    qr = page.get_by_role("img", name=re.compile(f"QR-Code.*{code}"))
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    token = parse_qs(urlsplit(page.url).query)["token"][0]  # a reload shows this booking
    assert page.get_by_role("link", name=re.compile(r"\.ics")).get_attribute("href").endswith(token)
    assert_axe_clean(page)

    # "My appointments": only code, token, time and office are stored on the device.
    stored = json.loads(page.evaluate("localStorage.getItem('booking.mine')"))
    assert stored == [{"code": code, "token": token, "date": start, "office": "Stadtteilbüro Anrath"}]
    assert "Mustermann" not in json.dumps(stored) and email not in json.dumps(stored)
    page.get_by_role("link", name="Meine Termine").first.click()
    wait_for_view(page)
    assert page.locator("main h1").inner_text() == "Meine Termine"
    assert code in page.locator(".mine").inner_text()
    assert_axe_clean(page)

    # The e-mail: confirm link, manage link; confirming shows the booking.
    mail = mail_to(admin_request, email)
    assert code in mail["subject"]
    confirm = link_path(mail["text"], "/termin/bestaetigen")
    manage = link_path(mail["text"], "/termin/verwalten")
    page.goto(confirm)
    wait_for_view(page)
    assert page.locator("main h1").inner_text() == "Ihr Termin ist bestätigt"
    assert code in page.locator("main").inner_text()
    assert_axe_clean(page)

    # The calendar file: DTSTART in Europe/Berlin is the booked time; the manage link is in it.
    import icalendar

    res = page.context.request.get(f"/api/booking/ics?token={token}")
    assert res.ok and res.headers["content-type"].startswith("text/calendar")
    event = next(iter(icalendar.Calendar.from_ical(res.body()).walk("VEVENT")))
    dtstart = event.decoded("dtstart")
    assert str(dtstart.tzinfo) == "Europe/Berlin" or event["dtstart"].params.get("TZID") == "Europe/Berlin"
    assert dtstart == datetime.fromisoformat(start)
    assert dtstart.astimezone(BERLIN).hour == local.hour
    # Its manage link (a token of its own) opens this very booking.
    ics_manage = str(event.get("url"))
    assert ics_manage in str(event.get("description"))
    ics_token = parse_qs(urlsplit(ics_manage).query)["token"][0]
    assert page.context.request.get(f"/api/booking/manage?token={ics_token}").json()["booking"]["code"] == code

    # The manage link: move the appointment through the same calendar and times (one call).
    offered = slots_of(page.context.request, "anrath", "personalausweis,ummeldung", start)
    assert start not in offered
    page.goto(manage)
    wait_for_view(page)
    assert page.locator("main h1").inner_text() == "Ihr Termin"
    assert "bestätigt" in page.locator(".status").inner_text()
    assert_axe_clean(page)
    page.get_by_role("button", name="Termin verschieben").click()
    page.wait_for_function("document.activeElement?.textContent === 'Neuen Termin wählen'")
    page.locator("button.cal-free").first.click()
    page.wait_for_function("document.activeElement?.textContent === 'Uhrzeit wählen'")
    page.wait_for_selector("input[name=new-start]")
    moved = page.locator("input[name=new-start]").first
    new_start = moved.get_attribute("value")
    assert new_start != start
    moved.check()
    assert_axe_clean(page)
    page.get_by_role("button", name="Auf diese Zeit verschieben").click()
    page.get_by_role("status").filter(has_text="verschoben").wait_for()
    new_local = datetime.fromisoformat(new_start).astimezone(BERLIN)
    assert f"{new_local:%H:%M} Uhr" in page.locator(".when").first.inner_text()
    assert start in slots_of(page.context.request, "anrath", "personalausweis,ummeldung", start)
    assert new_start not in slots_of(page.context.request, "anrath", "personalausweis,ummeldung", new_start)
    assert json.loads(page.evaluate("localStorage.getItem('booking.mine')"))[0]["date"] == new_start

    # "Tell me if something earlier frees up", for this booking.
    page.get_by_role("button", name="Mich benachrichtigen, wenn ein früherer Termin frei wird").click()
    page.get_by_text("Sie stehen auf der Liste", exact=False).wait_for()

    # Cancel (with a confirmation step); the time is free again at once.
    page.get_by_role("button", name="Termin absagen").click()
    page.wait_for_function("document.activeElement?.textContent === 'Termin wirklich absagen?'")
    assert_axe_clean(page)
    page.get_by_role("button", name="Ja, Termin absagen").click()
    page.get_by_role("status").filter(has_text="abgesagt").wait_for()
    assert "abgesagt" in page.locator(".status").inner_text()
    assert page.get_by_role("button", name="Termin absagen").count() == 0
    assert new_start in slots_of(page.context.request, "anrath", "personalausweis,ummeldung", new_start)
    assert page.evaluate("localStorage.getItem('booking.mine')") is None
    assert_axe_clean(page)


def test_calendar_works_with_the_keyboard_alone(page: Any) -> None:
    walk_to_the_details_with_the_keyboard(page)


def walk_to_the_details_with_the_keyboard(page: Any) -> None:
    """Steps 1-4 with the keyboard alone, checking the calendar's keys on the way."""
    page.goto("/termin")
    wait_for_view(page)
    page.get_by_label("Führungszeugnis beantragen").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # submits the step
    wait_for_step(page, "Bürgerbüro wählen")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first office
    page.keyboard.press("Enter")
    wait_for_step(page, "Tag wählen")
    page.wait_for_selector(".cal-grid")

    # Tab reaches exactly one day of the grid.
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.dataset.date"):
            break
    day = page.evaluate("document.activeElement.dataset.date")
    assert day, "Tab did not reach the calendar"
    assert page.locator(".cal-grid button[tabindex='0']").count() == 1
    active = "document.activeElement.dataset.date"

    def shifted(days: int) -> str:
        return str(
            page.evaluate(
                f"(() => {{ const d = new Date('{day}T00:00:00Z');"
                f" d.setUTCDate(d.getUTCDate() + {days}); return d.toISOString().slice(0, 10); }})()"
            )
        )

    def focus_moves_to(expected: str) -> None:
        # A step across the month's end renders the next month first: wait for the focus to land.
        page.wait_for_function("day => document.activeElement.dataset.date === day", arg=expected)

    # Arrow keys move by day and week; the focused day's text is shown for everyone.
    page.keyboard.press("ArrowDown")
    focus_moves_to(shifted(7))
    page.keyboard.press("ArrowUp")
    focus_moves_to(day)
    page.keyboard.press("ArrowRight")
    focus_moves_to(shifted(1))
    page.keyboard.press("ArrowLeft")
    focus_moves_to(day)
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert page.locator(".cal-status").inner_text() == label

    # Page Down shows the next month with the focus on the same day number.
    page.keyboard.press("PageDown")
    page.wait_for_function(f"document.activeElement.dataset.date?.slice(0, 7) > '{day[:7]}'")
    page.keyboard.press("PageUp")
    page.wait_for_function(f"document.activeElement.dataset.date === '{day}'")

    # Walk to a day with free time; Enter picks it and the time step takes the focus.
    for _ in range(40):
        if page.evaluate("document.activeElement.classList.contains('cal-free')"):
            break
        page.keyboard.press("ArrowRight")
        page.wait_for_function("!!document.activeElement.dataset.date")
    picked = page.evaluate(active)
    assert page.evaluate("document.activeElement.classList.contains('cal-free')")
    page.keyboard.press("Enter")
    wait_for_step(page, "Uhrzeit wählen")
    assert (
        page.locator("fieldset.times > legend")
        .inner_text()
        .endswith(
            page.evaluate(
                f"new Intl.DateTimeFormat('de-DE', {{ year: 'numeric', timeZone: 'UTC' }})"
                f".format(new Date('{picked}T12:00:00Z'))"
            )
        )
    )

    # Times: Tab into the radio group, Space picks, Enter goes on.
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.name") == "start"
    assert page.evaluate("document.activeElement.checked")
    page.keyboard.press("Enter")
    wait_for_step(page, "Ihre Angaben")


def test_a_time_taken_meanwhile_offers_the_next_free_times(page: Any) -> None:
    start = to_details(page, ["Wohnsitz an- oder ummelden"], "Stadtteilbüro Anrath")
    fill_details(page, unique_email("late"))

    # Someone else (another browser) books the same time first; Anrath has one counter.
    res = page.context.request.post(
        "/api/booking/bookings",
        data={
            "office": "anrath",
            "services": ["ummeldung"],
            "start": start,
            "name": "Schneller Mensch",
            "email": unique_email("quick"),
            "consent": True,
        },
        headers={"Idempotency-Key": f"test-{secrets.token_hex(8)}"},
    )
    assert res.status == 201, res.text()

    page.get_by_role("button", name=SUBMIT).click()
    alert = page.get_by_role("alert").filter(has_text="gerade vergeben")
    alert.wait_for()
    offers = alert.get_by_role("button", name=re.compile(r"buchen$"))
    offers.first.wait_for()
    assert 1 <= offers.count() <= 3
    assert_axe_clean(page)
    taken = datetime.fromisoformat(start).astimezone(BERLIN)
    first = offers.first.inner_text()
    assert f"{taken:%H:%M} Uhr" not in first

    offers.first.click()  # one tap books the alternative with the same details
    page.wait_for_function("document.querySelector('main h1')?.textContent === 'Ihr Termin ist reserviert'")
    assert first.removesuffix(" buchen").split(", ")[-1] in page.locator(".when").first.inner_text()


def test_push_reminder_subscription_and_notification(browser: Any, base_url: str, live_stack: LiveStack) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    fake = {
        "endpoint": f"https://push.example.net/send/{secrets.token_hex(8)}",
        "expirationTime": None,
        "keys": {
            "p256dh": b64url(key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)),
            "auth": b64url(os.urandom(16)),
        },
    }
    context = stack_context(browser, live_stack)
    try:
        context.grant_permissions(["notifications"], origin=base_url)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.add_init_script(
            "(() => { const sub = " + json.dumps(fake) + ";"
            " PushManager.prototype.getSubscription = async () => null;"
            " PushManager.prototype.subscribe = async function (options) {"
            "   window.__subscribeOptions = { userVisibleOnly: options.userVisibleOnly,"
            "     keyLength: options.applicationServerKey.byteLength };"
            "   return { ...sub, toJSON: () => sub }; }; })();"
        )
        to_details(page, ["Führungszeugnis beantragen"], "Stadtteilbüro Willich")
        fill_details(page, unique_email("push"))
        page.get_by_label("Erinnerung per Push-Mitteilung", exact=False).check()
        page.get_by_role("status").filter(has_text="eingeschaltet").wait_for()
        assert page.evaluate("window.__subscribeOptions") == {"userVisibleOnly": True, "keyLength": 65}
        with page.expect_request(lambda r: r.method == "POST" and r.url.endswith("/api/booking/bookings")) as sent:
            page.get_by_role("button", name=SUBMIT).click()
        assert sent.value.post_data_json["push_subscription"] == fake
        page.wait_for_function("document.querySelector('main h1')?.textContent === 'Ihr Termin ist reserviert'")
        assert "per Push-Mitteilung" in page.locator("main").inner_text()
        token = parse_qs(urlsplit(page.url).query)["token"][0]
        assert context.request.get(f"/api/booking/manage?token={token}").json()["booking"]["push"] is True

        # The service worker shows a pushed reminder as a notification.
        payload = {
            "title": "Terminerinnerung",
            "body": "Morgen, 9:00 Uhr",
            "url": "/termin/meine",
            "tag": "booking-test",
            "lang": "de",
        }
        shown = PushChannel(context, page, base_url).deliver_until_shown(payload)
        assert shown == [
            {"title": "Terminerinnerung", "body": "Morgen, 9:00 Uhr", "tag": "booking-test", "url": "/termin/meine"}
        ]

        # The worker knows which bookings to re-subscribe when the browser renews the subscription.
        kept = page.evaluate(
            "caches.open('push-bookings').then(c => c.match('/push-bookings.json')).then(r => r.json())"
        )
        assert [entry["token"] for entry in kept] == [token]

        # On the manage page the reminder goes back to e-mail and then to push again.
        page.goto(f"/termin/verwalten?token={token}")
        wait_for_view(page)
        with page.expect_request(lambda r: r.method == "PUT" and r.url.endswith("/api/booking/push")) as put:
            page.get_by_role("button", name="Push-Erinnerung ausschalten").click()
        assert put.value.post_data_json == {"token": token, "subscription": None}
        page.get_by_text("Wir erinnern Sie per E-Mail", exact=False).first.wait_for()
        with page.expect_request(lambda r: r.method == "PUT" and r.url.endswith("/api/booking/push")) as put:
            page.get_by_role("button", name="Stattdessen per Push erinnern").click()
        assert put.value.post_data_json == {"token": token, "subscription": fake}
        page.get_by_role("button", name="Push-Erinnerung ausschalten").wait_for()
        assert context.request.get(f"/api/booking/manage?token={token}").json()["booking"]["push"] is True
        assert not errors, errors
    finally:
        context.close()
