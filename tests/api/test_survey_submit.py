"""Citizens answering a survey: the public page, exactly-once submission, bad input, visit links."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from tests.api import survey_support as support
from tests.api.survey_support import (
    MINIMAL,
    NOW,
    counts,
    create,
    dump_tables,
    full_answers,
    publish,
    results,
    stored,
    submit,
)
from tests.conftest import Api, body

clock, surveyor, survey_id = support.clock, support.surveyor, support.survey_id


@contextmanager
def dynamodb_calls() -> Iterator[Counter[str]]:
    from botocore.client import BaseClient

    seen: Counter[str] = Counter()
    original = BaseClient._make_api_call

    def counting(self: Any, operation: str, params: dict[str, Any]) -> Any:
        if self.meta.service_model.service_name == "dynamodb":
            seen[operation] += 1
        return original(self, operation, params)

    BaseClient._make_api_call = counting  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        BaseClient._make_api_call = original  # type: ignore[method-assign]


def test_the_public_page_shows_the_survey_and_the_raffle_deletion_date(api: Api, survey_id: str) -> None:
    res = api.get(f"/api/public/surveys/{survey_id}")
    assert res.status_code == 200
    data = body(res)
    assert data["survey"]["title"]["de"].startswith("Moderner Bürgerservice")
    assert len(data["survey"]["questions"]) == 11
    assert data["raffle"]["publication_end"] == "2027-02-28"
    assert data["raffle"]["deletion_date"] == "2027-03-07"
    assert data["results_public"] is False


def test_unknown_and_draft_surveys_are_404_for_citizens(api: Api, surveyor: Api) -> None:
    draft = create(surveyor, id="entwurf")
    for sid in ("nope", draft, "NOT a slug!", "x" * 300):
        assert api.get(f"/api/public/surveys/{sid}").status_code == 404
        assert submit(api, sid, MINIMAL).status_code == 404


def test_a_closed_or_future_survey_answers_409_with_its_dates(api: Api, surveyor: Api) -> None:
    closed = create(surveyor, id="alt", opens="2026-01-05", closes="2026-02-01", raffle=None)
    future = create(surveyor, id="bald", opens="2027-03-01", closes="2027-04-01", raffle=None)
    for sid, code in ((closed, "survey_closed"), (future, "survey_not_open")):
        publish(surveyor, sid)
        for res in (api.get(f"/api/public/surveys/{sid}"), submit(api, sid, MINIMAL)):
            assert res.status_code == 409
            err = body(res)["error"]
            assert err["code"] == code and err["opens"] and err["closes"]
            assert err["title"]["de"].startswith("Moderner")
    assert counts()["survey_responses"] == 0


def test_a_submission_is_stored_and_counted_once(api: Api, surveyor: Api, survey_id: str) -> None:
    answer = stored(api, survey_id, full_answers())
    assert answer["status"] == "stored" and answer["channel"] == "online"
    assert answer["raffle"]["ticket"] and answer["raffle"]["deletion_date"] == "2027-03-07"
    data = results(surveyor, survey_id)
    assert data["n"] == 1 and data["channels"]["online"] == 1
    assert data["days"] == [{"date": "2026-11-10", "count": 1}]
    friendliness = next(q for q in data["questions"] if q["id"] == "friendliness")
    assert friendliness["mean"] == 2.0 and friendliness["chart_svg"].startswith("<svg")
    assert stored(api, survey_id, source="qr")["channel"] == "qr"
    assert results(surveyor, survey_id, "?channel=qr")["n"] == 1
    assert results(surveyor, survey_id, "?channel=online")["n"] == 1


def test_twenty_retries_count_once_and_return_the_first_answer(api: Api, surveyor: Api, survey_id: str) -> None:
    key = str(uuid.uuid4())
    first = submit(api, survey_id, full_answers(), key)
    assert first.status_code == 201 and first.headers["idempotent-replayed"] == "false"
    for _ in range(20):
        again = submit(api, survey_id, full_answers(), key)
        assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
        assert body(again) == body(first)
    assert results(surveyor, survey_id)["n"] == 1
    assert counts()["survey_responses"] == 1
    assert body(surveyor.get(f"/api/surveys/{survey_id}"))["responses"] == 1
    other = submit(api, survey_id, {**MINIMAL, "friendliness": 1}, key)  # the same key with other answers
    assert other.status_code == 409
    assert body(other)["error"]["code"] == "idempotency_key_reused"
    assert counts()["survey_responses"] == 1


def test_a_missing_or_malformed_idempotency_key_is_a_400(api: Api, survey_id: str) -> None:
    for key in ("", "short", "with spaces in it!!"):
        res = submit(api, survey_id, MINIMAL, key)
        assert res.status_code == 400
        assert "Idempotency-Key" in body(res)["error"]["fields"]
    assert counts()["survey_responses"] == 0


def test_bad_answers_name_every_field_and_store_nothing(api: Api, survey_id: str) -> None:
    before = counts()
    bad = {
        "contact": "carrier_pigeon",  # unknown option
        "friendliness": 7,  # out of range
        "suggestions": "x" * 1001,  # oversize text
        "favourite_colour": "blue",  # not a question
    }  # resolved (required) is missing
    res = submit(api, survey_id, bad)
    assert res.status_code == 400
    fields = body(res)["error"]["fields"]
    assert set(fields) == {
        "answers.contact",
        "answers.friendliness",
        "answers.suggestions",
        "answers.favourite_colour",
        "answers.resolved",
    }
    extra = submit(api, survey_id, MINIMAL, extra={"name": "Erika"})
    assert extra.status_code == 400 and body(extra)["error"]["fields"] == {"name": "is not an allowed field"}
    follow_up = submit(api, survey_id, {**MINIMAL, "friendliness_issue": "Not asked at 4 stars"})
    assert body(follow_up)["error"]["fields"] == {"answers.friendliness_issue": "is not asked for this answer"}
    not_object = submit(api, survey_id, ["a"])
    assert not_object.status_code == 400
    assert counts() == before


def test_one_submission_is_a_claim_and_one_transaction(api: Api, survey_id: str) -> None:
    api.get(f"/api/public/surveys/{survey_id}")  # the page load caches the definition
    with dynamodb_calls() as seen:
        stored(api, survey_id, full_answers())
    # The Idempotency-Key is claimed first (so a repeat sent meanwhile waits for this answer),
    # then the response, its counters and the answer over the claim are one transaction.
    assert dict(seen) == {"PutItem": 1, "TransactWriteItems": 1}


def _edit_elsewhere(survey_id: str, change: Any) -> None:
    """Change the stored survey the way another Lambda instance would, leaving this one's cache stale."""
    import json

    from chalicelib.surveys.store import definitions as survey_store

    item = survey_store.get(survey_id)
    assert item is not None
    data = item.definition_dict()
    change(data)
    item.definition = json.dumps(data)
    assert survey_store.replace(item, int(item.revision), require_no_responses=False)


def test_a_definition_changed_elsewhere_is_noticed_by_the_transaction(api: Api, surveyor: Api, survey_id: str) -> None:
    api.get(f"/api/public/surveys/{survey_id}")  # cached in this instance
    _edit_elsewhere(survey_id, lambda d: d["intro"].update(de="Neuer Einleitungstext"))
    with dynamodb_calls() as seen:
        stored(api, survey_id)
    # the stale revision cancelled the first transaction; nothing of it was applied
    assert seen["TransactWriteItems"] == 2 and seen["GetItem"] == 1
    assert results(surveyor, survey_id)["n"] == 1
    assert body(surveyor.get(f"/api/surveys/{survey_id}"))["responses"] == 1


def test_answers_valid_only_under_a_newer_definition_are_accepted(api: Api, surveyor: Api, survey_id: str) -> None:
    api.get(f"/api/public/surveys/{survey_id}")
    letter = {"id": "letter", "label": {"de": "Brief", "en": "Letter"}}
    _edit_elsewhere(survey_id, lambda d: d["questions"][0]["options"].append(letter))
    assert stored(api, survey_id, {**MINIMAL, "contact": "letter"})["status"] == "stored"
    contact = next(q for q in results(surveyor, survey_id)["questions"] if q["id"] == "contact")
    assert {d["id"]: d["count"] for d in contact["distribution"]}["letter"] == 1


def test_a_retry_after_closing_still_gets_the_first_answer(api: Api, clock: Any, surveyor: Api) -> None:
    sid = create(surveyor, id="kurz", closes="2026-11-12", raffle=None)
    publish(surveyor, sid)
    key = str(uuid.uuid4())
    first = submit(api, sid, MINIMAL, key)
    clock.move_to(NOW + timedelta(days=5))  # closed, but the device was offline until now
    again = submit(api, sid, MINIMAL, key)
    assert again.status_code == 201 and body(again) == body(first)
    assert submit(api, sid, MINIMAL).status_code == 409
    clock.move_to(NOW + timedelta(days=40))  # the idempotency record is kept for 30 days
    assert submit(api, sid, MINIMAL, key).status_code == 409


def test_a_visit_link_accepts_exactly_one_answer_and_stores_only_office_and_category(
    api: Api, surveyor: Api, survey_id: str
) -> None:
    res = surveyor.post(f"/api/surveys/{survey_id}/visit-links", {"office": "anrath", "category": "melde"})
    assert res.status_code == 201
    link = body(res)
    assert link["url"].startswith(f"http://localhost:8000/umfrage/{survey_id}?besuch=")
    assert link["qr_svg"].lstrip().startswith("<")
    token = link["token"]
    page = body(api.get(f"/api/public/surveys/{survey_id}?visit={token}"))
    assert page["visit"] == {"valid": True, "office": "anrath", "category": "melde"}
    answer = stored(api, survey_id, visit=token)
    assert answer["channel"] == "visit"
    again = submit(api, survey_id, MINIMAL, visit=token)
    assert again.status_code == 410 and body(again)["error"]["code"] == "visit_token_used"
    tampered = submit(api, survey_id, MINIMAL, visit=token.replace("anrath.", "willich.", 1))
    assert tampered.status_code == 410
    assert body(api.get(f"/api/public/surveys/{survey_id}?visit={token}"))["visit"] == {"valid": False}
    responses = dump_tables()["survey_responses"]
    assert len(responses) == 1
    assert responses[0]["channel"] == "visit"
    assert (responses[0]["office"], responses[0]["category"]) == ("anrath", "melde")
    assert token not in str(responses) and dump_tables()["survey_tokens"] != []  # the raffle ticket remains
    assert results(surveyor, survey_id, "?office=anrath")["n"] == 1
    assert results(surveyor, survey_id, "?channel=visit")["n"] == 1


def test_visit_links_need_a_known_office_and_expire(api: Api, clock: Any, surveyor: Api, survey_id: str) -> None:
    res = surveyor.post(
        f"/api/surveys/{survey_id}/visit-links", {"office": "willich", "category": "ausweise", "valid_days": 1}
    )
    token = body(res)["token"]
    unknown = surveyor.post(f"/api/surveys/{survey_id}/visit-links", {"office": "mars", "category": "nope"})
    assert unknown.status_code == 400
    assert set(body(unknown)["error"]["fields"]) == {"office", "category"}
    clock.shift(2 * 86400)
    assert submit(api, survey_id, MINIMAL, visit=token).status_code == 410
    assert counts()["survey_responses"] == 0


def test_a_transaction_conflict_is_retried_and_a_failed_condition_is_named() -> None:
    from botocore.exceptions import ClientError

    from chalicelib.platform.aws.transactions import Cancelled, Transaction

    def cancelled(*codes: str) -> ClientError:
        error = ClientError({"Error": {"Code": "TransactionCanceledException", "Message": "cancelled"}}, "Transact")
        error.response["CancellationReasons"] = [{"Code": code} for code in codes]  # type: ignore[typeddict-unknown-key]
        return error

    class FakeClient:
        def __init__(self, *failures: ClientError) -> None:
            self.failures, self.calls = list(failures), 0

        def transact_write_items(self, TransactItems: list[Any]) -> None:
            self.calls += 1
            if self.failures:
                raise self.failures.pop(0)

    tx = Transaction()
    tx.tags, tx.items = ["idempotency", "survey"], [{}, {}]
    tx._client = FakeClient(cancelled("None", "TransactionConflict"), cancelled("TransactionConflict", "None"))
    tx.commit()  # nothing was applied by the conflicting attempts, so trying again is safe
    assert tx._client.calls == 3
    tx._client = FakeClient(cancelled("ConditionalCheckFailed", "None"))
    try:
        tx.commit()
    except Cancelled as exc:
        assert exc.failed == {"idempotency"}
    else:
        raise AssertionError("a failed condition must cancel")
