"""Staff console, appointments (role office): phone booking, day view, check-in, blocks, pickup places, statistics.

The live stack runs on the real clock, and its bookings lie in the future. Check-in works only on
the appointment's day and "no-show" only once it has begun, so those two requests reach the server
and are refused for exactly that reason; `on_the_appointment_day` then answers as the server does on
that day (the transitions themselves are covered by tests/api/test_office.py with a fixed clock).
The browser's clock is set to the appointment's day so the page offers the day's actions.
"""

from __future__ import annotations

import json
import re
import secrets
import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.browser.axe import assert_axe_clean
from tests.conftest import stack_today

pytestmark = pytest.mark.browser

BERLIN = ZoneInfo("Europe/Berlin")
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 360, "height": 740}
# A check-in on another day names that day: "Dieser Termin ist am Dienstag, 8. Dezember 2026, nicht heute."
NOT_TODAY = re.compile(r"Dieser Termin ist am [^,]+, \d{1,2}\. \S+ \d{4}, nicht heute\.")


def wait_for_view(page: Any, title: str | None = None) -> None:
    page.wait_for_selector("main h1")
    page.wait_for_function(
        "title => !document.getElementById('main').hasAttribute('aria-busy')"
        " && (!title || document.querySelector('main h1').textContent === title)",
        arg=title,
    )


def sign_in(page: Any, admin: tuple[str, str]) -> None:
    res = page.request.post("/api/auth/login", data={"username": admin[0], "password": admin[1]})
    assert res.ok, res.text()


def unique(name: str) -> str:
    return f"{name} {secrets.token_hex(2).upper()}"


def free_day(page: Any, office: str, services: str, *, at_least: int = 1) -> tuple[str, list[str]]:
    """The first day with enough free starts (from tomorrow), and its free starts."""
    today = stack_today()
    for months_ahead in range(3):
        first = (today.replace(day=1) + timedelta(days=32 * months_ahead)).replace(day=1)
        res = page.request.get(f"/api/booking/availability?office={office}&services={services}&month={first:%Y-%m}")
        assert res.ok, res.text()
        for entry in res.json()["days"]:
            day = date.fromisoformat(entry["date"])
            if day <= today or entry["free"] < at_least:
                continue
            return entry["date"], slots(page, office, services, entry["date"])
    raise AssertionError(f"no day with {at_least} free times at {office}")


def slots(page: Any, office: str, services: str, day: str) -> list[str]:
    res = page.request.get(f"/api/booking/slots?office={office}&services={services}&date={day}")
    assert res.ok, res.text()
    return [s["start"] for s in res.json()["slots"]]


def book_by_phone(page: Any, office: str, services: list[str], start: str, name: str) -> dict[str, Any]:
    res = page.request.post(
        "/api/office/bookings",
        data={"office": office, "services": services, "start": start, "name": name},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert res.status == 201, res.text()
    booking: dict[str, Any] = res.json()["booking"]
    return booking


def on_the_appointment_day(page: Any) -> None:
    """Pass every request to the server; turn only its "not today" / "not begun yet" refusals of
    check-in and no-show into the answer it gives on the appointment's day, and show that status
    in later day views until the server's own status moves on."""
    known: dict[str, dict[str, Any]] = {}
    moved: dict[str, str] = {}

    def day(route: Any) -> None:
        response = route.fetch()
        data = response.json()
        for item in data.get("appointments", []):
            known[item["code"]] = item
            if item["code"] in moved and item["status"] in ("pending", "confirmed"):
                item["status"] = moved[item["code"]]
        route.fulfill(response=response, json=data)

    def transition(route: Any) -> None:
        response = route.fetch()
        url = route.request.url
        if url.endswith("/check-in"):
            code, target, reason = json.loads(route.request.post_data)["code"], "checked_in", "not_today"
        else:
            code, target, reason = url.rsplit("/", 2)[-2], "no_show", "not_begun"
        if response.status == 409 and response.json()["error"]["code"] == reason and code in known:
            moved[code] = target
            route.fulfill(status=200, json={"booking": {**known[code], "status": target}})
        else:
            route.fulfill(response=response)

    page.route(re.compile(r"/api/office/day\?"), day)
    page.route(re.compile(r"/api/office/check-in$"), transition)
    page.route(re.compile(r"/api/office/bookings/[A-Z0-9-]+/no-show$"), transition)


def card(page: Any, name: str) -> Any:
    return page.locator("li.appt", has=page.get_by_role("heading", name=name, exact=True))


def test_phone_booking_reads_out_the_details_and_the_day_view_lists_and_cancels_it(
    page: Any, admin_credentials: tuple[str, str]
) -> None:
    sign_in(page, admin_credentials)
    name = unique("Anna Anruf")
    page.goto("/console/termine/telefon")
    wait_for_view(page, "Termin für Anrufende buchen")
    page.get_by_role("button", name="Termin verbindlich buchen").click()
    page.get_by_role("alert").wait_for()
    assert page.locator("input[name=services]").first.get_attribute("aria-invalid") == "true"

    page.get_by_label("Führungszeugnis beantragen").check()
    page.get_by_label("Bürgerbüro").select_option(label="Stadtteilbüro Anrath")
    day_select = page.get_by_label("Tag", exact=True)
    page.wait_for_function(
        "document.querySelectorAll('#phone-day option').length > 1 && !document.getElementById('phone-day').disabled"
    )
    day_select.select_option(index=1)
    day = day_select.input_value()
    page.locator(".time-option").first.wait_for()
    start_time = page.locator(".time-option label").first.inner_text()
    page.get_by_role("radio", name=start_time).check()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Telefonnummer").fill("02154 123456")
    assert_axe_clean(page)
    page.get_by_role("button", name="Termin verbindlich buchen").click()

    page.get_by_role("heading", name="Termin gebucht").wait_for()
    assert page.evaluate("document.activeElement.id") == "phone-done-title"
    done = page.locator(".phone-done")
    text = done.inner_text()
    assert "lesen Sie der anrufenden Person" in text
    assert "Kirchplatz 3, 47877 Willich-Anrath" in text and start_time in text
    assert "Personalausweis oder Reisepass" in text  # documents to bring
    code = done.locator(".booking-code").inner_text()
    assert re.fullmatch(r"[3-9FKRUX]{4}-[3-9FKRUX]{4}", code)  # grouped for reading it out
    assert_axe_clean(page)

    done.get_by_role("link", name="In der Tagesansicht zeigen").click()
    wait_for_view(page, "Tagesansicht")
    appointment = card(page, name)
    appointment.wait_for()
    assert code in appointment.inner_text() and "Bestätigt" in appointment.inner_text()
    assert page.get_by_label("Tag", exact=True).input_value() == day
    assert_axe_clean(page)
    page.set_viewport_size(WIDE)
    assert_axe_clean(page)

    appointment.get_by_role("button", name=f"Absagen: {name}").click()
    dialog = appointment.get_by_role("alertdialog")
    assert name in dialog.inner_text()
    dialog.get_by_role("button", name="Ja, Termin absagen").click()
    appointment.wait_for(state="detached")
    page.get_by_role("status").filter(has_text=f"Der Termin von {name} ist abgesagt").wait_for(state="attached")
    assert start_time in [s[11:16] for s in slots(page, "anrath", "fuehrungszeugnis", day)]


def test_day_view_check_in_no_show_and_done_with_the_visit_rating_code(
    page: Any, admin_credentials: tuple[str, str]
) -> None:
    sign_in(page, admin_credentials)
    today = stack_today()
    survey = survey_for_visits(page, today)
    day, starts = free_day(page, "willich", "ummeldung", at_least=4)
    names = [unique("Erika Eins"), unique("Bernd Zwei"), unique("Clara Drei")]
    first, _, third = (book_by_phone(page, "willich", ["ummeldung"], s, n) for s, n in zip(starts, names, strict=False))
    # The browser lives on the appointments' day, in the evening: all of them have begun.
    page.clock.install(time=datetime.fromisoformat(f"{day}T18:00:00").replace(tzinfo=BERLIN))
    page.set_viewport_size(WIDE)

    # Typed code, with spaces and in lower case: the real server refuses, it is not the day yet.
    page.goto("/console/termine/einchecken?buero=willich")
    wait_for_view(page, "Einchecken")
    code_input = page.get_by_label("Buchungscode")
    code_input.fill(f" {third['code'][:4].lower()} {third['code'][4:]} ")
    code_input.press("Enter")
    page.get_by_role("alert").filter(has_text=NOT_TODAY).wait_for()
    assert code_input.get_attribute("aria-invalid") == "true"

    on_the_appointment_day(page)
    page.goto("/console/termine?buero=willich")  # "today" is the appointments' day
    wait_for_view(page, "Tagesansicht")
    card(page, names[0]).wait_for()
    assert page.get_by_label("Tag", exact=True).input_value() == day

    page.get_by_role("link", name="Einchecken", exact=True).click()
    wait_for_view(page, "Einchecken")
    page.get_by_label("Buchungscode").fill(third["code"].lower())
    page.get_by_role("button", name="Einchecken", exact=True).click()
    result = page.locator(".checkin-card")
    result.wait_for()
    assert f"Eingecheckt: {names[2]}" in result.inner_text() and f"Schalter {third['counter']}" in result.inner_text()
    assert page.evaluate("document.activeElement.id") == "checkin-code"
    assert_axe_clean(page)

    page.get_by_role("link", name="Tagesansicht").click()
    wait_for_view(page, "Tagesansicht")
    page.locator("details.office-settings summary").click()
    page.get_by_label("Umfrage für den QR-Code").select_option(survey)

    one = card(page, names[0])
    one.get_by_role("button", name=f"Einchecken: {names[0]}").click()
    one.locator(".status-checked_in").wait_for()
    assert page.evaluate("document.activeElement.dataset.focusKey") == f"card:{first['code']}"
    one.get_by_role("button", name=f"Erledigt: {names[0]}").click()
    dialog = page.get_by_role("dialog", name="Wie war Ihr Besuch?")
    dialog.wait_for()
    assert dialog.get_by_role("img", name="QR-Code zur Bewertung des Besuchs").is_visible()
    assert f"/umfrage/{survey}?besuch=" in dialog.inner_text()
    assert_axe_clean(page)
    dialog.get_by_role("button", name="Schließen").click()
    card(page, names[0]).locator(".status-done").wait_for()

    two = card(page, names[1])
    two.get_by_role("button", name=f"Nicht erschienen: {names[1]}").click()
    two.locator(".status-no_show").wait_for()
    assert two.get_by_role("button").count() == 0
    assert card(page, names[2]).locator(".status-checked_in").count() == 1

    page.get_by_role("button", name="Aktualisieren").click()
    page.get_by_role("status").filter(has_text="Aktualisiert um").wait_for(state="attached")
    # A booking made meanwhile turns up with the refresh a minute later, announced; the focus stays.
    late = unique("Lena Später")
    book_by_phone(page, "willich", ["ummeldung"], starts[3], late)
    page.clock.run_for(61_000)
    card(page, late).wait_for()
    page.get_by_role("status").filter(has_text="neue").wait_for(state="attached")
    assert page.evaluate("document.activeElement.textContent") == "Aktualisieren"
    page.set_viewport_size(NARROW)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    assert_axe_clean(page)


def survey_for_visits(page: Any, today: date) -> str:
    """A published survey, open now, that hands out "rate this visit" links."""
    from tests.unit.fixtures_survey import survey_dict

    survey_id = f"besuch-{secrets.token_hex(3)}"
    data = survey_dict()
    data.update(
        id=survey_id,
        series=survey_id,
        status="draft",
        raffle=None,
        opens=today.isoformat(),
        closes=(today + timedelta(days=30)).isoformat(),
    )
    res = page.request.post("/api/surveys", data=data)
    assert res.status == 201, res.text()
    res = page.request.post(f"/api/surveys/{survey_id}/publish", headers={"X-Requested-With": "fetch"})
    assert res.ok, res.text()
    return survey_id


def test_blocked_times_leave_the_citizen_slots_and_extra_pickup_places_add_slots(
    page: Any, admin_credentials: tuple[str, str]
) -> None:
    sign_in(page, admin_credentials)
    day, starts = free_day(page, "anrath", "fuehrungszeugnis", at_least=3)
    start = starts[1]
    begin = start[11:16]
    end = (datetime.fromisoformat(start) + timedelta(minutes=15)).strftime("%H:%M")
    reason = unique("Teambesprechung")

    page.goto(f"/console/termine/sperren?buero=anrath&datum={day}")
    wait_for_view(page, "Sperrzeiten und Abholplätze")
    page.get_by_label("Von", exact=True).fill(begin)
    page.get_by_label("Bis", exact=True).fill(end)
    page.get_by_label("Grund").fill(reason)
    page.get_by_role("button", name="Zeit sperren", exact=True).click()
    note = page.locator(".change-note").first
    note.wait_for()
    assert f"{begin}–{end} Uhr, Alle Schalter und Abholplätze" in note.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('change-note')")
    assert start not in slots(page, "anrath", "fuehrungszeugnis", day)
    row = page.locator(".block-row", has_text=reason)
    assert begin in row.inner_text()
    assert_axe_clean(page)

    row.get_by_role("button", name=f"Sperre aufheben: {begin}–{end}").click()
    page.locator(".change-note", has_text="Sperre aufgehoben").wait_for()
    page.locator(".block-row", has_text=reason).wait_for(state="detached")
    assert start in slots(page, "anrath", "fuehrungszeugnis", day)

    # Willich has no pickup hours on Tuesdays and Fridays: extra places open pickup slots there.
    pickup_day = next_day_without_pickup(page)
    assert slots(page, "willich", "abholung", pickup_day) == []
    page.get_by_label("Bürgerbüro").select_option("willich")
    page.get_by_label("Tag", exact=True).fill(pickup_day)
    page.locator("#cap-heading", has_text="Stadtteilbüro Willich").wait_for()
    page.get_by_label("Anzahl zusätzlicher Abholplätze").fill("2")
    page.get_by_role("button", name="Abholplätze hinzufügen").click()
    added = page.locator(".change-note", has_text="Abholplätze für")
    added.wait_for()
    assert "2 Abholplätze" in added.inner_text() and "davon 2 zusätzlich" in added.inner_text()
    assert len(slots(page, "willich", "abholung", pickup_day)) > 0


def next_day_without_pickup(page: Any) -> str:
    today = stack_today()
    for offset in range(1, 29):
        day = today + timedelta(days=offset)
        if day.weekday() not in (1, 4):
            continue
        data = page.request.get(f"/api/office/day?office=willich&date={day}").json()
        if data["closed"] is None and not data["pickup_places"]:
            return day.isoformat()
    raise AssertionError("no Tuesday or Friday without pickup places in the next four weeks")


DETECTOR_STUB = """
window.BarcodeDetector = class {
  static async getSupportedFormats() { return ['qr_code']; }
  async detect() { return window.qrValue ? [{ rawValue: window.qrValue, format: 'qr_code' }] : []; }
};
navigator.mediaDevices.getUserMedia = async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 320; canvas.height = 240;
  canvas.getContext('2d').fillRect(0, 0, 320, 240);
  window.cameraStream = canvas.captureStream(5);
  return window.cameraStream;
};
"""


def test_the_scan_button_needs_barcode_detection_and_scanning_checks_in(
    page: Any, admin_credentials: tuple[str, str]
) -> None:
    sign_in(page, admin_credentials)
    page.add_init_script("delete window.BarcodeDetector;")
    page.goto("/console/termine/einchecken")
    wait_for_view(page, "Einchecken")
    assert page.get_by_role("button", name="Mit der Kamera scannen").count() == 0
    assert "Tippen Sie den Buchungscode oben ein" in page.locator(".scan").inner_text()

    _, starts = free_day(page, "willich", "fuehrungszeugnis")
    booking = book_by_phone(page, "willich", ["fuehrungszeugnis"], starts[0], unique("Sven Scan"))
    scanner = page.context.new_page()
    scanner.add_init_script(DETECTOR_STUB)
    scanner.goto("/console/termine/einchecken?buero=willich")
    wait_for_view(scanner, "Einchecken")
    scanner.get_by_role("button", name="Mit der Kamera scannen").click()
    scanner.locator("video.scan-video").wait_for()
    assert scanner.evaluate("document.activeElement.textContent") == "Kamera ausschalten"
    assert_axe_clean(scanner)
    scanner.evaluate("code => { window.qrValue = code; }", booking["code"])
    # The scan fills in the code and checks in; the server's clock says the day has not come yet.
    scanner.get_by_role("alert").filter(has_text=NOT_TODAY).wait_for()
    assert scanner.get_by_label("Buchungscode").input_value() == booking["code"]
    assert scanner.locator("video").count() == 0
    assert scanner.evaluate("window.cameraStream.getTracks().every(t => t.readyState === 'ended')")
    scanner.close()


def test_statistics_show_the_anonymous_counts_in_german_and_english(
    page: Any, admin_credentials: tuple[str, str]
) -> None:
    sign_in(page, admin_credentials)
    day, starts = free_day(page, "anrath", "ummeldung")
    book_by_phone(page, "anrath", ["ummeldung"], starts[0], unique("Stefan Statistik"))
    month = day[:7]
    expected = page.request.get(f"/api/office/stats?month={month}&office=anrath").json()

    page.goto(f"/console/termine/statistik?von={month}&bis={month}&buero=anrath")
    wait_for_view(page, "Terminstatistik")
    tiles = dict(
        zip(
            page.locator(".stat-tile dt").all_inner_texts(),
            page.locator(".stat-tile dd").all_inner_texts(),
            strict=True,
        )
    )
    totals = expected["totals"]
    assert tiles["Buchungen"] == str(totals["booked"]) and totals["booked"] >= 1
    assert tiles["Absagen"] == str(totals["cancelled"])
    assert tiles["Nicht erschienen"] == str(totals["no_show"])
    row = page.locator("#stats-by-service ~ .table-wrap tbody tr", has_text="Wohnsitz an- oder ummelden")
    assert row.locator("td").first.inner_text().strip() == str(expected["by_service"]["ummeldung"]["booked"])
    assert page.locator(".stat-bar").count() >= 1
    assert_axe_clean(page)

    page.get_by_role("button", name="English").click()
    page.wait_for_function("document.querySelector('main h1')?.textContent === 'Appointment statistics'")
    wait_for_view(page, "Appointment statistics")
    assert page.get_by_role("heading", name="By service").is_visible()
    page.get_by_role("link", name="Day view").click()
    wait_for_view(page, "Day view")
    assert page.get_by_role("button", name="Today").is_visible()
