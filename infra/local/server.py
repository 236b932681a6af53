"""`make run`: the whole platform on one origin — API, citizen PWA, staff console, embedded AWS.

python -m infra.local.server [--port 8000] [--host 127.0.0.1] [--town towns/willich.toml]
"""

from __future__ import annotations

import argparse
import errno
import mimetypes
import os
import signal
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from infra.assets import served
from infra.local.embedded_db import EmbeddedAws
from infra.local.stack import DEFAULT_TOWN, ROOT, bootstrap, configure_environment

PWA = ROOT / "pwa"
# Files as written instead of minified (``--plain-assets``), for reading them in the browser.
PLAIN_ASSETS = False
mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")


class _ThreadLocal:
    """A data descriptor that keeps one value per thread (Chalice keeps the request on the app)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        return getattr(self._local, "value", None)

    def __set__(self, obj: Any, value: Any) -> None:
        self._local.value = value


def thread_safe(app: Any) -> Any:
    """Lambda runs one request per instance; this server runs many per process, so give each
    thread its own ``current_request`` instead of serialising all API calls."""
    app.__class__ = type(
        "ThreadLocalChalice", (app.__class__,), {"current_request": _ThreadLocal(), "lambda_context": _ThreadLocal()}
    )
    return app


def static_path(url_path: str) -> tuple[Path, bool] | None:
    """The file for a URL path, and whether it is the app shell served for a client-side route."""
    rel = url_path.lstrip("/")
    candidate = (PWA / rel).resolve()
    if PWA.resolve() not in candidate.parents and candidate != PWA.resolve():
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate, False
    if "." in Path(rel).name:  # a missing asset is a 404, not the shell
        return None
    shell = PWA / "console" / "index.html" if rel.startswith("console") else PWA / "index.html"
    return (shell, True) if shell.is_file() else None


def make_handler(gateway: Any) -> type[BaseHTTPRequestHandler]:
    from chalicelib.platform.headers import SECURITY_HEADERS

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "buergerservice-local"
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the API logs structured lines itself; static hits are noise, and IPs stay out of logs

        def _send(self, status: int, headers: dict[str, Any], body: bytes) -> None:
            self.send_response(status)
            for name, value in SECURITY_HEADERS.items():
                if name.lower() not in {h.lower() for h in headers}:
                    self.send_header(name, value)
            for name, value in headers.items():
                for one in value if isinstance(value, list) else [value]:
                    self.send_header(name, str(one))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _api(self) -> None:
            from chalice.local import LocalGatewayException

            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else None
            headers = dict(self.headers.items())
            try:
                response = gateway.handle_request(method=self.command, path=self.path, headers=headers, body=body)
            except LocalGatewayException as exc:
                # API Gateway answers unknown routes with 403 "Missing Authentication Token";
                # say what it is instead.
                payload = b'{"error":{"code":"not_found","message":"There is no such API endpoint."}}'
                self._send(404 if exc.CODE == 403 else exc.CODE, {"Content-Type": "application/json"}, payload)
                return
            headers_out: dict[str, Any] = dict(response["headers"])
            headers_out.update(response.get("multiValueHeaders") or {})
            raw = response.get("body") or b""
            if response.get("isBase64Encoded"):
                import base64

                raw = base64.b64decode(raw)
            self._send(response["statusCode"], headers_out, raw.encode() if isinstance(raw, str) else raw)

        def _static(self) -> None:
            found = static_path(urlsplit(self.path).path)
            if found is None:
                self._send(404, {"Content-Type": "text/plain; charset=utf-8"}, b"Nicht gefunden / Not found")
                return
            path, _ = found
            ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/json", "application/manifest+json"):
                ctype += "; charset=utf-8"
            # The service worker decides what is fresh; the browser should always ask us.
            cache = "no-cache"
            body = path.read_bytes() if PLAIN_ASSETS else served(path)
            self._send(200, {"Content-Type": ctype, "Cache-Control": cache}, body)

        def _dispatch(self) -> None:
            if self.path.startswith("/api/") or self.path == "/api":
                self._api()
            elif self.command in ("GET", "HEAD"):
                self._static()
            else:
                self._send(405, {"Content-Type": "text/plain; charset=utf-8", "Allow": "GET, HEAD"}, b"")

        def __getattr__(self, name: str) -> Any:
            # Every HTTP method reaches the dispatcher, so an odd one gets a 405, not a 501.
            if name.startswith("do_"):
                return self._dispatch
            raise AttributeError(name)

    return Handler


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False
    # Bursts of concurrent clients (the booking and the queue race tests) wait instead of being reset.
    request_queue_size = 512


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def start(host: str, port: int, town_file: Path, quiet: bool = False) -> tuple[Server, EmbeddedAws, dict[str, Any]]:
    aws = EmbeddedAws().start()
    base_url = f"http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}"
    dynamodb = os.environ.get("DYNAMODB_ENDPOINT") or aws.url
    configure_environment(dynamodb, aws.url, base_url)
    try:
        httpd = Server((host, port), make_handler(None))
    except OSError as exc:
        aws.stop()
        if exc.errno == errno.EADDRINUSE:
            raise SystemExit(
                f"Port {port} is already in use — is the platform already running? "
                f"Stop it, or start on another port: make run PORT={port + 1}"
            ) from None
        raise
    info = bootstrap(town_file)
    from chalice.config import Config
    from chalice.local import LocalGateway

    from app import app

    httpd.RequestHandlerClass = make_handler(LocalGateway(thread_safe(app), Config()))
    info.update({"base_url": base_url, "dynamodb": dynamodb, "ses": aws.url, "embedded": dynamodb == aws.url})
    return httpd, aws, info


RUNTIME = ROOT / ".local" / "runtime.json"


def start_clock(moment: str) -> None:
    """Move this process's clock (API, jobs and embedded database alike) to ``moment``; it keeps ticking.

    The browser tests start the stack this way so that they mean the same on any real day.
    """
    from datetime import datetime

    import time_machine  # a development dependency: only a stack started with --clock needs it

    when = datetime.fromisoformat(moment)
    if when.tzinfo is None:
        raise SystemExit("--clock needs a UTC offset, e.g. 2026-12-31T23:30:00+01:00")
    time_machine.travel(when, tick=True).start()


def write_runtime(values: dict[str, Any]) -> None:
    """Where `make jobs` finds this stack's in-memory database."""
    import json

    RUNTIME.parent.mkdir(exist_ok=True)
    RUNTIME.write_text(json.dumps(values))


def clear_runtime() -> None:
    import json

    try:
        if json.loads(RUNTIME.read_text()).get("pid") == os.getpid():
            RUNTIME.unlink()
    except (OSError, ValueError):
        pass


def documents_lines(info: dict[str, Any], url: str) -> list[str]:
    ready = ((info.get("demo") or {}).get("documents") or {}).get("orders", {}).get("ready") or []
    if not ready:
        return []
    return [f"  Document demo    {url}/dokumente/{ready[0].replace('-', '')}   (ready; more in the console)", ""]


def banner(info: dict[str, Any]) -> str:
    db = (
        "embedded DynamoDB (moto, in memory — everything is gone when you stop)"
        if info["embedded"]
        else f"DynamoDB at {info['dynamodb']}"
    )
    url = info["base_url"]
    return "\n".join(
        [
            "",
            f"  Bürgerservice for {info['town']} is running.",
            "",
            f"  Citizen app      {url}/",
            f"  Staff console    {url}/console/",
            f"  API              {url}/api/health   (OpenAPI: {url}/api/openapi.json)",
            f"  Database         {db}",
            "",
            *documents_lines(info, url),
            f"  Console login    user: {info['admin_user']}   password: {info['admin_password'] or '(unchanged)'}",
            "                   (generated for this start; not stored anywhere)",
            "",
            "  Press Ctrl-C to stop.",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--town", type=Path, default=Path(os.environ.get("TOWN", DEFAULT_TOWN)))
    parser.add_argument("--no-runtime-file", action="store_true", help="do not announce this stack to `make jobs`")
    parser.add_argument(
        "--clock",
        metavar="ISO-8601",
        help="start the stack's clock at this moment (with its UTC offset) and let it run on from there;"
        " for trying a given day, e.g. 2026-12-31T23:30:00+01:00",
    )
    parser.add_argument("--plain-assets", action="store_true", help="serve scripts and styles as written, not minified")
    args = parser.parse_args(argv)
    if args.plain_assets:
        global PLAIN_ASSETS
        PLAIN_ASSETS = True
    if args.clock:
        start_clock(args.clock)
    if port_in_use(args.host if args.host != "0.0.0.0" else "127.0.0.1", args.port):
        print(
            f"Port {args.port} is already in use — is the platform already running? "
            f"Stop it, or start on another port: make run PORT={args.port + 1}",
            file=sys.stderr,
        )
        return 1
    httpd, aws, info = start(args.host, args.port, args.town)
    if not args.no_runtime_file:
        write_runtime({k: info[k] for k in ("base_url", "dynamodb", "ses")} | {"pid": os.getpid()})
    print(banner(info), flush=True)

    def stop(*_: Any) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)  # also when started in the background, where SIGINT starts ignored
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        print("\n  Stopping …", flush=True)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        httpd.server_close()
        aws.stop()
        clear_runtime()
    print("  Stopped. The in-memory data is gone.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
