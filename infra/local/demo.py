"""Demo content for the local stack beyond the town file (each feature adds its seeder here)."""

from __future__ import annotations

from typing import Any


def seed_demo(town_doc: dict[str, Any]) -> dict[str, Any]:
    from chalicelib.booking.demo import seed_bookings

    seeded: dict[str, Any] = {}
    seeded["booking"] = seed_bookings(town_doc)
    from infra.local.demo_survey import seed_survey

    seeded["survey"] = seed_survey(town_doc)
    from chalicelib.queue.demo import seed_queue

    seeded["queue"] = seed_queue()

    from chalicelib.documents.demo import seed_orders

    seeded["documents"] = seed_orders()
    return seeded
