"""Scheduled handlers: one thin Lambda per job in the catalogue."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from chalice import Blueprint

from chalicelib.platform.jobs import JOBS

bp = Blueprint(__name__)
log = logging.getLogger("buergerservice.jobs")


def _handler(name: str) -> Callable[[Any], dict[str, Any]]:
    def handle(event: Any) -> dict[str, Any]:
        from chalicelib.platform import jobs

        result = jobs.run(name)
        log.info(json.dumps({"event": "job", "job": name, "result": result}, default=str))
        return result

    handle.__name__ = name.replace("-", "_")
    return handle


for _job in JOBS:
    bp.schedule(_job.schedule, name=_job.name.replace("-", "_"))(_handler(_job.name))
