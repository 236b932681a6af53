"""Survey console in headless Chromium: editor with follow-up and preview, publishing with QR code and
poster, a visit code, paper entry, results, free-text review, the printable report, the next wave with
the comparison, the refusal to change answered questions, and the raffle draw."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from tests.browser.axe import assert_axe_clean
from tests.browser.conftest import stack_context
from tests.conftest import LiveStack, stack_today

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def staff_page(browser: Any, live_stack: LiveStack, admin_credentials: tuple[str, str]) -> Iterator[Any]:
    """One signed-in page for the whole module (fails the test on JavaScript errors)."""
    ctx = stack_context(browser, live_stack)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/console/")
    wait_for_view(page)
    page.get_by_label("Benutzername").fill(admin_credentials[0])
    page.get_by_label("Passwort", exact=True).fill(admin_credentials[1])
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_function("document.querySelector('main h1')?.textContent.startsWith('Guten Tag')")
    page.errors = errors
    yield page
    ctx.close()


@pytest.fixture
def page(staff_page: Any) -> Iterator[Any]:
    staff_page.errors.clear()
    staff_page.set_viewport_size({"width": 360, "height": 740})
    staff_page.emulate_media(media="screen")
    yield staff_page
    assert not staff_page.errors, f"JavaScript errors on the page: {staff_page.errors}"


def wait_for_view(page: Any, title: str | None = None) -> None:
    if title:
        page.wait_for_function(
            "t => document.querySelector('main h1')?.textContent === t "
            "&& !document.getElementById('main').hasAttribute('aria-busy')",
            arg=title,
        )
    else:
        page.wait_for_selector("main h1")
        page.wait_for_function("!document.getElementById('main').hasAttribute('aria-busy')")


def section(page: Any, name: str, title: str) -> None:
    page.get_by_role("navigation", name="Bereiche dieser Umfrage").get_by_role("link", name=name, exact=True).click()
    wait_for_view(page, title)


def add_question(page: Any, kind: str, text: str) -> Any:
    page.get_by_label("Typ der neuen Frage").select_option(kind)
    page.get_by_role("button", name="Frage hinzufügen").click()
    card = page.locator(".sv-qcard").last
    card.get_by_label("Fragetext (Deutsch)").fill(text)
    return card


def publish(page: Any) -> None:
    section(page, "Link und QR-Code", "Veröffentlichen: Link und QR-Code")
    page.get_by_role("button", name="Veröffentlichen", exact=True).click()
    page.get_by_role("button", name="Ja, jetzt veröffentlichen").click()
    page.get_by_text("Die Umfrage ist veröffentlicht.").wait_for()


def results_count(page: Any) -> str:
    page.locator(".sv-n").wait_for()
    return str(page.locator(".sv-n").inner_text())


def test_survey_from_editor_to_report_and_next_wave(page: Any) -> None:
    survey_id = f"bt-{secrets.token_hex(4)}"
    page.goto("/console/umfragen")
    wait_for_view(page, "Umfragen")
    page.get_by_role("link", name="Neue Umfrage").click()
    wait_for_view(page, "Neue Umfrage")

    # Texts, then a rating, a follow-up shown only for ratings 1-2, and a yes/no question.
    page.get_by_label("Titel (Deutsch)").fill("Testumfrage Bürgerbüro")
    page.get_by_label("Kennung", exact=True).fill(survey_id)
    page.get_by_label("Titel (English)").fill("Test survey")
    page.get_by_label("Einleitung (Deutsch)").fill("Bitte sagen Sie uns Ihre Meinung.")
    rating = add_question(page, "rating", "Wie zufrieden waren Sie?")
    rating.get_by_label("Pflichtfrage").check()
    follow = add_question(page, "text", "Was ist schiefgelaufen?")
    follow.get_by_label("Nur anzeigen, wenn eine frühere Frage bestimmte Antworten hat").check()
    assert "Frage 1" in follow.get_by_label("Nur anzeigen, wenn diese frühere Frage …").inner_text()
    follow.get_by_label("1", exact=True).check()
    follow.get_by_label("2", exact=True).check()
    add_question(page, "yesno", "Wurde Ihr Anliegen erledigt?")

    # The preview asks the follow-up only after a low rating, as citizens will see it.
    preview = page.get_by_role("region", name="Vorschau")
    assert preview.get_by_text("Was ist schiefgelaufen?").count() == 0
    preview.get_by_text("4 von 5").click()
    assert preview.get_by_text("Was ist schiefgelaufen?").count() == 0
    preview.get_by_text("2 von 5").click()
    preview.get_by_label("2. Was ist schiefgelaufen?").wait_for()

    # The order changes with buttons; the focus stays on the moved question's button.
    page.get_by_role("button", name="Frage 3 nach oben").click()
    assert page.locator(".sv-qcard").nth(1).get_by_label("Fragetext (Deutsch)").input_value().startswith("Wurde")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Frage 2 nach oben"
    page.get_by_role("button", name="Frage 2 nach unten").click()
    assert page.locator(".sv-qcard").nth(2).get_by_label("Fragetext (Deutsch)").input_value().startswith("Wurde")

    # A bad question id comes back from the server and is shown at that very field.
    bad = page.locator(".sv-qcard").nth(1).get_by_label("Kennung der Frage")
    bad.fill("Frage Zwei!")
    page.get_by_role("button", name="Umfrage anlegen").click()
    page.locator(".error-summary").wait_for()
    assert bad.get_attribute("aria-invalid") == "true"
    assert "Kleinbuchstaben" in page.locator(".error-summary").inner_text()
    bad.fill("was_schief")
    page.get_by_role("button", name="Umfrage anlegen").click()
    wait_for_view(page, "Umfrage bearbeiten")
    page.get_by_text("Die Umfrage ist als Entwurf angelegt.").wait_for()
    assert page.locator(".sv-qcard").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_axe_clean(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.get_by_role("region", name="Vorschau").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert_axe_clean(page)

    # Publish: public link, QR code (SVG and PNG), poster.
    publish(page)
    qr = page.get_by_role("img", name="QR-Code zur Umfrage")
    qr.wait_for()
    page.wait_for_function("document.querySelector('.sv-qr-img').naturalWidth > 0")
    assert page.get_by_role("link", name="QR-Code als PNG herunterladen").get_attribute("href").endswith("/qr.png")
    assert survey_id in page.locator(".sv-link").inner_text()
    assert_axe_clean(page)
    page.get_by_role("link", name="Plakat (A4) mit QR-Code ansehen und drucken").click()
    wait_for_view(page, "Plakat zum Aushängen")
    page.wait_for_function("document.querySelector('.sv-poster-qr-img').naturalWidth > 0")
    assert page.get_by_text("Ihre Meinung zählt!").is_visible()
    assert_axe_clean(page)
    page.emulate_media(media="print")
    assert page.locator("#console-nav").is_hidden()
    assert page.get_by_role("button", name="Drucken").is_hidden()
    assert page.locator(".sv-poster").is_visible()
    page.emulate_media(media="screen")
    page.go_back()
    wait_for_view(page, "Veröffentlichen: Link und QR-Code")

    # Results start empty.
    section(page, "Ergebnisse", "Ergebnisse")
    assert results_count(page) == "0"

    # A one-time "rate this visit" code for an office and a service category.
    section(page, "Besuch bewerten", "Diesen Besuch bewerten")
    page.get_by_label("Bürgerbüro").select_option(index=1)
    page.get_by_label("Themenbereich").select_option(index=1)
    page.get_by_role("button", name="QR-Code erzeugen").click()
    page.get_by_role("img", name="QR-Code zum Bewerten dieses Besuchs").wait_for()
    assert "besuch=" in page.locator(".sv-visit-link").inner_text()
    assert_axe_clean(page)

    # Two paper forms typed in with number keys; the second has a low rating and a comment.
    section(page, "Papierbögen", "Papierfragebögen erfassen")
    sheet = page.locator(".sv-sheet")
    sheet.locator(".sv-sheet-q").nth(0).locator("input:checked").focus()
    page.keyboard.press("5")
    sheet.locator(".sv-sheet-q").nth(2).locator("input:checked").focus()
    page.keyboard.press("1")
    page.get_by_role("button", name="Nächster Bogen").click()
    page.get_by_role("heading", name="Bogen 2").wait_for()
    assert sheet.get_by_label("2. Was ist schiefgelaufen?").is_hidden()
    sheet.locator(".sv-sheet-q").nth(0).locator("input:checked").focus()
    page.keyboard.press("2")
    comment = sheet.get_by_label("2. Was ist schiefgelaufen?")
    comment.fill("Herr Beispiel am Schalter war kurz angebunden.")
    comment.press("Enter")
    page.get_by_role("heading", name="Bogen 3").wait_for()
    assert page.locator(".sv-item").count() == 2
    assert_axe_clean(page)
    page.get_by_role("button", name="Stapel speichern (2 Bögen)").click()
    page.get_by_text("2 Bögen gespeichert").wait_for()

    # The results count them, per channel and with a filter.
    page.get_by_role("link", name="Zu den Ergebnissen").click()
    wait_for_view(page, "Ergebnisse")
    assert results_count(page) == "2"
    assert page.locator(".sv-result-q").first.get_by_role("img").count() == 1
    page.get_by_label("Antworten zeigen von").select_option("channel:qr")
    page.wait_for_function("document.querySelector('.sv-n').textContent === '0'")
    page.get_by_label("Antworten zeigen von").select_option("channel:paper")
    page.wait_for_function("document.querySelector('.sv-n').textContent === '2'")
    assert_axe_clean(page)

    # The comment is redacted, approved and chosen for the report.
    section(page, "Freitexte", "Freitexte prüfen")
    card = page.locator(".sv-text-card").first
    card.get_by_role("button", name="Schwärzen und freigeben").click()
    text = card.get_by_label("Text", exact=True)
    text.fill("[…] am Schalter war kurz angebunden.")
    card.get_by_role("button", name="Geschwärzt freigeben").click()
    card.get_by_text("Geschwärzter Text gespeichert und freigegeben.").wait_for()
    card.get_by_label("Als Auszug in den Bericht übernehmen").check()
    card.get_by_text("Als Auszug für den Bericht gewählt.").wait_for()
    assert_axe_clean(page)

    # The committee report: clean on screen, without the console in print, several PDF pages.
    section(page, "Bericht", "Bericht für den Ausschuss")
    report = page.locator(".sv-report")
    assert report.get_by_text("[…] am Schalter war kurz angebunden.").is_visible()
    assert "Herr Beispiel" not in report.inner_text()
    assert_axe_clean(page)
    page.emulate_media(media="print")
    assert page.locator("#console-nav").is_hidden()
    assert page.locator(".userbar").is_hidden()
    assert page.get_by_role("navigation", name="Bereiche dieser Umfrage").is_hidden()
    assert report.is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") > 1
    page.emulate_media(media="screen")

    # Answered questions cannot change (texts can): the refusal offers the next wave instead.
    section(page, "Bearbeiten", "Umfrage bearbeiten")
    page.get_by_text("Ihre Fragen lassen sich nicht mehr ändern").wait_for()
    page.get_by_label("Titel (English)").fill("Test survey, first wave")
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.get_by_text("Die Umfrage ist gespeichert.").wait_for()
    page.locator(".sv-qcard").first.get_by_label("Fragetext (Deutsch)").fill("Wie zufrieden sind Sie?")
    page.get_by_role("button", name="Speichern", exact=True).click()
    refusal = page.locator(".sv-status [role=alert]")
    refusal.wait_for()
    assert "neue Welle" in refusal.inner_text()
    refusal.get_by_role("button", name="Als neue Welle kopieren").click()
    page.get_by_role("heading", name="Als nächste Welle kopieren").wait_for()
    new_id = f"{survey_id}-w2"
    page.locator(".sv-status").get_by_label("Kennung der neuen Welle").fill(new_id)
    page.locator(".sv-status").get_by_role("button", name="Neue Welle anlegen").click()
    page.get_by_text("Die neue Welle ist als Entwurf angelegt.").wait_for()
    assert "Welle 2" in page.locator(".sv-context").inner_text()
    # The new wave starts with the refused edit, ready to be saved there.
    page.get_by_text("Ihre noch nicht gespeicherten Änderungen sind wiederhergestellt.").wait_for()
    first = page.locator(".sv-qcard").first.get_by_label("Fragetext (Deutsch)")
    assert first.input_value() == "Wie zufrieden sind Sie?"
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.get_by_text("Die Umfrage ist gespeichert.").wait_for()

    # With the second wave published, the results compare both waves side by side.
    publish(page)
    section(page, "Ergebnisse", "Ergebnisse")
    comparison = page.locator(".sv-compare").first
    comparison.wait_for()
    headers = comparison.locator("thead th").all_inner_texts()
    assert any("Welle 1" in x for x in headers) and any("Welle 2" in x for x in headers)
    assert_axe_clean(page)


def test_raffle_is_drawn_once_after_closing(page: Any) -> None:
    survey_id = f"bt-raffle-{secrets.token_hex(3)}"
    today = stack_today()
    definition = {
        "id": survey_id,
        "title": {"de": "Verlosungstest", "en": "Raffle test"},
        "intro": {"de": "Einleitung", "en": ""},
        "privacy": {"de": "Anonym", "en": ""},
        "opens": (today - timedelta(days=20)).isoformat(),
        "closes": (today - timedelta(days=2)).isoformat(),
        "raffle": {
            "prize": {"de": "Ein Gutschein", "en": "A voucher"},
            "winners": 2,
            "publication_end": (today + timedelta(days=20)).isoformat(),
        },
        "questions": [{"id": "ok", "type": "yesno", "label": {"de": "Alles gut?", "en": ""}, "required": True}],
    }
    assert page.request.post("/api/surveys", data=definition).status == 201
    assert page.request.post(f"/api/surveys/{survey_id}/publish", headers={"X-Requested-With": "fetch"}).ok

    page.goto(f"/console/umfragen/{survey_id}/verlosung")
    wait_for_view(page, "Verlosung")
    page.get_by_role("button", name="Gewinner ziehen").click()
    dialog = page.get_by_role("alertdialog")
    assert "Die Ziehung kann nicht wiederholt werden." in dialog.inner_text()
    assert_axe_clean(page)
    dialog.get_by_role("button", name="Endgültig ziehen").click()
    page.get_by_role("heading", name="Protokoll der Ziehung").wait_for()
    record = page.locator("dl.facts").last.inner_text()
    assert "admin" in record
    assert page.get_by_text("Es gab keine Teilnahmen.").is_visible()
    assert page.get_by_role("button", name="Gewinner ziehen").count() == 0
    assert_axe_clean(page)


def test_raffle_waits_while_the_survey_is_open(page: Any) -> None:
    survey_id = f"bt-open-{secrets.token_hex(3)}"
    today = stack_today()
    definition = {
        "id": survey_id,
        "title": {"de": "Offene Verlosung", "en": ""},
        "intro": {"de": "Einleitung", "en": ""},
        "privacy": {"de": "Anonym", "en": ""},
        "opens": today.isoformat(),
        "closes": (today + timedelta(days=10)).isoformat(),
        "raffle": {
            "prize": {"de": "Ein Gutschein", "en": ""},
            "winners": 1,
            "publication_end": (today + timedelta(days=30)).isoformat(),
        },
        "questions": [{"id": "ok", "type": "yesno", "label": {"de": "Alles gut?", "en": ""}}],
    }
    assert page.request.post("/api/surveys", data=definition).status == 201
    assert page.request.post(f"/api/surveys/{survey_id}/publish", headers={"X-Requested-With": "fetch"}).ok
    page.goto(f"/console/umfragen/{survey_id}/verlosung")
    wait_for_view(page, "Verlosung")
    button = page.get_by_role("button", name="Gewinner ziehen")
    assert button.is_disabled()
    reason = page.locator(f"#{button.get_attribute('aria-describedby')}")
    assert "läuft noch" in reason.inner_text()
