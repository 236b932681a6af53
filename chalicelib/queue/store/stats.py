"""Anonymous statistics of finished walk-in days, kept after the day's tickets have expired.

Access patterns: PutItem once per office and day (the nightly roll-up); Query by office for a
month (range key begins with "YYYY-MM").
"""

from __future__ import annotations

import json
from typing import Any

from pynamodb.attributes import UnicodeAttribute

from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound


class QueueStatsModel(BaseModel):
    table = "queue_stats"

    class Meta(TableMeta):
        pass

    office = UnicodeAttribute(hash_key=True)
    day = UnicodeAttribute(range_key=True)  # YYYY-MM-DD
    counts = UnicodeAttribute(default="{}")  # JSON: {"total": {...}, "hours": {"08": {...}}}

    def as_counts(self) -> dict[str, Any]:
        value: dict[str, Any] = json.loads(self.counts)
        return value


def save(office: str, day: str, counts: dict[str, Any]) -> None:
    ensure_bound()
    QueueStatsModel(office, day, counts=json.dumps(counts)).save()


def month(office: str, month_text: str) -> list[QueueStatsModel]:
    ensure_bound()
    return list(QueueStatsModel.query(office, QueueStatsModel.day.startswith(month_text)))
