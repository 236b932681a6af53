"""Walk-in queue over the API: taking tickets, limits, the counter console, kiosks, bad input."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import time_machine

from chalicelib.platform.day_names import BERLIN
from tests.api.booking_support import run_job, sign_in_again
from tests.conftest import Api, body

# Tuesday 9 June 2026, 08:10: Willich's walk-in morning (8:00-12:30, tickets from 7:45).
TUESDAY_MORNING = datetime(2026, 6, 9, 8, 10, tzinfo=BERLIN)


@pytest.fixture
def clock() -> Iterator[Any]:
    with time_machine.travel(TUESDAY_MORNING, tick=True) as traveller:
        yield traveller


@pytest.fixture
def citizen(clock: Any, api: Api) -> Api:
    return api


@pytest.fixture
def clerk(clock: Any, make_staff: Any) -> Api:
    return make_staff("office")  # type: ignore[no-any-return]


def device() -> str:
    return uuid.uuid4().hex


def take(
    api: Api, office: str = "willich", key: str | None = None, dev: str | None = None, lang: str = "en", **extra: Any
) -> Any:
    payload = {"device": dev or device(), **extra}
    headers = {"idempotency-key": key or uuid.uuid4().hex, "accept-language": lang}
    return api.post(f"/api/queue/offices/{office}/tickets", payload, headers=headers)


def configure(admin: Api, office: str, **changes: Any) -> None:
    current = body(admin.get(f"/api/admin/queue/{office}"))["config"]
    res = admin.put(f"/api/admin/queue/{office}", {"config": {**current, **changes}})
    assert res.status_code == 200, res.body


def test_a_citizen_takes_a_ticket_and_follows_it_until_called(citizen: Api, clerk: Api) -> None:
    state = body(citizen.get("/api/queue/offices/willich/state"))
    assert state["phase"] == "issuing" and state["tickets_left"] == {"online": 90, "kiosk": 120}
    res = take(citizen, category="A")
    assert res.status_code == 201, res.body
    answer = body(res)
    assert answer["ticket"]["number"] == "A 1" and answer["ticket"]["position"] == 0
    token = answer["token"]
    mine = citizen.get(f"/api/queue/ticket?token={token}")
    assert body(mine)["ticket"]["status"] == "waiting"
    again = citizen.get(f"/api/queue/ticket?token={token}", headers={"if-none-match": mine.headers["etag"]})
    assert again.status_code == 304
    called = body(clerk.post("/api/office/queue/willich/call", {"counter": "2"}))
    assert called["called"]["number"] == "A 1" and called["called"]["counter"] == "2"
    ticket = body(citizen.get(f"/api/queue/ticket?token={token}"))["ticket"]
    assert ticket["status"] == "called" and ticket["counter"] == "2"
    state = body(citizen.get("/api/queue/offices/willich/state"))
    assert state["called"][0] == {"number": "A 1", "counter": "2", "at": state["called"][0]["at"]}


def test_the_state_answers_304_while_nothing_changed(citizen: Api) -> None:
    first = citizen.get("/api/queue/offices/willich/state")
    tag = first.headers["etag"]
    assert citizen.get("/api/queue/offices/willich/state", headers={"if-none-match": tag}).status_code == 304
    take(citizen, category="M")
    changed = citizen.get("/api/queue/offices/willich/state", headers={"if-none-match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag


def test_a_repeat_gets_the_same_ticket_and_the_device_waits_for_a_second(citizen: Api) -> None:
    dev = device()
    first = take(citizen, key="key-one-123", dev=dev, category="A")
    repeat = take(citizen, key="key-one-123", dev=dev, category="A")
    assert first.status_code == 201 and repeat.status_code == 200
    assert body(repeat)["ticket"]["id"] == body(first)["ticket"]["id"]
    second = take(citizen, dev=dev, category="A")
    assert second.status_code == 409 and body(second)["error"]["code"] == "device_recent"
    german = body(take(citizen, dev=dev, category="A", lang="de"))["error"]["message"]
    assert german.startswith("Auf diesem Gerät wurde vor wenigen Minuten")


def test_numbers_run_per_category(citizen: Api) -> None:
    numbers = [body(take(citizen, category=c))["ticket"]["number"] for c in ("A", "M", "A", "A", "M")]
    assert numbers == ["A 1", "M 1", "A 2", "A 3", "M 2"]


def test_before_the_start_and_on_other_days_no_ticket_in_either_language(api: Api) -> None:
    with time_machine.travel(datetime(2026, 6, 9, 7, 30, tzinfo=BERLIN), tick=False):
        res = api.post(
            "/api/queue/offices/willich/tickets",
            {"device": device(), "category": "A"},
            headers={"idempotency-key": "early-bird-1", "accept-language": "de"},
        )
        assert res.status_code == 409 and body(res)["error"]["code"] == "not_yet"
        assert body(res)["error"]["message"] == "Wartemarken gibt es ab 07:45 Uhr."
    with time_machine.travel(datetime(2026, 6, 10, 9, 0, tzinfo=BERLIN), tick=False):
        res = take(api, category="A")
        assert res.status_code == 409 and body(res)["error"]["code"] == "no_walk_in"
        assert body(res)["error"]["next_morning"]["date"] == "2026-06-16"
    # Tuesday 29 December lies within the office's closure between the years.
    with time_machine.travel(datetime(2026, 12, 29, 9, 0, tzinfo=BERLIN), tick=False):
        state = body(api.get("/api/queue/offices/willich/state"))
        assert state["phase"] == "none" and state["reason"] == "Betriebsferien zwischen den Jahren"
        assert take(api, category="A").status_code == 409


def test_the_online_share_ends_before_the_kiosk_share(citizen: Api, clerk: Api, admin: Api) -> None:
    configure(
        admin,
        "anrath",
        extra_days=[{"date": "2026-06-09", "from": "08:00", "to": "12:00"}],
        daily_limit=3,
        kiosk_share=1,
    )
    first = take(citizen, "anrath")
    assert first.status_code == 201, first.body
    assert take(citizen, "anrath").status_code == 201
    gone = take(citizen, "anrath")
    assert gone.status_code == 409 and body(gone)["error"]["code"] == "online_share_gone"
    assert body(citizen.get("/api/queue/offices/anrath/state"))["tickets_left"] == {"online": 0, "kiosk": 1}
    visitor = clerk.post("/api/office/queue/anrath/tickets", {}, headers={"idempotency-key": "clerk-ticket-1"})
    assert visitor.status_code == 201 and body(visitor)["ticket"]["number"] == "3"
    full = clerk.post("/api/office/queue/anrath/tickets", {}, headers={"idempotency-key": "clerk-ticket-2"})
    assert full.status_code == 409 and body(full)["error"]["code"] == "no_tickets_left"


def test_recall_up_to_the_limit_then_the_ticket_is_missed_and_its_page_says_what_to_do(
    citizen: Api, clerk: Api
) -> None:
    answer = body(take(citizen, category="A"))
    number, token = answer["ticket"]["id"], answer["token"]
    clerk.post("/api/office/queue/willich/call", {"counter": "1", "ticket": number})
    for calls in (2, 3):
        again = body(clerk.post(f"/api/office/queue/willich/tickets/{number}/recall", {}))
        assert again["ticket"]["calls"] == calls and again["missed_at_limit"] is False
    # Called three times (the limit) and still not come: calling again marks it missed.
    over = clerk.post(f"/api/office/queue/willich/tickets/{number}/recall", {})
    assert over.status_code == 200 and body(over)["missed_at_limit"] is True
    assert body(over)["ticket"] == {"id": number, "number": "A 1", "status": "missed", "calls": 3}
    mine = body(citizen.get(f"/api/queue/ticket?token={token}"))["ticket"]
    assert mine["status"] == "missed" and mine["calls"] == 3 and mine["tickets_left"] == 89
    overview = body(clerk.get("/api/office/queue/willich"))
    assert (overview["counts"]["missed"], overview["counts"]["called"]) == (1, 0)
    today = body(clerk.get("/api/office/queue/willich/stats?month=2026-06"))["days"][0]
    assert (today["issued"], today["missed"], today["served"]) == (1, 1, 0)
    # The display does not show the refused fourth call as a call.
    state = body(citizen.get("/api/queue/offices/willich/state"))
    assert [c["number"] for c in state["called"]] == ["A 1", "A 1", "A 1"]
    late = clerk.post(f"/api/office/queue/willich/tickets/{number}/recall", {}, headers={"accept-language": "de"})
    assert late.status_code == 409 and body(late)["error"]["message"].startswith("Die Wartemarke A 1 ist nicht mehr")


def test_a_ticket_forwarded_to_another_category_keeps_its_number(citizen: Api, clerk: Api) -> None:
    first = body(take(citizen, category="M"))
    earlier_a = body(take(citizen, category="A"))["ticket"]["id"]
    clerk.post("/api/office/queue/willich/call", {"counter": "1", "ticket": first["ticket"]["id"]})
    later_a = body(take(citizen, category="A"))["ticket"]["id"]
    forwarded = clerk.post(
        f"/api/office/queue/willich/tickets/{first['ticket']['id']}/forward", {"counter": "1", "to_category": "A"}
    )
    assert forwarded.status_code == 200, forwarded.body
    assert body(forwarded)["ticket"] | {"calls": 0} == {
        "id": "M1",
        "number": "M 1",
        "status": "waiting",
        "calls": 0,
        "serve_as": "A",
        "forward_to": None,
    }
    mine = body(citizen.get(f"/api/queue/ticket?token={first['token']}"))["ticket"]
    assert mine["number"] == "M 1" and mine["status"] == "waiting" and mine["position"] == 0
    assert mine["serve_as"] == {"id": "A", "name": {"de": "Ausweis und Pass", "en": "ID card and passport"}}
    # It rejoins the order at the time it was first taken: ahead of both who came later.
    called = [body(clerk.post("/api/office/queue/willich/call", {"counter": "2"}))["called"] for _ in range(3)]
    assert [c["number"] for c in called] == ["M 1", "A 1", "A 2"] and [earlier_a, later_a] == ["A1", "A2"]
    clerk.post("/api/office/queue/willich/tickets/A2/done", {})
    state = body(citizen.get("/api/queue/offices/willich/state"))
    assert [c["number"] for c in state["called"]][:3] == ["A 2", "A 1", "M 1"]
    assert state["categories"][0]["left"] == 68  # the forward took no ticket of category A
    today = body(clerk.get("/api/office/queue/willich/stats?month=2026-06"))["days"][0]
    assert (today["issued"], today["served"]) == (3, 3)
    assert today["categories"] == {"A": {"served": 3, "missed": 0}}


def test_forwarding_refuses_bad_input_in_either_language_and_changes_nothing(citizen: Api, clerk: Api) -> None:
    number = body(take(citizen, category="M"))["ticket"]["id"]
    waiting = clerk.post(f"/api/office/queue/willich/tickets/{number}/forward", {"to_category": "A"})
    assert waiting.status_code == 409 and body(waiting)["error"]["code"] == "wrong_status"
    clerk.post("/api/office/queue/willich/call", {"counter": "1", "ticket": number})
    before = body(clerk.get("/api/office/queue/willich"))
    refusals = [
        ({"counter": "1", "to_category": "Z"}, 400, "no_category", "Dieses Anliegen gibt es nicht."),
        ({"counter": "1", "to_category": "M"}, 400, "same_category", "Die Wartemarke ist schon bei diesem Anliegen."),
        ({"counter": "2", "to_category": "A"}, 409, "other_counter", "Die Wartemarke M 1 ist nicht an diesem"),
        ({"counter": "1"}, 400, "no_target", "Bitte angeben, wohin die Wartemarke geht"),
        ({"counter": "1", "to_category": "a1"}, 400, None, None),
    ]
    for payload, status, code, german in refusals:
        res = clerk.post(
            f"/api/office/queue/willich/tickets/{number}/forward", payload, headers={"accept-language": "de"}
        )
        assert res.status_code == status, (payload, res.body)
        error = body(res)["error"]
        assert code is None or error["code"] == code
        assert german is None or error["message"].startswith(german)
    english = clerk.post(f"/api/office/queue/willich/tickets/{number}/forward", {"to_category": "Z"})
    assert body(english)["error"]["message"] == "There is no such ticket category."
    assert "to_category" in body(english)["error"]["fields"]
    after = body(clerk.get("/api/office/queue/willich"))
    assert after["tickets"] == before["tickets"] and after["state"]["version"] == before["state"]["version"]


def test_park_resume_forward_and_done(citizen: Api, clerk: Api) -> None:
    first = body(take(citizen, category="A"))["ticket"]["id"]
    second = body(take(citizen, category="A"))["ticket"]["id"]
    assert body(clerk.post("/api/office/queue/willich/call", {"counter": "1"}))["called"]["id"] == first
    assert body(clerk.post(f"/api/office/queue/willich/tickets/{first}/park", {}))["ticket"]["status"] == "parked"
    assert body(clerk.post("/api/office/queue/willich/call", {"counter": "1"}))["called"]["id"] == second
    clerk.post(f"/api/office/queue/willich/tickets/{first}/resume", {})
    forwarded = clerk.post(f"/api/office/queue/willich/tickets/{second}/forward", {"to_counter": "3"})
    assert body(forwarded)["ticket"]["status"] == "waiting"
    # Counter 2 gets the resumed ticket; the forwarded one waits for counter 3.
    assert body(clerk.post("/api/office/queue/willich/call", {"counter": "2"}))["called"]["id"] == first
    assert body(clerk.post("/api/office/queue/willich/call", {"counter": "3"}))["called"]["id"] == second
    done = clerk.post(f"/api/office/queue/willich/tickets/{second}/done", {})
    assert body(done)["ticket"]["status"] == "done"
    again = clerk.post(f"/api/office/queue/willich/tickets/{second}/done", {})
    assert again.status_code == 409 and body(again)["error"]["code"] == "ticket_not_active"


def test_i_am_not_coming_releases_the_ticket(citizen: Api, clerk: Api) -> None:
    answer = body(take(citizen, category="A"))
    res = citizen.post("/api/queue/ticket/cancel", {"token": answer["token"]})
    assert body(res)["ticket"]["status"] == "cancelled"
    empty = body(clerk.post("/api/office/queue/willich/call", {"counter": "1"}))
    assert empty["called"] is None
    unknown = citizen.post("/api/queue/ticket/cancel", {"token": "forged.token.value"})
    assert unknown.status_code == 404


def test_staff_of_another_office_are_refused(citizen: Api, clerk: Api, admin: Api, make_staff: Any) -> None:
    configure(admin, "willich", staff=["someone-else"])
    take(citizen, category="A")
    res = clerk.post("/api/office/queue/willich/call", {"counter": "1"})
    assert res.status_code == 403 and body(res)["error"]["code"] == "other_office"
    assert clerk.get("/api/office/queue/willich").status_code == 403


def test_a_kiosk_set_up_by_staff_issues_tickets_until_revoked(citizen: Api, clerk: Api) -> None:
    setup = body(clerk.post("/api/office/queue/willich/kiosks", {"name": "Eingang"}))
    credential = setup["credential"]
    res = citizen.post(
        "/api/queue/offices/willich/kiosk-tickets",
        {"kiosk": credential, "category": "M"},
        headers={"idempotency-key": "kiosk-1-abc"},
    )
    assert res.status_code == 201 and body(res)["ticket"]["channel"] == "kiosk"
    forged = citizen.post(
        "/api/queue/offices/willich/kiosk-tickets",
        {"kiosk": setup["kiosk"]["id"] + ".wrong-secret"},
        headers={"idempotency-key": "kiosk-2-abc"},
    )
    assert forged.status_code == 403
    assert clerk.delete(f"/api/office/queue/willich/kiosks/{setup['kiosk']['id']}").status_code == 204
    revoked = citizen.post(
        "/api/queue/offices/willich/kiosk-tickets", {"kiosk": credential}, headers={"idempotency-key": "kiosk-3-abc"}
    )
    assert revoked.status_code == 403


def test_bad_input_is_a_clear_4xx_and_changes_nothing(citizen: Api, clerk: Api) -> None:
    no_key = citizen.post("/api/queue/offices/willich/tickets", {"device": device(), "category": "A"})
    assert no_key.status_code == 400 and "Idempotency-Key" in body(no_key)["error"]["fields"]
    wrong_category = take(citizen, category="Z")
    assert wrong_category.status_code == 400 and "category" in body(wrong_category)["error"]["fields"]
    no_office = take(citizen, office="nowhere")
    assert no_office.status_code == 404
    bad_counter = clerk.post("/api/office/queue/willich/call", {"counter": "9"})
    assert bad_counter.status_code == 400 and "counter" in body(bad_counter)["error"]["fields"]
    assert body(citizen.get("/api/queue/offices/willich/state"))["tickets_left"]["kiosk"] == 120


def test_pause_and_close_early(citizen: Api, clerk: Api) -> None:
    assert clerk.post("/api/office/queue/willich/status/pause", {}).status_code == 200
    paused = take(citizen, category="A")
    assert paused.status_code == 409 and body(paused)["error"]["code"] == "queue_paused"
    state = body(citizen.get("/api/queue/offices/willich/state"))
    assert state["status"] == "paused" and state["message"] == "Kurze Pause, es geht gleich weiter."
    clerk.post("/api/office/queue/willich/status/open", {})
    assert take(citizen, category="A").status_code == 201
    clerk.post("/api/office/queue/willich/status/close", {})
    assert body(take(citizen, category="A"))["error"]["code"] == "queue_closed"


def test_overview_and_statistics(citizen: Api, clerk: Api) -> None:
    take(citizen, category="A")
    clerk.post("/api/office/queue/willich/call", {"counter": "1"})
    overview = body(clerk.get("/api/office/queue/willich"))
    assert overview["counts"]["called"] == 1 and overview["counters"] == ["1", "2", "3"]
    stats = body(clerk.get("/api/office/queue/willich/stats?month=2026-06"))
    assert stats["days"][0]["issued"] == 1


def test_a_checked_in_appointment_joins_the_call_order_at_its_time(citizen: Api, clerk: Api) -> None:
    early = body(take(citizen, category="A"))["ticket"]["id"]
    booked = clerk.post(
        "/api/office/bookings",
        {
            "office": "willich",
            "services": ["ummeldung"],
            "start": datetime(2026, 6, 9, 8, 30, tzinfo=BERLIN).isoformat(),
            "name": "Max Mustermann",
            "phone": "02154 12345",
        },
        headers={"idempotency-key": uuid.uuid4().hex},
    )
    assert booked.status_code == 201, booked.body
    code = body(booked)["booking"]["code"]
    assert clerk.post("/api/office/check-in", {"code": code, "office": "willich"}).status_code == 200
    # Taken at 08:24, before the appointment's 08:30: called before it; the one taken at 08:10 first.
    with time_machine.travel(datetime(2026, 6, 9, 8, 24, tzinfo=BERLIN), tick=True):
        later = body(take(citizen, category="M"))["ticket"]["id"]
        clerk = sign_in_again(citizen)
        calls = [clerk.post("/api/office/queue/willich/call", {"counter": "1"}) for _ in range(3)]
        appointments = body(clerk.get("/api/office/queue/willich"))["appointments"]
    assert [body(c)["called"]["id"] for c in calls] == [early, later, code]
    assert appointments == [{"code": code, "status": "called", "counter": "1"}]


def test_statistics_are_kept_after_the_tickets_expire(citizen: Api, clerk: Api) -> None:
    from chalicelib.queue.store import days as day_store

    number = body(take(citizen, category="A"))["ticket"]["id"]
    clerk.post("/api/office/queue/willich/call", {"counter": "1", "ticket": number})
    clerk.post(f"/api/office/queue/willich/tickets/{number}/done", {})
    with time_machine.travel(datetime(2026, 6, 10, 18, 0, tzinfo=BERLIN), tick=False):
        assert run_job("queue-statistics")["days"] == 1
    with time_machine.travel(datetime(2026, 6, 11, 1, 0, tzinfo=BERLIN), tick=False):
        run_job("purge-expired")
        assert day_store.get("willich", "2026-06-09") is None  # the tickets are gone
        clerk = sign_in_again(citizen)
        kept = body(clerk.get("/api/office/queue/willich/stats?month=2026-06"))["days"]
    assert [(d["date"], d["issued"], d["served"]) for d in kept] == [("2026-06-09", 1, 1)]
    assert kept[0]["hours"]["08"]["served"] == 1
