"""Scheduled handlers: one thin Lambda per job in the catalogue."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from chalicelib.platform.jobs import Job

log = logging.getLogger("buergerservice.jobs")


def handler(job: Job) -> Callable[[Any], dict[str, Any]]:
    """The function one job's scheduled Lambda runs, named after the job (``send_reminders``).

    ``app.py`` registers it with ``app.schedule`` and binds it under that name, so that Lambda
    finds it as ``app.<name>``: Chalice names a scheduled handler by its module and function.
    """
    name = job.name

    def handle(event: Any) -> dict[str, Any]:
        from chalicelib.platform import jobs

        result = jobs.run(name)
        log.info(json.dumps({"event": "job", "job": name, "result": result}, default=str))
        return result

    handle.__name__ = handle.__qualname__ = name.replace("-", "_")
    return handle
