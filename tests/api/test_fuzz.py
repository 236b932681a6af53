"""Fuzzes every API operation from the served OpenAPI document: bad input never yields a 5xx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import LiveStack

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


@pytest.mark.concurrency  # shares the live stack with the other live tests
def test_no_operation_answers_a_server_error(live_stack: LiveStack, tmp_path: Path) -> None:
    # No credentials: staff routes must refuse cleanly (401), public ones must validate their input.
    result = subprocess.run(
        [
            str(SCHEMATHESIS),
            "run",
            f"{live_stack.base_url}/api/openapi.json",
            "--url",
            live_stack.base_url,
            "--checks",
            "not_a_server_error",
            "--max-examples",
            "15",
            "--phases",
            "examples,coverage,fuzzing",
            "--suppress-health-check",
            "all",
            "--no-color",
            "--report-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=480,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
