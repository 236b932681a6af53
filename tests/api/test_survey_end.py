"""Ending a running survey early: it closes at once, refuses later answers, counts none of them, is audited."""

from __future__ import annotations

import time
from typing import Any

from tests.api import survey_support as support
from tests.api.survey_support import MINIMAL, NOW, create, publish, results, stored, submit
from tests.conftest import Api, body

clock, surveyor, survey_id = support.clock, support.surveyor, support.survey_id


def test_ending_a_survey_closes_it_today_and_refuses_later_answers(
    api: Api, surveyor: Api, survey_id: str, make_staff: Any
) -> None:
    stored(api, survey_id)
    res = surveyor.post(f"/api/surveys/{survey_id}/end")
    assert res.status_code == 200, res.body
    view = body(res)
    assert view["availability"] == "closed" and view["ended_at"]
    assert view["survey"]["closes"] == NOW.date().isoformat()
    listed = {s["id"]: s for s in body(surveyor.get("/api/surveys"))["surveys"]}
    assert listed[survey_id]["availability"] == "closed"

    refused = submit(api, survey_id, MINIMAL)
    assert refused.status_code == 409 and body(refused)["error"]["code"] == "survey_closed"
    page = api.get(f"/api/public/surveys/{survey_id}")
    details = body(page)["error"]
    assert page.status_code == 409 and details["code"] == "survey_closed" and details["raffle"] is True
    assert body(api.get("/api/public/surveys"))["surveys"] == []
    assert results(surveyor, survey_id)["n"] == 1

    again = surveyor.post(f"/api/surveys/{survey_id}/end")  # ending twice changes nothing
    assert again.status_code == 200 and body(again)["ended_at"] == view["ended_at"]
    admin = make_staff("admin", username="chef")
    entries = body(admin.get(f"/api/admin/audit?month={NOW:%Y-%m}"))["entries"]
    ends = [e for e in entries if e["action"] == "survey.end"]
    assert [(e["actor"], e["target"], e["details"]["responses"]) for e in ends] == [("sonja", survey_id, 1)]


def test_an_answer_checked_against_the_definition_read_before_the_end_is_not_counted(
    api: Api, surveyor: Api, survey_id: str
) -> None:
    from chalicelib.surveys import definitions as surveys

    stored(api, survey_id)
    before = surveys.published(survey_id)  # what another warm instance still holds in its cache
    assert surveyor.post(f"/api/surveys/{survey_id}/end").status_code == 200
    surveys._CACHE[survey_id] = (time.monotonic(), before)
    late = submit(api, survey_id, MINIMAL)
    assert late.status_code == 409 and body(late)["error"]["code"] == "survey_closed"
    assert results(surveyor, survey_id)["n"] == 1


def test_editing_an_ended_survey_does_not_reopen_it(api: Api, surveyor: Api, survey_id: str) -> None:
    assert surveyor.post(f"/api/surveys/{survey_id}/end").status_code == 200
    data = body(surveyor.get(f"/api/surveys/{survey_id}"))["survey"]
    data["closes"] = "2027-01-31"
    edited = surveyor.put(f"/api/surveys/{survey_id}", data)
    assert edited.status_code == 200 and body(edited)["availability"] == "closed"
    assert submit(api, survey_id, MINIMAL).status_code == 409


def test_only_a_running_survey_can_be_ended_and_only_by_the_survey_team(
    surveyor: Api, survey_id: str, make_staff: Any
) -> None:
    draft = create(surveyor, id="entwurf")
    res = surveyor.post(f"/api/surveys/{draft}/end")
    assert res.status_code == 409 and body(res)["error"]["code"] == "survey_not_published"
    later = create(surveyor, id="spaeter", opens="2026-12-01")
    publish(surveyor, later)
    res = surveyor.post(f"/api/surveys/{later}/end")
    assert res.status_code == 409 and body(res)["error"]["code"] == "survey_not_open"
    clerk = make_staff("office", username="olga")
    assert clerk.post(f"/api/surveys/{survey_id}/end").status_code == 403
    assert surveyor.post("/api/surveys/unbekannt/end").status_code == 404
