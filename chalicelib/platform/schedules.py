"""Scheduled handlers: one thin Lambda per job in the catalogue."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from chalice import Blueprint

from chalicelib.platform.jobs import Job

log = logging.getLogger("buergerservice.jobs")


def _handler(name: str) -> Callable[[Any], dict[str, Any]]:
    def handle(event: Any) -> dict[str, Any]:
        from chalicelib.platform import jobs

        result = jobs.run(name)
        log.info(json.dumps({"event": "job", "job": name, "result": result}, default=str))
        return result

    handle.__name__ = name.replace("-", "_")
    return handle


def blueprint(jobs: Iterable[Job]) -> Blueprint:
    """One scheduled Lambda per job; ``app.py`` passes the catalogue once every capability has registered."""
    bp = Blueprint(__name__)
    for job in jobs:
        bp.schedule(job.schedule, name=job.name.replace("-", "_"))(_handler(job.name))
    return bp
