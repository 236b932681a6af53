"""Repeats of one keyed booking: the first answer, a wait while it runs, never a conflict with itself.

The key is claimed before anything else (services.idempotency): a repeat that arrives while the
first request runs gets 409 request_in_progress with Retry-After, and afterwards the first answer.
A crashed request's claim lapses after its lease; a refused request lets go of the key at once.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from chalicelib.platform import idempotency
from tests.api import booking_support as support
from tests.api.booking_support import TUESDAY, at, book, booked, form, snapshot
from tests.conftest import Api, body

clock, citizen = support.clock, support.citizen


def idempotency_records() -> list[dict[str, Any]]:
    return snapshot()["idempotency"]


def bookings() -> list[dict[str, Any]]:
    return snapshot()["bookings"]


def test_a_repeat_while_the_first_request_runs_waits_and_then_gets_the_first_answer(
    citizen: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.booking.store import bookings as booking_store

    key = uuid.uuid4().hex
    insert = booking_store.insert
    during: list[Any] = []

    def insert_after_a_repeat(*args: Any, **kwargs: Any) -> int:
        # The citizen's phone sends the same request again while the first is still being written.
        if not during:
            during.append(book(citizen, key))
        return insert(*args, **kwargs)

    monkeypatch.setattr(booking_store, "insert", insert_after_a_repeat)
    first = book(citizen, key)
    monkeypatch.setattr(booking_store, "insert", insert)

    # Then the repeat was told to wait, in the request's language, with Retry-After
    [meanwhile] = during
    assert first.status_code == 201, first.body
    assert meanwhile.status_code == 409, meanwhile.body
    assert body(meanwhile)["error"]["code"] == "request_in_progress"
    assert int(meanwhile.headers["retry-after"]) >= 1
    # and asking again afterwards gives the first answer, the same booking and manage token
    again = book(citizen, key)
    assert again.status_code == 201 and body(again) == body(first)
    assert len(bookings()) == 1


def test_a_repeat_never_hears_that_its_own_first_attempt_took_the_time(
    citizen: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The interleaving of the reported race, made deterministic: a request has started (and found
    # no answer under its key) when its repeat is sent and completes; then it looks at the time.
    from chalicelib.booking import common as booking_common

    key = uuid.uuid4().hex
    check_start = booking_common.check_start
    repeats: list[Any] = []

    def repeat_completes_first(*args: Any, **kwargs: Any) -> Any:
        if not repeats:
            repeats.append(None)
            repeats[0] = book(citizen, key)
        return check_start(*args, **kwargs)

    monkeypatch.setattr(booking_common, "check_start", repeat_completes_first)
    first = book(citizen, key)
    monkeypatch.setattr(booking_common, "check_start", check_start)

    answers = [first, repeats[0]]
    created = [body(a) for a in answers if a.status_code == 201]
    assert created, [(a.status_code, body(a)) for a in answers]
    for answer in answers:  # the first answer, or "wait": never "this time is no longer available"
        assert answer.status_code == 201 or body(answer)["error"]["code"] == "request_in_progress", body(answer)
    assert all(c == created[0] for c in created)
    assert body(book(citizen, key)) == created[0] and len(bookings()) == 1


def test_the_wait_is_said_in_german_and_in_english(citizen: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.booking.store import bookings as booking_store

    key = uuid.uuid4().hex
    insert = booking_store.insert
    during: dict[str, Any] = {}

    def insert_after_repeats(*args: Any, **kwargs: Any) -> int:
        if not during:
            for lang in ("de", "en"):
                during[lang] = citizen.post(
                    "/api/booking/bookings", form(), headers={"idempotency-key": key, "accept-language": lang}
                )
        return insert(*args, **kwargs)

    monkeypatch.setattr(booking_store, "insert", insert_after_repeats)
    assert book(citizen, key).status_code == 201
    assert body(during["de"])["error"]["message"] == (
        "Dieselbe Anfrage wird gerade noch bearbeitet. Bitte versuchen Sie es gleich noch einmal."
    )
    assert body(during["en"])["error"]["message"] == (
        "The same request is still being processed. Please try again in a moment."
    )


def test_a_crashed_request_holds_its_key_only_for_the_lease(
    citizen: Api, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.booking.store import bookings as booking_store

    key = uuid.uuid4().hex

    def crash(*args: Any, **kwargs: Any) -> int:
        raise RuntimeError("the function was stopped")

    monkeypatch.setattr(booking_store, "insert", crash)
    assert book(citizen, key).status_code == 500
    monkeypatch.undo()
    # Within the lease a repeat waits: the crashed request might still be running
    waiting = book(citizen, key)
    assert waiting.status_code == 409 and body(waiting)["error"]["code"] == "request_in_progress"
    assert "retry-after" in waiting.headers
    assert bookings() == []
    # After the lease the repeat takes the key over and books, once
    clock.shift(timedelta(seconds=idempotency.LEASE_SECONDS + 1))
    taken_over = book(citizen, key)
    assert taken_over.status_code == 201, taken_over.body
    assert body(book(citizen, key)) == body(taken_over)
    assert len(bookings()) == 1
    [record] = idempotency_records()
    assert record["state"] == "answered" and "lease_until" not in record


def test_a_request_so_slow_that_a_repeat_took_its_key_over_answers_like_the_repeat(citizen: Api, clock: Any) -> None:
    from chalicelib.booking import book as booking

    request = booking.Request(
        office="anrath",
        services=["fuehrungszeugnis"],
        start=booking.common.parse_iso(at(TUESDAY, "08:00")),
        name="Erika Mustermann",
        email="erika@example.org",
        phone=None,
        language="de",
    )
    key = uuid.uuid4().hex
    repeats: list[tuple[int, dict[str, Any]]] = []

    def slow(claim: idempotency.Claim) -> tuple[int, dict[str, Any]]:
        # Given a request that stalls past its lease, while the client's repeat takes the key over and books
        clock.shift(timedelta(seconds=idempotency.LEASE_SECONDS + 1))
        repeats.append(booking.book(request, idempotency_key=key))
        # When the slow request goes on, it finds its time taken - by the repeat's booking
        return booking.book_claimed(request, claim)

    outcome = idempotency.run(booking.scope("online"), key, booking.fingerprint(request), slow)
    # Then it is not told the time is gone: it answers with the booking made under its key
    [(status, answer)] = repeats
    assert (status, outcome.status, outcome.body, outcome.replayed) == (201, 201, answer, True)
    assert len(bookings()) == 1


def test_a_refused_booking_lets_go_of_its_key_so_the_same_request_can_succeed_later(citizen: Api) -> None:
    other = booked(citizen, email="max@example.org")  # Anrath has one counter: 08:00 is taken
    key = uuid.uuid4().hex
    refused = book(citizen, key)
    assert refused.status_code == 409 and body(refused)["error"]["code"] == "conflict"
    assert [r for r in idempotency_records() if r["state"] == "in_flight"] == []
    # The refusal wrote nothing, so the same request runs again and meets the world as it is now
    assert citizen.post("/api/booking/cancel", {"token": other["manage_token"]}).status_code == 200
    later = book(citizen, key)
    assert later.status_code == 201 and body(book(citizen, key)) == body(later)


def test_a_repeat_of_a_booking_that_took_the_last_place_is_not_told_the_time_is_gone(citizen: Api) -> None:
    key = uuid.uuid4().hex
    first = book(citizen, key)
    assert first.status_code == 201
    # The time is now taken - by this very booking: every repeat gets the first answer
    for _ in range(5):
        again = book(citizen, key)
        assert again.status_code == 201 and body(again) == body(first)


def test_an_office_phone_booking_repeats_like_a_citizens(clerk: Api) -> None:
    data = {
        "office": "anrath",
        "services": ["fuehrungszeugnis"],
        "start": at(TUESDAY, "09:00"),
        "name": "Anrufer",
        "send_confirmation": False,
    }
    key = {"idempotency-key": uuid.uuid4().hex}
    first = clerk.post("/api/office/bookings", data, headers=key)
    assert first.status_code == 201, first.body
    again = clerk.post("/api/office/bookings", data, headers=key)
    assert again.status_code == 201 and body(again) == body(first)
    other = clerk.post("/api/office/bookings", {**data, "name": "Jemand anders"}, headers=key)
    assert other.status_code == 422 and body(other)["error"]["code"] == "idempotency_key_reused"


clerk = support.clerk


def test_an_offer_taken_twice_at_once_books_once_and_both_clicks_get_that_booking(
    citizen: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.booking.store import bookings as booking_store
    from tests.api.booking_support import link_token, mails, run_job

    waiting = {
        "office": "anrath",
        "services": ["fuehrungszeugnis"],
        "name": "Max Mustermann",
        "email": "max@example.org",
        "consent": True,
    }
    assert citizen.post("/api/booking/waitlist", waiting).status_code == 201
    assert run_job("booking-waitlist") == {"offers": 1}
    offer = link_token(mails("max@example.org")[0]["text"], "/termin/angebot")
    insert = booking_store.insert
    during: list[Any] = []

    def insert_after_a_second_click(*args: Any, **kwargs: Any) -> int:
        if not during:
            during.append(citizen.post("/api/booking/waitlist/claim", {"offer": offer}))
        return insert(*args, **kwargs)

    monkeypatch.setattr(booking_store, "insert", insert_after_a_second_click)
    first = citizen.post("/api/booking/waitlist/claim", {"offer": offer})
    monkeypatch.setattr(booking_store, "insert", insert)
    [meanwhile] = during
    assert first.status_code == 201, first.body
    assert meanwhile.status_code == 409 and body(meanwhile)["error"]["code"] == "request_in_progress"
    again = citizen.post("/api/booking/waitlist/claim", {"offer": offer})
    assert again.status_code == 201 and body(again) == body(first)
    assert len(bookings()) == 1
