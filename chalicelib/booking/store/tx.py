"""One DynamoDB transaction whose items carry labels, so a cancellation says which condition failed."""

from __future__ import annotations

from typing import Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.platform.aws.db import BaseModel, ensure_bound

MAX_ITEMS = 100  # DynamoDB's limit of items per TransactWriteItems


class TransactionFailed(Exception):
    """A condition failed (or a concurrent transaction touched an item); nothing was written."""

    def __init__(self, labels: set[str]) -> None:
        super().__init__(", ".join(sorted(labels)) or "transaction cancelled")
        self.labels = labels


class LabeledTransaction:
    """Collects the items of one TransactWriteItems call.

    pynamodb sends condition checks first, then deletes, puts and updates; the labels are kept
    in that same order so the cancellation reasons (one per item) map back to them.
    """

    def __init__(self) -> None:
        self._checks: list[tuple[str, tuple[Any, ...]]] = []
        self._deletes: list[tuple[str, tuple[Any, ...]]] = []
        self._puts: list[tuple[str, tuple[Any, ...]]] = []
        self._updates: list[tuple[str, tuple[Any, ...]]] = []

    def __len__(self) -> int:
        return len(self._checks) + len(self._deletes) + len(self._puts) + len(self._updates)

    def check(self, label: str, model: type[BaseModel], hash_key: Any, range_key: Any, condition: Any) -> None:
        self._checks.append((label, (model, hash_key, range_key, condition)))

    def delete(self, label: str, item: BaseModel, condition: Any = None) -> None:
        self._deletes.append((label, (item, condition)))

    def put(self, label: str, item: BaseModel, condition: Any = None) -> None:
        self._puts.append((label, (item, condition)))

    def update(self, label: str, item: BaseModel, actions: list[Any], condition: Any = None) -> None:
        self._updates.append((label, (item, actions, condition)))

    def labels(self) -> list[str]:
        return [label for label, _ in (*self._checks, *self._deletes, *self._puts, *self._updates)]

    def commit(self, connection_model: type[BaseModel]) -> None:
        if not len(self):
            return
        ensure_bound()
        connection = connection_model._get_connection().connection
        try:
            with TransactWrite(connection=connection) as tx:
                for _, (model, hash_key, range_key, condition) in self._checks:
                    tx.condition_check(model, hash_key, range_key, condition=condition)
                for _, (item, condition) in self._deletes:
                    tx.delete(item, condition=condition)
                for _, (item, condition) in self._puts:
                    tx.save(item, condition=condition)
                for _, (item, actions, condition) in self._updates:
                    tx.update(item, actions=actions, condition=condition)
        except TransactWriteError as exc:
            if exc.cause_response_code != "TransactionCanceledException":
                raise
            labels = self.labels()
            failed = {
                labels[i]
                for i, reason in enumerate(exc.cancellation_reasons)
                if reason is not None and reason.code in ("ConditionalCheckFailed", "TransactionConflict")
            }
            raise TransactionFailed(failed) from None
