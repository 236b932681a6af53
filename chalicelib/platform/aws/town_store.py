"""The town's configuration (name, contact, legal texts, offices, services) as JSON documents.

Access patterns: GetItem by document name ("town", ...); PutItem when an admin saves.
Small, read on most public requests, so callers cache it per warm Lambda for a minute.
"""

from __future__ import annotations

import json
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, get_live


class ConfigModel(BaseModel):
    table = "config"

    class Meta(TableMeta):
        pass

    name = UnicodeAttribute(hash_key=True)
    document = UnicodeAttribute()
    revision = NumberAttribute(default=0)


def load(name: str) -> dict[str, Any] | None:
    item = get_live(ConfigModel, name)
    return json.loads(item.document) if item else None


def save(name: str, document: dict[str, Any]) -> None:
    ensure_bound()
    current = get_live(ConfigModel, name)
    revision = (current.revision if current else 0) + 1
    ConfigModel(name, document=json.dumps(document, ensure_ascii=False), revision=revision).save()
