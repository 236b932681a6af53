"""Walk-in queue rows of the DynamoDB call bench: taking a ticket, polling the state, calling next.

A ticket is one conditional UpdateItem on the day's document plus the address's throttle; a poll
is one GetItem, answered 304 without further work while the version is unchanged; calling next
reads the day, asks booking for today's checked-in appointments and writes one conditional update.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from typing import Any

OFFICE = "willich"  # the local stack opens a walk-in morning here today
_state: dict[str, Any] = {}


def _take(client: Any, stack: Any) -> Any:
    body = {"device": uuid.uuid4().hex, "category": "A"}
    answer = client.request(
        "POST", f"/api/queue/offices/{OFFICE}/tickets", body, headers={"Idempotency-Key": str(uuid.uuid4())}
    )
    _state["ticket"] = answer["ticket"]["id"]
    return answer


def _poll(client: Any, stack: Any) -> Any:
    headers = {"Accept": "application/json"}
    if _state.get("etag"):
        headers["If-None-Match"] = _state["etag"]
    request = urllib.request.Request(f"{stack.base_url}/api/queue/offices/{OFFICE}/state", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as res:
            _state["etag"] = res.headers["ETag"]
            return json.loads(res.read())
    except urllib.error.HTTPError as err:
        assert err.code == 304, err.code
        return None


def _call_next(client: Any, stack: Any) -> Any:
    return client.request("POST", f"/api/office/queue/{OFFICE}/call", {"counter": "3"})


def queue_operations() -> list[tuple[Any, ...]]:
    return [
        ("setup: a first ticket opens this address's throttle window", _take, None, "not measured"),
        (
            "POST /api/queue/offices/{office}/tickets",
            _take,
            2,
            "1 UpdateItem on the day (limits, number, device, key in its condition) + the address's throttle",
        ),
        ("GET /api/queue/offices/{office}/state", _poll, 1, "one GetItem of the day's document"),
        ("GET …/state with If-None-Match (unchanged)", _poll, 1, "the same key read, answered 304"),
        (
            "POST /api/office/queue/{office}/call",
            _call_next,
            5,
            "2 for the staff session (as GET /api/auth/me) + the call's 3: GetItem day, Query checked-in, UpdateItem",
        ),
    ]
