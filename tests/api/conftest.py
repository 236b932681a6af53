"""Every job run in these tests holds to its declared permissions (infra/permissions.py).

While a job runs, the AWS calls it makes are recorded: the tables it reads or writes, the mail it
sends, the secrets it reads. A job that uses more than its line grants fails the test that ran it,
because in AWS its role would refuse the call.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

READS = {"GetItem", "BatchGetItem", "Query", "Scan", "DescribeTable", "ConditionCheck", "Get"}
PURGES = {"Scan", "DeleteItem"}
MAIL = {"SendRawEmail"}  # what the role policies grant (infra/permissions.py)


def _tables(operation: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    """(table, operation) for each table a call touches; a transaction's items by their kind."""
    names = [(params["TableName"], operation)] if "TableName" in params else []
    names += [(table, operation) for table in params.get("RequestItems") or {}]
    names += [(op["TableName"], kind) for item in params.get("TransactItems") or [] for kind, op in item.items()]
    return names


def _refusal(job: str, service: str, operation: str, params: dict[str, Any]) -> str | None:
    from chalicelib.platform.settings import get_settings
    from infra.permissions import EVERY_TABLE, PURGE, READ, grants

    declared = grants(job)
    if service == "ses":
        if operation not in MAIL:
            return f"calls ses:{operation}, which no role may call"
        return None if declared.mail else "sends mail"
    if service != "dynamodb":
        return f"calls {service}:{operation}"
    prefix = get_settings().table_prefix
    for table, kind in _tables(operation, params):
        short = table.removeprefix(prefix)
        level = declared.tables.get(short) or declared.tables.get(EVERY_TABLE)
        if level is None:
            return f"uses the table {short!r}"
        if (level == READ and kind not in READS) or (level == PURGE and kind not in PURGES):
            return f"calls {kind} on the table {short!r}, declared {level}"
    return None


@pytest.fixture(autouse=True)
def jobs_keep_to_their_permissions(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import botocore.client

    from chalicelib.platform import jobs
    from chalicelib.platform.aws import keyring, push
    from infra.permissions import KEYRING, VAPID_KEY, grants

    running: list[str] = []
    refused: list[str] = []

    def check(what: str) -> None:
        if running and what:
            refused.append(f"The job {running[-1]!r} {what}: grant it in infra/permissions.py or avoid the call.")

    call = botocore.client.BaseClient._make_api_call

    def recorded_call(client: Any, operation: str, params: dict[str, Any]) -> Any:
        if running:
            check(_refusal(running[-1], client.meta.service_model.service_name, operation, params) or "")
        return call(client, operation, params)

    def needs(parameter: str, original: Any) -> Any:
        def read(*args: Any, **kwargs: Any) -> Any:
            if running and parameter not in grants(running[-1]).parameters:
                check(f"reads the SSM parameter {parameter}")
            return original(*args, **kwargs)

        return read

    run = jobs.run

    def recorded_run(name: str) -> dict[str, Any]:
        running.append(name)
        try:
            return run(name)
        finally:
            running.pop()

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recorded_call)
    monkeypatch.setattr(keyring, "derived_key", needs(KEYRING, keyring.derived_key))
    monkeypatch.setattr(push, "private_key", needs(VAPID_KEY, push.private_key))
    monkeypatch.setattr(jobs, "run", recorded_run)
    yield
    assert not refused, "\n".join(dict.fromkeys(refused))
