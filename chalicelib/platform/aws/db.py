"""DynamoDB plumbing: binds every pynamodb model to the configured tables, lazily.

Models declare a short table name; the table prefix, region and endpoint come from the
settings on first use, so importing a model touches neither the environment nor AWS.
"""

from __future__ import annotations

import importlib
import time
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar

from pynamodb.attributes import NumberAttribute
from pynamodb.models import Model

from chalicelib.platform.settings import Settings, get_settings

# Modules whose models make up the schema; each registers its models on import.
STORE_MODULES = (
    "chalicelib.staff.store.accounts",
    "chalicelib.platform.aws.throttles",
    "chalicelib.platform.aws.idempotency_store",
    "chalicelib.platform.aws.town_store",
    "chalicelib.platform.aws.audit_store",
    "chalicelib.surveys.store.definitions",
    "chalicelib.surveys.store.responses",
    "chalicelib.surveys.store.raffle",
    "chalicelib.booking.store.slots",
    "chalicelib.booking.store.bookings",
    "chalicelib.booking.store.waitlist",
    "chalicelib.queue.store.days",
    "chalicelib.queue.store.kiosks",
    "chalicelib.queue.store.stats",
    "chalicelib.documents.store.orders",
    "chalicelib.documents.store.lockers",
)

_models: list[type[BaseModel]] = []
_bound_for: tuple[str, str, str | None] | None = None

M = TypeVar("M", bound="BaseModel")


class TableMeta:
    """Base for every model's ``class Meta(TableMeta)``; pynamodb needs one per model."""

    table_name = "unbound"
    billing_mode = "PAY_PER_REQUEST"


class BaseModel(Model):
    """A model whose table name, endpoint and region are filled in at first use.

    Subclasses set ``table`` (the short table name) and declare ``class Meta(TableMeta)``.
    """

    table: ClassVar[str] = ""
    # Point-in-time backups keep deleted items for 35 days; tables whose deletion we promise
    # (raffle entries) or whose items live only minutes to days turn them off.
    point_in_time_recovery: ClassVar[bool] = True
    # Epoch seconds after which the item is personal data past its purpose; DynamoDB's TTL
    # deletes it eventually, reads treat it as gone at once, the purge job removes it.
    expires_at = NumberAttribute(null=True)

    class Meta(TableMeta):
        pass

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.table:
            if "Meta" not in cls.__dict__:
                raise TypeError(f"{cls.__name__} must declare its own 'class Meta(TableMeta)'")
            _models.append(cls)

    def is_expired(self, now: float | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now if now is not None else time.time())


def _bind(settings: Settings) -> None:
    global _bound_for
    for module in STORE_MODULES:
        importlib.import_module(module)
    for model in _models:
        meta: Any = model.Meta
        meta.table_name = settings.table_name(model.table)
        meta.region = settings.region
        meta.host = settings.dynamodb_endpoint
        model._connection = None  # drop a connection bound to an older endpoint
    _bound_for = _binding(settings)


def _binding(settings: Settings) -> tuple[str, str, str | None]:
    return settings.table_prefix, settings.region, settings.dynamodb_endpoint


def ensure_bound() -> None:
    settings = get_settings()
    if _bound_for != _binding(settings):
        _bind(settings)


def all_models() -> list[type[BaseModel]]:
    ensure_bound()
    return list(_models)


def create_tables() -> list[str]:
    """Create missing tables with TTL enabled (local stack, tests, first deploy helper)."""
    created = []
    for model in all_models():
        if not model.exists():
            model.create_table(billing_mode="PAY_PER_REQUEST", wait=True)
            created.append(model.Meta.table_name)
        _enable_ttl(model)
    return created


def _enable_ttl(model: type[BaseModel]) -> None:
    client = model._get_connection().connection.client
    status = client.describe_time_to_live(TableName=model.Meta.table_name)
    if status.get("TimeToLiveDescription", {}).get("TimeToLiveStatus") not in ("ENABLED", "ENABLING"):
        client.update_time_to_live(
            TableName=model.Meta.table_name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"}
        )


def is_condition_failure(exc: Exception) -> bool:
    """True when a write was refused by its condition (or a transaction by one of them)."""
    return getattr(exc, "cause_response_code", None) in (
        "ConditionalCheckFailedException",
        "TransactionCanceledException",
    )


def insert_new(item: BaseModel) -> bool:
    """PutItem only if no item has this key yet; False when the key is taken."""
    from pynamodb.exceptions import PutError

    ensure_bound()
    try:
        item.save(condition=type(item)._hash_key_attribute().does_not_exist())  # type: ignore[no-untyped-call]
    except PutError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True


def get_live(model: type[M], hash_key: Any, range_key: Any = None) -> M | None:
    """GetItem that treats an expired item as gone (DynamoDB deletes late)."""
    ensure_bound()
    try:
        item = model.get(hash_key, range_key, consistent_read=True)
    except model.DoesNotExist:
        return None
    return None if item.is_expired() else item


def purge_expired(now: float | None = None) -> dict[str, int]:
    """Delete every item whose expiry has passed, in every table (scheduled job)."""
    cutoff = now if now is not None else time.time()
    counts: dict[str, int] = {}
    for model in all_models():
        deleted = 0
        for item in model.scan(model.expires_at <= int(cutoff)):
            item.delete()
            deleted += 1
        counts[model.table] = deleted
    return counts


def epoch(dt: datetime) -> int:
    return int(dt.astimezone(UTC).timestamp())
