"""Document orders in the browser: the console's receipt with its QR code, the citizen's page with
notices after a tap, the service worker's declarative notification and its click, the iPhone hint,
the last state offline, and the locker path at the simulated terminal."""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import uuid
from collections.abc import Iterator
from typing import Any

from playwright.sync_api import expect
from pyzbar import pyzbar

from tests.browser.axe import assert_axe_clean
from tests.browser.conftest import stack_context
from tests.browser.console_support import sign_in, sign_in_admin, wait_for_view
from tests.browser.push_support import PushChannel, fake_subscription
from tests.browser.test_booking_citizen import wait_for_step
from tests.conftest import LiveStack

IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.4 Mobile/15E148 Safari/604.1"
)


def staff_page(browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str]) -> tuple[Any, Any]:
    context = stack_context(browser, live_stack, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    sign_in_admin(page, admin_credentials)
    return context, page


def new_order(staff: Any, **fields: Any) -> str:
    body = {"type": "reisepass", "office": "willich", "pickup": "counter", "language": "de", **fields}
    res = staff.request.post("/api/office/documents/orders", data=body, headers={"Idempotency-Key": uuid.uuid4().hex})
    assert res.status == 201, res.text()
    return str(res.json()["order"]["reference"])


def staff_post(staff: Any, path: str, data: Any = None) -> Any:
    res = staff.request.post(path, data=data, headers={"X-Requested-With": "fetch"})
    assert res.ok, res.text()
    return res.json()


def ready_order(staff: Any, **fields: Any) -> str:
    ref = new_order(staff, **fields)
    staff_post(staff, f"/api/office/documents/orders/{ref}/ready")
    return ref


def compact(ref: str) -> str:
    return ref.replace("-", "")


def citizen_page(context: Any) -> Any:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    return page


@contextlib.contextmanager
def citizen_for_order(
    browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str], make: Any, type: str, **options: Any
) -> Iterator[tuple[str, Any]]:
    """An order the console just made (``make``: new_order or ready_order), then a citizen's context for it."""
    staff_context, staff = staff_page(browser, live_stack, admin_credentials)
    ref = make(staff, type=type)
    staff_context.close()
    context = stack_context(browser, live_stack, **options)
    try:
        yield ref, context
    finally:
        context.close()


def test_the_console_registers_an_order_and_prints_a_receipt_whose_qr_opens_the_order(
    browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str]
) -> None:
    context, page = staff_page(browser, live_stack, admin_credentials)
    try:
        page.goto("/console/dokumente")
        wait_for_view(page, "Auftrag erfassen")
        assert_axe_clean(page)
        page.get_by_label("Dokument", exact=True).select_option("reisepass")
        page.get_by_label("E-Mail-Adresse (freiwillig)").fill(f"pass-{secrets.token_hex(3)}@example.org")
        page.get_by_label("Am Abholterminal (rund um die Uhr)").check()
        page.get_by_label("Einwilligung zur Abholung am Terminal liegt vor").check()
        page.get_by_role("button", name="Erfassen und Abholschein drucken").click()
        wait_for_view(page, "Abholschein")
        ref = page.locator(".receipt-ref").inner_text()
        assert len(compact(ref)) == 28
        qr = page.get_by_role("img", name="QR-Code: öffnet den Stand des Auftrags in der App")
        page.wait_for_function("() => document.querySelector('.receipt-qr')?.naturalWidth > 0")
        [symbol] = pyzbar.decode(_grey(qr.screenshot()))
        assert symbol.data.decode().endswith(f":{live_stack.base_url.rsplit(':', 1)[1]}/dokumente/{compact(ref)}")
        assert "Den Code erhalten Sie, sobald das Dokument im Fach liegt" in page.locator(".receipt").inner_text()
        assert_axe_clean(page)
    finally:
        context.close()


def _grey(png_bytes: bytes) -> Any:
    import png

    width, height, rows, _ = png.Reader(bytes=png_bytes).asRGBA8()
    grey = bytearray()
    for row in rows:
        for i in range(0, len(row), 4):
            grey.append(round(0.299 * row[i] + 0.587 * row[i + 1] + 0.114 * row[i + 2]))
    return bytes(grey), width, height


def test_the_citizen_follows_an_order_and_is_notified_after_a_tap_then_the_worker_shows_the_push(
    browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str], base_url: str
) -> None:
    fake = fake_subscription()
    with citizen_for_order(browser, live_stack, admin_credentials, new_order, "reisepass") as (ref, context):
        context.grant_permissions(["notifications"], origin=base_url)
        page = citizen_page(context)
        page.add_init_script(
            "(() => { const sub = " + json.dumps(fake) + ";"
            " PushManager.prototype.getSubscription = async () => null;"
            " PushManager.prototype.subscribe = async function () { return { ...sub, toJSON: () => sub }; }; })();"
        )
        page.goto(f"/dokumente/{compact(ref).lower()}")
        wait_for_view(page, "Reisepass")
        expect(page.locator(".doc-state")).to_have_text("Beantragt")
        assert page.locator(".doc-steps [aria-current=step]").inner_text() == "Beantragt"
        assert "PIN-Brief oder Abholschein" in page.locator("main").inner_text()
        assert_axe_clean(page)
        with page.expect_request(lambda r: r.method == "PUT" and r.url.endswith(f"/{ref}/push")) as sent:
            page.get_by_role("button", name="Benachrichtigen, wenn fertig").click()
        assert sent.value.post_data_json == {"subscription": fake}
        page.get_by_text("Dieses Gerät wird benachrichtigt.").wait_for()
        assert context.request.get(f"/api/documents/orders/{ref}").json()["order"]["push"] is True

        # "Meine Dokumente" on this device
        page.goto("/dokumente")
        wait_for_view(page, "Dokumentenstatus")
        expect(page.locator(".doc-mine")).to_contain_text(ref)
        assert_axe_clean(page)

        # The worker shows the declarative payload; a later one with the same tag replaces it.
        channel = PushChannel(context, page, base_url)
        url = f"{base_url}/dokumente/{compact(ref)}"
        ready = {
            "web_push": 8030,
            "notification": {
                "title": "Reisepass liegt bereit",
                "body": "Ihr Reisepass liegt zur Abholung bereit.",
                "navigate": url,
                "lang": "de",
                "tag": "order-test",
            },
        }
        shown = channel.deliver_until_shown(ready)
        assert shown == [
            {"title": "Reisepass liegt bereit", "body": ready["notification"]["body"], "tag": "order-test", "url": url}
        ]
        done = {"web_push": 8030, "notification": {**ready["notification"], "body": "Abgeholt – danke!"}}
        shown = channel.deliver_until_shown(done, lambda found: bool(found) and found[0]["body"] == "Abgeholt – danke!")
        assert [n["body"] for n in shown] == ["Abgeholt – danke!"]

        # A click on the notification opens the order page.
        worker = context.service_workers[0]
        worker.evaluate(
            "self.registration.getNotifications().then(([n]) =>"
            " self.dispatchEvent(new NotificationEvent('notificationclick', { notification: n })))"
        )
        page.wait_for_url(f"**/dokumente/{compact(ref)}")
        wait_for_view(page, "Reisepass")
        assert not page.errors, page.errors


def test_an_iphone_outside_the_home_screen_gets_the_two_steps_instead_of_the_button(
    browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str]
) -> None:
    iphone = {"user_agent": IPHONE_SAFARI, "is_mobile": True, "has_touch": True}
    with citizen_for_order(browser, live_stack, admin_credentials, new_order, "personalausweis", **iphone) as (
        ref,
        context,
    ):
        page = citizen_page(context)
        page.goto(f"/dokumente/{compact(ref)}")
        wait_for_view(page, "Personalausweis")
        hint = page.locator(".ios-hint")
        expect(hint.get_by_role("heading")).to_have_text("Mitteilungen auf dem iPhone")
        steps = hint.locator("ol li")
        assert steps.count() == 2 and "Zum Home-Bildschirm" in steps.nth(1).inner_text()
        assert page.get_by_role("button", name="Benachrichtigen, wenn fertig").count() == 0
        assert_axe_clean(page)
        assert not page.errors, page.errors


def test_offline_the_page_shows_the_last_known_state(
    browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str]
) -> None:
    with citizen_for_order(browser, live_stack, admin_credentials, ready_order, "fuehrungszeugnis") as (ref, context):
        page = citizen_page(context)
        page.goto(f"/dokumente/{compact(ref)}")
        wait_for_view(page, "Führungszeugnis")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()  # now controlled by the worker, which keeps the shell for offline starts
        wait_for_view(page, "Führungszeugnis")
        context.set_offline(True)
        page.reload()
        wait_for_view(page, "Führungszeugnis")
        expect(page.get_by_role("status").filter(has_text="Keine Verbindung")).to_be_visible()
        expect(page.locator(".doc-state")).to_have_text("Liegt zur Abholung bereit")
        context.set_offline(False)


def test_the_locker_path_two_staff_load_the_door_closes_the_citizen_collects_at_the_terminal(
    browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str]
) -> None:
    context, staff = staff_page(browser, live_stack, admin_credentials)
    try:
        ref = new_order(staff, pickup="locker", locker_consent=True, biometric_consent=True)
        staff_post(staff, f"/api/office/documents/orders/{ref}/ready")
        # the first person loads in the console
        staff.goto("/console/dokumente/terminal")
        wait_for_view(staff, "Abholterminal")
        expect(staff.get_by_role("button", name="Zugang widerrufen")).to_have_count(0)  # no credential yet
        assert_axe_clean(staff)
        staff.get_by_label("Vorgangsnummer").first.fill(ref)
        staff.get_by_role("button", name="Fach zuweisen").click()
        loaded = staff.get_by_role("status").filter(has_text="bitte einlegen")
        loaded.wait_for()
        compartment = loaded.inner_text().split(":")[0].removeprefix("Fach ").strip()
        # ... and cannot confirm alone
        staff.locator("#confirm-ref").fill(ref)
        staff.get_by_role("button", name="Als zweite Person bestätigen").click()
        expect(staff.get_by_role("alert")).to_contain_text("Vier-Augen-Prinzip")
        # a second person confirms
        username = f"zweite-{secrets.token_hex(3)}"
        made = staff.request.post(
            "/api/admin/users", data={"username": username, "display_name": "Zweite Person", "roles": ["office"]}
        )
        assert made.status == 201, made.text()
        second_context = stack_context(browser, live_stack, viewport={"width": 1100, "height": 900})
        second = second_context.new_page()
        sign_in(second, username, made.json()["initial_password"])
        wait_for_view(second, "Neues Passwort festlegen")
        new_password = "ein langer satz als passwort " + secrets.token_hex(3)
        second.get_by_label("Neues Passwort", exact=True).fill(new_password)
        second.get_by_label("Neues Passwort wiederholen").fill(new_password)
        second.get_by_role("button", name="Passwort speichern").click()
        second.get_by_text("Ihr Passwort wurde geändert.").wait_for()
        second.goto("/console/dokumente/terminal")
        wait_for_view(second, "Abholterminal")
        second.locator("#confirm-ref").fill(ref)
        second.get_by_role("button", name="Als zweite Person bestätigen").click()
        second.get_by_text("Bestätigt. Nach dem Schließen der Tür geht der Code hinaus.").wait_for()
        second_context.close()

        # the simulated terminal: connect, close the door (the code goes out), then collect
        staff.goto("/console/dokumente/simulation")
        wait_for_view(staff, "Abholterminal – Simulation")
        staff.get_by_role("button", name="Terminal mit neuem Zugang verbinden").click()
        staff.get_by_text("Verbunden mit Abholterminal Kaiserplatz.").wait_for()
        staff.reload()
        wait_for_view(staff, "Abholterminal – Simulation")
        staff.get_by_role("button", name=f"Tür von Fach {compartment} schließen").click()
        staff.get_by_text("Tür geschlossen – der Code wurde versandt.").wait_for()
        assert_axe_clean(staff)

        citizen = citizen_page(context)
        citizen.goto(f"/dokumente/{compact(ref)}")
        wait_for_view(citizen, "Reisepass")
        code = citizen.locator(".code-big .code").inner_text().replace(" ", "")
        assert len(code) == 8 and "Fingerabdruck" in citizen.locator(".locker-code").inner_text()
        citizen.wait_for_function("() => document.querySelector('.locker-code .qr')?.naturalWidth > 0")
        assert_axe_clean(citizen)

        keypad = staff.get_by_role("group", name="Ziffernblock")
        for digit in code:
            keypad.get_by_role("button", name=digit, exact=True).click()
        staff.get_by_role("button", name="Fach öffnen").click()
        expect(staff.get_by_role("alert")).to_contain_text("Fingerabdruck")  # the match is required
        staff.get_by_label("Fingerabdruck passt (vom Terminal geprüft)").check()
        keypad.get_by_role("button", name="Löschen").click()
        for digit in code:
            keypad.get_by_role("button", name=digit, exact=True).click()
        staff.get_by_role("button", name="Fach öffnen").click()
        staff.get_by_text(f"Fach {compartment} ist offen.").wait_for()
        staff.get_by_role("button", name="Dokument entnommen").click()
        staff.get_by_text("Danke! Abgeholt.").wait_for()
        staff.get_by_text("Das Terminal löscht jetzt den Fingerabdruck.").wait_for()
        staff.goto("/console/dokumente/listen")
        wait_for_view(staff, "Listen")
        expect(staff.get_by_role("heading", name=re.compile("Statistik"))).to_be_visible()
        assert_axe_clean(staff)
        citizen.reload()
        wait_for_view(citizen, "Reisepass")
        expect(citizen.locator(".doc-state")).to_have_text("Abgeholt")
    finally:
        context.close()


def test_the_pickup_appointment_link_carries_the_reference_into_the_booking_and_to_the_clerk(
    browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str]
) -> None:
    staff_context, staff = staff_page(browser, live_stack, admin_credentials)
    ref = ready_order(staff, type="personalausweis")
    context = stack_context(browser, live_stack)
    try:
        page = citizen_page(context)
        page.goto(f"/dokumente/{compact(ref)}")
        wait_for_view(page, "Personalausweis")
        page.get_by_role("link", name="Abholtermin buchen").click()
        page.wait_for_url(re.compile(r"/termin\?.*vorgang="))
        wait_for_view(page, "Termin buchen")
        expect(page.get_by_label("Ausweis oder Pass abholen")).to_be_checked()
        page.get_by_role("button", name="Weiter").click()
        wait_for_step(page, "Bürgerbüro wählen")
        page.get_by_role("button", name="Weiter").click()  # the office comes with the link
        wait_for_step(page, "Tag wählen")
        page.locator("button.cal-free").first.click()
        wait_for_step(page, "Uhrzeit wählen")
        first = page.locator("input[name=start]").first
        start = str(first.get_attribute("value"))
        first.check()
        page.get_by_role("button", name="Weiter").click()
        wait_for_step(page, "Ihre Angaben")
        reference = page.get_by_label("Vorgangsnummer")
        expect(reference).to_have_value(ref)
        assert_axe_clean(page)
        page.get_by_label("Vor- und Nachname").fill("Erika Mustermann")
        page.get_by_label("E-Mail-Adresse").fill(f"abholung-{secrets.token_hex(3)}@example.org")
        page.get_by_label("Ich stimme zu", exact=False).check()
        page.get_by_role("button", name="Termin verbindlich buchen").click()
        expect(page.locator(".order-reference")).to_have_text(ref)
        assert not page.errors, page.errors

        # The clerk's day view names the order, so the document is fetched before the citizen comes.
        staff.goto(f"/console/termine?buero=willich&datum={start[:10]}")
        card = staff.locator(".appt").filter(has_text=ref)
        expect(card.locator(".appt-name")).to_have_text("Erika Mustermann")
        expect(card.locator(".appt-order")).to_have_text(f"Vorgangsnummer {ref}")
        assert_axe_clean(staff)
    finally:
        context.close()
        staff_context.close()


def test_the_statistics_offer_the_months_that_have_them(
    browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str]
) -> None:
    context, staff = staff_page(browser, live_stack, admin_credentials)
    try:
        ready_order(staff, type="meldebescheinigung")
        staff.goto("/console/dokumente/listen")
        wait_for_view(staff, "Listen")
        month = staff.get_by_label("Monat", exact=True)
        current = month.input_value()
        assert re.fullmatch(r"\d{4}-\d{2}", current)
        heading = staff.get_by_role("heading", name=re.compile(r"^Statistik .* \(anonym\)$"))
        expect(heading).to_be_visible()
        months = staff.get_by_role("region", name=re.compile("Monate im Überblick"))
        shown = re.fullmatch(r"Statistik (.+) \(anonym\)", heading.inner_text())
        assert shown, heading.inner_text()
        row = months.get_by_role("row").filter(has=staff.get_by_role("button", name=shown.group(1)))
        assert int(row.get_by_role("cell").nth(2).inner_text()) >= 1  # at least this order is counted as ready
        assert_axe_clean(staff)
        month.select_option(current)
        expect(month).to_be_focused()
    finally:
        context.close()
