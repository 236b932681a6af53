"""The Lambda package: its size, and the cold-start import cost with only its own files and the runtime's SDK.

The package is unpacked afresh and imported by an interpreter without site-packages that may
not write bytecode, as on Lambda (the task folder is read-only): what a cold start pays, with
the bytecode the package carries.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from bench.table import print_table

RUNS = 7
LIMIT_ZIPPED = 10_000_000


def _import_ms(task: Path, sdk: Path, statement: str) -> float:
    code = (
        f"import sys; sys.path[:0] = [{str(task)!r}, {str(sdk)!r}]\n"
        f"import time; t = time.perf_counter(); {statement}; print((time.perf_counter() - t) * 1000)"
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "STAGE": "prod", "AWS_DEFAULT_REGION": "eu-central-1"}
    samples = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-S", "-c", code], env=env, capture_output=True, text=True, check=True)
        samples.append(float(out.stdout.strip()))
    return statistics.median(samples)


def _mb(n: object) -> str:
    return f"{int(n) / 1e6:.1f} MB"  # type: ignore[call-overload]


def report() -> list[str]:
    from infra.package import ROOT, ensure_built

    built = ensure_built("prod")
    full, pkg = built["chalice"], built["package"]
    assert isinstance(full, dict) and isinstance(pkg, dict)
    print_table(
        ["zip", "zipped", "unzipped", "target"],
        [
            ["as Chalice builds it from requirements.txt", _mb(full["zipped"]), _mb(full["unzipped"]), "—"],
            [
                "deployed (runtime SDK, aiohttp, other countries left out; bytecode in)",
                _mb(pkg["zipped"]),
                _mb(pkg["unzipped"]),
                "≤ 10 MB zipped",
            ],
        ],
    )
    print(f"\nleft out: {', '.join(built['dropped'])}; tested against the runtime's {', '.join(built['runtime_sdk'])}")  # type: ignore[arg-type]
    print(f"bytecode included for the {built.get('compiled_modules')} modules a request can load")
    sdk = ROOT / "out" / "runtime-sdk"
    with tempfile.TemporaryDirectory() as tmp:
        task = Path(tmp)
        with zipfile.ZipFile(ROOT / "out" / "deployment.zip") as zf:
            zf.extractall(task)
        rows = [
            ["import app (the handler module)", _import_ms(task, sdk, "import app")],
            [
                "… and what a first availability request loads (booking modules, NRW holidays)",
                _import_ms(
                    task,
                    sdk,
                    "import app, datetime, chalicelib.booking.api.citizen, chalicelib.booking.availability; "
                    "from chalicelib.booking.rules import calendar; calendar.holiday_name(datetime.date(2026, 12, 25))",
                ),
            ],
            ["import app, then botocore.session", _import_ms(task, sdk, "import app; import botocore.session")],
            [
                "… and a DynamoDB client (a first query's setup)",
                _import_ms(
                    task,
                    sdk,
                    "import app, boto3; boto3.client('dynamodb', region_name='eu-central-1', "
                    "aws_access_key_id='x', aws_secret_access_key='x')",
                ),
            ],
        ]
    print()
    print_table(
        ["cold start, package layout (read-only, as on Lambda)", "median ms"], [[r[0], f"{r[1]:.0f}"] for r in rows]
    )
    return [] if int(pkg["zipped"]) <= LIMIT_ZIPPED else [f"package {_mb(pkg['zipped'])} zipped > 10 MB"]
