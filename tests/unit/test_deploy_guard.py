"""`make deploy` stops with a clear message, before changing anything, where it cannot deploy."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _deploy(tmp_path: Path, aws_script: str | None) -> subprocess.CompletedProcess[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    if aws_script is not None:
        fake = bin_dir / "aws"
        fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n{aws_script}\n')
        fake.chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "STAGE": "prod"}
    return subprocess.run(
        ["bash", str(ROOT / "infra" / "deploy.sh")], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_without_the_aws_cli_it_says_so(tmp_path: Path) -> None:
    result = _deploy(tmp_path, None)
    assert result.returncode == 1
    assert "AWS CLI" in result.stderr


def test_without_credentials_it_stops_before_any_change(tmp_path: Path) -> None:
    result = _deploy(tmp_path, "exit 255")
    assert result.returncode == 1
    assert "no AWS credentials" in result.stderr and "nothing was changed" in result.stderr
    assert (tmp_path / "calls").read_text().split("\n")[0] == "sts get-caller-identity"
    assert len((tmp_path / "calls").read_text().strip().splitlines()) == 1


def test_without_an_artifact_bucket_it_names_the_variable(tmp_path: Path) -> None:
    result = _deploy(tmp_path, "exit 0")
    assert result.returncode == 1
    assert "ARTIFACT_BUCKET" in result.stderr
    assert os.path.exists(tmp_path / "calls")
