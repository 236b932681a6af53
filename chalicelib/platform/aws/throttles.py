"""Throttles: fixed-window counters for sign-in back-off and booking rate limits, shared by every capability.

Access pattern: conditional UpdateItem ADD on a key with a window expiry; GetItem to peek.
"""

from __future__ import annotations

import time

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import PutError, UpdateError

from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, get_live
from chalicelib.platform.aws.db import is_condition_failure as _is_condition_failure


class ThrottleModel(BaseModel):
    table = "throttles"
    point_in_time_recovery = False

    class Meta(TableMeta):
        pass

    key = UnicodeAttribute(hash_key=True)
    hits = NumberAttribute(default=0)


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
