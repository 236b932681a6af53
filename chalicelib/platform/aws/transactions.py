"""Raw DynamoDB calls the pynamodb models cannot express.

Survey responses are stored in one TransactWriteItems across several tables, and their result
counters have names chosen at run time (``q_<question>_o_<option>``), which pynamodb's typed
update actions cannot name. This module builds such transactions and reads counter items as
plain dicts. Nothing here knows about surveys.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Mapping
from typing import Any

from chalicelib.platform.aws.db import BaseModel, ensure_bound

# DynamoDB cancels a transaction that touches an item another transaction is changing at the same
# moment (reason "TransactionConflict"); nothing was applied, so trying again is safe.
MAX_ATTEMPTS = 4


class Cancelled(Exception):
    """The transaction was not applied; ``failed`` holds the tags of the items whose condition failed."""

    def __init__(self, failed: set[str]) -> None:
        super().__init__(", ".join(sorted(failed)) or "cancelled")
        self.failed = failed


def client(model: type[BaseModel]) -> Any:
    ensure_bound()
    return model._get_connection().connection.client


def to_dynamo(value: Any) -> dict[str, Any]:
    from boto3.dynamodb.types import TypeSerializer

    return dict(TypeSerializer().serialize(value))


def from_dynamo(item: Mapping[str, Any]) -> dict[str, Any]:
    from boto3.dynamodb.types import TypeDeserializer

    deserializer = TypeDeserializer()
    return {name: deserializer.deserialize(value) for name, value in item.items()}


def _expression(
    entry: dict[str, Any], names: Mapping[str, str] | None, values: Mapping[str, Any] | None
) -> dict[str, Any]:
    if names:
        entry["ExpressionAttributeNames"] = dict(names)
    if values:
        entry["ExpressionAttributeValues"] = {k: to_dynamo(v) for k, v in values.items()}
    return entry


class Transaction:
    """Items of one TransactWriteItems call, each tagged so a cancellation can say which failed."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.tags: list[str] = []
        self._client: Any = None

    def _add(self, tag: str, model: type[BaseModel], kind: str, entry: dict[str, Any]) -> None:
        self._client = self._client or client(model)
        entry["TableName"] = model.Meta.table_name
        self.items.append({kind: entry})
        self.tags.append(tag)

    def put(
        self,
        tag: str,
        item: BaseModel,
        condition: str | None = None,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> None:
        entry: dict[str, Any] = {"Item": item.serialize()}
        if condition:
            entry["ConditionExpression"] = condition
        self._add(tag, type(item), "Put", _expression(entry, names, values))

    def update(
        self,
        tag: str,
        model: type[BaseModel],
        key: Mapping[str, Any],
        expression: str,
        condition: str | None = None,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> None:
        entry: dict[str, Any] = {"Key": {k: to_dynamo(v) for k, v in key.items()}, "UpdateExpression": expression}
        if condition:
            entry["ConditionExpression"] = condition
        self._add(tag, model, "Update", _expression(entry, names, values))

    def delete(
        self,
        tag: str,
        model: type[BaseModel],
        key: Mapping[str, Any],
        condition: str | None = None,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> None:
        entry: dict[str, Any] = {"Key": {k: to_dynamo(v) for k, v in key.items()}}
        if condition:
            entry["ConditionExpression"] = condition
        self._add(tag, model, "Delete", _expression(entry, names, values))

    def check(
        self,
        tag: str,
        model: type[BaseModel],
        key: Mapping[str, Any],
        condition: str,
        names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> None:
        entry: dict[str, Any] = {"Key": {k: to_dynamo(v) for k, v in key.items()}, "ConditionExpression": condition}
        self._add(tag, model, "ConditionCheck", _expression(entry, names, values))

    def commit(self) -> None:
        """Apply every item or none; raises Cancelled naming the items whose condition failed."""
        from botocore.exceptions import ClientError

        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                self._client.transact_write_items(TransactItems=self.items)
                return
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") != "TransactionCanceledException":
                    raise
                reasons = exc.response.get("CancellationReasons") or []
                codes = [str(r.get("Code", "None")) for r in reasons]
                failed = {self.tags[i] for i, code in enumerate(codes) if code == "ConditionalCheckFailed"}
                if failed or "TransactionConflict" not in codes or attempt == MAX_ATTEMPTS:
                    raise Cancelled(failed) from None
                time.sleep(random.uniform(0.02, 0.1) * attempt)


def add_expression(counters: Mapping[str, int]) -> tuple[str, dict[str, str], dict[str, int]]:
    """``ADD #c0 :c0, #c1 :c1, ...`` for counter names that are only ever used as placeholders."""
    names: dict[str, str] = {}
    values: dict[str, int] = {}
    clauses = []
    for i, (name, amount) in enumerate(sorted(counters.items())):
        names[f"#c{i}"] = name
        values[f":c{i}"] = amount
        clauses.append(f"#c{i} :c{i}")
    return "ADD " + ", ".join(clauses), names, values


def get_plain(model: type[BaseModel], key: Mapping[str, Any]) -> dict[str, Any] | None:
    """One item with every attribute, including those the model does not declare."""
    answer = client(model).get_item(
        TableName=model.Meta.table_name, Key={k: to_dynamo(v) for k, v in key.items()}, ConsistentRead=True
    )
    item = answer.get("Item")
    return from_dynamo(item) if item else None


def batch_get_plain(model: type[BaseModel], keys: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Several items of one table in BatchGetItem calls of at most 100 keys (missing ones are skipped)."""
    pending = [{k: to_dynamo(v) for k, v in key.items()} for key in keys]
    found: list[dict[str, Any]] = []
    table = model.Meta.table_name
    conn = client(model)
    while pending:
        chunk, pending = pending[:100], pending[100:]
        request: dict[str, Any] = {table: {"Keys": chunk, "ConsistentRead": True}}
        while request:
            answer = conn.batch_get_item(RequestItems=request)
            found += [from_dynamo(item) for item in answer.get("Responses", {}).get(table, [])]
            request = answer.get("UnprocessedKeys") or {}
    return found
