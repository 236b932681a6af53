"""The day view in daily use: actions as verbs with undo of the last one, no-shows counted, find by
name or code, print and CSV export; at 360 px and with the keyboard.

The live stack's clock and the appointments' day differ, so the page's clock is set to that day;
"done" and its undo reach the real server (neither depends on the day), the no-show is answered
as on the appointment's day by ``on_the_appointment_day`` (see test_office_console.py).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import assert_axe_clean
from tests.browser.test_office_console import (
    BERLIN,
    NARROW,
    book_by_phone,
    card,
    free_day,
    on_the_appointment_day,
    sign_in,
    unique,
    wait_for_view,
)

pytestmark = pytest.mark.browser


def test_done_can_be_undone_no_shows_are_counted_and_the_day_is_found_printed_and_exported(
    page: Any, admin_credentials: tuple[str, str]
) -> None:
    sign_in(page, admin_credentials)
    day, starts = free_day(page, "willich", "ummeldung", at_least=2)
    names = [unique("Ida Erledigt"), unique("Otto Fehlt")]
    first, _ = (book_by_phone(page, "willich", ["ummeldung"], s, n) for s, n in zip(starts, names, strict=False))
    page.clock.set_system_time(datetime.fromisoformat(f"{day}T18:00:00").replace(tzinfo=BERLIN))
    on_the_appointment_day(page)
    page.goto("/console/termine?buero=willich")
    wait_for_view(page, "Tagesansicht")
    one = card(page, names[0])
    one.wait_for()

    # Verbs on the buttons; after "Erledigt" a small "Rückgängig" takes it back (keyboard only).
    assert one.get_by_role("button", name=f"Einchecken: {names[0]}").count() == 1
    one.get_by_role("button", name=f"Erledigt: {names[0]}").click()
    one.locator(".status-done").wait_for()
    undo = one.get_by_role("button", name=f"Rückgängig machen: Erledigt – {names[0]}, {starts[0][11:16]}")
    assert undo.inner_text() == "Rückgängig" and "Als erledigt vermerkt." in one.inner_text()
    assert_axe_clean(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.focusKey") == f"undo:{first['code']}"
    page.keyboard.press("Enter")
    one.locator(".status-confirmed").wait_for()
    page.get_by_role("status").filter(has_text=f"Rückgängig gemacht: {names[0]} ist wieder „Bestätigt“").wait_for(
        state="attached"
    )
    assert one.get_by_role("button", name="Rückgängig").count() == 0

    # A no-show shows as a state on the card and in the day's summary.
    two = card(page, names[1])
    two.get_by_role("button", name=f"Nicht erschienen: {names[1]}").click()
    two.locator(".status-no_show").wait_for()
    assert two.locator(".status-no_show").inner_text() == "Nicht erschienen"
    assert "1 nicht erschienen" in page.locator(".day-summary").inner_text()

    # Find by name on this day, by code on any day.
    search = page.get_by_label("Termin suchen")
    search.fill(names[1].split()[0])
    card(page, names[0]).wait_for(state="detached")
    assert card(page, names[1]).count() == 1
    search.press("Enter")
    page.get_by_text("1 Treffer an diesem Tag").wait_for()
    search.fill("")
    card(page, names[0]).wait_for()
    page.get_by_role("button", name="Nächster Tag →").click()
    card(page, names[0]).wait_for(state="detached")
    search.fill(f"{first['code'][:4].lower()}-{first['code'][4:].lower()}")
    search.press("Enter")
    found = page.locator(".find-result")
    found.wait_for()
    assert names[0] in found.inner_text() and "Stadtteilbüro Willich" in found.inner_text()
    found.get_by_role("button", name="Diesen Tag öffnen").click()
    card(page, names[0]).wait_for()
    assert page.get_by_label("Tag", exact=True).input_value() == day

    # CSV for the office, not kept by the browser; the printed list without controls.
    with page.expect_download() as download:
        page.get_by_role("link", name="Als CSV herunterladen").click()
    assert download.value.suggested_filename == f"termine-willich-{day}.csv"
    csv_text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert csv_text.startswith("Beginn;Ende;Schalter;Name;Buchungscode") and names[0] in csv_text
    res = page.request.get(page.get_by_role("link", name="Als CSV herunterladen").get_attribute("href"))
    assert res.headers["cache-control"] == "no-store"
    page.emulate_media(media="print")
    assert not page.get_by_label("Termin suchen").is_visible()
    assert not one.get_by_role("button").first.is_visible() and one.is_visible()
    page.emulate_media(media="screen")

    page.set_viewport_size(NARROW)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    assert_axe_clean(page)
