"""Citizen surveys at 360 px: answering step by step, follow-ups, checks, offline submission counted
once, the raffle, the device marker, closed and unknown surveys, winners and public results.

Each module run publishes its own copies of the demo survey (the local stack's "buergerservice",
or the unit-test example where the stack has none) through the staff API, so counts are its own.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from chalicelib.platform.day_names import day_text
from tests.browser.axe import assert_axe_clean
from tests.browser.conftest import stack_context
from tests.conftest import LiveStack, stack_today
from tests.unit.fixtures_survey import survey_dict

pytestmark = pytest.mark.browser

DEMO_ID = "buergerservice"
SAVED = "Ihre Antworten sind gespeichert und werden gesendet, sobald Sie wieder online sind."
ALREADY = "Sie haben an dieser Umfrage bereits teilgenommen. Vielen Dank!"
THANKS = "Vielen Dank für Ihre Teilnahme!"


@pytest.fixture(scope="module")
def staff(playwright_instance: Any, base_url: str, admin_credentials: tuple[str, str]) -> Iterator[Any]:
    """A signed-in staff API client of its own (the pages under test stay anonymous)."""
    # Body-less staff requests name themselves as the console's, as its fetch wrapper does.
    api = playwright_instance.request.new_context(base_url=base_url, extra_http_headers={"X-Requested-With": "fetch"})
    res = api.post("/api/auth/login", data={"username": admin_credentials[0], "password": admin_credentials[1]})
    assert res.ok, res.text()
    yield api
    api.dispose()


def publish_copy(staff: Any, opens: date, closes: date) -> str:
    """A published copy of the demo survey under a new id, open from `opens` to `closes`."""
    res = staff.get(f"/api/surveys/{DEMO_ID}")
    data = res.json()["survey"] if res.ok else survey_dict()
    survey_id = f"citizen-{secrets.token_hex(4)}"
    data.update(
        id=survey_id, series=survey_id, wave=1, status="draft", opens=opens.isoformat(), closes=closes.isoformat()
    )
    data["raffle"]["publication_end"] = (closes + timedelta(days=28)).isoformat()
    res = staff.post("/api/surveys", data=data)
    assert res.status == 201, res.text()
    res = staff.post(f"/api/surveys/{survey_id}/publish")
    assert res.ok, res.text()
    return survey_id


@pytest.fixture(scope="module")
def survey_id(staff: Any) -> str:
    today = stack_today()
    return publish_copy(staff, today - timedelta(days=1), today + timedelta(days=30))


def german(day: date) -> str:
    """A date as Intl.DateTimeFormat("de-DE", {dateStyle: "long"}) writes it."""
    return day_text(day, "de")


def responses(staff: Any, survey_id: str) -> int:
    res = staff.get(f"/api/surveys/{survey_id}/results")
    assert res.ok, res.text()
    return int(res.json()["n"])


def open_survey(page: Any, path: str) -> None:
    page.goto(path)
    page.wait_for_selector("main h1")
    page.wait_for_function("!document.getElementById('main').hasAttribute('aria-busy')")


def step(page: Any, n: int) -> None:
    expect(page.locator(".sv-count")).to_have_text(re.compile(rf"^Frage {n} von \d+$"))


def next_step(page: Any) -> None:
    count = page.locator(".sv-count").inner_text()
    n = int(count.split()[1])
    page.get_by_role("button", name="Weiter").click()
    # "Frage x von N" counts the questions that apply: a follow-up shown on this step counts too.
    page.wait_for_function("n => Number(document.querySelector('.sv-count')?.textContent.split(' ')[1]) > n", arg=n)


def answer_to_the_end(page: Any) -> None:
    """From the current step on: the first choice of every step (texts left empty), up to sending."""
    while True:
        first = page.locator("main .sv-q:not([hidden]) input")
        if first.count():
            first.first.check()
        if page.get_by_role("button", name="Antworten absenden").count():
            return
        next_step(page)


def wait_until(page: Any, condition: Any, what: str) -> None:
    for _ in range(100):
        if condition():
            return
        page.wait_for_timeout(50)
    pytest.fail(f"gave up waiting: {what}")


def question(page: Any, text: str) -> Any:
    return page.locator(".sv-q", has=page.get_by_role("heading", name=re.compile(re.escape(text))))


def test_answering_by_keyboard_with_a_follow_up_only_after_a_low_rating(page: Any, survey_id: str) -> None:
    open_survey(page, f"/umfrage/{survey_id}")
    step(page, 1)
    assert page.get_by_text("Hinweise zum Datenschutz").is_visible()
    assert_axe_clean(page)  # the intro with the first question

    # keyboard only: Tab to the first card, Space picks it, Enter moves on (the focus goes to the next heading)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    step(page, 2)
    assert page.evaluate("document.activeElement.tagName") == "H2"
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # moves to and picks the second card
    page.keyboard.press("Enter")
    step(page, 3)
    assert page.evaluate("document.activeElement.tagName") == "H2"

    for _ in range(5):
        if page.get_by_role("heading", name=re.compile("freundlich")).count():
            break
        next_step(page)  # optional questions may stay unanswered
    follow_up = question(page, "Was ist schiefgelaufen?")
    expect(follow_up).to_be_hidden()
    page.get_by_label("4 – gut").check()
    expect(follow_up).to_be_hidden()
    page.get_by_label("2 – schlecht").check()
    expect(follow_up).to_be_visible()
    follow_up.locator("textarea").fill("Lange Wartezeit")
    counter = re.fullmatch(r"Noch (\d+) Zeichen von (\d+) frei", follow_up.locator(".sv-n").inner_text())
    assert counter and int(counter[2]) - int(counter[1]) == len("Lange Wartezeit")
    assert_axe_clean(page)  # a step with its follow-up
    page.get_by_label("5 – sehr gut").check()
    expect(follow_up).to_be_hidden()


def test_back_and_forward_and_reload_keep_the_answers(page: Any, survey_id: str) -> None:
    open_survey(page, f"/umfrage/{survey_id}")
    page.locator("main .sv-q input").nth(1).check()
    next_step(page)
    page.locator("main .sv-q input").nth(1).check()
    next_step(page)
    page.get_by_role("button", name="Zurück").click()
    step(page, 2)
    expect(page.locator("main .sv-q input").nth(1)).to_be_checked()
    page.get_by_role("button", name="Zurück").click()
    step(page, 1)
    expect(page.locator("main .sv-q input").nth(1)).to_be_checked()
    next_step(page)
    expect(page.locator("main .sv-q input").nth(1)).to_be_checked()
    page.reload()
    step(page, 2)
    expect(page.locator("main .sv-q input").nth(1)).to_be_checked()


def test_a_missing_required_answer_is_shown_at_the_question(page: Any, survey_id: str) -> None:
    open_survey(page, f"/umfrage/{survey_id}")
    page.get_by_role("button", name="Weiter").click()
    error = page.locator(".sv-q .field-error")
    expect(error).to_have_text("Fehler: Bitte beantworten Sie diese Frage.")
    assert error.get_attribute("role") == "alert"
    block = page.locator(".sv-q").first
    assert error.get_attribute("id") in (block.get_attribute("aria-describedby") or "")
    assert block.locator("input").first.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.type") == "radio"
    step(page, 1)
    block.locator("input").first.check()
    expect(error).to_have_count(0)
    next_step(page)


def test_answers_raffle_and_device_marker(page: Any, survey_id: str, staff: Any) -> None:
    before = responses(staff, survey_id)
    open_survey(page, f"/umfrage/{survey_id}")
    answer_to_the_end(page)
    page.get_by_role("button", name="Antworten absenden").click()
    expect(page.locator("main h1")).to_have_text(THANKS)
    assert page.evaluate("document.activeElement.tagName") == "H1"
    assert responses(staff, survey_id) == before + 1
    raffle = page.get_by_role("region", name="Verlosung")
    expect(raffle).to_contain_text("gelöscht")  # the deletion date is stated
    assert page.get_by_label("Vorname", exact=True).get_attribute("autocomplete") == "given-name"
    assert page.get_by_label("Nachname", exact=True).get_attribute("autocomplete") == "family-name"
    assert page.get_by_label("E-Mail-Adresse", exact=True).get_attribute("autocomplete") == "email"
    assert_axe_clean(page)  # thanks and raffle form

    page.get_by_label("Vorname", exact=True).fill("Anna")
    page.get_by_label("Nachname", exact=True).fill("Muster")
    page.get_by_label("E-Mail-Adresse", exact=True).fill("anna@beispiel")  # the browser accepts it, the server not
    page.get_by_label(re.compile("^Ich bin einverstanden")).check()
    page.get_by_role("button", name="An der Verlosung teilnehmen").click()
    email = page.get_by_label("E-Mail-Adresse", exact=True)
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(raffle.locator(".field-error")).to_contain_text("gültige E-Mail-Adresse")
    email.fill(f"anna.{secrets.token_hex(3)}@beispiel.de")
    page.get_by_role("button", name="An der Verlosung teilnehmen").click()
    expect(raffle.locator(".notice-ok")).to_contain_text("Sie nehmen an der Verlosung teil")

    open_survey(page, f"/umfrage/{survey_id}")
    expect(page.locator("main")).to_contain_text(ALREADY)
    assert responses(staff, survey_id) == before + 1


def test_a_visit_link_takes_one_answer_and_ignores_the_device_marker(page: Any, survey_id: str, staff: Any) -> None:
    office = page.request.get("/api/town").json()["offices"][0]["id"]
    res = staff.post(f"/api/surveys/{survey_id}/visit-links", data={"office": office, "category": "ausweise"})
    assert res.status == 201, res.text()
    link = f"/umfrage/{survey_id}?besuch={res.json()['token']}"
    open_survey(page, f"/umfrage/{survey_id}/gewinner")
    page.evaluate(
        "id => localStorage.setItem(`survey-done:${id}`, '1')", survey_id
    )  # answered the public survey before
    open_survey(page, link)
    answer_to_the_end(page)
    page.get_by_role("button", name="Antworten absenden").click()
    expect(page.locator("main h1")).to_have_text(THANKS)
    open_survey(page, link)
    expect(page.locator("main h1")).to_have_text("Dieser Link wurde bereits verwendet")


def test_offline_submission_is_kept_and_counted_exactly_once(
    browser: Any, live_stack: LiveStack, survey_id: str, staff: Any
) -> None:
    # Service workers blocked so that the test can also drop answers on their way back.
    context = stack_context(browser, live_stack, service_workers="block")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        before = responses(staff, survey_id)
        open_survey(page, f"/umfrage/{survey_id}")
        answer_to_the_end(page)
        context.set_offline(True)
        page.get_by_role("button", name="Antworten absenden").click()
        expect(page.locator("main")).to_contain_text(SAVED)
        assert_axe_clean(page)
        assert responses(staff, survey_id) == before

        # Back online, but the answer to each attempt is lost: the server stores the first, the device retries.
        sent: list[str] = []

        def lose_answer(route: Any) -> None:
            sent.append(route.request.headers.get("idempotency-key", ""))
            route.fetch()
            route.abort()

        page.route("**/api/public/surveys/*/responses*", lose_answer)
        context.set_offline(False)
        page.wait_for_function("() => navigator.onLine")
        wait_until(page, lambda: len(sent) >= 1, 'a new attempt on the "online" event')
        expect(page.locator("main")).to_contain_text(SAVED)
        page.reload()  # another attempt on opening the page
        wait_until(page, lambda: len(sent) >= 2, "a new attempt when the page opens")
        expect(page.locator("main")).to_contain_text(SAVED)
        assert len(set(sent)) == 1 and len(sent[0]) >= 16, sent  # one key for every attempt

        page.unroute("**/api/public/surveys/*/responses*")
        page.reload()
        expect(page.locator("main h1")).to_have_text(THANKS)
        assert responses(staff, survey_id) == before + 1
        open_survey(page, f"/umfrage/{survey_id}")
        expect(page.locator("main")).to_contain_text(ALREADY)
        assert responses(staff, survey_id) == before + 1
        assert not errors, errors
    finally:
        context.close()


def test_closed_and_unknown_surveys(page: Any, staff: Any) -> None:
    today = stack_today()
    opens, closes = today - timedelta(days=60), today - timedelta(days=30)
    closed = publish_copy(staff, opens, closes)
    open_survey(page, f"/umfrage/{closed}")
    expect(page.locator("main h1")).to_have_text("Diese Umfrage ist beendet")
    expect(page.locator("main .lead")).to_contain_text("Moderner Bürgerservice")  # its title
    expect(page.locator("main p").nth(1)).to_have_text(
        f"Die Umfrage lief vom {german(opens)} bis zum {german(closes)}. Vielen Dank für Ihr Interesse!"
    )
    expect(page.locator("main .sv-q")).to_have_count(0)
    assert_axe_clean(page)
    opens, closes = today + timedelta(days=10), today + timedelta(days=40)
    open_survey(page, f"/umfrage/{publish_copy(staff, opens, closes)}")
    expect(page.locator("main h1")).to_have_text("Diese Umfrage hat noch nicht begonnen")
    expect(page.locator("main p").nth(1)).to_have_text(
        f"Sie können vom {german(opens)} bis zum {german(closes)} teilnehmen."
    )
    open_survey(page, f"/umfrage/gibt-es-nicht-{secrets.token_hex(3)}")
    expect(page.locator("main h1")).to_have_text("Umfrage nicht gefunden")


def required_answers(survey: dict[str, Any]) -> dict[str, Any]:
    first = {
        "single": lambda q: q["options"][0]["id"],
        "multi": lambda q: [q["options"][0]["id"]],
        "rating": lambda q: 5,
    }
    first |= {"nps": lambda q: 10, "yesno": lambda q: True, "text": lambda q: "Gut"}
    return {q["id"]: first[q["type"]](q) for q in survey["questions"] if q["required"] and not q["show_if"]}


def test_winners_list_after_the_draw(page: Any, staff: Any) -> None:
    today = stack_today()
    survey_id = publish_copy(staff, today - timedelta(days=3), today + timedelta(days=3))
    open_survey(page, f"/umfrage/{survey_id}/gewinner")
    expect(page.locator("main h1")).to_have_text("Gewinnerinnen und Gewinner")
    expect(page.locator("main")).to_contain_text("noch nicht stattgefunden")

    # an answer and a raffle entry through the public API, then the survey closes and is drawn
    survey = page.request.get(f"/api/public/surveys/{survey_id}").json()["survey"]
    res = page.request.post(
        f"/api/public/surveys/{survey_id}/responses",
        data={"answers": required_answers(survey)},
        headers={"Idempotency-Key": secrets.token_hex(16)},
    )
    assert res.status == 201, res.text()
    entry = {
        "ticket": res.json()["raffle"]["ticket"],
        "first_name": "Maria",
        "last_name": "Schneider",
        "email": f"maria.{secrets.token_hex(3)}@beispiel.de",
        "consent": True,
    }
    assert page.request.post(f"/api/public/surveys/{survey_id}/raffle", data=entry).status == 201
    definition = staff.get(f"/api/surveys/{survey_id}").json()["survey"]
    definition["closes"] = (today - timedelta(days=1)).isoformat()
    res = staff.put(f"/api/surveys/{survey_id}", data=definition)
    assert res.ok, res.text()
    res = staff.post(f"/api/surveys/{survey_id}/raffle/draw")
    assert res.ok, res.text()

    open_survey(page, f"/umfrage/{survey_id}/gewinner")
    expect(page.locator("main li")).to_have_text(["Maria S."])
    expect(page.locator("main .lead")).to_contain_text("Herzlichen Glückwunsch!")
    assert_axe_clean(page)


def test_public_results(page: Any, survey_id: str, staff: Any) -> None:
    open_survey(page, f"/umfrage/{survey_id}/ergebnisse")
    expect(page.locator("main")).to_contain_text("nicht öffentlich")
    assert staff.put(f"/api/surveys/{survey_id}/public-results", data={"enabled": True}).ok
    try:
        open_survey(page, f"/umfrage/{survey_id}/ergebnisse")
        expect(page.locator("main .sv-chart svg").first).to_be_visible()
        assert_axe_clean(page)
    finally:
        staff.put(f"/api/surveys/{survey_id}/public-results", data={"enabled": False})
