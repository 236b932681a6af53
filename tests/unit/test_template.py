"""The packaged template as CloudFormation receives it (out/sam.json after `chalice package --merge-template`).

Built by ``make package`` (reused here while no input changed). Every table, schedule and public
write route is read from the models and the app, so tables and jobs added later are held to
the same rules.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from infra.functions import expression
from infra.package import ensure_built
from infra.site import CACHING_DISABLED, TLS_POLICY

pytestmark = pytest.mark.xdist_group("package")


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    from infra.package import ROOT

    ensure_built("prod")
    return json.loads((ROOT / "out" / "sam.json").read_text())


def _of_type(template: dict[str, Any], kind: str) -> dict[str, Any]:
    return {k: v for k, v in template["Resources"].items() if v["Type"] == kind}


def _jobs() -> list[Any]:
    from app import app

    return [s for s in app.event_sources if getattr(s, "schedule_expression", None)]


def test_every_table_lists_its_hash_key_first_in_every_key_schema(template: dict[str, Any]) -> None:
    for name, table in _of_type(template, "AWS::DynamoDB::Table").items():
        props = table["Properties"]
        schemas = [props["KeySchema"]] + [g["KeySchema"] for g in props.get("GlobalSecondaryIndexes", [])]
        defined = {a["AttributeName"] for a in props["AttributeDefinitions"]}
        for schema in schemas:
            assert [k["KeyType"] for k in schema] in (["HASH"], ["HASH", "RANGE"]), name
            assert {k["AttributeName"] for k in schema} <= defined, name


def test_every_model_has_a_retained_table_with_ttl(template: dict[str, Any]) -> None:
    from chalicelib.platform.aws.db import all_models

    tables = {t["Properties"]["TableName"]: t for t in _of_type(template, "AWS::DynamoDB::Table").values()}
    assert set(tables) == {f"buergerservice-prod-{m.table}" for m in all_models()}
    for model in all_models():
        table = tables[f"buergerservice-prod-{model.table}"]
        assert table["DeletionPolicy"] == table["UpdateReplacePolicy"] == "Retain"
        props = table["Properties"]
        assert props["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
        pitr = props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"]
        assert pitr is model.point_in_time_recovery


def test_every_model_in_chalicelib_is_listed_in_the_store_modules_and_has_a_table(template: dict[str, Any]) -> None:
    # A model missing from db.STORE_MODULES would get its table only when something happened to import it first.
    import importlib
    import pkgutil

    import chalicelib
    from chalicelib.platform.aws import db

    for module in pkgutil.walk_packages(chalicelib.__path__, "chalicelib."):
        importlib.import_module(module.name)
    assert {m.__module__ for m in db._models} <= set(db.STORE_MODULES)
    defined = {m.table for m in db._models}
    tables = {t["Properties"]["TableName"] for t in _of_type(template, "AWS::DynamoDB::Table").values()}
    assert tables == {f"buergerservice-prod-{name}" for name in defined}


def test_no_bucket_is_public_and_the_pwa_is_read_only_by_the_distribution(template: dict[str, Any]) -> None:
    for bucket in _of_type(template, "AWS::S3::Bucket").values():
        assert all(bucket["Properties"]["PublicAccessBlockConfiguration"].values())
    policy = template["Resources"]["PwaBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    allows = [s for s in policy if s["Effect"] == "Allow"]
    assert [s["Principal"] for s in allows] == [{"Service": "cloudfront.amazonaws.com"}]
    assert "AWS:SourceArn" in allows[0]["Condition"]["StringEquals"]


def test_one_distribution_serves_the_pwa_and_the_api_behind_the_waf(template: dict[str, Any]) -> None:
    (config,) = [
        d["Properties"]["DistributionConfig"] for d in _of_type(template, "AWS::CloudFront::Distribution").values()
    ]
    origins = {o["Id"]: o for o in config["Origins"]}
    assert set(origins) == {"pwa", "api"}
    assert "RestAPI" in origins["api"]["DomainName"]["Fn::Sub"]
    api = next(b for b in config["CacheBehaviors"] if b["PathPattern"] == "/api/*")
    assert api["TargetOriginId"] == "api" and api["CachePolicyId"] == CACHING_DISABLED
    assert config["WebACLId"] == {"Ref": "WebAclArn"}
    assert template["Parameters"]["WebAclArn"]["AllowedPattern"].startswith("^arn:aws:wafv2:us-east-1:")
    assert config["HttpVersion"] == "http2and3"
    assert all(b["Compress"] for b in [config["DefaultCacheBehavior"], *config["CacheBehaviors"]])
    assert config["Logging"]["Bucket"] == {"Fn::GetAtt": ["LogBucket", "RegionalDomainName"]}


def test_the_own_domain_is_served_with_tls_1_2_2021(template: dict[str, Any]) -> None:
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    condition, own, default = config["ViewerCertificate"]["Fn::If"]
    assert condition == "HasDomain"
    assert own["MinimumProtocolVersion"] == TLS_POLICY == "TLSv1.2_2021"
    assert own["SslSupportMethod"] == "sni-only"
    assert default == {"CloudFrontDefaultCertificate": True}  # AWS fixes the protocol on *.cloudfront.net


def test_the_shell_entries_and_the_service_worker_are_never_cached_at_the_edge(template: dict[str, Any]) -> None:
    config = template["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    uncached = {b["PathPattern"] for b in config["CacheBehaviors"] if b["CachePolicyId"] == CACHING_DISABLED}
    assert {"/sw.js", "/index.html", "/console/index.html", "/i18n/*", "/api/*"} <= uncached


def _statements(template: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for resource in template["Resources"].values():
        props = resource.get("Properties", {})
        if resource["Type"] == "AWS::IAM::Role":
            found += [s for p in props.get("Policies", []) for s in p["PolicyDocument"]["Statement"]]
        if resource["Type"] == "AWS::IAM::Policy":
            found += props["PolicyDocument"]["Statement"]
    return found


def test_no_iam_statement_allows_every_action_or_every_resource(template: dict[str, Any]) -> None:
    statements = [s for s in _statements(template) if s["Effect"] == "Allow" and s.get("Action") != "sts:AssumeRole"]
    assert statements
    for statement in statements:
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
        assert not [a for a in actions if "*" in a], statement
        # the stack's own resources by reference; the one wildcard left is "any index of this table"
        written = [json.dumps(r) for r in resources]
        assert not [r for r in written if "*" in r.replace(".Arn}/index/*", "")], statement


def _roles(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each function's logical id -> the policy document of its role."""
    functions = _of_type(template, "AWS::Serverless::Function")
    found = {}
    for name, function in functions.items():
        (policy,) = template["Resources"][function["Properties"]["Role"]["Fn::GetAtt"][0]]["Properties"]["Policies"]
        found[name] = policy["PolicyDocument"]
    return found


def _tables_granted(document: dict[str, Any]) -> dict[str, set[str]]:
    """Table resource -> the DynamoDB actions a role's policy allows on it."""
    granted: dict[str, set[str]] = {}
    for statement in document["Statement"]:
        for resource in statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]:
            target = resource.get("Fn::GetAtt", [""])[0]
            if target.startswith("Table"):
                granted.setdefault(target, set()).update(statement["Action"])
    return granted


def test_every_function_has_its_own_role_and_policy(template: dict[str, Any]) -> None:
    functions = _of_type(template, "AWS::Serverless::Function")
    roles = [f["Properties"]["Role"]["Fn::GetAtt"][0] for f in functions.values()]
    assert len(set(roles)) == len(roles) == 1 + len(_jobs())
    for name, document in _roles(template).items():
        (logs,) = [s for s in document["Statement"] if s["Sid"] == "Logs"]
        assert logs["Resource"] == {"Fn::GetAtt": [f"{name}LogGroup", "Arn"]}  # its own log group, nobody else's
        # Chalice's stage-wide policy file is replaced, not added to
        assert not [s for s in document["Statement"] if "InfraPermissions" in s["Sid"]]


def test_a_job_may_touch_only_the_tables_it_declares(template: dict[str, Any]) -> None:
    roles = _roles(template)
    tables = set(_of_type(template, "AWS::DynamoDB::Table"))
    assert set(_tables_granted(roles["RaffleCleanup"])) == {"TableRaffleEntries", "TableSurveys"}
    assert "dynamodb:PutItem" not in _tables_granted(roles["RaffleCleanup"])["TableSurveys"]
    assert "TableBookings" not in _tables_granted(roles["QueueStatistics"])
    assert set(_tables_granted(roles["APIHandler"])) == tables  # it serves every capability and runs jobs on demand
    # the purge finds and deletes expired items everywhere, and can do nothing else
    purge = _tables_granted(roles["PurgeExpired"])
    assert set(purge) == tables
    assert all(actions == {"dynamodb:Scan", "dynamodb:DeleteItem"} for actions in purge.values())


def test_only_functions_that_send_mail_or_push_may_do_so(template: dict[str, Any]) -> None:
    roles = _roles(template)

    def sids(name: str) -> set[str]:
        return {s["Sid"] for s in roles[name]["Statement"]}

    assert {"Mail", "Secrets"} <= sids("APIHandler")
    assert {"Mail", "Secrets"} <= sids("BookingReminders")
    assert not {"Mail", "Secrets"} & (sids("RaffleCleanup") | sids("PurgeExpired") | sids("QueueStatistics"))


def test_every_function_of_the_app_has_its_line_of_permissions() -> None:
    from chalicelib.platform import jobs
    from infra.permissions import API, FUNCTIONS

    missing = {j.name for j in jobs.all_jobs()} - set(FUNCTIONS)
    assert not missing, f"Declare the permissions of {sorted(missing)} in FUNCTIONS in infra/permissions.py"
    assert set(FUNCTIONS) == {API} | {j.name for j in jobs.all_jobs()}, "infra/permissions.py names a job gone"


def test_an_undeclared_function_stops_the_package_with_its_name() -> None:
    from infra.permissions import role_policy
    from infra.tables import table_resources

    with pytest.raises(KeyError, match=r"'new-job' has no permissions declared.*infra/permissions.py"):
        role_policy("new-job", "prod", table_resources("prod"), "NewJobLogGroup", True)


def test_every_function_has_reserved_concurrency_and_a_log_retention(template: dict[str, Any]) -> None:
    functions = _of_type(template, "AWS::Serverless::Function")
    assert len(functions) == 1 + len(_jobs())
    for name, function in functions.items():
        assert function["Properties"]["ReservedConcurrentExecutions"], name
        group = template["Resources"][f"{name}LogGroup"]["Properties"]
        assert group["LogGroupName"] == f"/aws/lambda/{function['Properties']['FunctionName']}"
        assert group["RetentionInDays"] == 90


def test_every_schedule_is_present_with_its_failure_destination_and_alarm(template: dict[str, Any]) -> None:
    functions = _of_type(template, "AWS::Serverless::Function")
    queue = {"Fn::GetAtt": ["JobFailures", "Arn"]}
    roles = _roles(template)
    for job in _jobs():
        props = next(f["Properties"] for f in functions.values() if f["Properties"]["Handler"] == f"app.{job.name}")
        (event,) = props["Events"].values()
        assert event["Type"] == "Schedule"
        assert event["Properties"]["Schedule"] == expression(job.schedule_expression)
        failure = props["EventInvokeConfig"]["DestinationConfig"]["OnFailure"]
        assert failure == {"Type": "SQS", "Destination": queue}
        assert props["ReservedConcurrentExecutions"] == 1
        name = next(n for n, f in functions.items() if f["Properties"] is props)
        may_send = [s for s in roles[name]["Statement"] if s["Action"] == ["sqs:SendMessage"]]
        assert [s["Resource"] for s in may_send] == [queue]  # Lambda sends the failed event with the job's role
    alarms = _of_type(template, "AWS::CloudWatch::Alarm")
    assert {"Api5xx", "JobFailuresWaiting", "APIHandlerThrottles"} <= set(alarms)
    assert all(a["Properties"]["AlarmActions"] == [{"Ref": "Alarms"}] for a in alarms.values())


def test_every_table_has_a_system_error_alarm(template: dict[str, Any]) -> None:
    for name in _of_type(template, "AWS::DynamoDB::Table"):
        metrics = template["Resources"][f"{name}SystemErrors"]["Properties"]["Metrics"]
        assert any(m.get("MetricStat", {}).get("Metric", {}).get("MetricName") == "SystemErrors" for m in metrics)


def test_api_gateway_keeps_access_logs_without_ip_addresses(template: dict[str, Any]) -> None:
    setting = template["Resources"]["RestAPI"]["Properties"]["AccessLogSetting"]
    assert setting["DestinationArn"] == {"Fn::GetAtt": ["ApiAccessLogs", "Arn"]}
    assert "sourceIp" not in setting["Format"] and "$context.path" not in setting["Format"]


def test_the_waf_limits_every_public_write_route_and_the_sign_in() -> None:
    from infra.waf import build, path_regex, public_write_routes

    routes = dict(public_write_routes())
    assert "/api/auth/login" in routes
    assert "/api/public/surveys/{survey_id}/responses" in routes
    assert "/api/booking/bookings" in routes
    assert not [p for p in routes if p.startswith(("/api/admin", "/api/office", "/api/surveys"))]
    acl = build("prod")["Resources"]["WebAcl"]["Properties"]
    assert acl["Scope"] == "CLOUDFRONT"
    statements = [r["Statement"] for r in acl["Rules"]]
    managed = [s["ManagedRuleGroupStatement"]["Name"] for s in statements if "ManagedRuleGroupStatement" in s]
    assert "AWSManagedRulesCommonRuleSet" in managed
    common = next(s["ManagedRuleGroupStatement"] for s in statements if "ManagedRuleGroupStatement" in s)
    # survey definitions and legal texts exceed the common rules' 8 KB body limit: counted, not blocked
    assert common["RuleActionOverrides"] == [{"Name": "SizeRestrictions_BODY", "ActionToUse": {"Count": {}}}]
    limited = set()
    for statement in statements:
        rate = statement.get("RateBasedStatement")
        if rate:
            for part in rate["ScopeDownStatement"]["AndStatement"]["Statements"]:
                if "RegexMatchStatement" in part:
                    limited.add(part["RegexMatchStatement"]["RegexString"])
    assert limited == {path_regex(p) for p in routes}


def test_a_path_parameter_matches_one_path_segment() -> None:
    import re

    from infra.waf import path_regex

    pattern = re.compile(path_regex("/api/public/surveys/{survey_id}/responses"))
    assert pattern.match("/api/public/surveys/buergerservice/responses")
    assert not pattern.match("/api/public/surveys/a/b/responses")
    assert not pattern.match("/api/public/surveys/x/responses/more")


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_each_stage_may_send_mail_only_as_its_configured_sender(stage: str) -> None:
    from infra.package import ROOT
    from infra.permissions import API, role_policy
    from infra.tables import table_resources

    config = json.loads((ROOT / ".chalice" / "config.json").read_text())["stages"][stage]
    sender = config["environment_variables"]["MAIL_FROM"]
    policy = role_policy(API, stage, table_resources(stage), "APIHandlerLogGroup", False)
    (mail,) = [s for s in policy["Statement"] if s["Sid"] == "Mail"]
    assert mail["Condition"] == {"StringEquals": {"ses:FromAddress": sender}}
    arn = "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:"
    assert sorted(r["Fn::Sub"] for r in mail["Resource"]) == sorted(
        [
            f"{arn}identity/{sender}",
            f"{arn}identity/{sender.partition('@')[2]}",
            f"{arn}configuration-set/buergerservice-{stage}",
        ]
    )
    (secrets,) = [s for s in policy["Statement"] if s["Sid"] == "Secrets"]
    assert [r["Fn::Sub"].rpartition(":parameter")[2] for r in secrets["Resource"]] == [
        config["environment_variables"]["SECRET_PARAMETER"],
        config["environment_variables"]["VAPID_PARAMETER"],
    ]
