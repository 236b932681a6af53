"""Slot engine: free starts, counters, pickup pool, limits, conflicts and DST days."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.booking.rules.calendar import BERLIN, OfficeHours, local_dt, parse_office_hours
from chalicelib.booking.rules.catalogue import Service
from chalicelib.booking.rules.slots import (
    Slot,
    Taken,
    check_requested_start,
    free_starts,
    month_availability,
    units_for,
)
from chalicelib.platform.errors import Conflict, ValidationFailed
from tests.unit.office_fixtures import willich_config

WILLICH = parse_office_hours(willich_config(), office_id="willich")
# Real offices never open on Sundays, which is exactly when the clocks change; this one does.
NIGHT = parse_office_hours({"hours": {"sun": ["01:00-04:00", "08:00-12:00"]}}, office_id="nacht")

OFFICES = frozenset({"willich", "anrath"})
ID_CARD = Service(
    "personalausweis", "Personalausweis", "ID card", 20, offices=OFFICES, horizon_days=60, lead_minutes=120
)
REGISTRATION = Service("anmeldung", "Anmeldung", "Registration", 15, offices=OFFICES, horizon_days=90, lead_minutes=60)
PICKUP = Service("abholung", "Ausweis abholen", "Collect ID card", 5, offices=OFFICES, pickup=True, lead_minutes=0)
NIGHT_DESK = Service(
    "nachtschalter", "Nachtschalter", "Night desk", 15, offices=frozenset({"nacht"}), horizon_days=365, lead_minutes=0
)

NOW = datetime(2026, 6, 1, 7, 0, tzinfo=BERLIN)  # a Monday morning
MON = date(2026, 6, 8)


def at(day: date, hhmm: str) -> datetime:
    hours, minutes = hhmm.split(":")
    return local_dt(day, time(int(hours), int(minutes)))


def clock(slots: list[Slot]) -> list[str]:
    return [f"{s.start:%H:%M}" for s in slots]


def grid(first: str, last: str) -> list[str]:
    start, end = at(MON, first), at(MON, last)
    return [f"{start + timedelta(minutes=m):%H:%M}" for m in range(0, int((end - start).seconds / 60) + 1, 15)]


def book(office: OfficeHours, services: list[Service], start: datetime, taken: set[tuple[str, int]]) -> str:
    slot = check_requested_start(office, services, start, taken, NOW)
    duration = sum(s.duration_minutes for s in services)
    taken.update(units_for(slot.start, duration, slot.counters[0]))
    return slot.counters[0]


def refusal(start: datetime, services: list[Service] | None = None, now: datetime = NOW) -> str:
    with pytest.raises(ValidationFailed) as caught:
        check_requested_start(WILLICH, services or [ID_CARD], start, set(), now)
    return caught.value.fields["start"]


# --- the grid and opening windows -----------------------------------------------------------


def test_a_free_day_offers_every_grid_start_that_ends_within_its_window() -> None:
    slots = free_starts(WILLICH, MON, [ID_CARD], set(), NOW)
    assert clock(slots) == grid("08:00", "12:00") + grid("14:00", "15:30")


def test_no_slot_crosses_the_lunch_break() -> None:
    for slot in free_starts(WILLICH, MON, [ID_CARD, REGISTRATION], set(), NOW):
        assert slot.end <= at(MON, "12:30") or slot.start >= at(MON, "14:00")


def test_durations_of_combined_services_add_up_into_one_appointment() -> None:
    slots = free_starts(WILLICH, MON, [ID_CARD, REGISTRATION], set(), NOW)
    assert clock(slots) == grid("08:00", "11:45") + grid("14:00", "15:15")
    assert all(s.end - s.start == timedelta(minutes=35) for s in slots)


def test_a_booking_may_not_end_after_closing_time() -> None:
    assert refusal(at(MON, "12:15")) == "the appointment would end after the office closes at 12:30"
    assert refusal(at(MON, "15:45")) == "the appointment would end after the office closes at 16:00"


def test_a_start_between_the_opening_windows_is_outside_the_opening_hours() -> None:
    for hhmm in ("07:45", "12:30", "13:00", "16:00"):
        assert refusal(at(MON, hhmm)) == "is outside the opening hours"


def test_a_start_off_the_grid_is_refused() -> None:
    assert refusal(at(MON, "08:05")).startswith("is not a bookable start time")
    assert refusal(at(MON, "08:00") + timedelta(seconds=30)).startswith("is not a bookable start time")


def test_a_start_without_utc_offset_is_refused() -> None:
    assert refusal(datetime(2026, 6, 8, 9, 0)) == "must include a UTC offset"


def test_a_start_in_utc_is_understood_as_the_same_instant() -> None:
    slot = check_requested_start(WILLICH, [ID_CARD], datetime(2026, 6, 8, 7, 0, tzinfo=UTC), set(), NOW)
    assert slot.start.isoformat() == "2026-06-08T09:00:00+02:00"
    assert slot.end.isoformat() == "2026-06-08T09:20:00+02:00"


# --- counters -------------------------------------------------------------------------------


def test_a_three_counter_morning_allows_three_parallel_bookings_and_refuses_the_fourth() -> None:
    taken: set[tuple[str, int]] = set()
    assert [book(WILLICH, [ID_CARD], at(MON, "09:00"), taken) for _ in range(3)] == ["C1", "C2", "C3"]
    with pytest.raises(Conflict) as caught:
        check_requested_start(WILLICH, [ID_CARD], at(MON, "09:00"), taken, NOW)
    assert caught.value.details["next_free"] == [
        "2026-06-08T09:30:00+02:00",
        "2026-06-08T09:45:00+02:00",
        "2026-06-08T10:00:00+02:00",
    ]


def test_a_slot_crossing_into_the_two_counter_range_only_offers_counters_staffed_throughout() -> None:
    slots = {f"{s.start:%H:%M}": s.counters for s in free_starts(WILLICH, MON, [ID_CARD], set(), NOW)}
    assert slots["11:30"] == ("C1", "C2", "C3")
    assert slots["11:45"] == ("C1", "C2")
    assert slots["12:00"] == ("C1", "C2")


def test_a_free_third_counter_does_not_help_when_it_closes_before_the_appointment_ends() -> None:
    taken = set(units_for(at(MON, "12:00"), 20, "C1")) | set(units_for(at(MON, "12:00"), 20, "C2"))
    with pytest.raises(Conflict) as caught:
        check_requested_start(WILLICH, [ID_CARD], at(MON, "11:45"), taken, NOW)
    # 12:00 and 12:15 are taken too, so the suggestions jump over the lunch break.
    assert caught.value.details["next_free"] == [
        "2026-06-08T14:00:00+02:00",
        "2026-06-08T14:15:00+02:00",
        "2026-06-08T14:30:00+02:00",
    ]


def test_a_staff_block_on_all_counters_removes_overlapping_starts() -> None:
    blocked = {("*", unit) for unit in range(120, 132)}  # 10:00-11:00
    starts = clock(free_starts(WILLICH, MON, [ID_CARD], blocked, NOW))
    assert "09:30" in starts
    assert "11:00" in starts
    assert not {"09:45", "10:00", "10:15", "10:30", "10:45"} & set(starts)


def test_a_staff_block_on_one_counter_leaves_the_others_bookable() -> None:
    blocked = {("C2", unit) for unit in range(120, 132)}
    slots = {f"{s.start:%H:%M}": s.counters for s in free_starts(WILLICH, MON, [ID_CARD], blocked, NOW)}
    assert slots["10:00"] == ("C1", "C3")
    assert slots["09:30"] == ("C1", "C2", "C3")


def test_a_start_where_no_counter_is_staffed_is_a_validation_error_not_a_conflict() -> None:
    office = parse_office_hours(
        {"hours": {"tue": ["08:00-12:00"]}, "counters": {"tue": [{"from": "08:00", "to": "10:00", "count": 1}]}},
        office_id="willich",
    )
    assert clock(free_starts(office, date(2026, 6, 9), [ID_CARD], set(), NOW))[-1] == "09:30"
    with pytest.raises(ValidationFailed, match="no counter"):
        check_requested_start(office, [ID_CARD], at(date(2026, 6, 9), "09:45"), set(), NOW)


def test_units_for_lists_every_five_minute_unit_of_the_booking_on_its_counter() -> None:
    assert units_for(at(MON, "09:00"), 20, "C2") == [("C2", 108), ("C2", 109), ("C2", 110), ("C2", 111)]
    assert units_for(at(MON, "09:00"), 12, "C1") == [("C1", 108), ("C1", 109), ("C1", 110)]


# --- closed days ----------------------------------------------------------------------------


def test_a_closure_day_offers_nothing_and_refuses_with_its_reason() -> None:
    closed = date(2026, 6, 19)
    assert free_starts(WILLICH, closed, [ID_CARD], set(), NOW) == []
    with pytest.raises(ValidationFailed) as caught:
        check_requested_start(WILLICH, [ID_CARD], at(closed, "09:00"), set(), NOW)
    assert caught.value.fields["start"] == "the office is closed on 2026-06-19: Betriebsausflug"
    assert caught.value.details == {"reason": "Betriebsausflug"}


def test_corpus_christi_offers_nothing_in_north_rhine_westphalia() -> None:
    assert free_starts(WILLICH, date(2026, 6, 4), [ID_CARD], set(), NOW) == []
    assert "Fronleichnam" in refusal(at(date(2026, 6, 4), "09:00"))


def test_reformation_day_on_a_saturday_is_bookable_in_north_rhine_westphalia() -> None:
    now = datetime(2026, 10, 1, 8, 0, tzinfo=BERLIN)
    slots = free_starts(WILLICH, date(2026, 10, 31), [REGISTRATION], set(), now)
    assert clock(slots) == grid("09:00", "11:45")


# --- lead time and horizon ------------------------------------------------------------------


def test_starts_within_the_lead_time_are_not_offered() -> None:
    now = at(MON, "09:00")
    assert clock(free_starts(WILLICH, MON, [ID_CARD], set(), now))[0] == "11:00"
    assert clock(free_starts(WILLICH, MON, [REGISTRATION], set(), now))[0] == "10:00"
    assert clock(free_starts(WILLICH, MON, [ID_CARD, REGISTRATION], set(), now))[0] == "11:00"


def test_a_start_in_the_past_or_within_the_lead_time_is_refused() -> None:
    now = at(MON, "09:00")
    assert refusal(at(MON, "08:30"), now=now) == "lies in the past"
    assert refusal(at(MON, "10:45"), now=now) == "must be booked at least 120 minutes in advance"
    assert (
        refusal(at(MON, "10:45"), [REGISTRATION, ID_CARD], now=now) == "must be booked at least 120 minutes in advance"
    )
    assert check_requested_start(WILLICH, [ID_CARD], at(MON, "11:00"), set(), now).counters == ("C1", "C2", "C3")


def test_the_booking_horizon_is_the_shortest_of_the_combined_services() -> None:
    last, beyond = date(2026, 7, 31), date(2026, 8, 3)  # 60 days after 2026-06-01, then the next open day
    assert free_starts(WILLICH, last, [ID_CARD], set(), NOW)
    assert free_starts(WILLICH, beyond, [ID_CARD], set(), NOW) == []
    assert free_starts(WILLICH, beyond, [REGISTRATION], set(), NOW)
    assert free_starts(WILLICH, beyond, [REGISTRATION, ID_CARD], set(), NOW) == []
    assert refusal(at(beyond, "09:00"), [REGISTRATION, ID_CARD]) == "can be booked at most 60 days in advance"


def test_a_service_the_office_does_not_offer_is_refused_by_the_engine() -> None:
    with pytest.raises(ValidationFailed) as caught:
        free_starts(NIGHT, date(2026, 6, 7), [ID_CARD], set(), NOW)
    assert "Personalausweis" in caught.value.fields["services"]


# --- pickup pool ----------------------------------------------------------------------------


def test_pickup_uses_its_own_places_only_within_the_pickup_ranges() -> None:
    slots = free_starts(WILLICH, MON, [PICKUP], set(), NOW)
    assert clock(slots) == grid("08:00", "11:45")
    assert {s.counters for s in slots} == {("P1",)}


def test_pickup_is_independent_of_taken_counters_and_vice_versa() -> None:
    counters_full = {(f"C{k}", unit) for k in (1, 2, 3) for unit in range(96, 192)}
    assert len(free_starts(WILLICH, MON, [PICKUP], counters_full, NOW)) == 16
    pickup_full = {("P1", unit) for unit in range(96, 192)}
    assert len(free_starts(WILLICH, MON, [ID_CARD], pickup_full, NOW)) == 24
    assert free_starts(WILLICH, MON, [PICKUP], pickup_full, NOW) == []


def test_extra_pickup_capacity_adds_places_for_the_whole_opening_day() -> None:
    slots = {f"{s.start:%H:%M}": s.counters for s in free_starts(WILLICH, MON, [PICKUP], set(), NOW, extra_pickup=1)}
    assert slots["09:00"] == ("P1", "P2")
    assert slots["12:15"] == ("P1",)
    assert slots["15:45"] == ("P1",)
    assert len(slots) == 16 + 2 + 8


def test_a_taken_pickup_place_conflicts_unless_staff_added_extra_capacity() -> None:
    taken = set(units_for(at(MON, "09:00"), 5, "P1"))
    with pytest.raises(Conflict) as caught:
        check_requested_start(WILLICH, [PICKUP], at(MON, "09:00"), taken, NOW)
    assert caught.value.details["next_free"][0] == "2026-06-08T09:15:00+02:00"
    slot = check_requested_start(WILLICH, [PICKUP], at(MON, "09:00"), taken, NOW, extra_pickup=1)
    assert slot.counters == ("P2",)


# --- suggestions and the month view ---------------------------------------------------------


def test_suggestions_continue_on_the_following_loaded_days() -> None:
    taken = set(units_for(at(MON, "15:30"), 20, "C1")) | set(units_for(at(MON, "15:30"), 20, "C2"))
    with pytest.raises(Conflict) as caught:
        check_requested_start(
            WILLICH,
            [ID_CARD],
            at(MON, "15:30"),
            taken,
            NOW,
            later_taken={date(2026, 6, 10): set(), date(2026, 6, 9): set()},
        )
    assert caught.value.details["next_free"] == [
        "2026-06-09T08:00:00+02:00",
        "2026-06-09T08:15:00+02:00",
        "2026-06-09T08:30:00+02:00",
    ]
    with pytest.raises(Conflict) as caught:
        check_requested_start(WILLICH, [ID_CARD], at(MON, "15:30"), taken, NOW)
    assert caught.value.details["next_free"] == []


def test_month_availability_counts_free_starts_and_zero_for_closed_days() -> None:
    whole_day_block = {("*", unit) for unit in range(96, 192)}
    taken_by_date: dict[date, Taken] = {date(2026, 6, 15): whole_day_block}
    month = month_availability(WILLICH, 2026, 6, [ID_CARD], taken_by_date, NOW)
    assert list(month) == [date(2026, 6, d) for d in range(1, 31)]
    assert month[date(2026, 6, 1)] == 20  # lead time: from 09:00 on the day of "now"
    assert month[date(2026, 6, 2)] == 17
    assert month[date(2026, 6, 4)] == 0  # Fronleichnam
    assert month[date(2026, 6, 6)] == 11  # Saturday 09:00-12:00
    assert month[date(2026, 6, 7)] == 0  # Sunday
    assert month[date(2026, 6, 8)] == 24
    assert month[date(2026, 6, 15)] == 0  # blocked by staff
    assert month[date(2026, 6, 19)] == 0  # closure
    for day, count in month.items():
        assert count == len(free_starts(WILLICH, day, [ID_CARD], taken_by_date.get(day, set()), NOW))


def test_month_availability_applies_extra_pickup_per_day() -> None:
    month = month_availability(WILLICH, 2026, 6, [PICKUP], {}, NOW, extra_pickup_by_date={date(2026, 6, 9): 2})
    assert month[date(2026, 6, 8)] == 16
    assert month[date(2026, 6, 9)] == 18  # Tuesday has no regular pickup, staff opened two places
    assert month[date(2026, 6, 10)] == 0


# --- daylight saving time -------------------------------------------------------------------


def night_slots(day: date) -> list[Slot]:
    return free_starts(NIGHT, day, [NIGHT_DESK], set(), datetime(2026, 3, 1, tzinfo=UTC))


def assert_real_and_distinct(slots: list[Slot]) -> None:
    instants = [s.start.astimezone(UTC) for s in slots]
    assert instants == sorted(set(instants))
    assert all(s.end.astimezone(UTC) - s.start.astimezone(UTC) == timedelta(minutes=15) for s in slots)


def test_on_the_spring_forward_day_the_skipped_hour_is_not_offered() -> None:
    slots = night_slots(date(2026, 3, 29))
    assert clock(slots)[:8] == ["01:00", "01:15", "01:30", "01:45", "03:00", "03:15", "03:30", "03:45"]
    assert len(slots) == 8 + 16
    assert len(night_slots(date(2026, 3, 22))) == 12 + 16
    assert slots[3].end.isoformat() == "2026-03-29T03:00:00+02:00"  # 15 real minutes after 01:45 CET
    assert slots[8].start.astimezone(UTC) == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)
    assert_real_and_distinct(slots)


def test_on_the_fall_back_day_the_repeated_hour_is_not_offered_twice_or_at_all() -> None:
    slots = night_slots(date(2026, 10, 25))
    assert clock(slots)[:8] == ["01:00", "01:15", "01:30", "01:45", "03:00", "03:15", "03:30", "03:45"]
    assert len(slots) == 8 + 16
    assert slots[0].start.isoformat() == "2026-10-25T01:00:00+02:00"
    assert slots[4].start.isoformat() == "2026-10-25T03:00:00+01:00"
    assert slots[8].start.astimezone(UTC) == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)
    assert_real_and_distinct(slots)


def test_a_start_inside_the_repeated_hour_is_refused() -> None:
    now = datetime(2026, 10, 1, tzinfo=UTC)
    for offset in (1, 2):
        start = datetime(2026, 10, 25, 2, 30, tzinfo=timezone(timedelta(hours=offset)))
        with pytest.raises(ValidationFailed, match="daylight-saving"):
            check_requested_start(NIGHT, [NIGHT_DESK], start, set(), now)


def test_a_start_given_with_an_offset_is_taken_as_the_real_instant_on_the_spring_day() -> None:
    # 02:30+01:00 does not exist on the wall clock; it is the instant 03:30 summer time.
    start = datetime(2026, 3, 29, 2, 30, tzinfo=timezone(timedelta(hours=1)))
    slot = check_requested_start(NIGHT, [NIGHT_DESK], start, set(), datetime(2026, 3, 1, tzinfo=UTC))
    assert slot.start.isoformat() == "2026-03-29T03:30:00+02:00"
    assert units_for(slot.start, 15, "C1") == [("C1", 42), ("C1", 43), ("C1", 44)]


# --- properties -----------------------------------------------------------------------------

OPEN_DAYS = [date(2026, 6, 8), date(2026, 6, 9), date(2026, 6, 11), date(2026, 6, 13)]
taken_sets = st.sets(st.tuples(st.sampled_from(["C1", "C2", "C3", "*"]), st.integers(90, 220)), max_size=80)


def any_service(duration: int) -> Service:
    return Service("x", "X", "X", duration, offices=frozenset({"willich"}), horizon_days=365, lead_minutes=0)


@settings(max_examples=150, deadline=None)
@given(day=st.sampled_from(OPEN_DAYS), duration=st.integers(5, 95), taken=taken_sets)
def test_every_offered_slot_fits_a_window_and_avoids_taken_units(day: date, duration: int, taken: Taken) -> None:
    slots = free_starts(WILLICH, day, [any_service(duration)], taken, NOW)
    windows = WILLICH.windows[day.weekday()]
    assert [s.start for s in slots] == sorted({s.start for s in slots})
    for slot in slots:
        assert slot.end - slot.start == timedelta(minutes=duration)
        assert any(at(day, f"{w.start:%H:%M}") <= slot.start and slot.end <= at(day, f"{w.end:%H:%M}") for w in windows)
        for counter in slot.counters:
            for item in units_for(slot.start, duration, counter):
                assert item not in taken
                assert ("*", item[1]) not in taken


@settings(max_examples=100, deadline=None)
@given(day=st.sampled_from(OPEN_DAYS), duration=st.integers(5, 60), taken=taken_sets)
def test_checking_a_start_agrees_with_the_offered_slots(day: date, duration: int, taken: Taken) -> None:
    service = any_service(duration)
    offered = {s.start: s for s in free_starts(WILLICH, day, [service], taken, NOW)}
    for minute in range(7 * 60, 19 * 60, 15):
        start = local_dt(day, time(minute // 60, minute % 60))
        if start in offered:
            assert check_requested_start(WILLICH, [service], start, taken, NOW) == offered[start]
        else:
            with pytest.raises((Conflict, ValidationFailed)):
                check_requested_start(WILLICH, [service], start, taken, NOW)


@settings(max_examples=60, deadline=None)
@given(durations=st.lists(st.integers(5, 60), min_size=1, max_size=40), picks=st.randoms(use_true_random=False))
def test_booking_offered_slots_never_double_books_a_counter(durations: list[int], picks: random.Random) -> None:
    taken: set[tuple[str, int]] = set()
    for duration in durations:
        slots = free_starts(WILLICH, MON, [any_service(duration)], taken, NOW)
        if not slots:
            continue
        slot = slots[picks.randrange(len(slots))]
        items = units_for(slot.start, duration, slot.counters[-1])
        assert taken.isdisjoint(items)
        taken.update(items)
