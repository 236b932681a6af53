"""Staff accounts, sessions, audit log, throttles and idempotency records.

Access patterns (all by key, no Scan on a request path):
- users:       GetItem by user name; Scan only for the admin's user list (tens of items).
- sessions:    GetItem by session id; PutItem on login/refresh; DeleteItem on logout.
- audit:       Query one month's partition, newest first; PutItem per staff action.
- throttles:   conditional UpdateItem ADD on a key with a window expiry.
- idempotency: conditional Put of a claim, then of the answer (inside the writer's transaction
  where it has one); GetItem on repeats; conditional Delete when a refused request lets go.
"""

from __future__ import annotations

import json
import secrets
import time
from datetime import UTC, datetime
from typing import Any

from pynamodb.attributes import BooleanAttribute, ListAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DeleteError, PutError, UpdateError

from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, get_live, insert_new
from chalicelib.platform.aws.db import is_condition_failure as _is_condition_failure


class UserModel(BaseModel):
    table = "users"

    class Meta(TableMeta):
        pass

    username = UnicodeAttribute(hash_key=True)
    display_name = UnicodeAttribute(default="")
    password_hash = UnicodeAttribute()
    roles = ListAttribute(of=UnicodeAttribute, default=list)
    disabled = BooleanAttribute(default=False)
    must_change_password = BooleanAttribute(default=False)
    created_at = UnicodeAttribute()
    password_changed_at = NumberAttribute(default=0)


class SessionModel(BaseModel):
    table = "sessions"
    point_in_time_recovery = False

    class Meta(TableMeta):
        pass

    session_id = UnicodeAttribute(hash_key=True)
    username = UnicodeAttribute()
    refresh_hash = UnicodeAttribute()
    created_at = NumberAttribute()


class AuditModel(BaseModel):
    table = "audit"

    class Meta(TableMeta):
        pass

    month = UnicodeAttribute(hash_key=True)
    sort = UnicodeAttribute(range_key=True)
    at = UnicodeAttribute()
    actor = UnicodeAttribute()
    action = UnicodeAttribute()
    target = UnicodeAttribute(default="")
    details = UnicodeAttribute(default="{}")


class ThrottleModel(BaseModel):
    table = "throttles"
    point_in_time_recovery = False

    class Meta(TableMeta):
        pass

    key = UnicodeAttribute(hash_key=True)
    hits = NumberAttribute(default=0)


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


# --- users -----------------------------------------------------------------


def get_user(username: str) -> UserModel | None:
    return get_live(UserModel, username)


def create_user(user: UserModel) -> bool:
    """Insert; False when the user name is taken."""
    return insert_new(user)


def save_user(user: UserModel) -> None:
    ensure_bound()
    user.save()


def list_users() -> list[UserModel]:
    ensure_bound()
    return sorted(UserModel.scan(), key=lambda u: u.username)


# --- sessions --------------------------------------------------------------


def get_session(session_id: str) -> SessionModel | None:
    return get_live(SessionModel, session_id)


def save_session(session: SessionModel) -> None:
    ensure_bound()
    session.save()


def delete_session(session_id: str) -> None:
    ensure_bound()
    SessionModel(session_id).delete()


def delete_sessions_of(username: str) -> int:
    """Revoke every session of a user (password reset, account disabled). Admin path only."""
    ensure_bound()
    count = 0
    for session in SessionModel.scan(SessionModel.username == username):
        session.delete()
        count += 1
    return count


# --- audit -----------------------------------------------------------------

AUDIT_RETENTION_DAYS = 730


def append_audit(actor: str, action: str, target: str, details: dict[str, Any]) -> None:
    ensure_bound()
    now = datetime.now(UTC)
    AuditModel(
        now.strftime("%Y-%m"),
        f"{now.isoformat()}#{secrets.token_hex(4)}",
        at=now.isoformat(timespec="seconds"),
        actor=actor,
        action=action,
        target=target,
        details=json.dumps(details, sort_keys=True, ensure_ascii=False),
        expires_at=int(now.timestamp()) + AUDIT_RETENTION_DAYS * 86400,
    ).save()


def list_audit(month: str, limit: int = 200) -> list[AuditModel]:
    ensure_bound()
    return list(AuditModel.query(month, scan_index_forward=False, limit=limit))


# --- throttles ---------------------------------------------------------------


def hit(key: str, window_seconds: int) -> int:
    """Count one event in the current window of ``key``; returns the count so far.

    The window starts with the first event and ends ``window_seconds`` later; an expired
    window is replaced atomically by a fresh one.
    """
    ensure_bound()
    now = int(time.time())
    item = ThrottleModel(key)
    try:
        item.update(actions=[ThrottleModel.hits.add(1)], condition=ThrottleModel.expires_at > now)
        return int(item.hits)
    except UpdateError as exc:
        if not _is_condition_failure(exc):
            raise
    try:
        ThrottleModel(key, hits=1, expires_at=now + window_seconds).save(
            condition=ThrottleModel.key.does_not_exist() | (ThrottleModel.expires_at <= now)
        )
        return 1
    except PutError as exc:
        if not _is_condition_failure(exc):
            raise
    # Someone else opened the window in between: count in theirs.
    item.update(actions=[ThrottleModel.hits.add(1)])
    return int(item.hits)


def peek(key: str) -> int:
    item = get_live(ThrottleModel, key)
    return int(item.hits) if item else 0


def clear(key: str) -> None:
    ensure_bound()
    ThrottleModel(key).delete()


# --- idempotency -------------------------------------------------------------


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
