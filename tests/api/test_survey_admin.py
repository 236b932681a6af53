"""Staff managing surveys: drafts, editing rules, publishing, next waves, QR codes, audit."""

from __future__ import annotations

from typing import Any

from tests.api import survey_support as support
from tests.api.survey_support import MINIMAL, create, definition, publish, stored
from tests.conftest import Api, body

clock, surveyor, survey_id = support.clock, support.surveyor, support.survey_id


def test_a_new_survey_is_a_draft_invisible_to_citizens(api: Api, surveyor: Api) -> None:
    sid = create(surveyor)
    data = body(surveyor.get(f"/api/surveys/{sid}"))
    assert data["survey"]["status"] == "draft" and data["responses"] == 0
    assert data["public_url"] == f"http://localhost:8000/umfrage/{sid}"
    assert data["questions_editable"] is True
    assert api.get(f"/api/public/surveys/{sid}").status_code == 404
    assert body(api.get("/api/public/surveys"))["surveys"] == []
    listed = body(surveyor.get("/api/surveys"))["surveys"]
    assert [(s["id"], s["status"]) for s in listed] == [(sid, "draft")]
    publish(surveyor, sid)
    assert api.get(f"/api/public/surveys/{sid}").status_code == 200
    assert [s["id"] for s in body(api.get("/api/public/surveys"))["surveys"]] == [sid]
    assert body(surveyor.get(f"/api/surveys/{sid}"))["availability"] == "open"


def test_a_survey_definition_error_names_each_path_and_ids_are_unique(surveyor: Api) -> None:
    data = definition()
    data["questions"][0]["type"] = "dropdown"
    data["questions"][2]["label"] = {"de": ""}
    data["closes"] = "2026-01-01"
    res = surveyor.post("/api/surveys", data)
    assert res.status_code == 400
    fields = body(res)["error"]["fields"]
    assert {"questions[0].type", "questions[2].label.de", "closes"} <= set(fields)
    unknown = surveyor.post("/api/surveys", {**definition(), "colour": "red"})
    assert body(unknown)["error"]["fields"] == {"colour": "is not an allowed field"}
    assert surveyor.post("/api/surveys", definition(status="published")).status_code == 400
    create(surveyor)
    taken = surveyor.post("/api/surveys", definition(series="andere-reihe"))
    assert taken.status_code == 409 and body(taken)["error"]["code"] == "id_taken"


def test_questions_can_change_until_the_first_answer_then_a_clone_is_required(
    api: Api, surveyor: Api, survey_id: str
) -> None:
    data = body(surveyor.get(f"/api/surveys/{survey_id}"))["survey"]
    data["questions"][0]["label"]["de"] = "Wie haben Sie uns erreicht?"
    assert surveyor.put(f"/api/surveys/{survey_id}", data).status_code == 200
    stored(api, survey_id)
    data["questions"][0]["label"]["de"] = "Noch einmal anders gefragt?"
    res = surveyor.put(f"/api/surveys/{survey_id}", data)
    assert res.status_code == 409 and body(res)["error"]["code"] == "clone_required"
    assert body(surveyor.get(f"/api/surveys/{survey_id}"))["questions_editable"] is False
    data = body(surveyor.get(f"/api/surveys/{survey_id}"))["survey"]
    data["closes"] = "2027-02-14"  # dates and texts stay editable
    data["intro"]["de"] = "Neue Einleitung."
    edited = surveyor.put(f"/api/surveys/{survey_id}", data)
    assert edited.status_code == 200 and body(edited)["survey"]["closes"] == "2027-02-14"
    assert body(edited)["responses"] == 1  # an edit never writes back a stale count
    data["raffle"]["winners"] = 3
    locked = surveyor.put(f"/api/surveys/{survey_id}", data)
    assert locked.status_code == 409 and body(locked)["error"]["code"] == "raffle_locked"
    fixed = surveyor.put(f"/api/surveys/{survey_id}", {**data, "id": "other", "wave": 4, "status": "draft"})
    assert fixed.status_code == 400
    assert set(body(fixed)["error"]["fields"]) == {"id", "wave", "status"}


def test_a_survey_is_cloned_as_the_next_wave(api: Api, surveyor: Api, survey_id: str) -> None:
    stored(api, survey_id)
    res = surveyor.post(
        f"/api/surveys/{survey_id}/clone", {"id": "buergerservice-2027", "opens": "2027-11-01", "closes": "2028-01-31"}
    )
    assert res.status_code == 201
    wave = body(res)
    assert wave["survey"]["wave"] == 2 and wave["survey"]["series"] == "buergerservice"
    assert wave["survey"]["status"] == "draft" and wave["responses"] == 0 and wave["previous_id"] == survey_id
    assert wave["survey"]["raffle"]["publication_end"] == "2028-02-28"
    assert wave["survey"]["questions"] == body(surveyor.get(f"/api/surveys/{survey_id}"))["survey"]["questions"]
    # copying the older wave again continues the series after its newest wave
    again = surveyor.post(
        f"/api/surveys/{survey_id}/clone", {"id": "dritte", "opens": "2028-11-01", "closes": "2029-01-31"}
    )
    assert again.status_code == 201 and body(again)["survey"]["wave"] == 3
    bad = surveyor.post(
        f"/api/surveys/{survey_id}/clone", {"id": survey_id, "opens": "2027-11-01", "closes": "2027-01-31"}
    )
    assert bad.status_code == 400 and set(body(bad)["error"]["fields"]) == {"id", "closes"}


def test_qr_codes_of_the_public_link_as_svg_and_png(surveyor: Api, survey_id: str) -> None:
    from chalicelib.platform.aws import qr

    url = f"http://localhost:8000/umfrage/{survey_id}?quelle=qr"  # scans count as channel "qr"
    assert body(surveyor.get(f"/api/surveys/{survey_id}"))["qr_url"] == url
    svg = surveyor.get(f"/api/surveys/{survey_id}/qr.svg")
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
    assert svg.body.decode() == qr.qr_svg(url)
    png = surveyor.get(f"/api/surveys/{survey_id}/qr.png", headers={"accept": "image/png"})
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.body[:8] == b"\x89PNG\r\n\x1a\n" and png.body == qr.qr_png(url)
    assert surveyor.get("/api/surveys/unknown/qr.svg").status_code == 404


def test_public_results_are_off_until_switched_on(api: Api, surveyor: Api, survey_id: str) -> None:
    stored(api, survey_id, MINIMAL)
    res = api.get(f"/api/public/surveys/{survey_id}/results")
    assert res.status_code == 404 and body(res)["error"]["code"] == "results_not_public"
    assert surveyor.put(f"/api/surveys/{survey_id}/public-results", {"enabled": True}).status_code == 200
    public = body(api.get(f"/api/public/surveys/{survey_id}/results?lang=en"))
    assert public["n"] == 1 and public["title"].startswith("Modern citizen service")
    assert public["excerpts"] == [] and all(q["chart_svg"].startswith("<svg") for q in public["questions"])
    assert body(api.get(f"/api/public/surveys/{survey_id}"))["results_public"] is True


def test_survey_changes_are_audited_without_answers(api: Api, surveyor: Api, survey_id: str, make_staff: Any) -> None:
    stored(api, survey_id, {**MINIMAL, "suggestions": "Geheimer Vorschlag"})
    admin = make_staff("admin", username="chef")
    entries = body(admin.get("/api/admin/audit?month=2026-11"))["entries"]
    actions = {(e["actor"], e["action"], e["target"]) for e in entries}
    assert {("sonja", "survey.create", survey_id), ("sonja", "survey.publish", survey_id)} <= actions
    assert "Geheimer" not in str(entries)


def test_the_per_day_chart_names_days_in_the_readers_language(api: Api, surveyor: Api, survey_id: str) -> None:
    from tests.api.survey_support import results

    stored(api, survey_id, MINIMAL)
    german = results(surveyor, survey_id, "?lang=de")["charts"]["days"]
    english = results(surveyor, survey_id, "?lang=en")["charts"]["days"]
    assert "10.11.2026" in german and "10 Nov 2026" in english
    assert "2026-11-10" not in german + english
