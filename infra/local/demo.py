"""Demo content for the local stack beyond the town file (each feature adds its seeder here)."""

from __future__ import annotations

from typing import Any


def seed_demo(town_doc: dict[str, Any]) -> dict[str, Any]:
    return {}
