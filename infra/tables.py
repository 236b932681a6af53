"""DynamoDB tables for the deployment template, derived from the pynamodb models (one source of truth).

Every model in ``db.STORE_MODULES`` becomes a table: on demand, encrypted, TTL on ``expires_at``
(the personal-data expiry every model carries), point-in-time recovery as the model declares it,
``DeletionPolicy`` and ``UpdateReplacePolicy`` Retain so that neither a stack deletion nor a
replacing change loses citizens' bookings.
"""

from __future__ import annotations

import os
from typing import Any

KEY_ORDER = {"HASH": 0, "RANGE": 1}


def key_schema(items: list[dict[str, str]]) -> list[dict[str, str]]:
    """DynamoDB refuses a RANGE key listed before the HASH key; pynamodb keeps declaration order."""
    keys = [{"AttributeName": k["AttributeName"], "KeyType": k["KeyType"]} for k in items]
    return sorted(keys, key=lambda k: KEY_ORDER[k["KeyType"]])


def resource_name(table: str) -> str:
    return "Table" + "".join(part.title() for part in table.replace("-", "_").split("_"))


def _properties(stage: str, model: Any) -> dict[str, Any]:
    schema = model._get_schema()
    props: dict[str, Any] = {
        "TableName": f"buergerservice-{stage}-{model.table}",
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [
            {"AttributeName": a["AttributeName"], "AttributeType": a["AttributeType"]}
            for a in schema["attribute_definitions"]
        ],
        "KeySchema": key_schema(schema["key_schema"]),
        "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": model.point_in_time_recovery},
        "SSESpecification": {"SSEEnabled": True},
    }
    gsis = schema.get("global_secondary_indexes") or []
    if gsis:
        props["GlobalSecondaryIndexes"] = [
            {
                "IndexName": g["index_name"],
                "KeySchema": key_schema(g["key_schema"]),
                "Projection": g.get("projection") or {"ProjectionType": "ALL"},
            }
            for g in gsis
        ]
    return props


def _skips(model: Any) -> list[dict[str, str]]:
    skips = [
        {
            "id": "CKV_AWS_119",
            "comment": "Encrypted at rest with the AWS owned key (SSESpecification); a customer-managed KMS key "
            "adds a monthly key charge and a key policy to operate, and no requirement asks for one.",
        }
    ]
    if not model.point_in_time_recovery:
        skips.append(
            {
                "id": "CKV_AWS_28",
                "comment": "No point-in-time backups on purpose: its items live minutes to days, or the town "
                "promises their deletion within days, which 35 days of backups would break.",
            }
        )
    return skips


def table_resources(stage: str) -> dict[str, Any]:
    os.environ.setdefault("TABLE_PREFIX", f"buergerservice-{stage}-")
    from chalicelib.platform.aws.db import all_models
    from chalicelib.platform.settings import get_settings

    get_settings.cache_clear()
    return {
        resource_name(model.table): {
            "Type": "AWS::DynamoDB::Table",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Metadata": {"checkov": {"skip": _skips(model)}},
            "Properties": _properties(stage, model),
        }
        for model in all_models()
    }
