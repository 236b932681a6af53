"""The queue's day documents: one item per office and day holding its tickets, calls and counters.

Access patterns (all by key):
- GetItem ``office#day``: the state endpoint, a ticket's status, every counter action (1 read);
- UpdateItem issuing a ticket: appends it to the list and raises the day's counters, on the
  condition that the queue is open, every limit is below its maximum, the device has no recent
  ticket and the Idempotency-Key is new; ``ReturnValues`` gives the new totals;
- UpdateItem of one list entry, on the condition that its status is still the one read.
The item expires at the end of the day plus one day; no personal data is stored (a ticket is a
category, times and an optional push subscription that expires with it).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from chalicelib.platform.aws.db import BaseModel, TableMeta
from chalicelib.platform.aws.transactions import client, from_dynamo, to_dynamo


class QueueDayModel(BaseModel):
    table = "queue_days"
    point_in_time_recovery = False  # items live two days

    class Meta(TableMeta):
        pass

    key = UnicodeAttribute(hash_key=True)  # "<office>#<YYYY-MM-DD>"
    ver = NumberAttribute(default=0)


class Refused(Exception):
    """A conditional write found the day other than expected; nothing was written.

    ``day`` is the document as the refused write found it, where DynamoDB returned it (None: no document).
    """

    def __init__(self, day: dict[str, Any] | None = None, *, returned: bool = False) -> None:
        super().__init__("condition failed")
        self.day = day
        self.returned = returned


def _key(office: str, day: str) -> dict[str, Any]:
    return {"key": to_dynamo(f"{office}#{day}")}


def _table() -> str:
    return str(QueueDayModel.Meta.table_name)


def get(office: str, day: str, *, consistent: bool = True) -> dict[str, Any] | None:
    c = client(QueueDayModel)
    answer = c.get_item(TableName=_table(), Key=_key(office, day), ConsistentRead=consistent)
    item = answer.get("Item")
    return from_dynamo(item) if item else None


def create(office: str, day: str, expires_at: int) -> None:
    """The empty day document, unless it exists already."""
    c = client(QueueDayModel)
    item = {
        "key": f"{office}#{day}",
        "ver": 1,
        "st": "open",
        "tl": [],
        "online": 0,
        "counter_issued": 0,
        "calls": [],
        "ctrs": {},
        "ap": {},
        "dev": {},
        "keys": {},
        "n": {},
        "expires_at": expires_at,
    }
    with contextlib.suppress(c.exceptions.ConditionalCheckFailedException):
        c.put_item(
            TableName=_table(),
            Item={k: to_dynamo(v) for k, v in item.items()},
            ConditionExpression="attribute_not_exists(#k)",
            ExpressionAttributeNames={"#k": "key"},
        )


@dataclass(frozen=True)
class Issue:
    category: str
    channel_field: str  # "online" or "counter_issued"
    entry: dict[str, Any]  # the ticket's list entry
    max_total: int
    max_channel: int
    max_category: int
    device: str | None  # keyed hash of the device; None for kiosk and clerk tickets
    device_since: int  # a device's earlier ticket must be older than this (epoch)
    key_digest: str | None
    now: int


def issue(office: str, day: str, req: Issue) -> dict[str, Any]:
    """Append a ticket if every limit allows it; returns what the update changed (the ticket list,
    the category's count as its number, the version), so no second read is needed."""
    names = {"#n": "n", "#c": req.category or "_", "#ch": req.channel_field, "#st": "st", "#tl": "tl"}
    values: dict[str, Any] = {
        ":t": [req.entry],
        ":one": 1,
        ":zero": 0,
        ":open": "open",
        ":max_total": req.max_total,
        ":max_ch": req.max_channel,
        ":max_cat": req.max_category,
    }
    sets = [
        "#tl = list_append(#tl, :t)",
        "#n.#c = if_not_exists(#n.#c, :zero) + :one",
        "#ch = #ch + :one",
        "ver = ver + :one",
    ]
    conditions = [
        "#st = :open",
        "size(#tl) < :max_total",
        "#ch < :max_ch",
        "(attribute_not_exists(#n.#c) OR #n.#c < :max_cat)",
    ]
    if req.device:
        names.update({"#dev": "dev", "#d": req.device})
        values.update({":now": req.now, ":since": req.device_since})
        sets.append("#dev.#d = :now")
        conditions.append("(attribute_not_exists(#dev.#d) OR #dev.#d < :since)")
    if req.key_digest:
        names.update({"#keys": "keys", "#k": req.key_digest})
        sets.append("#keys.#k = :one")
        conditions.append("attribute_not_exists(#keys.#k)")
    c = client(QueueDayModel)
    try:
        answer = c.update_item(
            TableName=_table(),
            Key=_key(office, day),
            UpdateExpression="SET " + ", ".join(sets),
            ConditionExpression=" AND ".join(conditions),
            ExpressionAttributeNames=names,
            ExpressionAttributeValues={k: to_dynamo(v) for k, v in values.items()},
            ReturnValues="UPDATED_NEW",
            # A refusal brings the day along, so finding out why costs no second read.
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    except c.exceptions.ConditionalCheckFailedException as exc:
        found = exc.response.get("Item")
        raise Refused(from_dynamo(found) if found else None, returned=True) from None
    return from_dynamo(answer["Attributes"])


def change(
    office: str,
    day: str,
    *,
    sets: Mapping[str, Any],
    conditions: Mapping[str, Any],
    appends: Mapping[str, list[Any]] | None = None,
    removes: tuple[str, ...] = (),
    must_exist: bool = True,
) -> None:
    """One conditional UpdateItem on the day document.

    ``sets`` and ``conditions`` map attribute paths ("tl[3].s", "ctrs.2") to values; a condition
    value of a tuple means "one of these". Every change raises the document's version.
    """
    names: dict[str, str] = {}
    values: dict[str, Any] = {":one": 1}

    def path(text: str) -> str:
        parts = []
        for part in text.split("."):
            name, bracket, rest = part.partition("[")
            alias = f"#p{len(names)}"
            names[alias] = name
            parts.append(alias + (bracket + rest if bracket else ""))
        return ".".join(parts)

    def value(v: Any) -> str:
        alias = f":v{len(values)}"
        values[alias] = v
        return alias

    clauses = [f"{path(p)} = {value(v)}" for p, v in sets.items()]
    clauses += [f"{path(p)} = list_append({path(p)}, {value(v)})" for p, v in (appends or {}).items()]
    clauses.append("ver = ver + :one")
    expression = "SET " + ", ".join(clauses)
    if removes:
        expression += " REMOVE " + ", ".join(path(p) for p in removes)
    checks = ["attribute_exists(ver)"] if must_exist else []
    for p, v in conditions.items():
        if v is None:
            checks.append(f"attribute_not_exists({path(p)})")
        elif isinstance(v, tuple):
            checks.append(f"{path(p)} IN ({', '.join(value(x) for x in v)})")
        else:
            checks.append(f"{path(p)} = {value(v)}")
    c = client(QueueDayModel)
    try:
        c.update_item(
            TableName=_table(),
            Key=_key(office, day),
            UpdateExpression=expression,
            ConditionExpression=" AND ".join(checks)
            if checks
            else "attribute_exists(ver) OR attribute_not_exists(ver)",
            ExpressionAttributeNames=names,
            ExpressionAttributeValues={k: to_dynamo(v) for k, v in values.items()},
        )
    except c.exceptions.ConditionalCheckFailedException:
        raise Refused() from None
