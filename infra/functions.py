"""What the template adds to the Lambda functions Chalice generates: names, limits, failure targets,
logs, alarms, and each function's own role policy.

The functions are read from the app itself (its API handler and every ``@app.schedule`` that
``app.py`` registered), so a capability's new job gets its reserved concurrency, its on-failure
destination, its log group and its alarms without an edit here; its permissions are its one line
in ``infra/permissions.py``, which replaces the policy Chalice gives every role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from infra.cfn import log_group
from infra.permissions import API as API_GRANTS
from infra.permissions import role_policy

API = "APIHandler"
API_ROLE = "ApiHandlerRole"
API_CONCURRENCY = 50  # a flood of requests stops here instead of at the bill
JOB_CONCURRENCY = 1  # a job never overlaps itself: a slow run delays the next instead of racing it
JOB_RETRIES = 2
LOG_RETENTION_DAYS = 90  # the functions log no personal data; three months cover any incident review
ACCESS_LOG_FORMAT = (
    '{"requestId":"$context.requestId","time":"$context.requestTime","method":"$context.httpMethod",'
    '"route":"$context.resourcePath","status":"$context.status","latencyMs":"$context.responseLatency",'
    '"bytes":"$context.responseLength"}'
)  # the route's template, never its path (booking codes) nor the caller's IP address
DYNAMODB_WRITES = ("PutItem", "UpdateItem", "TransactWriteItems")
FUNCTION_SKIPS = [
    {
        "id": "CKV_AWS_117",
        "comment": "Reaches only DynamoDB, SES and SSM (IAM-signed, TLS) and the browsers' public push services; "
        "a VPC would add NAT gateways and protect nothing the function holds.",
    },
    {
        "id": "CKV_AWS_173",
        "comment": "Its environment holds no secret (table prefix, parameter names, public URL); the application "
        "secret and the VAPID private key are read from SSM SecureString at first use.",
    },
]


@dataclass(frozen=True)
class Function:
    resource: str  # the logical id Chalice gives it
    role: str
    schedule: str | None  # the EventBridge expression of a job, None for the API
    name: str  # its line in infra/permissions.py: "api" or the job's name
    suffix: str = ""  # its function name after "buergerservice-<stage>", as `chalice deploy` names it

    def function_name(self, stage: str) -> str:
        return f"buergerservice-{stage}{self.suffix}"


def app_functions() -> list[Function]:
    """The API handler and one function per job, as ``chalice package`` names them."""
    from chalice.utils import to_cfn_resource_name

    from app import app

    jobs = [
        Function(
            to_cfn_resource_name(s.name),
            to_cfn_resource_name(s.name) + "Role",
            expression(s.schedule_expression),
            s.name.replace("_", "-"),
            f"-{s.name}",
        )
        for s in app.event_sources
        if getattr(s, "schedule_expression", None)
    ]
    return [Function(API, API_ROLE, None, API_GRANTS), *jobs]


def expression(schedule: Any) -> str:
    """A Chalice schedule as EventBridge writes it (a string, or Rate/Cron objects)."""
    return schedule if isinstance(schedule, str) else schedule.to_string()


def _function(fn: Function, stage: str) -> dict[str, Any]:
    props: dict[str, Any] = {
        # A fixed name gives the log group a fixed name, so that the role can name its own log group.
        "FunctionName": fn.function_name(stage),
        "ReservedConcurrentExecutions": JOB_CONCURRENCY if fn.schedule else {"Ref": "ApiConcurrency"},
        "Environment": {
            "Variables": {
                "VAPID_PUBLIC_KEY": {"Ref": "VapidPublicKey"},
                "PUBLIC_BASE_URL": {
                    "Fn::If": ["HasDomain", {"Fn::Sub": "https://${DomainName}"}, {"Ref": "PublicBaseUrl"}]
                },
            }
        },
    }
    skips = list(FUNCTION_SKIPS)
    if fn.schedule:
        props["EventInvokeConfig"] = {
            "MaximumRetryAttempts": JOB_RETRIES,
            "MaximumEventAgeInSeconds": 3600,
            "DestinationConfig": {"OnFailure": {"Type": "SQS", "Destination": {"Fn::GetAtt": ["JobFailures", "Arn"]}}},
        }
        skips.append(
            {
                "id": "CKV_AWS_116",
                "comment": "A failed run goes, after its retries, to the on-failure destination JobFailures "
                "(EventInvokeConfig), which keeps the error beside the event; checkov reads only DeadLetterConfig.",
            }
        )
    else:
        skips.append(
            {
                "id": "CKV_AWS_116",
                "comment": "Invoked synchronously by API Gateway: a failed request is answered with its error, "
                "there is no event to keep.",
            }
        )
    return {"Metadata": {"checkov": {"skip": skips}}, "Properties": props}


def _role(fn: Function, stage: str, tables: dict[str, Any]) -> dict[str, Any]:
    """The function's own policy, replacing the list Chalice writes (the merge replaces lists whole)."""
    document = role_policy(fn.name, stage, tables, f"{fn.resource}LogGroup", fn.schedule is not None)
    return {"Properties": {"Policies": [{"PolicyName": f"{fn.role}Policy", "PolicyDocument": document}]}}


def _alarm(name: str, description: str, metric: dict[str, Any] | None = None, **props: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "AlarmDescription": description,
        "ComparisonOperator": "GreaterThanOrEqualToThreshold",
        "Threshold": 1,
        "EvaluationPeriods": 1,
        "TreatMissingData": "notBreaching",
        "AlarmActions": [{"Ref": "Alarms"}],
        "OKActions": [{"Ref": "Alarms"}],
        **(metric or {}),
        **props,
    }
    return {name: {"Type": "AWS::CloudWatch::Alarm", "Properties": body}}


def _lambda_metric(fn: Function, metric: str) -> dict[str, Any]:
    return {
        "Namespace": "AWS/Lambda",
        "MetricName": metric,
        "Dimensions": [{"Name": "FunctionName", "Value": {"Ref": fn.resource}}],
        "Statistic": "Sum",
        "Period": 300,
    }


def _table_alarm(resource: str, table: dict[str, Any]) -> dict[str, Any]:
    name = table["Properties"]["TableName"]
    metrics: list[dict[str, Any]] = [
        {
            "Id": f"w{i}",
            "ReturnData": False,
            "MetricStat": {
                "Metric": {
                    "Namespace": "AWS/DynamoDB",
                    "MetricName": "SystemErrors",
                    "Dimensions": [{"Name": "TableName", "Value": name}, {"Name": "Operation", "Value": op}],
                },
                "Period": 300,
                "Stat": "Sum",
            },
        }
        for i, op in enumerate(DYNAMODB_WRITES)
    ]
    metrics.append({"Id": "total", "Expression": "SUM(METRICS())", "Label": "SystemErrors", "ReturnData": True})
    return _alarm(
        f"{resource}SystemErrors",
        f"DynamoDB answered writes to {name} with system errors (HTTP 500): citizens' actions may have failed.",
        Metrics=metrics,
    )


def function_resources(stage: str, tables: dict[str, Any]) -> dict[str, Any]:
    functions = app_functions()
    jobs = [fn for fn in functions if fn.schedule]
    resources: dict[str, Any] = {fn.resource: _function(fn, stage) for fn in functions}
    for fn in functions:
        resources[fn.role] = _role(fn, stage, tables)
        resources[f"{fn.resource}LogGroup"] = log_group(
            f"/aws/lambda/{fn.function_name(stage)}",
            LOG_RETENTION_DAYS,
            "90 days on purpose: no longer than an incident review needs (data minimisation).",
        )
        resources.update(
            _alarm(
                f"{fn.resource}Throttles",
                f"{fn.resource} was throttled at its reserved concurrency: a flood of requests, or a job running long.",
                _lambda_metric(fn, "Throttles"),
            )
        )
    for fn in jobs:
        resources.update(
            _alarm(f"{fn.resource}Errors", f"The scheduled job {fn.resource} failed.", _lambda_metric(fn, "Errors"))
        )
    resources["JobFailures"] = {
        "Type": "AWS::SQS::Queue",
        "Metadata": {
            "checkov": {
                "skip": [
                    {
                        "id": "CKV_AWS_27",
                        "comment": "Encrypted at rest with SQS-managed keys (SqsManagedSseEnabled); checkov "
                        "recognises KMS keys only. The events name a job and a time, no personal data.",
                    }
                ]
            }
        },
        "Properties": {
            "QueueName": f"buergerservice-{stage}-job-failures",
            "MessageRetentionPeriod": 1209600,
            "SqsManagedSseEnabled": True,
        },
    }
    resources.update(
        _alarm(
            "JobFailuresWaiting",
            "A scheduled job gave up after its retries; its event waits in the job-failures queue.",
            {
                "Namespace": "AWS/SQS",
                "MetricName": "ApproximateNumberOfMessagesVisible",
                "Dimensions": [{"Name": "QueueName", "Value": {"Fn::GetAtt": ["JobFailures", "QueueName"]}}],
                "Statistic": "Maximum",
                "Period": 300,
            },
        )
    )
    resources.update(
        _alarm(
            "Api5xx",
            "The API answered with server errors (5xx).",
            {
                "Namespace": "AWS/ApiGateway",
                "MetricName": "5XXError",
                "Dimensions": [
                    {"Name": "ApiName", "Value": f"buergerservice-{stage}"},
                    {"Name": "Stage", "Value": stage},
                ],
                "Statistic": "Sum",
                "Period": 300,
            },
            Threshold=5,
        )
    )
    for resource, table in tables.items():
        resources.update(_table_alarm(resource, table))
    return resources
