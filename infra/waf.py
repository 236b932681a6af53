"""The AWS WAF web ACL in front of CloudFront, as its own small template for us-east-1.

A web ACL for CloudFront (scope CLOUDFRONT) can only be created in us-east-1, while the platform
runs in eu-central-1; so ``make deploy`` creates this stack there first and passes its
``WebAclArn`` output to the main stack. Rules: AWS's managed common and known-bad-inputs rule
sets, then one rate-based rule per public write route and for the sign-in, read from the app's
routes (every non-GET route without a staff role), so a new public route is limited too.

    python -m infra.waf --stage prod > out/waf.json
"""

from __future__ import annotations

import re
import sys
from typing import Any

from infra.cfn import log_group, print_template

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WINDOW_SECONDS = 300
# Requests one IP address may send to one route in five minutes. Citizens share addresses (a
# town hall's Wi-Fi, mobile carriers' NAT), so the limits leave room for many honest people;
# the API's own per-person limits stay in force behind them.
DEFAULT_LIMIT = 100
LIMITS = {"/api/auth/login": 20, "/api/auth/refresh": 300}
MANAGED = ("AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet")
# The common rule set blocks request bodies over 8 KB; a town's legal texts and a survey's
# definition are larger. The API refuses bodies over 64 KB itself (platform.http.MAX_BODY_BYTES).
COUNT_ONLY = {
    "AWSManagedRulesCommonRuleSet": [{"Name": "SizeRestrictions_BODY", "ActionToUse": {"Count": {}}}],
}


def public_write_routes() -> list[tuple[str, tuple[str, ...]]]:
    """(path, methods) of every state-changing route that needs no staff sign-in, sign-in included."""
    from app import app

    found = []
    for path, methods in sorted(app.routes.items()):
        writes = []
        for method, entry in methods.items():
            meta = getattr(entry.view_function, "__api_meta__", None)
            if method not in SAFE_METHODS and meta is not None and meta.role is None:
                writes.append(method)
        if writes:
            found.append((path, tuple(sorted(writes))))
    return found


def path_regex(path: str) -> str:
    """The route's path as an anchored regular expression, a path parameter matching one segment."""
    parts = re.split(r"(\{[^}]+\})", path)
    return "^" + "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts) + "/?$"


def _rule_name(path: str) -> str:
    return "rate" + re.sub(r"[^A-Za-z0-9]+", "-", path.removeprefix("/api")).rstrip("-")


def _visibility(name: str) -> dict[str, Any]:
    return {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": name}


def _rate_rule(priority: int, path: str, methods: tuple[str, ...]) -> dict[str, Any]:
    method_match = [
        {
            "ByteMatchStatement": {
                "FieldToMatch": {"Method": {}},
                "PositionalConstraint": "EXACTLY",
                "SearchString": method,
                "TextTransformations": [{"Priority": 0, "Type": "NONE"}],
            }
        }
        for method in methods
    ]
    path_match = {
        "RegexMatchStatement": {
            "FieldToMatch": {"UriPath": {}},
            "RegexString": path_regex(path),
            "TextTransformations": [{"Priority": 0, "Type": "NONE"}],
        }
    }
    methods_statement = method_match[0] if len(method_match) == 1 else {"OrStatement": {"Statements": method_match}}
    name = _rule_name(path)
    return {
        "Name": name,
        "Priority": priority,
        "Action": {"Block": {}},
        "VisibilityConfig": _visibility(name),
        "Statement": {
            "RateBasedStatement": {
                "Limit": LIMITS.get(path, DEFAULT_LIMIT),
                "EvaluationWindowSec": WINDOW_SECONDS,
                "AggregateKeyType": "IP",
                "ScopeDownStatement": {"AndStatement": {"Statements": [methods_statement, path_match]}},
            }
        },
    }


def rules() -> list[dict[str, Any]]:
    managed = [
        {
            "Name": name,
            "Priority": i,
            "OverrideAction": {"None": {}},
            "VisibilityConfig": _visibility(name),
            "Statement": {
                "ManagedRuleGroupStatement": {
                    "VendorName": "AWS",
                    "Name": name,
                    **({"RuleActionOverrides": COUNT_ONLY[name]} if name in COUNT_ONLY else {}),
                }
            },
        }
        for i, name in enumerate(MANAGED)
    ]
    rates = [_rate_rule(len(managed) + i, path, methods) for i, (path, methods) in enumerate(public_write_routes())]
    return managed + rates


def build(stage: str) -> dict[str, Any]:
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"buergerservice {stage}: AWS WAF web ACL for CloudFront (deploy in us-east-1)",
        "Resources": {
            "WebAcl": {
                "Type": "AWS::WAFv2::WebACL",
                "Properties": {
                    "Name": f"buergerservice-{stage}",
                    "Scope": "CLOUDFRONT",
                    "DefaultAction": {"Allow": {}},
                    "VisibilityConfig": _visibility(f"buergerservice-{stage}"),
                    "Rules": rules(),
                },
            },
            # Only the blocked requests are logged (with the IP address, for abuse analysis), 30 days.
            "WafLogs": log_group(
                f"aws-waf-logs-buergerservice-{stage}", 30, "Blocked requests hold IP addresses: 30 days only."
            ),
            "WebAclLogging": {
                "Type": "AWS::WAFv2::LoggingConfiguration",
                "Properties": {
                    "ResourceArn": {"Fn::GetAtt": ["WebAcl", "Arn"]},
                    "LogDestinationConfigs": [
                        {"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${WafLogs}"}
                    ],
                    "LoggingFilter": {
                        "DefaultBehavior": "DROP",
                        "Filters": [
                            {
                                "Behavior": "KEEP",
                                "Requirement": "MEETS_ANY",
                                "Conditions": [{"ActionCondition": {"Action": "BLOCK"}}],
                            }
                        ],
                    },
                },
            },
        },
        "Outputs": {"WebAclArn": {"Value": {"Fn::GetAtt": ["WebAcl", "Arn"]}}},
    }


def main(argv: list[str] | None = None) -> int:
    return print_template(build, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
