"""Small helpers the template modules share: a stage's configured setting, a log group with its retention,
and the command line that prints one."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def configured(stage: str, name: str) -> str:
    """A stage's environment variable as .chalice/config.json sets it."""
    config = json.loads((Path(__file__).resolve().parent.parent / ".chalice" / "config.json").read_text())
    return str(config["stages"][stage]["environment_variables"][name])


def log_group(name: Any, days: int, why: str) -> dict[str, Any]:
    """A CloudWatch log group kept ``days`` days; ``why`` says why not longer (checkov wants a year)."""
    return {
        "Type": "AWS::Logs::LogGroup",
        "DeletionPolicy": "Delete",
        "UpdateReplacePolicy": "Delete",
        "Metadata": {
            "checkov": {
                "skip": [
                    {"id": "CKV_AWS_158", "comment": "CloudWatch Logs encrypts at rest; no customer key needed."},
                    {"id": "CKV_AWS_338", "comment": why},
                ]
            }
        },
        "Properties": {"LogGroupName": name, "RetentionInDays": days},
    }


def print_template(build: Callable[[str], dict[str, Any]], doc: str | None, argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--stage", default="dev", choices=["dev", "prod"])
    args = parser.parse_args(argv)
    json.dump(build(args.stage), sys.stdout, indent=2)
    print()
    return 0
