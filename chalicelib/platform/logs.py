"""Structured JSON logging that never carries e-mail addresses, names or IP addresses."""

from __future__ import annotations

import json
import logging
import re

_EMAIL = re.compile(r"[^\s@\"'<>]+@[^\s@\"'<>]+\.[A-Za-z]{2,}")
_IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
_IPV6 = re.compile(r"\b(?:[0-9a-fA-F]{1,4}:){3,7}[0-9a-fA-F]{1,4}\b")


def scrub(text: str) -> str:
    """Remove what could identify a person, as a last line of defence behind careful call sites."""
    return _IPV6.sub("[ip]", _IPV4.sub("[ip]", _EMAIL.sub("[email]", text)))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        try:
            payload = json.loads(message) if message.startswith("{") else {"message": message}
        except ValueError:
            payload = {"message": message}
        payload.update({"level": record.levelname, "logger": record.name})
        if record.exc_info:
            # The type is enough to find the bug; the text of an exception may hold user input.
            payload["exception"] = record.exc_info[0].__name__ if record.exc_info[0] else "unknown"
        return scrub(json.dumps(payload, ensure_ascii=False, default=str))


def configure_logging(app_logger: logging.Logger) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    for logger in (app_logger, logging.getLogger("buergerservice")):
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False
