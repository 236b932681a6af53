"""Idempotency records: one claim, then one answer, per key of a write a client may repeat.

Access pattern: conditional Put of a claim, then of the answer (inside the writer's transaction
where it has one); GetItem on repeats; conditional Delete when a refused request lets go.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DeleteError, PutError

from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, get_live
from chalicelib.platform.aws.db import is_condition_failure as _is_condition_failure

# States of an idempotency record: claimed by a request still running, or holding its answer.
IN_FLIGHT = "in_flight"
ANSWERED = "answered"


class IdempotencyModel(BaseModel):
    table = "idempotency"
    point_in_time_recovery = False

    class Meta(TableMeta):
        pass

    key = UnicodeAttribute(hash_key=True)
    request_hash = UnicodeAttribute()
    status = NumberAttribute(default=200)
    response = UnicodeAttribute(default="{}")
    state = UnicodeAttribute(null=True)  # IN_FLIGHT or ANSWERED (records without one hold an answer)
    owner = UnicodeAttribute(null=True)  # random per claim: only its holder may answer or release it
    lease_until = NumberAttribute(null=True)  # a claim not answered by then may be taken over

    @property
    def in_flight(self) -> bool:
        return self.state == IN_FLIGHT


def get_idempotency(key: str) -> IdempotencyModel | None:
    """The record of an earlier request with this key: its claim while it runs, then its answer."""
    return get_live(IdempotencyModel, key)


def claim_idempotency(claim: IdempotencyModel, now: int) -> bool:
    """Put an in-flight claim unless the key is held; False when another request holds it.

    The key is free when no record exists, when the record has expired (DynamoDB deletes late),
    or when it is a claim whose lease has run out (its request crashed or is hopelessly late).
    """
    ensure_bound()
    free = (
        IdempotencyModel.key.does_not_exist()
        | (IdempotencyModel.expires_at <= now)
        | ((IdempotencyModel.state == IN_FLIGHT) & (IdempotencyModel.lease_until <= now))
    )
    try:
        claim.save(condition=free)
    except PutError as exc:
        if _is_condition_failure(exc):
            return False
        raise
    return True


def still_claimed_by(owner: str) -> Any:
    """The condition under which a request may answer or release its claim: nobody took it over."""
    return (IdempotencyModel.owner == owner) & (IdempotencyModel.state == IN_FLIGHT)


def carry_answer(tx: Any, tag: str, answer: IdempotencyModel) -> None:
    """Add the answer to a raw ``transactions.Transaction``, on the same condition as ``still_claimed_by``."""
    tx.put(
        tag,
        answer,
        "#owner = :owner AND #state = :in_flight",
        names={"#owner": "owner", "#state": "state"},
        values={":owner": answer.owner, ":in_flight": IN_FLIGHT},
    )


def answer_idempotency(answer: IdempotencyModel, owner: str) -> bool:
    """Replace one's own claim by the answer (for use cases without a transaction to carry it)."""
    ensure_bound()
    try:
        answer.save(condition=still_claimed_by(owner))
    except PutError as exc:
        if _is_condition_failure(exc):
            return False
        raise
    return True


def release_idempotency(key: str, owner: str) -> bool:
    """Delete one's own claim (the request was refused and wrote nothing); False if it was not ours any more."""
    ensure_bound()
    try:
        IdempotencyModel(key).delete(condition=still_claimed_by(owner))
    except DeleteError as exc:
        if _is_condition_failure(exc):
            return False
        raise
    return True
