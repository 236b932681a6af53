"""Storing answers: a citizen's submission (exactly once per idempotency key) and staff's paper batches.

Each claims its key first (``services.idempotency``), then stores in ONE transaction: the answer
over that claim, the response(s), the survey's response count, the result counters of every slice,
and for citizens the visit token's consumption and the raffle ticket. A rejected submission stores
nothing; a retried one counts nothing and gets the first answer, also while the first still runs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
from datetime import date
from typing import Any

from chalicelib.platform import audit, idempotency
from chalicelib.platform.aws import tokens
from chalicelib.platform.aws.transactions import Cancelled
from chalicelib.platform.errors import Conflict, Gone, ValidationFailed
from chalicelib.surveys import definitions as surveys
from chalicelib.surveys.definitions import SurveyRecord
from chalicelib.surveys.rules.results import counter_increments, slices_for
from chalicelib.surveys.rules.survey import Survey, validate_answers
from chalicelib.surveys.store import responses as response_store
from chalicelib.surveys.store.responses import IDEMPOTENCY, SURVEY, VISIT, ResponseModel, TokenModel

IDEMPOTENCY_KEY_RE = re.compile(r"[A-Za-z0-9_-]{16,128}")
# Devices may keep queued answers for a while (offline); a retry within this period is recognised.
IDEMPOTENCY_DAYS = 30
TICKET_SECONDS = 24 * 3600
MAX_PAPER_ITEMS = 50


def _check_key(key: str | None) -> str:
    if not key or not IDEMPOTENCY_KEY_RE.fullmatch(key):
        raise ValidationFailed(
            "Send a random Idempotency-Key header of 16-128 characters (A-Z, a-z, 0-9, '-', '_'), e.g. a UUID, "
            "with every submission.",
            fields={"Idempotency-Key": "is required: 16-128 characters (A-Z, a-z, 0-9, '-', '_')"},
        )
    return key


def _ticket(survey_id: str, key: str) -> str:
    """The raffle ticket of one submission, derived rather than stored, so a retry gets the same one.

    Only its digest is stored (in the token table, not with the response), and only until used.
    """
    from chalicelib.platform.aws.keyring import derived_key

    mac = hmac.new(derived_key("raffle-ticket"), f"{survey_id}\n{key}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:24]).decode().rstrip("=")


def _has_text(survey: Survey, answers: dict[str, Any]) -> int:
    return sum(1 for q in survey.questions if q.type == "text" and q.id in answers)


def _response(record: SurveyRecord, answers: dict[str, Any], **origin: Any) -> ResponseModel:
    texts = _has_text(record.survey, answers)
    return ResponseModel(
        record.part,
        response_store.new_response_id(),
        survey_id=record.survey.id,
        wave=record.survey.wave,
        answers=json.dumps(answers, ensure_ascii=False, sort_keys=True),
        has_text=texts > 0,
        pending_texts=texts,
        **origin,
    )


def _reused(field: str = "Idempotency-Key") -> Conflict:
    return Conflict(
        f"This {field} was already used for a different request.",
        fields={field: "was used for another request"},
        code="idempotency_key_reused",
    )


# The records expire at the end of a day, so that they do not tell the time of a submission.
SUBMISSION = idempotency.Scope("survey-response", IDEMPOTENCY_DAYS * 86400, _reused, day_rounded=True)
PAPER_BATCH = idempotency.Scope("survey-paper", IDEMPOTENCY_DAYS * 86400, lambda: _reused("batch_id"), day_rounded=True)


# --- citizens ----------------------------------------------------------------------


def submit(
    survey_id: str, answers: Any, key: str | None, visit: str | None, source: str | None
) -> tuple[dict[str, Any], bool]:
    """Store one response; returns (answer, replayed). A retry returns the first answer unchanged,
    also after the survey has closed (a device that was offline until then)."""
    key = _check_key(key)
    request = {"survey": survey_id, "answers": answers, "visit": visit, "qr": source == "qr"}

    def work(claim: idempotency.Claim) -> tuple[int, dict[str, Any]]:
        return 201, _submit_claimed(survey_id, answers, key, visit, source, claim)

    outcome = idempotency.run(SUBMISSION, f"{survey_id}\n{key}", request, work)
    return _with_ticket(outcome.body, survey_id, key), outcome.replayed


def _submit_claimed(
    survey_id: str, answers: Any, key: str, visit: str | None, source: str | None, claim: idempotency.Claim
) -> dict[str, Any]:
    for attempt in (1, 2):
        from_cache = attempt == 1 and surveys.is_cached(survey_id)
        record = surveys.published(survey_id, cached=attempt == 1)
        try:
            return _submit(record, answers, key, visit, source, claim)
        except _Stale:
            surveys.forget(survey_id)  # changed since it was cached: read it again, once
        except (ValidationFailed, Conflict):
            if not from_cache:
                raise
            surveys.forget(survey_id)  # maybe valid (or open) under a definition edited meanwhile
    raise Conflict("The survey was changed just now. Please reload the page.", code="survey_changed")


class _Stale(Exception):
    pass


def _submit(
    record: SurveyRecord, answers: Any, key: str, visit: str | None, source: str | None, claim: idempotency.Claim
) -> dict[str, Any]:
    from chalicelib.surveys import visit_links

    survey = record.survey
    clean = validate_answers(survey, answers)
    office = category = None
    visit_digest = None
    if visit:
        visit_digest, office, category = visit_links.parse_token(visit)
    channel = "visit" if visit else ("qr" if source == "qr" else "online")
    day = surveys.today()
    surveys.ensure_open_with_dates(survey, day)
    answer = {"status": "stored", "survey_id": survey.id, "channel": channel, "raffle": surveys.raffle_info(survey)}
    ticket = None
    if survey.raffle is not None:
        ticket = TokenModel(
            tokens.digest(_ticket(survey.id, key)),
            kind="ticket",
            survey_id=survey.id,
            expires_at=int(time.time()) + TICKET_SECONDS,
        )
    response = _response(record, clean, channel=channel, office=office, category=category, day=day.isoformat())
    try:
        response_store.store(
            survey_id=survey.id,
            revision=record.revision,
            responses=[response],
            counters=counter_increments(survey, clean, day, channel, office),
            slices=slices_for(channel, office),
            idempotency=claim.answer(201, answer),
            visit=None
            if visit_digest is None
            else {"digest": visit_digest, "office": office, "category": category, "now": time.time()},
            ticket=ticket,
        )
    except Cancelled as exc:
        if IDEMPOTENCY in exc.failed:
            raise idempotency.ClaimLost from None  # a repeat took the key over: it answers
        if exc.failed == {SURVEY}:
            raise _Stale from None  # read the survey again
        if VISIT in exc.failed:
            raise Gone("This visit link has already been used or has expired.", code="visit_token_used") from None
        raise Conflict("The answers could not be stored. Please try again.", code="submission_conflict") from None
    claim.answered()
    return answer


def _with_ticket(answer: dict[str, Any], survey_id: str, key: str) -> dict[str, Any]:
    if not answer.get("raffle"):
        return answer
    return {**answer, "raffle": {**answer["raffle"], "ticket": _ticket(survey_id, key)}}


# --- paper questionnaires ------------------------------------------------------------


def enter_paper(
    actor: str,
    survey_id: str,
    batch_id: str,
    items: list[Any],
    day: date | None,
    office: str | None,
    category: str | None,
) -> tuple[dict[str, Any], bool]:
    """Store a batch of paper answers all together, or nothing with every item's errors named.

    The batch id is the idempotency key: typing in the same batch twice counts it once.
    """
    request = {"survey": survey_id, "items": items, "day": day, "office": office, "category": category}

    def work(claim: idempotency.Claim) -> tuple[int, dict[str, Any]]:
        return 201, _enter_paper(actor, survey_id, batch_id, items, day, office, category, claim)

    outcome = idempotency.run(PAPER_BATCH, f"{survey_id}\n{batch_id}", request, work)
    return outcome.body, outcome.replayed


def _enter_paper(
    actor: str,
    survey_id: str,
    batch_id: str,
    items: list[Any],
    day: date | None,
    office: str | None,
    category: str | None,
    claim: idempotency.Claim,
) -> dict[str, Any]:
    from chalicelib.surveys import visit_links

    record = surveys.fresh(survey_id)
    survey = record.survey
    if survey.status != "published":
        raise Conflict("Publish the survey before entering answers.", code="survey_not_published")
    visit_links.check_origin(office, category)
    day = day or surveys.today()
    if not survey.opens <= day <= min(survey.closes, surveys.today()):
        raise ValidationFailed(
            "The date must lie within the survey period and not in the future.",
            fields={
                "date": f"must be from {survey.opens.isoformat()} to {survey.closes.isoformat()}, not later than today"
            },
        )
    cleaned = _clean_items(survey, items)
    totals: dict[str, int] = {}
    for answers in cleaned:
        for name, amount in counter_increments(survey, answers, day, "paper", office).items():
            totals[name] = totals.get(name, 0) + amount
    responses = [
        _response(record, a, channel="paper", office=office, category=category, day=day.isoformat(), batch=batch_id)
        for a in cleaned
    ]
    answer = {"status": "stored", "survey_id": survey.id, "batch_id": batch_id, "stored": len(responses)}
    try:
        response_store.store(
            survey_id=survey.id,
            revision=record.revision,
            responses=responses,
            counters=totals,
            slices=slices_for("paper", office),
            idempotency=claim.answer(201, answer),
        )
    except Cancelled as exc:
        if IDEMPOTENCY in exc.failed:
            raise idempotency.ClaimLost from None
        raise Conflict("The survey was changed meanwhile. Please try again.", code="edit_conflict") from None
    claim.answered()
    surveys.forget(survey_id)
    audit.record(actor, "survey.paper_batch", survey_id, batch=batch_id, count=len(responses))
    return answer


def _clean_items(survey: Survey, items: list[Any]) -> list[dict[str, Any]]:
    errors: dict[str, str] = {}
    cleaned: list[dict[str, Any]] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or set(item) != {"answers"}:
            errors[f"items[{i}]"] = 'must be an object with only "answers"'
            continue
        try:
            cleaned.append(validate_answers(survey, item["answers"]))
        except ValidationFailed as exc:
            errors.update({f"items[{i}].{path}": message for path, message in exc.fields.items()})
    if errors:
        raise ValidationFailed("Some answer sets are invalid; nothing was stored.", fields=errors)
    return cleaned
