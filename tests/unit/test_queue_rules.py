"""Walk-in queue rules without a database: mornings, limits, numbering, call order, estimates, actions."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest

from chalicelib.platform.day_names import BERLIN
from chalicelib.platform.errors import Conflict, ValidationFailed
from chalicelib.queue.rules import tickets as rules
from chalicelib.queue.rules.config import BEFORE, ISSUING, NO_WALK_IN, OVER, morning_on, parse_office, phase
from chalicelib.queue.rules.day import CALLED, KIOSK, MISSED, ONLINE, PARKED, WAITING, Appointment, from_document

WILLICH: dict[str, Any] = {
    "office": "willich",
    "days": {"tue": "08:00-12:30"},
    "tickets_from": "07:45",
    "daily_limit": 10,
    "kiosk_share": 3,
    "counters": 3,
    "recall_limit": 3,
    "handling_minutes": 8,
    "categories": [{"id": "A", "name": {"de": "Ausweis", "en": "ID"}, "limit": 6}, {"id": "M", "name": "Meldewesen"}],
}
TUESDAY = date(2026, 6, 9)


def cfg(**changes: Any) -> Any:
    return parse_office({**WILLICH, **changes})


def doc(*tickets: dict[str, Any], **extra: Any) -> dict[str, Any]:
    entries = [{"c": "A", "ch": ONLINE, "at": 1000 + i, "s": WAITING, "k": 0} | t for i, t in enumerate(tickets)]
    online = sum(1 for e in entries if e["ch"] == ONLINE)
    return {"ver": 3, "st": "open", "tl": entries, "online": online, "counter_issued": len(entries) - online} | extra


def test_willich_walks_in_on_tuesdays_with_tickets_from_a_quarter_to_eight() -> None:
    morning, reason = morning_on(cfg(), TUESDAY, None)
    assert morning is not None and reason is None
    assert (morning.tickets_from, morning.start, morning.end) == (time(7, 45), time(8), time(12, 30))
    assert morning_on(cfg(), date(2026, 6, 10), None) == (None, "no walk-in morning")


def test_phase_moves_from_before_to_issuing_to_over() -> None:
    morning, _ = morning_on(cfg(), TUESDAY, None)
    at = lambda h, m: datetime(2026, 6, 9, h, m, tzinfo=BERLIN)  # noqa: E731
    assert phase(morning, TUESDAY, at(7, 44)) == BEFORE
    assert phase(morning, TUESDAY, at(7, 45)) == ISSUING
    assert phase(morning, TUESDAY, at(12, 30)) == OVER
    assert phase(None, TUESDAY, at(9, 0)) == NO_WALK_IN


def test_closures_and_holidays_close_weekly_mornings_but_not_an_extra_day() -> None:
    assert morning_on(cfg(), TUESDAY, "Betriebsferien") == (None, "Betriebsferien")
    extra = cfg(extra_days=[{"date": "2026-06-09", "from": "09:00", "to": "11:00"}])
    morning, _ = morning_on(extra, TUESDAY, "Betriebsferien")
    assert morning is not None and morning.start == time(9) and morning.tickets_from == time(7, 45)
    one_off_wednesday = cfg(
        extra_days=[{"date": "2026-06-10", "from": "14:00", "to": "16:00", "tickets_from": "13:30"}]
    )
    assert morning_on(one_off_wednesday, date(2026, 6, 10), None)[0] is not None


def test_a_cancelled_morning_wins_over_everything() -> None:
    cancelled = cfg(cancelled=["2026-06-09"], extra_days=[{"date": "2026-06-09", "from": "08:00", "to": "09:00"}])
    assert morning_on(cancelled, TUESDAY, None) == (None, "cancelled")


def test_the_dst_morning_is_judged_by_the_wall_clock() -> None:
    sunday = date(2027, 3, 28)
    extra = cfg(extra_days=[{"date": "2027-03-28", "from": "00:00", "to": "23:59", "tickets_from": "00:00"}])
    morning, _ = morning_on(extra, sunday, None)
    assert phase(morning, sunday, datetime(2027, 3, 28, 3, 30, tzinfo=BERLIN)) == ISSUING
    assert phase(morning, sunday, datetime(2027, 3, 28, 23, 59, tzinfo=BERLIN)) == OVER


def test_bad_configuration_names_every_field() -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_office(
            {"office": "x", "days": {"tue": "12:00-08:00", "xyz": "08:00-09:00"}, "daily_limit": 0, "kiosk_share": 5}
        )
    assert set(err.value.fields) == {
        "queue.offices[0].days.tue",
        "queue.offices[0].days.xyz",
        "queue.offices[0].daily_limit",
    }


def test_numbers_run_per_category_in_issue_order() -> None:
    day = from_document("willich", "2026-06-09", doc({"c": "A"}, {"c": "M"}, {"c": "A"}, {"c": "A"}, {"c": "M"}))
    assert [t.display for t in day.tickets] == ["A 1", "M 1", "A 2", "A 3", "M 2"]
    assert [t.id for t in day.tickets] == ["A1", "M1", "A2", "A3", "M2"]


def test_online_tickets_stop_at_the_limit_minus_the_kiosk_share() -> None:
    config = cfg(categories=[])
    seven_online = from_document("willich", "2026-06-09", doc(*({"c": ""} for _ in range(7))))
    refusal = rules.refusal(config, seven_online, "", ONLINE)
    assert isinstance(refusal, Conflict) and refusal.code == "online_share_gone"
    assert rules.refusal(config, seven_online, "", KIOSK) is None
    assert rules.left(config, seven_online) == {"online": 0, "kiosk": 3}
    full = from_document("willich", "2026-06-09", doc(*({"c": "", "ch": KIOSK} for _ in range(10))))
    assert rules.refusal(config, full, "", KIOSK).code == "no_tickets_left"  # type: ignore[union-attr]


def test_a_category_has_its_own_limit() -> None:
    six_a = from_document("willich", "2026-06-09", doc(*({"c": "A", "ch": KIOSK} for _ in range(6))))
    assert rules.refusal(cfg(), six_a, "A", KIOSK).code == "category_full"  # type: ignore[union-attr]
    assert rules.refusal(cfg(), six_a, "M", KIOSK) is None
    assert rules.left_per_category(cfg(), six_a) == {"A": 0, "M": 4}
    assert rules.limits(cfg(), "M", ONLINE) == rules.Limits(total=10, channel=7, category=10)


def test_a_paused_or_closed_queue_issues_nothing() -> None:
    paused = from_document("willich", "2026-06-09", doc(st="paused"))
    assert rules.refusal(cfg(), paused, "A", ONLINE).code == "queue_paused"  # type: ignore[union-attr]
    closed = from_document("willich", "2026-06-09", doc(st="closed"))
    assert rules.refusal(cfg(), closed, "A", KIOSK).code == "queue_closed"  # type: ignore[union-attr]


def test_the_call_order_merges_appointments_by_time_and_serves_forwarded_tickets_first() -> None:
    day = from_document(
        "willich", "2026-06-09", doc({"at": 100}, {"at": 300}, {"at": 200, "fw": "2"}, {"at": 50, "s": CALLED})
    )
    appointment = Appointment("7KXR-94FU", start=250)
    order = rules.call_order(day, "1", [appointment])
    assert [getattr(x, "id", None) or x.code for x in order] == ["A1", "7KXR-94FU", "A2"]  # type: ignore[union-attr]
    assert [getattr(x, "id", None) for x in rules.call_order(day, "2", [])] == ["A3", "A1", "A2"]


def test_position_counts_those_ahead_and_the_third_is_told_soon() -> None:
    day = from_document("willich", "2026-06-09", doc({}, {}, {"s": CALLED}, {}, {}))
    assert [rules.position(day, t) for t in day.tickets] == [0, 1, 0, 2, 3]
    soon = rules.soon_ticket(day)
    assert soon is not None and soon.id == "A4"


def test_the_estimate_is_a_range_from_handling_time_and_staffed_counters() -> None:
    assert rules.estimate(0, 600, 2) == {"low": 0, "high": 5}
    assert rules.estimate(6, 600, 2) == {"low": 20, "high": 45}
    assert rules.estimate(6, 600, 1)["low"] > rules.estimate(6, 600, 3)["low"]
    measured = from_document(
        "willich", "2026-06-09", doc({"s": "done", "ca": 1000, "ea": 1300}, {"s": "done", "ca": 2000, "ea": 2500})
    )
    assert rules.average_handling(cfg(), measured) == 400
    assert rules.average_handling(cfg(), from_document("willich", "2026-06-09", doc())) == 8 * 60


def test_active_counters_are_those_that_called_lately_else_the_configured_number() -> None:
    day = from_document("willich", "2026-06-09", doc(ctrs={"1": 10_000, "2": 1}))
    assert rules.active_counters(cfg(), day, 10_100) == 1
    assert rules.active_counters(cfg(), from_document("willich", "2026-06-09", doc()), 10_100) == 3


def test_recall_up_to_the_limit_then_the_next_recall_marks_it_missed() -> None:
    day = from_document("willich", "2026-06-09", doc({"s": CALLED, "k": 2}, {"s": CALLED, "k": 3}))
    assert rules.check("recall", day.tickets[0], cfg()) == CALLED  # the third call
    assert rules.check("recall", day.tickets[1], cfg()) == MISSED  # called three times, still not come
    assert rules.check("recall", day.tickets[1], cfg(recall_limit=4)) == CALLED
    assert rules.check("missed", day.tickets[0], cfg()) == MISSED  # the clerk may say so earlier


def test_a_ticket_forwarded_to_another_category_keeps_its_number_and_its_place_by_issue_time() -> None:
    day = from_document(
        "willich",
        "2026-06-09",
        doc({"at": 100, "c": "M"}, {"at": 200}, {"at": 300, "c": "M", "sa": "A"}, {"at": 50, "c": "M", "sa": "A"}),
    )
    forwarded = day.tickets[3]
    assert (forwarded.display, forwarded.serving_category, forwarded.category) == ("M 3", "A", "M")
    # Taken at 50, before everybody still waiting: it is called first, not sent to the back.
    assert [t.id for t in rules.call_order(day, "1", [])] == ["M3", "M1", "A1", "M2"]  # type: ignore[union-attr]
    assert rules.position(day, forwarded) == 0 and rules.position(day, day.tickets[1]) == 2
    assert day.counts() == {"M": 3, "A": 1}  # the forward takes no number of category A


def test_forwarding_to_a_category_refuses_unknown_same_and_other_counters() -> None:
    day = from_document("willich", "2026-06-09", doc({"s": CALLED, "c": "M", "ctr": "1"}, {"s": "done"}))
    ticket = day.tickets[0]
    rules.check_forward(cfg(), ticket, "1", "A")
    assert rules.check("forward", ticket, cfg()) == WAITING
    for to, code, field in (("Z", "no_category", "to_category"), ("M", "same_category", "to_category")):
        with pytest.raises(ValidationFailed) as err:
            rules.check_forward(cfg(), ticket, "1", to)
        assert err.value.code == code and field in err.value.fields
    with pytest.raises(Conflict) as other:
        rules.check_forward(cfg(), ticket, "2", "A")
    assert other.value.code == "other_counter"
    with pytest.raises(Conflict) as finished:
        rules.check("forward", day.tickets[1], cfg())
    assert finished.value.code == "ticket_not_active"


def test_statistics_count_a_forwarded_ticket_once_in_the_category_it_was_served_in() -> None:
    from chalicelib.queue.statistics import counts

    day = from_document(
        "willich",
        "2026-06-09",
        doc(
            {"c": "M", "sa": "A", "s": "done", "fc": 1100, "ca": 1500, "ea": 1800},
            {"s": "done", "fc": 1200, "ca": 1200, "ea": 1300},
            {"c": "M", "s": MISSED, "k": 3},
        ),
    )
    found = counts(day)
    assert (found["total"]["issued"], found["total"]["served"], found["total"]["missed"]) == (3, 2, 1)
    assert found["categories"] == {"A": {"served": 2, "missed": 0}, "M": {"served": 0, "missed": 1}}


def test_park_and_resume_and_what_finished_tickets_refuse() -> None:
    day = from_document("willich", "2026-06-09", doc({"s": CALLED}, {"s": PARKED}, {"s": "done"}, {"s": WAITING}))
    assert rules.check("park", day.tickets[0], cfg()) == PARKED
    assert rules.check("resume", day.tickets[1], cfg()) == WAITING
    with pytest.raises(Conflict) as finished:
        rules.check("cancel", day.tickets[2], cfg())
    assert finished.value.code == "ticket_not_active"
    with pytest.raises(Conflict) as waiting:
        rules.check("done", day.tickets[3], cfg())
    assert waiting.value.code == "wrong_status"
