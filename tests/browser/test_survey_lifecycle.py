"""Survey console and citizen page in headless Chromium: ending a survey early after a confirmation, the
winners link of an ended survey, the address of a newly created survey, one question numbering in the
preview, the results and the citizen page, and a short consent label in the raffle's error summary."""

from __future__ import annotations

import re
import secrets
import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_axe_clean
from tests.browser.console_support import make_survey, sign_in_admin, text, wait_for_view

pytestmark = pytest.mark.browser


def open_survey(page: Any, questions: list[dict[str, Any]], *, raffle: bool = False) -> str:
    """A published survey running from today for ten days."""
    survey_id = make_survey(page, questions, prefix="bt-life", raffle=raffle)
    assert page.request.post(f"/api/surveys/{survey_id}/publish", data={}).ok
    return survey_id


YESNO = [{"id": "ok", "type": "yesno", "label": text("Alles gut?"), "required": True}]


def test_a_running_survey_is_ended_after_a_confirmation_and_links_its_winners(
    page: Any, admin_credentials: tuple[str, str]
) -> None:
    sign_in_admin(page, admin_credentials)
    survey_id = open_survey(page, YESNO, raffle=True)
    page.goto("/console/umfragen")
    wait_for_view(page, "Umfragen")
    card = page.locator(".sv-survey-card", has=page.get_by_role("link", name=f"Testumfrage {survey_id}"))
    expect(card.locator(".sv-badge")).to_have_text("Läuft")
    end = card.get_by_role("button", name=re.compile("^Umfrage beenden"))

    # The first click only asks; cancelling changes nothing and returns to the button.
    end.click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("keine Antworten mehr")
    expect(dialog.get_by_role("button", name="Ja, jetzt beenden")).to_be_focused()
    assert_axe_clean(page)
    dialog.get_by_role("button", name="Abbrechen").click()
    expect(end).to_be_focused()
    expect(card.locator(".sv-badge")).to_have_text("Läuft")

    end.click()
    page.get_by_role("alertdialog").get_by_role("button", name="Ja, jetzt beenden").click()
    expect(page.get_by_role("status").filter(has_text="ist beendet")).to_be_visible()
    expect(card.locator(".sv-badge")).to_have_text("Beendet")
    expect(card.get_by_role("button", name=re.compile("^Umfrage beenden"))).to_have_count(0)

    # Answers are refused from now on, and the editor's header says so too.
    late = page.request.post(
        f"/api/public/surveys/{survey_id}/responses",
        data={"answers": {"ok": True}},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert late.status == 409 and late.json()["error"]["code"] == "survey_closed"
    page.goto(f"/console/umfragen/{survey_id}")
    wait_for_view(page, "Umfrage bearbeiten")
    expect(page.locator(".sv-context .sv-badge")).to_have_text("Beendet")

    # The citizen page of the ended survey links the winners list the consent text promises.
    page.goto(f"/umfrage/{survey_id}")
    wait_for_view(page, "Diese Umfrage ist beendet")
    page.get_by_role("link", name="Zur Gewinnerliste der Verlosung").click()
    wait_for_view(page, "Gewinnerinnen und Gewinner")


def test_a_new_survey_gets_its_own_address_so_a_reload_keeps_it(page: Any, admin_credentials: tuple[str, str]) -> None:
    sign_in_admin(page, admin_credentials)
    survey_id = f"bt-new-{secrets.token_hex(3)}"
    page.goto("/console/umfragen/neu")
    wait_for_view(page, "Neue Umfrage")
    page.get_by_label("Titel (Deutsch)").fill("Adresstest")
    page.get_by_label("Kennung", exact=True).fill(survey_id)
    page.get_by_label("Einleitung (Deutsch)").fill("Bitte antworten Sie.")
    page.get_by_label("Typ der neuen Frage").select_option("yesno")
    page.get_by_role("button", name="Frage hinzufügen").click()
    page.locator(".sv-qcard").last.get_by_label("Fragetext (Deutsch)").fill("Alles gut?")
    page.get_by_role("button", name="Umfrage anlegen").click()
    wait_for_view(page, "Umfrage bearbeiten")
    expect(page.get_by_text("Die Umfrage ist als Entwurf angelegt.")).to_be_visible()
    assert page.url.endswith(f"/console/umfragen/{survey_id}"), page.url
    page.reload()
    wait_for_view(page, "Umfrage bearbeiten")
    expect(page.get_by_label("Titel (Deutsch)")).to_have_value("Adresstest")
    expect(page.get_by_text("Die Umfrage ist als Entwurf angelegt.")).to_have_count(0)
    page.go_back()
    assert "/console/umfragen/neu" not in page.url


NUMBERED = [
    {"id": "ok", "type": "yesno", "label": text("Alles gut?"), "required": True},
    {
        "id": "warum",
        "type": "text",
        "label": text("Was lief schief?"),
        "show_if": {"question_id": "ok", "values": [False]},
    },
    {"id": "note", "type": "rating", "label": text("Ihre Note?")},
    {"id": "wieder", "type": "yesno", "label": text("Wiederkommen?")},
]


def test_questions_have_one_numbering_in_preview_results_and_on_the_citizen_page(
    page: Any, admin_credentials: tuple[str, str]
) -> None:
    sign_in_admin(page, admin_credentials)
    survey_id = open_survey(page, NUMBERED)

    # The preview and the results number by the definition: the follow-up is 2 whether shown or not.
    page.goto(f"/console/umfragen/{survey_id}")
    wait_for_view(page, "Umfrage bearbeiten")
    preview = page.get_by_role("region", name="Vorschau")
    expect(preview.locator("legend", has_text="Wiederkommen?")).to_have_text(re.compile(r"^4\. "))
    page.goto(f"/console/umfragen/{survey_id}/ergebnisse")
    wait_for_view(page, "Ergebnisse")
    expect(page.get_by_role("heading", name="4. Wiederkommen?")).to_be_visible()
    expect(page.get_by_role("heading", name="3. Ihre Note?")).to_be_visible()

    # The citizen's "Frage x von N" counts the questions that apply to the answers given so far.
    page.goto(f"/umfrage/{survey_id}")
    wait_for_view(page, "Testumfrage " + survey_id)
    count = page.locator(".sv-count")
    expect(count).to_have_text("Frage 1 von 3")
    page.get_by_text("Nein", exact=True).click()
    expect(count).to_have_text("Frage 1 von 4")
    page.get_by_role("button", name="Weiter").click()
    expect(count).to_have_text("Frage 3 von 4")
    page.get_by_role("button", name="Zurück").click()
    page.get_by_text("Ja", exact=True).click()
    expect(count).to_have_text("Frage 1 von 3")
    page.get_by_role("button", name="Weiter").click()
    expect(count).to_have_text("Frage 2 von 3")


def test_the_raffle_error_summary_names_the_consent_briefly(page: Any, admin_credentials: tuple[str, str]) -> None:
    sign_in_admin(page, admin_credentials)
    survey_id = open_survey(page, YESNO, raffle=True)
    page.goto(f"/umfrage/{survey_id}")
    wait_for_view(page)
    page.get_by_text("Ja", exact=True).click()
    page.get_by_role("button", name="Antworten absenden").click()
    wait_for_view(page, "Vielen Dank für Ihre Teilnahme!")
    page.get_by_role("button", name="An der Verlosung teilnehmen").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    link = summary.get_by_role("link", name=re.compile("^Einwilligung zur Verlosung: "))
    expect(link).to_be_visible()
    assert "Ich bin einverstanden" not in summary.inner_text()
    link.click()
    expect(page.get_by_label(re.compile("^Ich bin einverstanden"))).to_be_focused()
    assert_axe_clean(page)
