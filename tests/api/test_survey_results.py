"""Paper entry, results from aggregates (constant reads), wave comparison, free-text review, CSV, report."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

from tests.api import survey_support as support
from tests.api.survey_support import MINIMAL, counts, full_answers, publish, results, stored
from tests.api.test_survey_submit import dynamodb_calls
from tests.conftest import Api, body

clock, surveyor, survey_id = support.clock, support.surveyor, support.survey_id


def paper(staff: Api, sid: str, items: list[Any], batch: str | None = None, **extra: Any) -> Any:
    payload = {"batch_id": batch or uuid.uuid4().hex, "items": [{"answers": a} for a in items], **extra}
    return staff.post(f"/api/surveys/{sid}/paper", payload)


def test_a_paper_batch_is_stored_once_and_merged_with_online_answers(api: Api, surveyor: Api, survey_id: str) -> None:
    stored(api, survey_id)
    batch = uuid.uuid4().hex
    items = [MINIMAL, full_answers(), {**MINIMAL, "friendliness": 5}]
    res = paper(surveyor, survey_id, items, batch, date="2026-11-05", office="willich", category="ausweise")
    assert res.status_code == 201 and body(res)["stored"] == 3
    again = paper(surveyor, survey_id, items, batch, date="2026-11-05", office="willich", category="ausweise")
    assert again.status_code == 201 and body(again) == body(res) and again.headers["idempotent-replayed"] == "true"
    other = paper(surveyor, survey_id, items[:1], batch, date="2026-11-05", office="willich", category="ausweise")
    assert other.status_code == 409 and "batch_id" in body(other)["error"]["fields"]
    data = results(surveyor, survey_id)
    assert data["n"] == 4 and data["channels"]["paper"] == 3 and data["channels"]["online"] == 1
    assert {"date": "2026-11-05", "count": 3} in data["days"]
    assert results(surveyor, survey_id, "?office=willich")["n"] == 3
    assert results(surveyor, survey_id, "?channel=paper")["n"] == 3


def test_a_paper_batch_with_errors_stores_nothing_and_names_each_item(surveyor: Api, survey_id: str) -> None:
    before = counts()
    res = paper(surveyor, survey_id, [MINIMAL, {"contact": "phone", "friendliness": 9}, MINIMAL, {"x": 1}])
    assert res.status_code == 400
    fields = body(res)["error"]["fields"]
    assert fields["items[1].answers.friendliness"] and fields["items[1].answers.resolved"] == "is required"
    assert fields["items[3].answers.x"] == "is not a question of this survey"
    assert not any(k.startswith(("items[0]", "items[2]")) for k in fields)
    assert paper(surveyor, survey_id, [MINIMAL], date="2026-10-01").status_code == 400  # before opening
    assert paper(surveyor, survey_id, [MINIMAL], date="2026-11-20").status_code == 400  # in the future
    assert paper(surveyor, survey_id, [MINIMAL], office="mars").status_code == 400
    assert paper(surveyor, survey_id, []).status_code == 400
    assert counts() == before


def test_results_cost_the_same_reads_for_one_or_many_responses(api: Api, surveyor: Api, survey_id: str) -> None:
    from datetime import date

    from chalicelib.surveys.rules.results import counter_increments, slices_for
    from chalicelib.surveys.rules.survey import parse_survey
    from chalicelib.surveys.store import responses as response_store
    from tests.unit.fixtures_survey import survey_dict

    stored(api, survey_id)
    with dynamodb_calls() as few:
        assert results(surveyor, survey_id)["n"] == 1
    survey = parse_survey(survey_dict())
    part = response_store.partition(survey.id, survey.wave)
    many = [
        response_store.ResponseModel(
            part,
            response_store.new_response_id(),
            survey_id=survey.id,
            wave=1,
            channel="online",
            day="2026-11-09",
            answers="{}",
        )
        for _ in range(300)
    ]
    totals = {k: v * 300 for k, v in counter_increments(survey, MINIMAL, date(2026, 11, 9), "online", None).items()}
    response_store.seed(many, totals, slices_for("online", None), survey.id)
    with dynamodb_calls() as lots:
        assert results(surveyor, survey_id)["n"] == 301
    assert sum(lots.values()) == sum(few.values()) <= 4  # session, user, survey, one slice
    for query, field in (
        ("?channel=pigeon", "channel"),
        ("?office=mars", "office"),
        ("?office=willich&channel=qr", "channel"),
        ("?lang=fr", "lang"),
    ):
        res = surveyor.get(f"/api/surveys/{survey_id}/results{query}")
        assert res.status_code == 400 and field in body(res)["error"]["fields"], query


def _second_wave(api: Api, surveyor: Api, survey_id: str) -> str:
    res = surveyor.post(
        f"/api/surveys/{survey_id}/clone", {"id": "bs-2", "opens": "2026-11-10", "closes": "2026-12-31"}
    )
    assert res.status_code == 201
    publish(surveyor, "bs-2")
    stored(api, "bs-2", {**MINIMAL, "friendliness": 5, "recommend": 10})
    return "bs-2"


def test_waves_are_compared_side_by_side(api: Api, surveyor: Api, survey_id: str) -> None:
    stored(api, survey_id, {**MINIMAL, "friendliness": 1, "recommend": 0})
    stored(api, survey_id, {**MINIMAL, "friendliness": 3, "recommend": 0})
    second = _second_wave(api, surveyor, survey_id)
    data = body(surveyor.get(f"/api/surveys/{second}/compare?lang=en"))
    assert [(w["wave"], w["n"]) for w in data["waves"]] == [(1, 2), (2, 1)]
    friendliness = next(q for q in data["questions"] if q["id"] == "friendliness")
    assert [w["mean"] for w in friendliness["waves"]] == [2.0, 5.0]
    recommend = next(q for q in data["questions"] if q["id"] == "recommend")
    assert [w["nps"] for w in recommend["waves"]] == [-100, 100]


def _free_text(staff: Api, sid: str, query: str = "") -> dict[str, Any]:
    res = staff.get(f"/api/surveys/{sid}/free-text{query}")
    assert res.status_code == 200, res.body
    return body(res)  # type: ignore[no-any-return]


def test_free_text_is_reviewed_redacted_and_only_approved_text_is_published(
    api: Api, surveyor: Api, survey_id: str
) -> None:
    stored(api, survey_id, {**MINIMAL, "suggestions": "Frau Schmitz am Schalter 3 war unfreundlich."})
    stored(api, survey_id, {**MINIMAL, "suggestions": "Bitte mehr Termine am Samstag."})
    stored(api, survey_id, {**MINIMAL, "suggestions": '=HYPERLINK("http://evil")'})
    stored(api, survey_id, MINIMAL)  # no free text at all
    pending = _free_text(surveyor, survey_id)
    assert len(pending["items"]) == 3 and pending["next"] is None
    by_text = {i["texts"][0]["text"]: i["response_id"] for i in pending["items"]}
    named = by_text["Frau Schmitz am Schalter 3 war unfreundlich."]
    path = f"/api/surveys/{survey_id}/free-text/{named}/suggestions"
    bad = surveyor.patch(path, {"status": "rejected", "excerpt": True})
    assert bad.status_code == 400 and "excerpt" in body(bad)["error"]["fields"]
    res = surveyor.patch(
        path, {"status": "approved", "text": "[Name] am Schalter 3 war unfreundlich.", "excerpt": True}
    )
    assert res.status_code == 200 and body(res)["redacted"] is True
    saturday = f"/api/surveys/{survey_id}/free-text/{by_text['Bitte mehr Termine am Samstag.']}/suggestions"
    assert surveyor.patch(saturday, {"status": "rejected"}).status_code == 200
    assert len(_free_text(surveyor, survey_id)["items"]) == 1  # only the formula one is still pending
    approved = _free_text(surveyor, survey_id, "?status=approved")["items"]
    assert [i["texts"][0]["text"] for i in approved] == ["[Name] am Schalter 3 war unfreundlich."]
    assert "Schmitz" not in str(support.dump_tables())  # redaction overwrote the stored answer
    report = body(surveyor.get(f"/api/surveys/{survey_id}/report"))
    assert [e["text"] for e in report["excerpts"]] == ["[Name] am Schalter 3 war unfreundlich."]
    surveyor.put(f"/api/surveys/{survey_id}/public-results", {"enabled": True})
    public = str(body(api.get(f"/api/public/surveys/{survey_id}/results")))
    assert "[Name] am Schalter 3" in public and "Samstag" not in public and "HYPERLINK" not in public
    unchoose = surveyor.patch(path, {"status": "approved", "excerpt": False})
    assert unchoose.status_code == 200
    assert body(surveyor.get(f"/api/surveys/{survey_id}/report"))["excerpts"] == []
    assert (
        surveyor.patch(f"/api/surveys/{survey_id}/free-text/{'0' * 32}/suggestions", {"status": "approved"}).status_code
        == 404
    )
    assert (
        surveyor.patch(f"/api/surveys/{survey_id}/free-text/{named}/contact", {"status": "approved"}).status_code == 404
    )


def test_the_review_list_is_paginated_with_a_cursor(api: Api, surveyor: Api, survey_id: str) -> None:
    for i in range(5):
        stored(api, survey_id, {**MINIMAL, "suggestions": f"Vorschlag {i}"})
    seen: list[str] = []
    cursor = ""
    for _ in range(10):
        page = _free_text(surveyor, survey_id, f"?limit=2{cursor}")
        assert len(page["items"]) <= 2
        seen += [i["texts"][0]["text"] for i in page["items"]]
        if page["next"] is None:
            break
        cursor = f"&cursor={page['next']}"
    assert sorted(seen) == [f"Vorschlag {i}" for i in range(5)]
    bad = surveyor.get(f"/api/surveys/{survey_id}/free-text?cursor=garbage")
    assert bad.status_code == 400 and "cursor" in body(bad)["error"]["fields"]


def test_csv_export_has_one_row_per_response_for_excel(api: Api, surveyor: Api, survey_id: str) -> None:
    stored(api, survey_id, full_answers())
    stored(api, survey_id, {**MINIMAL, "suggestions": "=1+1"}, source="qr")
    res = surveyor.get(f"/api/surveys/{survey_id}/export.csv")
    assert res.status_code == 200 and res.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in res.headers["content-disposition"]
    raw = res.body if isinstance(res.body, bytes) else res.body.encode()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["date", "channel", "office", "category", "contact"]
    assert len(rows) == 3 and {r[1] for r in rows[1:]} == {"online", "qr"}
    full = next(r for r in rows[1:] if r[1] == "online")
    column = dict(zip(rows[0], full, strict=True))
    assert column["date"] == "2026-11-10" and column["resolved"] == "no"
    assert column["not_resolved_reason"] == "documents_missing|second_visit"
    assert column["suggestions"] == ""  # not reviewed: left out unless staff ask for all text
    everything = surveyor.get(f"/api/surveys/{survey_id}/export.csv?free_text=all&delimiter=comma")
    text = (everything.body if isinstance(everything.body, bytes) else everything.body.encode()).decode("utf-8-sig")
    assert "'=1+1" in text and "Mehr Termine am Samstag" in text  # formulas are defused


def test_the_committee_report_compares_with_the_previous_wave(api: Api, surveyor: Api, survey_id: str) -> None:
    stored(api, survey_id, {**MINIMAL, "friendliness": 2})
    second = _second_wave(api, surveyor, survey_id)
    report = body(surveyor.get(f"/api/surveys/{second}/report?lang=de"))
    assert report["previous_wave"]["survey_id"] == survey_id and report["n"] == 1
    friendliness = next(q for q in report["questions"] if q["id"] == "friendliness")
    assert friendliness["mean"] == 5.0 and friendliness["previous"]["mean"] == 2.0
    assert friendliness["chart_svg"].startswith("<svg") and report["charts"]["channels"].startswith("<svg")
    first = body(surveyor.get(f"/api/surveys/{survey_id}/report"))
    assert first["previous_wave"] is None and all(q["previous"] is None for q in first["questions"])
