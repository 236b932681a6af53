"""Booking again after cancelling: the next booking starts with the cancelled one's service, office,
name and e-mail (kept in this tab only), and /termin?dienst=…&buero=… preselects service and office."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

import pytest

from tests.browser.axe import assert_axe_clean
from tests.browser.test_booking_citizen import unique_email, wait_for_step, wait_for_view
from tests.conftest import stack_today

pytestmark = pytest.mark.browser


def first_free_start(request: Any, office: str, services: str) -> str:
    """The first free start from the stack's tomorrow on, found through the API (any date, any hour)."""
    today = stack_today()
    month = today.replace(day=1)
    for _ in range(3):
        res = request.get(f"/api/booking/availability?office={office}&services={services}&month={month:%Y-%m}")
        assert res.ok, res.text()
        for day in res.json()["days"]:
            if day["free"] and day["date"] > today.isoformat():
                slots = request.get(f"/api/booking/slots?office={office}&services={services}&date={day['date']}")
                found = [s["start"] for s in slots.json()["slots"]]
                if found:
                    return found[0]
        month = (month + timedelta(days=32)).replace(day=1)
    raise AssertionError("no free time in three months")


def to_details_step(page: Any) -> None:
    """From the services step, with what is preselected, to "Ihre Angaben"."""
    page.get_by_role("button", name="Weiter").click()
    wait_for_step(page, "Bürgerbüro wählen")
    page.get_by_role("button", name="Weiter").click()
    wait_for_step(page, "Tag wählen")
    page.locator("button.cal-free").first.click()
    wait_for_step(page, "Uhrzeit wählen")
    page.locator("input[name=start]").first.check()
    page.get_by_role("button", name="Weiter").click()
    wait_for_step(page, "Ihre Angaben")


def test_booking_again_after_cancelling_starts_with_service_office_name_and_email(page: Any) -> None:
    email = unique_email("again")
    request = page.context.request
    answer = request.post(
        "/api/booking/bookings",
        data={
            "office": "anrath",
            "services": ["ummeldung"],
            "start": first_free_start(request, "anrath", "ummeldung"),
            "name": "Erika Mustermann",
            "email": email,
            "consent": True,
        },
        headers={"Idempotency-Key": f"test-{secrets.token_hex(8)}"},
    )
    assert answer.status == 201, answer.text()
    page.goto(f"/termin/verwalten?token={answer.json()['manage_token']}")
    wait_for_view(page)
    page.get_by_role("button", name="Termin absagen").click()
    page.get_by_role("button", name="Ja, Termin absagen").click()
    again = page.get_by_role("link", name="Neuen Termin buchen")
    again.wait_for()
    assert again.get_attribute("href") == "/termin?dienst=ummeldung&buero=anrath"
    assert email not in page.evaluate("JSON.stringify(localStorage)")  # kept in this tab only

    again.click()
    wait_for_view(page)
    assert page.get_by_label("Wohnsitz an- oder ummelden").is_checked()
    assert page.locator("input[name=services]:checked").count() == 1
    assert_axe_clean(page)
    page.get_by_role("button", name="Weiter").click()
    wait_for_step(page, "Bürgerbüro wählen")
    assert page.get_by_label("Stadtteilbüro Anrath").is_checked()
    page.get_by_role("button", name="Zurück").click()
    wait_for_step(page, "Anliegen wählen")
    to_details_step(page)
    assert page.get_by_label("Vor- und Nachname").input_value() == "Erika Mustermann"
    assert page.get_by_label("E-Mail-Adresse").input_value() == email
    assert_axe_clean(page)


def test_a_link_with_service_and_office_preselects_them(page: Any) -> None:
    page.goto("/termin?dienst=personalausweis,ummeldung&buero=willich")
    wait_for_view(page)
    checked = page.locator("input[name=services]:checked")
    assert sorted(checked.evaluate_all("els => els.map((el) => el.value)")) == ["personalausweis", "ummeldung"]
    to_details_step(page)
    assert "Stadtteilbüro Willich" in page.locator(".summary").inner_text()
    assert page.get_by_label("Vor- und Nachname").input_value() == ""  # nothing kept from elsewhere

    page.goto("/termin?dienst=unbekannt&buero=nirgends")
    wait_for_view(page)
    assert page.locator("input[name=services]:checked").count() == 0
