"""The walk-in mornings of every office for the citizen's first page."""

from __future__ import annotations

from typing import Any

from chalicelib.queue import live, plan


def offices() -> dict[str, Any]:
    moment = plan.now()
    today = plan.today()
    found = []
    for office_id, cfg in plan.configs().items():
        day = live.load(office_id, today, consistent=False)
        found.append(live.state_view(cfg, day, moment) | {"next_morning": plan.next_morning(cfg, today)})
    return {"offices": found}
