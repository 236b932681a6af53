"""The Lambda package as Lambda loads it: only its own files and the runtime's SDK, nothing of .venv.

``make package`` builds out/deployment.zip and unpacks the runtime's boto3/botocore (the version
named in infra/README.md) beside it; here a fresh interpreter without site-packages imports the
app from exactly those two folders, and sends a Web Push through pywebpush without aiohttp.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from infra.package import ROOT, ensure_built
from tests.api.push_support import (  # noqa: F401 - fixtures
    Browser,
    FakePushService,
    b64url,
    browser,
    push_service,
    verify_vapid,
)

pytestmark = pytest.mark.xdist_group("package")
LIMIT_ZIPPED = 10_000_000


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    report = ensure_built("prod")
    unpacked = tmp_path_factory.mktemp("task")
    with zipfile.ZipFile(ROOT / "out" / "deployment.zip") as zf:
        zf.extractall(unpacked)
    return {**report, "task": unpacked, "sdk": ROOT / "out" / "runtime-sdk"}


def _run_in_lambda_layout(package: dict[str, Any], code: str, env: dict[str, str] | None = None) -> str:
    """Run ``code`` in an interpreter that sees the task folder and the runtime SDK only (python -S)."""
    prelude = f"import sys; sys.path[:0] = [{str(package['task'])!r}, {str(package['sdk'])!r}]\n"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("VAPID", "PYTHON"))}
    result = subprocess.run(
        [sys.executable, "-S", "-c", prelude + code],
        env={
            **clean,
            "PYTHONDONTWRITEBYTECODE": "1",
            "STAGE": "prod",
            "AWS_DEFAULT_REGION": "eu-central-1",
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_package_is_at_most_10_mb_zipped_without_the_runtime_sdk_or_the_chalice_cli(
    package: dict[str, Any],
) -> None:
    assert package["package"]["zipped"] <= LIMIT_ZIPPED
    tops = {Path(p.name).parts[0] for p in package["task"].iterdir()}
    assert not tops & {"botocore", "boto3", "pip", "setuptools", "yaml", "click", "blessed", "multidict", "yarl"}
    assert [p.name for p in (package["task"] / "aiohttp").iterdir()] == ["__init__.py"]  # the stand-in
    assert {"app.py", "chalice", "chalicelib", "pynamodb", "pywebpush", "cryptography"} <= tops


def test_the_app_and_every_handler_load_from_the_package_and_the_runtime_sdk(package: dict[str, Any]) -> None:
    out = _run_in_lambda_layout(
        package,
        "import json, app, botocore, pynamodb, datetime\n"
        "from chalicelib.booking.rules import calendar\n"
        "assert calendar.holiday_name(datetime.date(2026, 12, 25)) == 'Erster Weihnachtstag'\n"
        "assert calendar.holiday_name(datetime.date(2026, 6, 4)) == 'Fronleichnam'  # NRW, not all of Germany\n"
        "import os; assert os.path.exists(sys.modules['chalicelib.booking.rules.calendar'].__spec__.cached)\n"
        "handlers = [s.handler_string for s in app.app.event_sources]\n"
        "assert all(callable(getattr(app, h.split('.')[1])) for h in handlers)\n"
        "print(json.dumps({'botocore': botocore.__file__, 'pynamodb': pynamodb.__file__, 'n': len(handlers)}))\n",
    )
    found = json.loads(out)
    assert found["botocore"].startswith(str(package["sdk"]))
    assert found["pynamodb"].startswith(str(package["task"]))
    assert found["n"] >= 1


def test_a_push_is_sent_from_the_package_without_aiohttp(
    package: dict[str, Any],
    push_service: FakePushService,  # noqa: F811 - the fixture imported above
    browser: Browser,  # noqa: F811
) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = ec.generate_private_key(ec.SECP256R1())
    env = {
        "VAPID_PRIVATE_KEY": b64url(key.private_numbers().private_value.to_bytes(32, "big")),
        "VAPID_PUBLIC_KEY": b64url(key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)),
        "VAPID_SUBJECT": "mailto:push@stadt-willich.example",
    }
    code = (
        "import json, aiohttp\n"
        "from chalicelib.platform.aws import push\n"
        "push.ALLOW_INSECURE_LOOPBACK = True\n"
        f"result = push.send(json.loads({json.dumps(json.dumps(browser.subscription))}), {{'title': 'Abholbereit'}})\n"
        "print(json.dumps({'outcome': result.outcome, 'stub': aiohttp.__doc__.startswith('Stand-in')}))\n"
    )
    found = json.loads(_run_in_lambda_layout(package, code, env))
    assert found == {"outcome": "sent", "stub": True}
    (message,) = push_service.received
    assert browser.decrypt(message["body"]) == {"title": "Abholbereit"}
    assert verify_vapid(message, push_service)["sub"] == "mailto:push@stadt-willich.example"
