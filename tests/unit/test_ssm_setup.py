"""`python -m infra.ssm_setup`: a stage's secrets go into SSM once, never to the output."""

from __future__ import annotations

import pytest


def test_the_stage_keys_are_created_once_and_never_printed(capsys: pytest.CaptureFixture[str]) -> None:
    import boto3
    from moto import mock_aws

    from infra import ssm_setup

    with mock_aws():
        assert ssm_setup.main(["--stage", "dev", "--region", "eu-central-1"]) == 0
        ssm = boto3.client("ssm", region_name="eu-central-1")
        values = {
            p["Name"]: (p["Type"], p["Value"])
            for p in ssm.get_parameters_by_path(Path="/buergerservice/dev", WithDecryption=True)["Parameters"]
        }
        assert {name: kind for name, (kind, _) in values.items()} == {
            "/buergerservice/dev/app-secret": "SecureString",
            "/buergerservice/dev/vapid-private-key": "SecureString",
            "/buergerservice/dev/vapid-public-key": "String",
        }
        first = capsys.readouterr().out
        assert not [v for _, v in values.values() if v in first]
        assert ssm_setup.main(["--stage", "dev", "--region", "eu-central-1"]) == 0
        again = {
            p["Name"]: p["Value"]
            for p in ssm.get_parameters_by_path(Path="/buergerservice/dev", WithDecryption=True)["Parameters"]
        }
        assert again == {name: value for name, (_, value) in values.items()}
        assert capsys.readouterr().out.count("left as it is") == 3
