"""Embedded AWS endpoint (DynamoDB, SES) for the local stack: moto's server, in-process.

Served single-threaded on purpose: requests are handled one at a time, so conditional
writes and transactions are atomic the way DynamoDB makes them, even under concurrent load.
"""

from __future__ import annotations

import threading
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server


class EmbeddedAws:
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        import logging

        from moto.server import DomainDispatcherApplication, create_backend_app

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per DB call is noise

        self._server: BaseWSGIServer = make_server(
            host, port, DomainDispatcherApplication(create_backend_app), threaded=False
        )
        # Bursts of hundreds of concurrent API requests (the queue's race test) open as many
        # connections at once: queue them rather than reset them (werkzeug listens with 128).
        self._server.socket.listen(1024)
        self._thread = threading.Thread(target=self._server.serve_forever, name="embedded-aws", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self._server.host}:{self._server.port}"

    def start(self) -> EmbeddedAws:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> EmbeddedAws:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
