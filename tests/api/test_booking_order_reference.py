"""A pickup appointment may carry the order reference ("Vorgangsnummer") of a document order.

Booking checks only its format: the clerk sees it in the day view and at check-in, the citizen in
the confirmation mail and on the manage page; it is kept through a repeated request and expires
with the booking.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from chalicelib.platform.references import new_reference, path_reference
from tests.api import booking_support as support
from tests.api.booking_support import NOW, TUESDAY, book, booked, mails, snapshot
from tests.api.test_office import day_view
from tests.conftest import Api, body

clock, citizen, clerk = support.clock, support.citizen, support.clerk


def test_a_booking_with_an_order_reference_shows_it_to_citizen_and_clerk(citizen: Api, clerk: Api) -> None:
    reference = new_reference()
    typed = path_reference(reference).lower()  # as it stands in the order page's link, in any case
    data = booked(citizen, order_reference=typed)
    assert data["booking"]["order_reference"] == reference
    manage = body(citizen.get(f"/api/booking/manage?token={data['manage_token']}"))
    assert manage["booking"]["order_reference"] == reference
    [mail] = mails("erika@example.org")
    assert f"Vorgangsnummer: {reference}" in mail["text"]
    assert reference in mail["html"]
    [appointment] = day_view(clerk)["appointments"]
    assert appointment["order_reference"] == reference and appointment["name"] == "Erika Mustermann"
    found = body(clerk.get(f"/api/office/bookings/{data['booking']['code']}"))
    assert found["booking"]["order_reference"] == reference


def test_a_booking_without_an_order_reference_has_none(citizen: Api, clerk: Api) -> None:
    data = booked(citizen)
    assert data["booking"]["order_reference"] is None
    assert day_view(clerk)["appointments"][0]["order_reference"] is None
    assert "Vorgangsnummer" not in mails("erika@example.org")[0]["text"]
    blank = booked(citizen, start=support.at(TUESDAY, "09:00"), order_reference="  ")
    assert blank["booking"]["order_reference"] is None


def test_the_english_mail_names_the_order_reference(citizen: Api) -> None:
    reference = new_reference()
    booked(citizen, language="en", order_reference=reference)
    [mail] = mails()
    assert f"Order reference: {reference}" in mail["text"] and "Vorgangsnummer" not in mail["text"]


def test_a_repeated_request_keeps_the_order_reference_and_books_once(citizen: Api) -> None:
    from chalicelib.booking.store.bookings import BookingModel

    reference, key = new_reference(), uuid.uuid4().hex
    first = book(citizen, key, order_reference=reference)
    again = book(citizen, key, order_reference=reference)
    assert first.status_code == again.status_code == 201
    assert body(again) == body(first) and body(again)["booking"]["order_reference"] == reference
    assert [b.order_reference for b in BookingModel.scan()] == [reference]
    other = book(citizen, key, order_reference=new_reference())  # the same key for a different order
    assert other.status_code == 422


def test_a_malformed_order_reference_is_refused_in_german_and_english_and_nothing_is_stored(citizen: Api) -> None:
    broken = new_reference()
    broken = broken[:-1] + ("A" if broken[-1] != "A" else "B")  # a typing error: the check symbols catch it
    before = snapshot()
    for value in (broken, "ABCD-1234", "x" * 81, "<script>"):
        for lang, message, field in (
            ("de", "Das ist keine gültige Vorgangsnummer.", "ist keine gültige Vorgangsnummer"),
            ("en", "This is not a valid order reference.", "is not a valid order reference"),
        ):
            res = citizen.post(
                "/api/booking/bookings",
                support.form(order_reference=value),
                headers={"idempotency-key": uuid.uuid4().hex, "accept-language": lang},
            )
            assert res.status_code == 400, (value, res.body)
            error = body(res)["error"]
            assert "order_reference" in error["fields"], error
            if len(value) <= 80:
                assert error["message"] == message and error["fields"]["order_reference"] == field
    assert snapshot() == before
    assert mails() == []


def test_the_order_reference_expires_with_the_booking(citizen: Api, clock: Any) -> None:
    from chalicelib.booking.store import bookings as booking_store

    data = booked(citizen, order_reference=new_reference())
    item = booking_store.get(data["booking"]["code"])
    assert item is not None and item.order_reference and item.expires_at is not None
    clock.move_to(NOW + timedelta(days=40))
    assert booking_store.get(data["booking"]["code"]) is None
