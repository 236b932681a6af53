"""The town's promise, checked against every item of every table.

1. Nothing in the stored data joins a response to a raffle entry, and responses carry no time of day.
2. After the draw the losers' entries are gone at once; after the publication period (+ at most
   7 days) and the clean-up/purge jobs, no raffle personal data remains anywhere.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from tests.api import survey_support as support
from tests.api.survey_support import AFTER_CLOSE, BERLIN, MINIMAL, dump_tables, enter, full_answers, relogin, submit
from tests.conftest import Api, body

clock, surveyor, survey_id = support.clock, support.surveyor, support.survey_id

RAFFLE_TABLE = "raffle_entries"
TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")
ISO_DATETIME = re.compile(r"\d{4}-?\d{2}-?\d{2}[T ]\d{2}")


@pytest.fixture
def log_lines() -> Iterator[list[str]]:
    """Every line the application logs (access log, jobs, raffle), formatted as in production."""
    from chalicelib.platform.logs import JsonFormatter

    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(JsonFormatter().format(record))

    handler = Collect()
    logger = logging.getLogger("buergerservice")
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)


def _values(item: Any) -> list[str]:
    """Every value of an item as text, including nested ones."""
    if isinstance(item, dict):
        return [text for value in item.values() for text in _values(value)] + [str(k) for k in item]
    if isinstance(item, list | set | tuple):
        return [text for value in item for text in _values(value)]
    return [str(item)]


def _found(needles: list[str], tables: dict[str, list[dict[str, Any]]], skip: tuple[str, ...] = ()) -> list[str]:
    hits = []
    for table, items in tables.items():
        if table in skip:
            continue
        for item in items:
            text = "\n".join(_values(item)).lower()
            hits += [f"{table}: {n}" for n in needles if n.lower() in text]
    return hits


def test_nothing_stored_joins_a_response_to_a_raffle_entry(
    api: Api, surveyor: Api, survey_id: str, log_lines: list[str]
) -> None:
    from chalicelib.platform.aws.keyring import keyed_hash
    from chalicelib.platform.aws.tokens import digest

    key = str(uuid.uuid4())
    res = submit(api, survey_id, full_answers(), key, source="qr")
    assert res.status_code == 201
    ticket = body(res)["raffle"]["ticket"]
    email = "zq-4711@example.org"
    entry = enter(api, survey_id, ticket, first_name="Zoltana", last_name="Quirinsdottir", email=email)
    assert entry.status_code == 201
    clock_later = submit(api, survey_id, MINIMAL)  # a second respondent, to compare entry attributes
    enter(
        api,
        survey_id,
        body(clock_later)["raffle"]["ticket"],
        first_name="Bert",
        last_name="Zweiter",
        email="bert.zweiter@example.org",
    )
    tables = dump_tables()

    # The raffle entry: personal data and nothing else; no id, time, counter or order.
    raffle_items = tables[RAFFLE_TABLE]
    assert len(raffle_items) == 2
    mine = next(i for i in raffle_items if i["email"] == email)
    # The language only chooses the winner mail's language: one of two values, shared by many.
    kept = {"raffle", "email_hash", "first_name", "last_name", "email", "consent_version", "language", "expires_at"}
    assert set(mine) <= kept and mine.get("language", "de") in ("de", "en")
    other = next(i for i in raffle_items if i is not mine)
    assert (mine["expires_at"], mine["consent_version"]) == (other["expires_at"], other["consent_version"])
    assert mine["email_hash"] == keyed_hash("raffle-email", email)

    # No value of the entry (names, e-mail, its hash, the ticket) appears anywhere else.
    entry_values = ["Zoltana", "Quirinsdottir", email, mine["email_hash"], ticket, digest(ticket)]
    assert _found(entry_values, tables, skip=(RAFFLE_TABLE,)) == []

    # No value of the response (its key, the idempotency key and record) appears in the raffle table.
    responses = tables["survey_responses"]
    response = next(r for r in responses if r["channel"] == "qr")
    idempotency = [i for i in tables["idempotency"] if str(i["key"]).startswith("survey-response:")]
    assert len(idempotency) == 2
    response_values = [response["rid"], key, *(str(i["key"]) for i in idempotency)]
    assert _found(response_values, {RAFFLE_TABLE: raffle_items}) == []
    # ... nor does the response key reach the idempotency records or the counters.
    assert _found([response["rid"]], {"idempotency": idempotency, "agg": tables["survey_aggregates"]}) == []
    assert ticket not in str(idempotency) and key not in str(tables)  # only a digest of the key is kept

    # Responses: answers, survey, wave, channel, office, category, the date; never a time of day.
    allowed = {
        "part",
        "rid",
        "survey_id",
        "wave",
        "channel",
        "office",
        "category",
        "day",
        "answers",
        "batch",
        "has_text",
        "pending_texts",
        "review",
    }
    for item in responses:
        assert set(item) <= allowed, set(item) - allowed
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["day"])
        for name, value in item.items():
            if name == "answers":
                continue  # free text may contain anything a citizen typed
            text = str(value)
            assert not TIME_OF_DAY.search(text) and not ISO_DATETIME.search(text), (name, value)
            if isinstance(value, Decimal) or text.isdigit():
                assert int(value) < 10_000, (name, value)  # a wave or a count, not an epoch timestamp
    # Nor do the logs hold names, e-mail addresses, tickets or answers.
    logged = "\n".join(log_lines)
    assert log_lines and _found([*entry_values, full_answers()["suggestions"], key], {"log": [{"l": logged}]}) == []
    # The idempotency records expire at the end of a day, not at the second of the submission.
    for record in idempotency:
        moment = datetime.fromtimestamp(int(record["expires_at"]), BERLIN)
        assert (moment.hour, moment.minute, moment.second) == (0, 0, 0)


def test_no_raffle_personal_data_remains_after_the_draw_and_the_publication_period(
    api: Api, clock: Any, surveyor: Api, survey_id: str, make_staff: Any, log_lines: list[str]
) -> None:
    from chalicelib.surveys.rules.raffle import public_name

    # A second raffle that is never drawn and whose publication ends later: only the TTL purge removes it.
    undrawn = support.create(
        surveyor,
        id="ohne-ziehung",
        raffle={"prize": {"de": "Gutschein", "en": "Voucher"}, "winners": 1, "publication_end": "2027-03-05"},
    )
    support.publish(surveyor, undrawn)
    people = []
    for i, sid in enumerate([survey_id] * 14 + [undrawn] * 2):
        first, last, email = f"Vorname{i:02d}", f"Familie{i:02d}", f"buerger{i:02d}@example.org"
        ticket = body(submit(api, sid, MINIMAL))["raffle"]["ticket"]
        assert enter(api, sid, ticket, first_name=first, last_name=last, email=email).status_code == 201
        people.append((first, last, email, public_name(first, last)))
    personal = [value for person in people for value in person]
    assert _found(personal[:3], dump_tables()) != []  # the check does find what is there

    clock.move_to(AFTER_CLOSE)
    staff = relogin(api)
    draw = body(staff.post(f"/api/surveys/{survey_id}/raffle/draw"))
    assert draw["draw"]["winners"] == 10
    winners = {w["email"] for w in body(staff.get(f"/api/surveys/{survey_id}/raffle"))["winners"]}
    losers = [p for p in people[:14] if p[2] not in winners]
    assert len(losers) == 4
    assert _found([value for loser in losers for value in loser], dump_tables()) == []  # gone at once
    assert _found([p[3] for p in people], dump_tables()) == []  # published names are never stored

    admin = make_staff("admin", username="chef")
    clock.move_to(datetime(2027, 3, 1, 2, 15, tzinfo=BERLIN))  # the clean-up job's first run after 2027-02-28
    admin = relogin(api, "chef")
    assert admin.post("/api/admin/jobs/raffle-cleanup/run").status_code == 200
    assert _found(personal[: 14 * 4], dump_tables()) == []
    assert _found(personal[14 * 4 :], dump_tables()) != []  # the other raffle is still being published

    clock.move_to(datetime(2027, 3, 12, 10, 0, tzinfo=BERLIN))  # its publication end + 7 days
    admin = relogin(api, "chef")
    assert admin.post("/api/admin/jobs/purge-expired/run").status_code == 200  # the TTL purge alone
    tables = dump_tables()
    assert tables[RAFFLE_TABLE] == []
    assert _found(personal, tables) == []
    assert _found(["@example.org"], tables) == []
    assert any("raffle_draw" in line for line in log_lines)
    assert _found([*personal, "@example.org"], {"log": [{"l": "\n".join(log_lines)}]}) == []
