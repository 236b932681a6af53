"""Marking an appointment done hands out a "rate this visit" link when a survey is open for it."""

from __future__ import annotations

import uuid
from typing import Any

from tests.api import survey_support
from tests.conftest import Api, body

clock, surveyor, survey_id = survey_support.clock, survey_support.surveyor, survey_support.survey_id


def test_done_answers_with_a_visit_link_of_the_named_survey(survey_id: str, make_staff: Any) -> None:
    clerk: Api = make_staff("office")
    booked = clerk.post(
        "/api/office/bookings",
        {"office": "anrath", "services": ["ummeldung"], "start": "2026-11-12T09:00:00+01:00", "name": "Max Muster"},
        headers={"idempotency-key": uuid.uuid4().hex},
    )
    assert booked.status_code == 201, booked.body
    code = body(booked)["booking"]["code"]
    res = clerk.post(f"/api/office/bookings/{code}/done", {"survey": survey_id})
    assert res.status_code == 200, res.body
    data = body(res)
    assert data["booking"]["status"] == "done"
    assert f"/{survey_id}" in data["rate_visit_url"] and "besuch=anrath.melde." in data["rate_visit_url"]
    assert data["rate_visit_qr_svg"].lstrip().startswith("<")
    # an unknown survey simply gives no link; the appointment is done all the same
    other = clerk.post(
        "/api/office/bookings",
        {"office": "anrath", "services": ["ummeldung"], "start": "2026-11-12T09:30:00+01:00", "name": "Eva Muster"},
        headers={"idempotency-key": uuid.uuid4().hex},
    )
    done = clerk.post(f"/api/office/bookings/{body(other)['booking']['code']}/done", {"survey": "no-such-survey"})
    assert done.status_code == 200 and "rate_visit_url" not in body(done)
