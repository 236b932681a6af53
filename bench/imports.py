"""Cold-start cost: importing the Lambda's `app` module, next to importing botocore alone."""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

from bench.table import print_table

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7
TARGET_EXTRA_MS = 60.0


def _import_ms(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print((time.perf_counter() - t) * 1000)"
    samples = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        samples.append(float(out.stdout.strip()))
    return statistics.median(samples)


def report() -> list[str]:
    # warm the bytecode caches so both sides are measured the same way
    _import_ms("app")
    botocore_ms = _import_ms("botocore")
    app_ms = _import_ms("app")
    full_ms = _import_ms("botocore.session")
    extra = app_ms - botocore_ms
    print_table(
        ["import", "median ms", "vs botocore"],
        [
            ["botocore", f"{botocore_ms:.1f}", "1.00×"],
            ["app (Lambda handler module)", f"{app_ms:.1f}", f"{app_ms / botocore_ms:.2f}×"],
            ["botocore.session (what a first DynamoDB call pays)", f"{full_ms:.1f}", f"{full_ms / botocore_ms:.2f}×"],
        ],
    )
    print(f"\napp costs {extra:+.1f} ms over botocore (target: at most +{TARGET_EXTRA_MS:.0f} ms)")
    return [] if extra <= TARGET_EXTRA_MS else [f"import app costs {extra:.1f} ms more than botocore"]
