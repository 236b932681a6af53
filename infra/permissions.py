"""What each Lambda function may do in AWS: the one declaration every function's IAM role is built from.

One line per function: the tables it reads or writes, whether it sends mail, which SecureString
parameters it reads. ``infra/functions.py`` turns each line into that function's own role policy
in the packaged template (replacing the policy Chalice copies from ``.chalice/policy-<stage>.json``
into every role). A new job needs its line here: without one, packaging stops and names the job.

Resources are the stack's own, never a wildcard: each table by its ARN (and its indexes when it
has any), the function's own log group, the two SSM parameters by name, the SES sender identity
and configuration set, the job-failures queue. The tests in tests/api record, while any job runs,
which tables, parameters and mail it really uses, and fail when it uses more than its line grants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

READ = "read"
WRITE = "write"  # read and write
PURGE = "purge"  # find items by scanning, delete them; nothing else
EVERY_TABLE = "*"  # every table of the stack, each named by its own ARN
# The SSM parameters (the application secret, the VAPID private key), as .chalice/config.json names them.
KEYRING = "SECRET_PARAMETER"
VAPID_KEY = "VAPID_PARAMETER"
API = "api"


@dataclass(frozen=True)
class Grants:
    tables: dict[str, str] = field(default_factory=dict)  # short table name (model.table) -> READ/WRITE/PURGE
    mail: bool = False
    parameters: tuple[str, ...] = ()


# The API serves every capability, and an admin may run any job from the console ("run now").
# No job reads the application secret: its links are random tokens stored as their hash.
FUNCTIONS: dict[str, Grants] = {
    API: Grants({EVERY_TABLE: WRITE}, mail=True, parameters=(KEYRING, VAPID_KEY)),
    "purge-expired": Grants({EVERY_TABLE: PURGE}),
    "booking-reminders": Grants({"bookings": WRITE, "booking_refs": WRITE, "config": READ}, True, (VAPID_KEY,)),
    "booking-release-unconfirmed": Grants(
        {"bookings": WRITE, "booking_slots": WRITE, "booking_quota": WRITE, "booking_stats": WRITE}
    ),
    "booking-waitlist": Grants(
        {"booking_waitlist": WRITE, "booking_refs": WRITE, "bookings": WRITE, "booking_slots": READ, "config": READ},
        True,
        (VAPID_KEY,),
    ),
    "raffle-cleanup": Grants({"raffle_entries": WRITE, "surveys": READ}),
    "queue-statistics": Grants({"queue_days": READ, "queue_stats": WRITE, "config": READ}),
    "documents-notices": Grants(
        {
            "document_orders": WRITE,
            "document_deliveries": WRITE,
            "document_stats": WRITE,
            "document_lockers": READ,
            "audit": WRITE,
            "config": READ,
        },
        True,
        (VAPID_KEY,),
    ),
    "documents-locker-reminders": Grants(
        {"document_orders": WRITE, "document_lockers": READ, "config": READ}, True, (VAPID_KEY,)
    ),
    "documents-pickup-reminders": Grants({"document_orders": WRITE, "config": READ}, True, (VAPID_KEY,)),
}

ACTIONS = {
    READ: (
        "dynamodb:BatchGetItem",
        "dynamodb:ConditionCheckItem",
        "dynamodb:DescribeTable",
        "dynamodb:GetItem",
        "dynamodb:Query",
        "dynamodb:Scan",
    ),
    PURGE: ("dynamodb:DeleteItem", "dynamodb:Scan"),
}
ACTIONS[WRITE] = tuple(
    sorted(
        (*ACTIONS[READ], "dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem")
    )
)


def grants(name: str) -> Grants:
    """A function's declared grants (``api`` or a job's name); a clear error for an undeclared one."""
    try:
        return FUNCTIONS[name]
    except KeyError:
        raise KeyError(
            f"The function {name!r} has no permissions declared: add its line to FUNCTIONS in infra/permissions.py "
            "(the tables it reads or writes, mail, SSM parameters)."
        ) from None


def _arn(service: str, resource: str) -> dict[str, str]:
    return {"Fn::Sub": f"arn:${{AWS::Partition}}:{service}:${{AWS::Region}}:${{AWS::AccountId}}:{resource}"}


def _table_statements(declared: dict[str, str], stage: str, tables: dict[str, Any]) -> list[dict[str, Any]]:
    """One statement per access level, naming each table (and its indexes, where it has any) by its ARN."""
    by_name = {t["Properties"]["TableName"].removeprefix(f"buergerservice-{stage}-"): r for r, t in tables.items()}
    unknown = sorted(set(declared) - set(by_name) - {EVERY_TABLE})
    if unknown:
        raise KeyError(f"infra/permissions.py names tables no model declares: {', '.join(unknown)}")
    levels: dict[str, list[str]] = {}
    for name, resource in sorted(by_name.items()):
        level = declared.get(name) or declared.get(EVERY_TABLE)
        if level:
            levels.setdefault(level, []).append(resource)
    statements = []
    for level, resources in sorted(levels.items()):
        arns: list[Any] = []
        for resource in resources:
            arns.append({"Fn::GetAtt": [resource, "Arn"]})
            if tables[resource]["Properties"].get("GlobalSecondaryIndexes"):
                arns.append({"Fn::Sub": f"${{{resource}.Arn}}/index/*"})
        statements.append(
            {"Sid": f"Tables{level.title()}", "Effect": "Allow", "Action": list(ACTIONS[level]), "Resource": arns}
        )
    return statements


def role_policy(name: str, stage: str, tables: dict[str, Any], log_group: str, job: bool) -> dict[str, Any]:
    """The policy document of one function's role, from its line in FUNCTIONS."""
    from infra.cfn import configured

    declared = grants(name)
    statements: list[dict[str, Any]] = [
        {
            "Sid": "Logs",
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": {"Fn::GetAtt": [log_group, "Arn"]},  # its own log group and its streams
        },
        *_table_statements(declared.tables, stage, tables),
    ]
    if declared.mail:
        sender = configured(stage, "MAIL_FROM")
        statements.append(
            {
                "Sid": "Mail",
                "Effect": "Allow",
                "Action": ["ses:SendRawEmail"],
                "Resource": [
                    _arn("ses", f"identity/{sender}"),
                    _arn("ses", f"identity/{sender.partition('@')[2]}"),
                    _arn("ses", f"configuration-set/buergerservice-{stage}"),
                ],
                "Condition": {"StringEquals": {"ses:FromAddress": sender}},
            }
        )
    if declared.parameters:
        statements.append(
            {
                "Sid": "Secrets",
                "Effect": "Allow",
                "Action": ["ssm:GetParameter"],
                "Resource": [_arn("ssm", "parameter" + configured(stage, p)) for p in declared.parameters],
            }
        )
    if job:
        statements.append(
            {
                "Sid": "JobFailures",  # the on-failure destination: Lambda sends with the function's role
                "Effect": "Allow",
                "Action": ["sqs:SendMessage"],
                "Resource": {"Fn::GetAtt": ["JobFailures", "Arn"]},
            }
        )
    return {"Version": "2012-10-17", "Statement": statements}
