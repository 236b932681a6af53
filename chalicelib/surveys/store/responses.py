"""Anonymous survey responses, their result counters, and one-time visit tokens and raffle tickets.

Table ``survey_responses``: partition ``part`` = "<survey id>#<wave>", sort key ``rid`` = 128 random
bits, so the order of items says nothing about when anyone answered. An item holds the cleaned
answers, channel, office and service category where given, the date (never a time), the paper
batch id for paper answers, and the review state of its free-text answers. Nothing identifying.
- Put: only inside the submission transaction (below).
- Query one partition, filtered to responses with free text (review list, paginated), or all of it
  (CSV export: a staff export, the only full read).
- Update of one response when staff review a free-text answer, conditioned on the old answers.

Table ``survey_aggregates``: partition ``part`` = "<survey id>#<wave>", sort key ``slice`` ("all",
"channel#qr", "office#anrath"); every other attribute is a counter (see domain/results.py).
- Inside the submission transaction: one ``ADD`` per slice.
- GetItem of one slice (results, filters); BatchGetItem of the "all" slices of several waves.

Table ``survey_tokens``: partition ``digest`` = SHA-256 of a one-time token; kind "visit" (rate one
visit: survey, office, service category) or "ticket" (enter the raffle once after answering).
Both carry ``expires_at``. Put when issued; a visit token is deleted with a condition inside the
submission transaction, a ticket inside the raffle entry transaction; GetItem to check a visit link.

A submission is ONE TransactWriteItems: the answer over its idempotency claim, the response,
the survey's response count (revision unchanged, published), the visit token's deletion if any,
the raffle ticket if the survey has a raffle, and one counter update per slice.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator, Mapping
from typing import Any

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.platform.aws import transactions
from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, get_live
from chalicelib.platform.aws.idempotency_store import IdempotencyModel, carry_answer
from chalicelib.platform.aws.transactions import Transaction
from chalicelib.surveys.store import definitions as survey_store

# Tags of transaction items, reported back when their condition fails.
IDEMPOTENCY = "idempotency"
SURVEY = "survey"
VISIT = "visit"


class ResponseModel(BaseModel):
    table = "survey_responses"

    class Meta(TableMeta):
        pass

    part = UnicodeAttribute(hash_key=True)
    rid = UnicodeAttribute(range_key=True)
    survey_id = UnicodeAttribute()
    wave = NumberAttribute()
    channel = UnicodeAttribute()
    office = UnicodeAttribute(null=True)
    category = UnicodeAttribute(null=True)
    day = UnicodeAttribute()  # YYYY-MM-DD, deliberately without a time
    answers = UnicodeAttribute()  # cleaned answers as JSON
    batch = UnicodeAttribute(null=True)
    has_text = BooleanAttribute(default=False)
    pending_texts = NumberAttribute(default=0)
    review = UnicodeAttribute(default="{}")  # question id -> {"status": ..., "excerpt": bool}

    def answer_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.answers)
        return data

    def review_dict(self) -> dict[str, dict[str, Any]]:
        data: dict[str, dict[str, Any]] = json.loads(self.review or "{}")
        return data


class AggregateModel(BaseModel):
    """Key attributes only; the counters are read and written as plain attributes."""

    table = "survey_aggregates"

    class Meta(TableMeta):
        pass

    part = UnicodeAttribute(hash_key=True)
    slice = UnicodeAttribute(range_key=True)


class TokenModel(BaseModel):
    table = "survey_tokens"
    point_in_time_recovery = False

    class Meta(TableMeta):
        pass

    digest = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute()  # "visit" or "ticket"
    survey_id = UnicodeAttribute()
    office = UnicodeAttribute(null=True)
    category = UnicodeAttribute(null=True)


def partition(survey_id: str, wave: int) -> str:
    return f"{survey_id}#{wave}"


def new_response_id() -> str:
    return secrets.token_hex(16)


# --- submission ----------------------------------------------------------------


def store(
    *,
    survey_id: str,
    revision: int,
    responses: list[ResponseModel],
    counters: Mapping[str, int],
    slices: list[str],
    idempotency: IdempotencyModel,
    visit: Mapping[str, Any] | None = None,
    ticket: TokenModel | None = None,
) -> None:
    """Store responses and their counters in one transaction; raises transactions.Cancelled.

    ``visit`` holds the digest, office, category and the current time of a visit token to consume.
    """
    tx = Transaction()
    carry_answer(tx, IDEMPOTENCY, idempotency)  # over the request's own claim on its key
    for response in responses:
        tx.put("response", response, "attribute_not_exists(#rid)", names={"#rid": "rid"})
    survey_store.count_responses(tx, survey_id, revision, len(responses))
    if visit is not None:
        tx.delete(
            VISIT,
            TokenModel,
            {"digest": visit["digest"]},
            "#kind = :visit AND #survey = :survey AND #office = :office AND #category = :category AND #exp > :now",
            names={
                "#kind": "kind",
                "#survey": "survey_id",
                "#office": "office",
                "#category": "category",
                "#exp": "expires_at",
            },
            values={
                ":visit": "visit",
                ":survey": survey_id,
                ":office": visit["office"],
                ":category": visit["category"],
                ":now": int(visit["now"]),
            },
        )
    if ticket is not None:
        tx.put("ticket", ticket, "attribute_not_exists(#d)", names={"#d": "digest"})
    expression, names, values = transactions.add_expression(counters)
    part = responses[0].part
    for name in slices:
        tx.update("slice", AggregateModel, {"part": part, "slice": name}, expression, names=names, values=values)
    tx.commit()


def seed(responses: list[ResponseModel], counters: Mapping[str, int], slices: list[str], survey_id: str) -> None:
    """Bulk load for demo data and benchmarks: batch writes, one counter update per slice, the count.

    Not for citizens' answers: it is neither atomic nor idempotent.
    """
    ensure_bound()
    with ResponseModel.batch_write() as batch:
        for response in responses:
            batch.save(response)
    survey_store.SurveyModel(survey_id).update(actions=[survey_store.SurveyModel.responses.add(len(responses))])
    expression, names, values = transactions.add_expression(counters)
    conn = transactions.client(AggregateModel)
    for name in slices:
        conn.update_item(
            TableName=AggregateModel.Meta.table_name,
            Key={"part": {"S": responses[0].part}, "slice": {"S": name}},
            UpdateExpression=expression,
            ExpressionAttributeNames=names,
            ExpressionAttributeValues={k: transactions.to_dynamo(v) for k, v in values.items()},
        )


# --- tokens --------------------------------------------------------------------


def save_token(token: TokenModel) -> None:
    ensure_bound()
    token.save(condition=TokenModel.digest.does_not_exist())


def get_token(digest: str) -> TokenModel | None:
    return get_live(TokenModel, digest)


# --- results -------------------------------------------------------------------


def counters(part: str, slice_name: str) -> dict[str, Any]:
    return transactions.get_plain(AggregateModel, {"part": part, "slice": slice_name}) or {}


def counters_of_parts(parts: list[str], slice_name: str = "all") -> dict[str, dict[str, Any]]:
    """The counters of one slice for several waves in one BatchGetItem; missing ones are empty."""
    found = transactions.batch_get_plain(AggregateModel, [{"part": p, "slice": slice_name} for p in parts])
    by_part = {str(item["part"]): item for item in found}
    return {p: by_part.get(p, {}) for p in parts}


# --- review and export -----------------------------------------------------------


def text_page(
    part: str, *, pending_only: bool, limit: int, start: dict[str, Any] | None
) -> tuple[list[ResponseModel], dict[str, Any] | None]:
    """One page of responses with free text (optionally only those with unreviewed text)."""
    ensure_bound()
    condition = ResponseModel.pending_texts > 0 if pending_only else ResponseModel.has_text == True  # noqa: E712
    result = ResponseModel.query(
        part, filter_condition=condition, limit=limit, last_evaluated_key=start, consistent_read=True
    )
    items = list(result)
    return items, result.last_evaluated_key


def get_response(part: str, rid: str) -> ResponseModel | None:
    return get_live(ResponseModel, part, rid)


def save_review(
    response: ResponseModel, old_answers: str, survey_id: str, excerpt_key: str, excerpt: dict[str, str] | None
) -> bool:
    """Store a reviewed response and its report excerpt together; False if it changed meanwhile."""
    tx = Transaction()
    tx.update(
        "response",
        ResponseModel,
        {"part": response.part, "rid": response.rid},
        "SET #answers = :answers, #review = :review, #pending = :pending",
        condition="#answers = :old",
        names={"#answers": "answers", "#review": "review", "#pending": "pending_texts"},
        values={
            ":answers": response.answers,
            ":review": response.review,
            ":pending": int(response.pending_texts),
            ":old": old_answers,
        },
    )
    survey_store.set_excerpt(tx, survey_id, excerpt_key, excerpt)
    try:
        tx.commit()
    except transactions.Cancelled:
        return False
    return True


def all_responses(part: str) -> Iterator[ResponseModel]:
    """Every response of one wave (CSV export only)."""
    ensure_bound()
    yield from ResponseModel.query(part)
