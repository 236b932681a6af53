"""Exactly one answer per key for every write a client may repeat (offline retry, double tap, lost reply).

Every idempotent operation (a booking, a taken waitlist offer, a survey submission, a paper batch,
a raffle entry) runs through :func:`run`:

1. **Claim.** A conditional PutItem of an in-flight record for the key (condition: no record, an
   expired one, or a claim whose lease has run out). Of concurrent repeats exactly one gets it.
2. **The use case.** Its transaction writes the answer over the claim, on the condition that the
   claim is still this request's, so the effect and its answer are stored together or not at all.
   A use case without a transaction of its own has the answer stored right after it.
3. **Repeats** find the answer (replayed as it was), the claim (409 ``request_in_progress`` with
   Retry-After), or a record of other data under the key (``idempotency_key_reused``); never a
   refusal caused by their own first attempt.

A refusal of the first attempt (a taken time, a closed survey, a limit) releases the claim rather
than being stored: a refused request wrote nothing, so running it again can never double anything,
and the repeat then meets the world as it is (a time freed meanwhile, a limit no longer reached)
instead of a stale "no". A crash leaves the claim behind; its short lease lets a repeat take the key
over, and should the crashed request still be running it fails at its own completion condition.

Answers are sealed with the client's key (``sealing``): a booking's answer holds its manage token.
Records are found by an HMAC of the key, never by the key itself.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from chalicelib.platform.aws import idempotency_store, sealing
from chalicelib.platform.aws.idempotency_store import ANSWERED, IN_FLIGHT, IdempotencyModel
from chalicelib.platform.day_names import BERLIN
from chalicelib.platform.errors import Conflict, DomainError, ValidationFailed

# Longer than a request may run (the Lambda timeout is 30 s), so a slow request keeps its claim.
LEASE_SECONDS = 35
RETRY_AFTER_SECONDS = 1
IN_PROGRESS_MESSAGE = "The same request is still being processed. Please try again in a moment."
KEY_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:")


def required_key(key: str | None) -> str:
    """The client's Idempotency-Key header, refused when missing or malformed."""
    if not key or not 8 <= len(key) <= 128 or not set(key) <= KEY_CHARACTERS:
        raise ValidationFailed(
            "Send an Idempotency-Key header of 8-128 characters (A-Z, a-z, 0-9, '-', '_', '.', ':'), "
            "the same one for retries.",
            fields={"Idempotency-Key": "is required: 8-128 characters (A-Z, a-z, 0-9, '-', '_', '.', ':')"},
            code="idempotency_key_required",
        )
    return key


class RequestInProgress(Conflict):
    """A repeat that arrived while the first request with its key is still running."""

    code = "request_in_progress"

    def __init__(self) -> None:
        super().__init__(IN_PROGRESS_MESSAGE, details={"retry_after": RETRY_AFTER_SECONDS})
        self.retry_after = RETRY_AFTER_SECONDS  # sent as the Retry-After header


class ClaimLost(Exception):
    """The use case found its claim taken over (its lease ran out): the completion wrote nothing."""


@dataclass(frozen=True)
class Scope:
    """One kind of idempotent operation."""

    namespace: str  # part of the record key, so equal keys of different operations never meet
    keep_seconds: int  # how long a repeat is recognised
    reused: Callable[[], DomainError]  # the refusal for a key sent again with other data
    # Anonymous records expire at the end of a day, so their expiry does not tell the time of the request.
    day_rounded: bool = False
    lease_seconds: int = LEASE_SECONDS


@dataclass(frozen=True)
class Outcome:
    status: int
    body: dict[str, Any]
    replayed: bool


@dataclass
class Claim:
    """The key held by this request; the use case writes :meth:`answer` in its own transaction."""

    record_key: str
    key: str
    request_hash: str
    owner: str
    expires_at: int
    stored: bool = field(default=False)

    def answer(self, status: int, body: dict[str, Any]) -> IdempotencyModel:
        """The answer record that replaces the claim; write it with ``idempotency_store.still_claimed_by(owner)``
        in the use case's transaction and call :meth:`answered` once that transaction is committed."""
        return IdempotencyModel(
            self.record_key,
            request_hash=self.request_hash,
            status=status,
            response=sealing.seal(self.key, json.dumps(body, ensure_ascii=False).encode()),
            state=ANSWERED,
            owner=self.owner,
            expires_at=self.expires_at,
        )

    def answered(self) -> None:
        """The answer went in with the effect; without this call it is stored after the use case."""
        self.stored = True


KEY_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:")


def request_hash(key: str, request: Any) -> str:
    """A digest of everything that makes two requests the same request (any JSON value).

    Keyed with the client's key, so that the stored digest cannot be matched against guessed
    requests (a survey's answers, a raffle entrant's name) by whoever reads the table.
    """
    data = json.dumps(request, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hmac.new(key.encode(), data, hashlib.sha256).hexdigest()


def _expiry(scope: Scope, now: float) -> int:
    if not scope.day_rounded:
        return int(now) + scope.keep_seconds
    last = datetime.fromtimestamp(now + scope.keep_seconds, BERLIN).date() + timedelta(days=1)
    return int(datetime.combine(last, datetime.min.time(), BERLIN).timestamp())


def _answer_of(scope: Scope, record: IdempotencyModel, key: str, hashed: str) -> Outcome | None:
    """What a repeat gets from the record it found: the answer, or a refusal; None if the key is free."""
    if record.in_flight and (record.lease_until or 0) <= time.time():
        return None  # the request holding the key crashed: this one may take it over
    if record.request_hash != hashed:
        raise scope.reused()
    if record.in_flight:
        raise RequestInProgress()
    body: dict[str, Any] = json.loads(sealing.unseal(key, record.response))
    return Outcome(int(record.status), body, replayed=True)


def _claim(scope: Scope, key: str, hashed: str) -> Claim | Outcome:
    """Hold the key, or say what a repeat gets instead."""
    rkey = sealing.record_key(scope.namespace, key)
    for _ in range(3):
        now = time.time()
        claim = Claim(rkey, key, hashed, secrets.token_urlsafe(12), _expiry(scope, now))
        item = IdempotencyModel(
            rkey,
            request_hash=hashed,
            state=IN_FLIGHT,
            owner=claim.owner,
            lease_until=int(now) + scope.lease_seconds,
            expires_at=claim.expires_at,
        )
        if idempotency_store.claim_idempotency(item, int(now)):
            return claim
        record = idempotency_store.get_idempotency(rkey)
        if record is None:
            continue  # released or expired just now: try again
        earlier = _answer_of(scope, record, key, hashed)
        if earlier is not None:
            return earlier
    raise RequestInProgress()


def lookup(scope: Scope, key: str, request: Any) -> Outcome | None:
    """The answer already given to this request under ``key``, if any (no claim is taken)."""
    record = idempotency_store.get_idempotency(sealing.record_key(scope.namespace, key))
    if record is None:
        return None
    return _answer_of(scope, record, key, request_hash(key, request))


def run(scope: Scope, key: str, request: Any, work: Callable[[Claim], tuple[int, dict[str, Any]]]) -> Outcome:
    """Run ``work`` once per key: the first request runs it, every repeat gets its answer.

    ``request`` is what makes a repeat the same request (JSON-able); ``work`` returns
    (status, body) and should write ``claim.answer(status, body)`` in its own transaction.
    """
    hashed = request_hash(key, request)
    held = _claim(scope, key, hashed)
    if isinstance(held, Outcome):
        return held
    try:
        status, body = work(held)
    except ClaimLost:
        return _as_repeat(scope, key, request, RequestInProgress())
    except DomainError as refusal:
        if idempotency_store.release_idempotency(held.record_key, held.owner):
            raise
        # Our lease ran out and a repeat took the key over: the refusal may be caused by the
        # repeat's own effect (the time it took), so answer as any repeat would.
        return _as_repeat(scope, key, request, refusal)
    if not held.stored:
        idempotency_store.answer_idempotency(held.answer(status, body), held.owner)
    return Outcome(status, body, replayed=False)


def _as_repeat(scope: Scope, key: str, request: Any, otherwise: Exception) -> Outcome:
    """The answer a repeat gets now; ``otherwise`` when the key has been let go meanwhile."""
    earlier = lookup(scope, key, request)
    if earlier is None:
        raise otherwise
    return earlier
