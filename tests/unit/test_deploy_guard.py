"""`make deploy` stops with a clear message, before changing anything, where it cannot deploy."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _deploy(tmp_path: Path, aws_script: str | None, **extra: str) -> subprocess.CompletedProcess[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    calls = tmp_path / "calls"
    if aws_script is not None:
        fake = bin_dir / "aws"
        fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n{aws_script}\n')
        fake.chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "STAGE": "prod", **extra}
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


def _built_for(tmp_path: Path, runtime: str) -> str:
    """A package directory as make package leaves it, its functions on ``runtime``."""
    out = tmp_path / "out"
    out.mkdir()
    functions = {
        name: {"Type": "AWS::Serverless::Function", "Properties": {"Runtime": runtime, "Handler": "app.app"}}
        for name in ("APIHandler", "PurgeExpired")
    }
    (out / "sam.json").write_text(json.dumps({"Resources": functions}, indent=2))
    (out / "waf.json").write_text("{}")
    return str(out)


# The fake CLI answers everything but the SSM parameter: a deploy that passes the runtime check stops there.
NO_SECRET_YET = 'case "$1" in ssm) exit 255;; *) exit 0;; esac'


def test_a_package_on_an_amazon_linux_2_runtime_is_not_deployed_unless_asked_for(tmp_path: Path) -> None:
    out = _built_for(tmp_path, "python3.11")
    result = _deploy(tmp_path, NO_SECRET_YET, OUT=out, ARTIFACT_BUCKET="bucket")
    assert result.returncode == 1
    assert "built for python3.11" in result.stderr and "PYTHON=python3.13" in result.stderr
    assert "Nothing was changed" in result.stderr
    assert (tmp_path / "calls").read_text().splitlines() == ["sts get-caller-identity"]

    asked = _deploy(tmp_path, NO_SECRET_YET, OUT=out, ARTIFACT_BUCKET="bucket", ALLOW_RUNTIME="python3.11")
    assert "app-secret is missing" in asked.stderr  # past the runtime check, at the next one


def test_a_package_on_python_3_13_passes_the_runtime_check(tmp_path: Path) -> None:
    result = _deploy(tmp_path, NO_SECRET_YET, OUT=_built_for(tmp_path, "python3.13"), ARTIFACT_BUCKET="bucket")
    assert result.returncode == 1
    assert "app-secret is missing" in result.stderr and "built for" not in result.stderr
