"""The citizen's booking steps at the calendar's hard moments, each on a live stack of its own.

The main browser run lives on New Year's Eve at 23:30 (see ``stack_clock``). These add the night
the clocks go forward, the doubled hour when they go back, and a Tuesday at 11:00, when the
morning's last times fall within the lead time. Page and server share each moment's clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from chalicelib.booking.rules.calendar import BERLIN
from tests.browser.conftest import stack_context
from tests.browser.test_booking_citizen import (
    fill_details,
    to_details,
    unique_email,
    walk_to_the_details_with_the_keyboard,
)
from tests.conftest import LiveStack, start_live_stack

pytestmark = pytest.mark.browser


def last_sunday(year: int, month: int) -> datetime:
    day = datetime(year, month + 1, 1, tzinfo=BERLIN) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() - 6) % 7)


def upcoming(make: Any) -> datetime:
    """The first of this year's or next year's moment that still lies ahead of the real clock."""
    now = datetime.now(BERLIN)
    return next(m for m in (make(now.year), make(now.year + 1)) if m > now)


def next_tuesday_at_eleven() -> datetime:
    now = datetime.now(BERLIN)
    day = now.date() + timedelta(days=(1 - now.weekday()) % 7 or 7)
    return datetime(day.year, day.month, day.day, 11, 0, tzinfo=BERLIN)


MOMENTS = {
    "spring-forward-01:30": lambda: upcoming(lambda y: last_sunday(y, 3).replace(hour=1, minute=30)),
    "fall-back-02:30-second": lambda: upcoming(lambda y: last_sunday(y, 10).replace(hour=2, minute=30, fold=1)),
    "tuesday-11:00": next_tuesday_at_eleven,
}


@pytest.fixture(scope="module", params=list(MOMENTS), ids=list(MOMENTS))
def hard_stack(request: pytest.FixtureRequest) -> Iterator[LiveStack]:
    with start_live_stack(MOMENTS[request.param]()) as stack:
        yield stack


@pytest.fixture
def hard_page(browser: Any, hard_stack: LiveStack) -> Iterator[Any]:
    ctx = stack_context(browser, hard_stack)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_the_calendar_by_keyboard(hard_page: Any) -> None:
    walk_to_the_details_with_the_keyboard(hard_page)


def test_booking_the_first_free_time(hard_page: Any, hard_stack: LiveStack) -> None:
    start = to_details(hard_page, ["Wohnsitz an- oder ummelden"], "Stadtteilbüro Anrath")
    assert datetime.fromisoformat(start) > hard_stack.now() + timedelta(minutes=60)
    fill_details(hard_page, unique_email("hard-date"))
    hard_page.get_by_role("button", name="Termin verbindlich buchen").click()
    hard_page.wait_for_function("document.querySelector('main h1')?.textContent === 'Ihr Termin ist reserviert'")
