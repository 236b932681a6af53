"""Shared helpers of the survey and raffle API tests: a fixed clock, a published survey, table dumps."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import Api, access_token_from, body
from tests.unit.fixtures_survey import full_answers, survey_dict

BERLIN = ZoneInfo("Europe/Berlin")
# The example survey is open 2026-11-02 .. 2027-01-31; winners are published until 2027-02-28.
NOW = datetime(2026, 11, 10, 10, 0, tzinfo=BERLIN)
AFTER_CLOSE = datetime(2027, 2, 3, 10, 0, tzinfo=BERLIN)
SURVEY_ID = "buergerservice-2026"
PASSWORD = "correct horse battery staple"
MINIMAL = {"contact": "phone", "friendliness": 4, "resolved": True}
SURVEY_TABLES = ("surveys", "survey_responses", "survey_aggregates", "survey_tokens", "raffle_entries", "idempotency")

__all__ = ["MINIMAL", "SURVEY_ID", "full_answers"]


@pytest.fixture
def clock() -> Iterator[Any]:
    """A fixed start in the survey period; also forgets survey definitions cached by earlier tests."""
    from chalicelib.surveys import definitions as surveys

    surveys._CACHE.clear()
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller
    surveys._CACHE.clear()


@pytest.fixture
def surveyor(clock: Any, make_staff: Any) -> Api:
    return make_staff("survey", username="sonja")  # type: ignore[no-any-return]


def definition(**overrides: Any) -> dict[str, Any]:
    data = survey_dict()
    data["status"] = "draft"
    if "id" in overrides:
        data["series"] = overrides["id"]  # a survey of its own, not another wave of the example
    data.update(overrides)
    return data


def create(staff: Api, **overrides: Any) -> str:
    res = staff.post("/api/surveys", definition(**overrides))
    assert res.status_code == 201, res.body
    return str(body(res)["survey"]["id"])


def publish(staff: Api, survey_id: str) -> None:
    res = staff.post(f"/api/surveys/{survey_id}/publish")
    assert res.status_code == 200, res.body


@pytest.fixture
def survey_id(surveyor: Api) -> str:
    sid = create(surveyor)
    publish(surveyor, sid)
    return sid


def submit(
    api: Api,
    survey_id: str,
    answers: Any,
    key: str | None = None,
    *,
    source: str | None = None,
    visit: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Any:
    payload: dict[str, Any] = {"answers": answers, **(extra or {})}
    if visit is not None:
        payload["visit"] = visit
    query = f"?source={source}" if source else ""
    headers = {"idempotency-key": key or str(uuid.uuid4())} if key != "" else {}
    return api.post(f"/api/public/surveys/{survey_id}/responses{query}", payload, headers=headers)


def stored(api: Api, survey_id: str, answers: Any = None, **kw: Any) -> dict[str, Any]:
    res = submit(api, survey_id, answers if answers is not None else MINIMAL, **kw)
    assert res.status_code == 201, res.body
    return body(res)  # type: ignore[no-any-return]


def relogin(api: Api, username: str = "sonja") -> Api:
    """Staff access tokens live 15 minutes; after moving the clock, sign in again."""
    res = api.post("/api/auth/login", {"username": username, "password": PASSWORD})
    assert res.status_code == 200, res.body
    return api.as_user(access_token_from(res))


def enter(api: Api, survey_id: str, ticket: str, **overrides: Any) -> Any:
    data = {
        "ticket": ticket,
        "first_name": "Anna",
        "last_name": "Musterfrau",
        "email": "anna.musterfrau@example.org",
        "consent": True,
    }
    data.update(overrides)
    return api.post(f"/api/public/surveys/{survey_id}/raffle", data)


def dump_tables() -> dict[str, list[dict[str, Any]]]:
    """Every item of every table, with every attribute (read past the models' declarations)."""
    from chalicelib.platform.aws.db import all_models
    from chalicelib.platform.aws.transactions import client, from_dynamo

    out: dict[str, list[dict[str, Any]]] = {}
    for model in all_models():
        conn = client(model)
        items: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {"TableName": model.Meta.table_name}
        while True:
            page = conn.scan(**kwargs)
            items += [from_dynamo(i) for i in page.get("Items", [])]
            if "LastEvaluatedKey" not in page:
                break
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        out[model.table] = items
    return out


def counts() -> dict[str, int]:
    return {table: len(items) for table, items in dump_tables().items()}


def results(staff: Api, survey_id: str, query: str = "") -> dict[str, Any]:
    res = staff.get(f"/api/surveys/{survey_id}/results{query}")
    assert res.status_code == 200, res.body
    return body(res)  # type: ignore[no-any-return]
