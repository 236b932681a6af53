"""Each scheduled Lambda resolves the way Lambda resolves it and runs its own job."""

from __future__ import annotations

import importlib
from typing import Any

import pytest


def test_every_scheduled_handler_is_found_by_its_handler_string_and_runs_its_job(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app import app
    from chalicelib.platform import jobs

    ran: list[str] = []
    monkeypatch.setattr(jobs, "run", lambda name: ran.append(name) or {"ok": True})
    sources = app.event_sources
    assert {s.name for s in sources} == {j.name.replace("-", "_") for j in jobs.all_jobs()}
    for source in sources:
        module, _, function = source.handler_string.rpartition(".")
        handler: Any = getattr(importlib.import_module(module), function)
        event = {"version": "0", "id": "x", "detail-type": "Scheduled Event", "source": "aws.events",
                 "account": "1", "time": "2026-12-31T22:30:00Z", "region": "eu-central-1",
                 "resources": [], "detail": {}}  # fmt: skip
        assert handler(event, None) == {"ok": True}
        assert ran[-1].replace("-", "_") == source.name
