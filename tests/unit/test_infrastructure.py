"""The deployment template: every table as the models declare it, TTL on, one origin for PWA and API."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.platform.headers import SECURITY_HEADERS


@pytest.fixture
def template(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    from chalicelib.platform.settings import get_settings
    from infra.template import build

    monkeypatch.setenv("TABLE_PREFIX", "buergerservice-prod-")
    get_settings.cache_clear()
    yield build("prod")
    get_settings.cache_clear()


def _tables(template: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in template["Resources"].items() if v.get("Type") == "AWS::DynamoDB::Table"}


def test_every_model_has_a_table_with_ttl_on_expires_at(template: dict[str, Any]) -> None:
    from chalicelib.platform.aws.db import all_models

    tables = _tables(template)
    names = {t["Properties"]["TableName"] for t in tables.values()}
    assert names == {f"buergerservice-prod-{m.table}" for m in all_models()}
    for table in tables.values():
        props = table["Properties"]
        assert props["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
        assert props["BillingMode"] == "PAY_PER_REQUEST"
        assert table["DeletionPolicy"] == "Retain"


def test_table_keys_match_the_models(template: dict[str, Any]) -> None:
    from chalicelib.platform.aws.db import all_models

    tables = {t["Properties"]["TableName"]: t["Properties"] for t in _tables(template).values()}
    for model in all_models():
        props = tables[f"buergerservice-prod-{model.table}"]
        hash_key = next(k["AttributeName"] for k in props["KeySchema"] if k["KeyType"] == "HASH")
        assert hash_key == model._hash_key_attribute().attr_name


def test_api_is_served_under_the_same_origin_uncached(template: dict[str, Any]) -> None:
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    api = next(b for b in config["CacheBehaviors"] if b["PathPattern"] == "/api/*")
    assert api["TargetOriginId"] == "api"
    assert api["CachePolicyId"] == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # CachingDisabled
    assert "POST" in api["AllowedMethods"]


def test_the_cdn_sends_the_same_content_security_policy_as_the_api(template: dict[str, Any]) -> None:
    policy = template["Resources"]["SecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]
    csp = policy["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    assert csp == SECURITY_HEADERS["Content-Security-Policy"]
    custom = {i["Header"] for i in policy["CustomHeadersConfig"]["Items"]}
    assert "Permissions-Policy" in custom


def test_the_bucket_is_private(template: dict[str, Any]) -> None:
    block = template["Resources"]["PwaBucket"]["Properties"]["PublicAccessBlockConfiguration"]
    assert all(block.values())


def test_the_service_worker_and_app_shell_entry_points_are_never_cached_at_the_edge(template: dict[str, Any]) -> None:
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    uncached = {b["PathPattern"] for b in config["CacheBehaviors"] if b["CachePolicyId"].startswith("4135ea2d")}
    assert {"/sw.js", "/index.html", "/i18n/*"} <= uncached


def test_raffle_entries_are_not_kept_in_point_in_time_backups(template: dict[str, Any]) -> None:
    # The town promises deletion within 7 days of the publication end; 35-day backups would break that.
    tables = {t["Properties"]["TableName"]: t["Properties"] for t in _tables(template).values()}
    raffle = tables["buergerservice-prod-raffle_entries"]
    assert raffle["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is False
    assert tables["buergerservice-prod-bookings"]["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"]
