"""Survey rows of the DynamoDB call bench: the survey page, one submission, results with 10 and 10,000 responses.

The results page reads the same items however many people answered: staff session and user, the
survey, one aggregate slice. The responses are seeded straight into the store with batch writes
(setup rows, not measured against a target).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

DEMO = "buergerservice"  # published by the local stack's demo seeder
BENCH = "bench-results"
RESULTS_CALLS = 4  # session + user (staff sign-in), the survey, one aggregate slice
ANSWERS = {"contact": "phone", "friendliness": 4, "resolved": True, "recommend": 9, "suggestions": "Gern wieder."}

_state: dict[str, Any] = {"n": 0}


def _survey_page(client: Any, stack: Any) -> Any:
    return client.request("GET", f"/api/public/surveys/{DEMO}")


def _submit(client: Any, stack: Any) -> Any:
    answer = client.request(
        "POST",
        f"/api/public/surveys/{DEMO}/responses",
        {"answers": ANSWERS},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert answer["status"] == "stored", answer
    return answer


def _seed_to(total: int) -> Callable[[Any, Any], Any]:
    def seed(client: Any, stack: Any) -> Any:
        from chalicelib.platform import town
        from chalicelib.surveys import definitions as surveys
        from chalicelib.surveys.rules.results import counter_increments, slices_for
        from chalicelib.surveys.store import responses as response_store
        from infra.local.demo_survey import definition

        if _state["n"] == 0:
            data = definition(town.document(), surveys.today())
            data.update(id=BENCH, series=BENCH, opens=(surveys.today() - timedelta(days=30)).isoformat())
            surveys.create("bench", data)
            surveys.publish("bench", BENCH)
        record = surveys.fresh(BENCH)
        clean = {k: v for k, v in ANSWERS.items() if k != "suggestions"}
        while _state["n"] < total:
            chunk = min(1000, total - _state["n"])
            day = surveys.today() - timedelta(days=_state["n"] % 30)
            models = [
                response_store.ResponseModel(
                    record.part,
                    response_store.new_response_id(),
                    survey_id=BENCH,
                    wave=1,
                    channel="online",
                    day=day.isoformat(),
                    answers=json.dumps(clean),
                )
                for _ in range(chunk)
            ]
            once = counter_increments(record.survey, clean, day, "online", None)
            response_store.seed(models, {k: v * chunk for k, v in once.items()}, slices_for("online", None), BENCH)
            _state["n"] += chunk
        return _state["n"]

    return seed


def _results(expected: int) -> Callable[[Any, Any], Any]:
    def read(client: Any, stack: Any) -> Any:
        data = client.request("GET", f"/api/surveys/{BENCH}/results")
        assert data["n"] == expected, (data["n"], expected)
        return data

    return read


def survey_operations() -> list[tuple[str, Callable[[Any, Any], Any], int | None, str]]:
    """(name, run, target, note) rows, run in this order after the staff sign-in."""
    return [
        ("GET /api/public/surveys/{id}", _survey_page, 1, "definition then cached 60 s per warm instance"),
        (
            "POST /api/public/surveys/{id}/responses",
            _submit,
            2,
            "the key's claim (PutItem), then one TransactWriteItems; definition cached",
        ),
        ("setup: seed 10 responses (batch writes)", _seed_to(10), None, "not measured"),
        ("GET /api/surveys/{id}/results (10 responses)", _results(10), RESULTS_CALLS, "aggregates only"),
        ("setup: seed 10,000 responses (batch writes)", _seed_to(10_000), None, "not measured"),
        ("GET /api/surveys/{id}/results (10,000 responses)", _results(10_000), RESULTS_CALLS, "same as with 10"),
    ]
