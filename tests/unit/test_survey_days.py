"""Calendar days in survey charts read as people write them, not as ISO dates."""

from __future__ import annotations

from datetime import date

from chalicelib.surveys.rules.chart import day_label


def test_days_are_written_the_german_and_the_english_way() -> None:
    assert day_label(date(2026, 11, 30), "de") == "30.11.2026"
    assert day_label(date(2026, 11, 30), "en") == "30 Nov 2026"
    assert day_label(date(2027, 1, 3), "de") == "03.01.2027"
    assert day_label(date(2027, 1, 3), "en") == "3 Jan 2027"
