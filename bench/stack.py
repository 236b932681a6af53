"""The local stack started in this process on a free port, for benchmarks."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass
class Stack:
    base_url: str
    admin_user: str
    admin_password: str
    info: dict[str, Any]


@contextmanager
def running_stack() -> Iterator[Stack]:
    from infra.local.server import start
    from infra.local.stack import DEFAULT_TOWN

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    httpd, aws, info = start("127.0.0.1", port, DEFAULT_TOWN)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Stack(f"http://127.0.0.1:{port}", info["admin_user"], info["admin_password"], info)
    finally:
        httpd.shutdown()
        httpd.server_close()
        aws.stop()
