"""Opening hours, closures, NRW holidays, DST-aware units and parsing of the office data file."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from chalicelib.booking.rules.calendar import (
    Closure,
    CounterRange,
    TimeRange,
    holiday_name,
    irregular_units,
    is_open_day,
    local_dt,
    parse_office_hours,
    unit_index,
)
from chalicelib.platform.errors import ValidationFailed
from tests.unit.office_fixtures import willich_config


def errors_of(config: Any, **kwargs: Any) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        parse_office_hours(config, **kwargs)
    return caught.value.fields


# --- opening days ---------------------------------------------------------------------------


def test_a_weekday_without_opening_hours_is_closed() -> None:
    office = parse_office_hours(willich_config())
    assert is_open_day(office, date(2026, 6, 7)) == (False, "no opening hours on Sundays")
    assert is_open_day(office, date(2026, 6, 8)) == (True, None)


def test_a_single_day_closure_closes_the_office_with_its_reason() -> None:
    office = parse_office_hours(willich_config())
    assert is_open_day(office, date(2026, 6, 19)) == (False, "Betriebsausflug")
    assert is_open_day(office, date(2026, 6, 18)) == (True, None)
    assert is_open_day(office, date(2026, 6, 22)) == (True, None)


def test_a_closure_range_closes_every_day_including_both_ends() -> None:
    office = parse_office_hours(willich_config())
    first = date(2026, 12, 24)
    for offset in range(8):
        is_open, reason = is_open_day(office, first + timedelta(days=offset))
        assert not is_open
        assert reason is not None
    assert is_open_day(office, date(2026, 12, 23)) == (True, None)
    assert is_open_day(office, date(2027, 1, 2)) == (True, None)


def test_corpus_christi_is_a_public_holiday_in_north_rhine_westphalia() -> None:
    office = parse_office_hours(willich_config())
    assert holiday_name(date(2026, 6, 4)) == "Fronleichnam"
    assert is_open_day(office, date(2026, 6, 4)) == (False, "public holiday (Fronleichnam)")


def test_reformation_day_is_not_a_holiday_in_north_rhine_westphalia() -> None:
    # 2026-10-31 is a Saturday, and the test office opens on Saturdays.
    office = parse_office_hours(willich_config())
    assert holiday_name(date(2026, 10, 31)) is None
    assert is_open_day(office, date(2026, 10, 31)) == (True, None)


def test_day_of_repentance_is_not_a_holiday_in_north_rhine_westphalia() -> None:
    office = parse_office_hours(willich_config())
    assert holiday_name(date(2026, 11, 18)) is None
    assert is_open_day(office, date(2026, 11, 18)) == (True, None)


def test_all_saints_day_is_named_even_when_it_falls_on_a_sunday() -> None:
    office = parse_office_hours(willich_config())
    assert is_open_day(office, date(2026, 11, 1)) == (False, "public holiday (Allerheiligen)")


def test_holidays_of_other_years_are_known_too() -> None:
    assert holiday_name(date(2027, 5, 27)) == "Fronleichnam"
    assert holiday_name(date(2025, 12, 26)) == "Zweiter Weihnachtstag"


# --- local time and units -------------------------------------------------------------------


def test_local_times_map_to_the_right_utc_instants_around_both_dst_changes() -> None:
    assert local_dt(date(2026, 3, 28), time(8)).astimezone(UTC) == datetime(2026, 3, 28, 7, tzinfo=UTC)
    assert local_dt(date(2026, 3, 29), time(8)).astimezone(UTC) == datetime(2026, 3, 29, 6, tzinfo=UTC)
    assert local_dt(date(2026, 10, 24), time(8)).astimezone(UTC) == datetime(2026, 10, 24, 6, tzinfo=UTC)
    assert local_dt(date(2026, 10, 25), time(8)).astimezone(UTC) == datetime(2026, 10, 25, 7, tzinfo=UTC)


def test_units_count_wall_clock_minutes_since_midnight() -> None:
    day = date(2026, 6, 8)
    assert unit_index(day, local_dt(day, time(8))) == 96
    assert unit_index(day, local_dt(day, time(12, 35))) == 151
    assert unit_index(day, datetime(2026, 6, 8, 6, tzinfo=UTC)) == 96


def test_units_stay_wall_clock_based_on_dst_days() -> None:
    spring, autumn = date(2026, 3, 29), date(2026, 10, 25)
    assert unit_index(spring, datetime(2026, 3, 29, 0, 55, tzinfo=UTC)) == 23  # 01:55 CET
    assert unit_index(spring, datetime(2026, 3, 29, 1, 0, tzinfo=UTC)) == 36  # 03:00 CEST
    assert unit_index(autumn, datetime(2026, 10, 25, 2, 0, tzinfo=UTC)) == 36  # 03:00 CET
    assert unit_index(autumn, local_dt(autumn, time(8))) == 96


def test_the_skipped_and_the_repeated_hour_are_irregular_units() -> None:
    assert irregular_units(date(2026, 3, 29)) == frozenset(range(24, 36))
    assert irregular_units(date(2026, 10, 25)) == frozenset(range(24, 36))
    assert irregular_units(date(2026, 6, 8)) == frozenset()
    assert irregular_units(date(2026, 3, 28)) == frozenset()


def test_unit_index_refuses_naive_datetimes_and_other_days() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        unit_index(date(2026, 6, 8), datetime(2026, 6, 8, 8))
    with pytest.raises(ValueError, match="not on"):
        unit_index(date(2026, 6, 8), datetime(2026, 6, 8, 23, tzinfo=UTC))


def test_time_ranges_must_be_unit_aligned_and_not_empty() -> None:
    with pytest.raises(ValueError, match="multiples"):
        TimeRange(time(8, 2), time(9))
    with pytest.raises(ValueError, match="after start"):
        TimeRange(time(9), time(9))
    with pytest.raises(ValueError, match="at least 1"):
        CounterRange(time(8), time(9), 0)


# --- parsing --------------------------------------------------------------------------------


def test_a_complete_data_file_parses_into_office_hours() -> None:
    office = parse_office_hours(willich_config(), office_id="willich")
    assert office.office_id == "willich"
    assert office.windows[0] == (TimeRange(time(8), time(12, 30)), TimeRange(time(14), time(16)))
    assert office.counters[0] == (CounterRange(time(8), time(12), 3), CounterRange(time(12), time(16), 2))
    assert office.pickup[0] == (CounterRange(time(8), time(12), 1),)
    assert office.closures[0] == Closure(date(2026, 6, 19), date(2026, 6, 19), "Betriebsausflug")
    assert office.slot_step_minutes == 15
    assert 6 not in office.windows


def test_a_weekday_without_counter_entry_gets_one_counter_per_window() -> None:
    office = parse_office_hours(willich_config())
    assert office.counters[3] == (CounterRange(time(8), time(12, 30), 1), CounterRange(time(14), time(18), 1))


def test_windows_are_sorted_by_start() -> None:
    office = parse_office_hours({"hours": {"mon": ["14:00-16:00", "08:00-12:00"]}})
    assert [w.start for w in office.windows[0]] == [time(8), time(14)]


def test_the_slot_step_defaults_to_fifteen_minutes() -> None:
    assert parse_office_hours({"hours": {}}).slot_step_minutes == 15


@pytest.mark.parametrize(
    ("config", "field"),
    [
        ({"hours": {"mon": ["8:00-12:00"]}}, "hours.mon[0]"),
        ({"hours": {"mon": ["08:00"]}}, "hours.mon[0]"),
        ({"hours": {"mon": ["12:00-08:00"]}}, "hours.mon[0]"),
        ({"hours": {"mon": ["08:02-12:00"]}}, "hours.mon[0]"),
        ({"hours": {"mon": ["08:00-12:00", "11:00-13:00"]}}, "hours.mon"),
        ({"hours": {"mo": ["08:00-12:00"]}}, "hours.mo"),
        ({"hours": {"mon": "08:00-12:00"}}, "hours.mon"),
        ({"hours": ["08:00-12:00"]}, "hours"),
        ({"counters": {"tue": [{"from": "08:00", "to": "12:00", "count": 0}]}}, "counters.tue[0].count"),
        ({"counters": {"tue": [{"from": "08:00", "to": "12:00", "count": True}]}}, "counters.tue[0].count"),
        ({"counters": {"tue": [{"from": "08:00", "to": "25:00", "count": 2}]}}, "counters.tue[0].to"),
        ({"counters": {"tue": [{"from": "x", "to": "12:00", "count": 2}]}}, "counters.tue[0].from"),
        ({"counters": {"tue": ["08:00-12:00"]}}, "counters.tue[0]"),
        ({"pickup": {"fri": [{"from": "10:00", "to": "09:00", "count": 1}]}}, "pickup.fri[0].to"),
        ({"closures": [{"from": "2026-02-30", "reason": "x"}]}, "closures[0].from"),
        ({"closures": [{"from": "2026-05-02", "to": "2026-05-01", "reason": "x"}]}, "closures[0].to"),
        ({"closures": [{"from": "2026-05-02", "reason": ""}]}, "closures[0].reason"),
        ({"closures": {"from": "2026-05-02"}}, "closures"),
        ({"slot_step_minutes": 7}, "slot_step_minutes"),
        ({"slot_step_minutes": 0}, "slot_step_minutes"),
        ({"slot_step_minutes": "15"}, "slot_step_minutes"),
    ],
)
def test_malformed_config_names_the_offending_field(config: dict[str, Any], field: str) -> None:
    assert field in errors_of(config)


def test_every_problem_in_the_config_is_reported_at_once() -> None:
    config = {"hours": {"mon": ["bad"], "tue": ["09:00-08:00"]}, "slot_step_minutes": 3}
    assert set(errors_of(config)) == {"hours.mon[0]", "hours.tue[0]", "slot_step_minutes"}


def test_field_paths_carry_the_given_prefix() -> None:
    fields = errors_of({"hours": {"tue": ["09:00-08:00"]}}, path="offices[1]")
    assert fields == {"offices[1].hours.tue[0]": "must be after the start"}


def test_a_config_that_is_not_an_object_is_refused() -> None:
    assert errors_of(["08:00-12:00"]) == {"hours": "must be an object"}
