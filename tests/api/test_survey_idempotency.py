"""Repeats of a survey submission, a paper batch and a raffle entry get the first answer, also while it runs.

The same mechanism as for bookings (services.idempotency): the key is claimed first, the answer
replaces the claim in the submission's own transaction, a crashed request's claim lapses.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from chalicelib.platform import idempotency
from tests.api import survey_support as support
from tests.api.survey_support import MINIMAL, counts, dump_tables, enter, submit
from tests.conftest import Api, body

clock, surveyor, survey_id = support.clock, support.surveyor, support.survey_id


def test_a_repeated_submission_waits_while_the_first_runs_then_gets_its_answer(
    api: Api, survey_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.surveys.store import responses as response_store

    key = str(uuid.uuid4())
    store = response_store.store
    during: list[Any] = []

    def store_after_a_repeat(**kwargs: Any) -> None:
        if not during:
            during.append(submit(api, survey_id, MINIMAL, key))
        store(**kwargs)

    monkeypatch.setattr(response_store, "store", store_after_a_repeat)
    first = submit(api, survey_id, MINIMAL, key)
    monkeypatch.setattr(response_store, "store", store)

    [meanwhile] = during
    assert first.status_code == 201 and first.headers["idempotent-replayed"] == "false"
    assert meanwhile.status_code == 409 and body(meanwhile)["error"]["code"] == "request_in_progress"
    assert meanwhile.headers["retry-after"] == "1"
    again = submit(api, survey_id, MINIMAL, key)
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert body(again) == body(first)  # with the same raffle ticket
    assert counts()["survey_responses"] == 1


def test_a_crashed_submission_blocks_its_key_only_for_the_lease(
    api: Api, clock: Any, survey_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.surveys.store import responses as response_store

    key = str(uuid.uuid4())

    def crash(**kwargs: Any) -> None:
        raise RuntimeError("the function was stopped")

    monkeypatch.setattr(response_store, "store", crash)
    assert submit(api, survey_id, MINIMAL, key).status_code == 500
    monkeypatch.undo()
    waiting = submit(api, survey_id, MINIMAL, key)
    assert waiting.status_code == 409 and body(waiting)["error"]["code"] == "request_in_progress"
    assert counts()["survey_responses"] == 0
    clock.shift(timedelta(seconds=idempotency.LEASE_SECONDS + 1))
    stored = submit(api, survey_id, MINIMAL, key)
    assert stored.status_code == 201 and stored.headers["idempotent-replayed"] == "false"
    assert body(submit(api, survey_id, MINIMAL, key)) == body(stored)
    assert counts()["survey_responses"] == 1


def test_a_submission_whose_lease_ran_out_counts_once_and_answers_like_the_repeat(
    api: Api, clock: Any, survey_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.surveys.store import responses as response_store

    key = str(uuid.uuid4())
    store = response_store.store
    repeats: list[Any] = []
    stalled: list[bool] = []

    def stall_then_store(**kwargs: Any) -> None:
        if not stalled:  # the first request stalls past its lease; the device's repeat takes over and stores
            stalled.append(True)
            clock.shift(timedelta(seconds=idempotency.LEASE_SECONDS + 1))
            repeats.append(submit(api, survey_id, MINIMAL, key))
        store(**kwargs)  # the stalled one's transaction then fails on its lost claim: nothing is counted twice

    monkeypatch.setattr(response_store, "store", stall_then_store)
    slow = submit(api, survey_id, MINIMAL, key)
    [repeat] = repeats
    assert repeat.status_code == 201 and repeat.headers["idempotent-replayed"] == "false"
    assert slow.status_code == 201 and slow.headers["idempotent-replayed"] == "true"
    assert body(slow) == body(repeat)
    assert counts()["survey_responses"] == 1


def test_a_submission_refused_as_invalid_does_not_keep_its_key(api: Api, survey_id: str) -> None:
    key = str(uuid.uuid4())
    bad = submit(api, survey_id, {**MINIMAL, "friendliness": 9}, key)
    assert bad.status_code == 400
    assert [r for r in dump_tables()["idempotency"] if r.get("state") == "in_flight"] == []
    # The refusal let go of the key, so corrected answers sent under it are stored.
    assert submit(api, survey_id, MINIMAL, key).status_code == 201


def test_a_paper_batch_typed_in_twice_counts_once(surveyor: Api, survey_id: str) -> None:
    batch = {"batch_id": "stapel-" + uuid.uuid4().hex[:8], "items": [{"answers": MINIMAL}, {"answers": MINIMAL}]}
    first = surveyor.post(f"/api/surveys/{survey_id}/paper", batch)
    assert first.status_code == 201, first.body
    again = surveyor.post(f"/api/surveys/{survey_id}/paper", batch)
    assert again.status_code == 201 and body(again) == body(first)
    assert counts()["survey_responses"] == 2
    other = surveyor.post(f"/api/surveys/{survey_id}/paper", {**batch, "items": [{"answers": MINIMAL}]})
    assert other.status_code == 409 and body(other)["error"]["fields"] == {"batch_id": "was used for another request"}


def test_a_raffle_entry_sent_while_the_first_runs_waits_then_gets_the_first_answer(
    api: Api, survey_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.surveys.store import raffle as raffle_store

    ticket = body(submit(api, survey_id, MINIMAL))["raffle"]["ticket"]
    store = raffle_store.enter
    during: list[Any] = []

    def enter_after_a_repeat(*args: Any, **kwargs: Any) -> None:
        if not during:
            during.append(enter(api, survey_id, ticket))
        store(*args, **kwargs)

    monkeypatch.setattr(raffle_store, "enter", enter_after_a_repeat)
    first = enter(api, survey_id, ticket)
    monkeypatch.setattr(raffle_store, "enter", store)
    [meanwhile] = during
    assert first.status_code == 201, first.body
    assert meanwhile.status_code == 409 and body(meanwhile)["error"]["code"] == "request_in_progress"
    again = enter(api, survey_id, ticket)
    assert again.status_code == 201 and body(again) == body(first)
    assert len(dump_tables()["raffle_entries"]) == 1
