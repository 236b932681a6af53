"""Document orders through the API: register with a receipt, the citizen's page, ready one by one, lists."""

from __future__ import annotations

import json
from typing import Any

from tests.api import documents_support as support
from tests.api.documents_support import act, citizen_view, mails, register, registered
from tests.conftest import Api, body

clock, clerk, second_clerk = support.clock, support.clerk, support.second_clerk


def test_a_clerk_registers_an_order_and_gets_the_receipt_facts(clerk: Api) -> None:
    res = register(clerk, key="order-key-0001")
    assert res.status_code == 201, res.body
    receipt = body(res)
    ref = receipt["order"]["reference"]
    assert len(ref.replace("-", "")) == 28 and receipt["order"]["state"] == "applied"
    assert receipt["url"] == f"http://localhost:8000/dokumente/{ref.replace('-', '')}"
    assert receipt["keep_days"] == {"collected": 7, "returned": 30}
    assert "erika" not in res.body.decode()  # staff see only that an e-mail was given
    # the same key again: the same order, not a second one
    again = register(clerk, key="order-key-0001")
    assert again.status_code == 201 and body(again)["order"]["reference"] == ref
    svg = clerk.get(f"/api/documents/orders/{ref}/qr")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")


def test_bad_orders_are_refused_in_the_request_language_and_nothing_is_stored(clerk: Api) -> None:
    res = register(clerk, pickup="locker")
    assert res.status_code == 400 and body(res)["error"]["fields"] == {"locker_consent": "must be true"}
    german = clerk.post(
        "/api/office/documents/orders",
        support.order_form(type="fuehrerschein"),
        headers={"idempotency-key": "order-key-0002", "accept-language": "de"},
    )
    assert body(german)["error"]["message"] == "Diese Dokumentart gibt es nicht."
    temp = register(clerk, type="vorlaeufig", pickup="locker", locker_consent=True)
    assert body(temp)["error"]["fields"] == {"pickup": "the locker is not offered for it"}
    finger = register(clerk, pickup="counter", biometric_consent=True)
    assert "biometric_consent" in body(finger)["error"]["fields"]
    no_key = clerk.post("/api/office/documents/orders", support.order_form())
    assert no_key.status_code == 400 and body(no_key)["error"]["code"] == "idempotency_key_required"


def test_the_citizen_page_shows_state_and_what_to_bring_without_personal_data(clerk: Api, api: Api) -> None:
    ref = registered(clerk)
    view = citizen_view(api, ref.replace("-", "").lower())  # as typed: any case, without dashes
    assert view["state"] == "applied" and view["type"]["name"]["de"] == "Personalausweis"
    assert "PIN-Brief oder Abholschein" in view["bring"]["de"]
    assert view["email"] is True and "erika" not in str(view)
    etag = api.get(f"/api/documents/orders/{ref}").headers["etag"]
    assert api.get(f"/api/documents/orders/{ref}", headers={"if-none-match": etag}).status_code == 304


def test_unknown_or_mistyped_references_are_a_clear_4xx(api: Api, clerk: Api) -> None:
    ref = registered(clerk)
    typo = ref[:-1] + ("0" if ref[-1] != "0" else "1")
    res = api.get(f"/api/documents/orders/{typo}", headers={"accept-language": "de"})
    assert res.status_code == 400 and body(res)["error"]["message"] == "Das ist keine gültige Vorgangsnummer."
    from chalicelib.documents.rules.orders import new_reference

    gone = api.get(f"/api/documents/orders/{new_reference()}")
    assert gone.status_code == 404 and body(gone)["error"]["code"] == "order_not_found"


def test_marking_ready_sends_the_mail_once_and_the_page_offers_the_pickup_appointment(clerk: Api, api: Api) -> None:
    ref = registered(clerk)
    assert act(clerk, ref, "produce").status_code == 200
    res = act(clerk, ref, "ready")
    assert res.status_code == 200 and body(res)["order"]["notice"]["channel"] == "email"
    [mail] = mails("erika@example.org")
    assert mail["subject"] == "Ihr Personalausweis liegt zur Abholung bereit"
    assert ref in mail["text"] and "PIN-Brief" in mail["text"]
    again = act(clerk, ref, "ready")
    assert again.status_code == 409 and body(again)["error"]["code"] == "order_state"
    assert len(mails("erika@example.org")) == 1
    view = citizen_view(api, ref)
    assert view["state"] == "ready"
    assert view["appointment"].startswith("/termin?dienst=abholung&buero=willich&vorgang=")


def test_collected_at_the_counter_keeps_personal_data_a_week_and_counts_anonymously(clerk: Api, clock: Any) -> None:
    from datetime import timedelta

    from chalicelib.documents.store import orders as store
    from chalicelib.platform.aws.db import purge_expired

    ref = support.ready(clerk, email=None)
    assert act(clerk, ref, "collect").status_code == 200
    order = store.get(ref)
    assert order is not None and order.expires_at is not None
    stats = body(clerk.get("/api/office/documents/stats?month=2026-11"))["rows"]
    assert stats == [
        {
            "office": "willich",
            "type": "personalausweis",
            "pickup": "counter",
            "registered": 1,
            "ready": 1,
            "collected": 1,
            "returned": 0,
            "avg_hours_ready_to_collected": 0.0,
        }
    ]
    clock.move_to(support.NOW + timedelta(days=7, minutes=1))
    assert store.get(ref) is None  # read as gone at once
    assert purge_expired()["document_orders"] == 1
    assert body(clerk.get("/api/documents/orders/" + ref))["error"]["code"] == "order_not_found"


def test_lists_show_waiting_too_long_and_uncollected_orders(clerk: Api, clock: Any, make_staff: Any) -> None:
    from datetime import timedelta

    old = registered(clerk)
    waiting = support.ready(clerk, email=None)
    clock.move_to(support.NOW + timedelta(days=43))
    clerk = make_staff("office", username="carla")  # six weeks later: a new sign-in
    lists = body(clerk.get("/api/office/documents/lists?office=willich"))
    assert [o["reference"] for o in lists["waiting_too_long"]] == [old]
    assert [o["reference"] for o in lists["uncollected"]] == [waiting]
    assert act(clerk, waiting, "remind").status_code == 200
    assert act(clerk, waiting, "return").status_code == 200
    assert body(clerk.get("/api/office/documents/lists?office=willich"))["uncollected"] == []


def test_staff_routes_need_the_office_role(make_staff: Any, clock: Any) -> None:
    surveyor = make_staff("survey")
    assert surveyor.get("/api/office/documents/lists?office=willich").status_code == 403


def test_staff_choose_a_month_of_statistics_among_the_months_that_have_them(clerk: Api, clock: Any) -> None:
    from datetime import timedelta

    from tests.api.booking_support import sign_in_again

    november = [support.ready(clerk, email=None), registered(clerk, email=None)]
    clock.move_to(support.NOW + timedelta(days=1))  # Tuesday 1 December
    clerk = sign_in_again(clerk, "anna")
    december = support.ready(clerk, email=None, type="reisepass")
    assert act(clerk, december, "collect").status_code == 200
    answer = body(clerk.get("/api/office/documents/stats?month=2026-11"))
    assert [(r["type"], r["registered"], r["ready"], r["collected"]) for r in answer["rows"]] == [
        ("personalausweis", 2, 1, 0)
    ]
    assert answer["months"] == [
        {"month": "2026-12", "registered": 1, "ready": 1, "collected": 1, "returned": 0},
        {"month": "2026-11", "registered": 2, "ready": 1, "collected": 0, "returned": 0},
    ]
    later = body(clerk.get("/api/office/documents/stats?month=2026-12"))
    assert [(r["type"], r["collected"]) for r in later["rows"]] == [("reisepass", 1)]
    empty = body(clerk.get("/api/office/documents/stats?month=2025-01"))
    assert empty["rows"] == [] and empty["months"] == answer["months"]
    text = json.dumps([answer, later])
    assert not any(ref in text for ref in [*november, december])  # anonymous counts only
    bad = clerk.get("/api/office/documents/stats?month=November", headers={"accept-language": "de"})
    assert bad.status_code == 400 and "month" in body(bad)["error"]["fields"]


def test_a_counter_pickup_is_reminded_once_on_the_towns_day_n_and_returning_stays_with_the_clerk(
    clerk: Api, clock: Any, api: Api, monkeypatch: Any, make_staff: Any
) -> None:
    from dataclasses import replace
    from datetime import timedelta

    from chalicelib.documents import config
    from tests.api.booking_support import run_job

    waiting = support.ready(clerk)  # at the counter, with an e-mail address
    support.ready(clerk, email=None)  # nobody to tell
    support.ready(clerk, email="bernd@example.org", pickup="appointment")
    collected = support.ready(clerk, email="carla@example.org")
    assert act(clerk, collected, "collect").status_code == 200
    clock.move_to(support.NOW + timedelta(days=6, hours=23))
    assert run_job("documents-pickup-reminders") == {"reminded": 0}
    clock.move_to(support.NOW + timedelta(days=7, minutes=5))  # the default: day 7
    assert run_job("documents-pickup-reminders") == {"reminded": 2}
    assert run_job("documents-pickup-reminders") == {"reminded": 0}  # once each
    assert len(mails("erika@example.org")) == 2 and len(mails("bernd@example.org")) == 2
    subjects = sorted(m["subject"] for m in mails("erika@example.org"))  # a reminder, not "ready" again
    assert subjects == [
        "Erinnerung: Ihr Personalausweis liegt für Sie bereit",
        "Ihr Personalausweis liegt zur Abholung bereit",
    ]
    [reminder] = [m for m in mails("erika@example.org") if m["subject"].startswith("Erinnerung")]
    assert "zur Erinnerung" in reminder["text"] and "Öffnungszeiten" in reminder["text"]
    assert len(mails("carla@example.org")) == 2  # ready and collected: no reminder
    assert citizen_view(api, waiting)["state"] == "ready"  # nothing is returned by the job

    # Per town: another day, or none at all.
    clerk = make_staff("office", username="carla")  # a week later: a new sign-in
    late = support.ready(clerk, email="dora@example.org")
    town_rules = replace(config.rules(), pickup_reminder_day=0)
    monkeypatch.setattr(config, "rules", lambda: town_rules)
    clock.move_to(support.NOW + timedelta(days=30))
    assert run_job("documents-pickup-reminders") == {"reminded": 0}
    assert len(mails("dora@example.org")) == 1 and late
