"""A realistic office (modelled on Stadtteilbüro Willich) shared by the calendar and slot tests."""

from __future__ import annotations

from typing import Any


def willich_config() -> dict[str, Any]:
    """Split days, counters per time range, a pickup place, a single closure day and a range."""
    return {
        "hours": {
            "mon": ["08:00-12:30", "14:00-16:00"],
            "tue": ["08:00-12:30"],
            "wed": ["08:00-12:30"],
            "thu": ["08:00-12:30", "14:00-18:00"],
            "fri": ["08:00-12:00"],
            "sat": ["09:00-12:00"],
        },
        "counters": {
            "mon": [{"from": "08:00", "to": "12:00", "count": 3}, {"from": "12:00", "to": "16:00", "count": 2}],
        },
        "pickup": {"mon": [{"from": "08:00", "to": "12:00", "count": 1}]},
        "closures": [
            {"from": "2026-06-19", "reason": "Betriebsausflug"},
            {"from": "2026-12-24", "to": "2026-12-31", "reason": "Jahreswechsel"},
        ],
        "slot_step_minutes": 15,
    }
