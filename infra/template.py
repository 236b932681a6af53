"""CloudFormation resources merged into Chalice's SAM template (``chalice package --merge-template``).

Tables come from the pynamodb models (``infra/tables.py``), the CDN and buckets from
``infra/site.py``, the functions' limits, failure targets, logs and alarms from the app's own
registered handlers (``infra/functions.py``). ``make package`` runs all of it; by hand:

    python -m infra.template --stage prod > out/resources.json
    chalice package --stage prod --merge-template out/resources.json out/
"""

from __future__ import annotations

import sys
from typing import Any

from infra.cfn import configured, log_group, print_template
from infra.functions import ACCESS_LOG_FORMAT, API_CONCURRENCY, LOG_RETENTION_DAYS, function_resources
from infra.site import site_resources
from infra.tables import table_resources

PUSH_TO_LOGS = "AmazonAPIGatewayPushToCloudWatchLogs"
API_THROTTLE = {"ThrottlingRateLimit": 50, "ThrottlingBurstLimit": 100}  # per second, the whole API


def parameters(stage: str) -> dict[str, Any]:
    return {
        "WebAclArn": {
            "Type": "String",
            "Description": "ARN of the CloudFront web ACL made by infra/waf.py in us-east-1 (output WebAclArn).",
            "AllowedPattern": r"^arn:aws:wafv2:us-east-1:\d{12}:global/webacl/.+$",
        },
        "DomainName": {
            "Type": "String",
            "Default": "",
            "Description": "The town's own host name (buergerservice.example.de); empty for the cloudfront.net name.",
        },
        "CertificateArn": {
            "Type": "String",
            "Default": "",
            "Description": "ACM certificate for DomainName, issued in us-east-1 (CloudFront's region).",
            "AllowedPattern": r"^$|^arn:aws:acm:us-east-1:\d{12}:certificate/.+$",
        },
        "PublicBaseUrl": {
            "Type": "String",
            "Default": configured(stage, "PUBLIC_BASE_URL"),
            "Description": "The site's URL when DomainName is empty (links in e-mails): the SiteURL output.",
        },
        "VapidPublicKey": {
            "Type": "String",
            "Default": "",
            "Description": "Web Push public key (base64url); its private key is the SSM SecureString "
            f"/buergerservice/{stage}/vapid-private-key. Empty: no push, e-mail only.",
        },
        "ApiConcurrency": {
            "Type": "Number",
            "Default": API_CONCURRENCY,
            "MinValue": 1,
            "Description": "Reserved concurrency of the API function: the most requests it serves at once.",
        },
        "AlarmEmail": {"Type": "String", "Default": "", "Description": "Who gets the alarms (e-mail); empty: none."},
    }


def _api(stage: str) -> dict[str, Any]:
    return {
        "RestAPI": {
            "DependsOn": ["ApiGatewayAccount"],  # the stage's access logs need the account's log role
            "Metadata": {
                "checkov": {
                    "skip": [
                        {"id": "CKV_AWS_120", "comment": "Answers are personal or live; nothing may be cached."},
                        {
                            "id": "CKV_AWS_73",
                            "comment": "X-Ray tracing is off to keep the per-request cost down; "
                            "access logs and metrics cover the incident review.",
                        },
                    ]
                }
            },
            "Properties": {
                "Name": f"buergerservice-{stage}",
                "MinimumCompressionSize": 1024,
                "AccessLogSetting": {
                    "DestinationArn": {"Fn::GetAtt": ["ApiAccessLogs", "Arn"]},
                    "Format": ACCESS_LOG_FORMAT,
                },
                # Stage metrics (requests, 4xx, 5xx, latency) are free; per-method metrics would be
                # billed as custom metrics for every route, so they stay off.
                "MethodSettings": [{"ResourcePath": "/*", "HttpMethod": "*", "MetricsEnabled": False, **API_THROTTLE}],
            },
        },
        "ApiAccessLogs": log_group(
            {"Fn::Sub": f"/buergerservice/{stage}/api-access"},
            LOG_RETENTION_DAYS,
            "90 days on purpose: the access log names routes, never paths or IP addresses (data minimisation).",
        ),
        # API Gateway writes access logs through one role per account and region.
        "ApiGatewayLogsRole": {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "apigateway.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                },
                "ManagedPolicyArns": [
                    {"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/" + PUSH_TO_LOGS}
                ],
            },
        },
        "ApiGatewayAccount": {
            "Type": "AWS::ApiGateway::Account",
            "Properties": {"CloudWatchRoleArn": {"Fn::GetAtt": ["ApiGatewayLogsRole", "Arn"]}},
        },
    }


def _operations(stage: str) -> dict[str, Any]:
    return {
        "Alarms": {
            "Type": "AWS::SNS::Topic",
            "Properties": {"TopicName": f"buergerservice-{stage}-alarms", "KmsMasterKeyId": "alias/aws/sns"},
        },
        "AlarmsByEmail": {
            "Type": "AWS::SNS::Subscription",
            "Condition": "HasAlarmEmail",
            "Properties": {"TopicArn": {"Ref": "Alarms"}, "Protocol": "email", "Endpoint": {"Ref": "AlarmEmail"}},
        },
        # Bounces and complaints: the configuration set is made the sender identity's default
        # (make deploy), so the code sends as before and SES reports to the alarm topic.
        "MailEvents": {
            "Type": "AWS::SES::ConfigurationSet",
            "Properties": {"Name": f"buergerservice-{stage}"},
        },
        "MailEventsToTopic": {
            "Type": "AWS::SES::ConfigurationSetEventDestination",
            "Properties": {
                "ConfigurationSetName": {"Ref": "MailEvents"},
                "EventDestination": {
                    "Name": "bounces-and-complaints",
                    "Enabled": True,
                    "MatchingEventTypes": ["bounce", "complaint", "reject"],
                    "SnsDestination": {"TopicARN": {"Ref": "Alarms"}},
                },
            },
        },
    }


def build(stage: str) -> dict[str, Any]:
    tables = table_resources(stage)
    return {
        "Parameters": parameters(stage),
        "Rules": {
            "DomainNeedsCertificate": {
                "RuleCondition": {"Fn::Not": [{"Fn::Equals": [{"Ref": "DomainName"}, ""]}]},
                "Assertions": [
                    {
                        "Assert": {"Fn::Not": [{"Fn::Equals": [{"Ref": "CertificateArn"}, ""]}]},
                        "AssertDescription": "A DomainName needs its ACM certificate (us-east-1) in CertificateArn.",
                    }
                ],
            }
        },
        "Conditions": {
            "HasDomain": {"Fn::Not": [{"Fn::Equals": [{"Ref": "DomainName"}, ""]}]},
            "HasAlarmEmail": {"Fn::Not": [{"Fn::Equals": [{"Ref": "AlarmEmail"}, ""]}]},
        },
        "Resources": {
            **tables,
            **site_resources(stage),
            **function_resources(stage, tables),
            **_api(stage),
            **_operations(stage),
        },
        "Outputs": {
            "SiteURL": {
                "Value": {
                    "Fn::If": [
                        "HasDomain",
                        {"Fn::Sub": "https://${DomainName}"},
                        {"Fn::Sub": "https://${Distribution.DomainName}"},
                    ]
                }
            },
            "DistributionDomain": {"Value": {"Fn::GetAtt": ["Distribution", "DomainName"]}},
            "DistributionId": {"Value": {"Ref": "Distribution"}},
            "PwaBucketName": {"Value": {"Ref": "PwaBucket"}},
            "MailConfigurationSet": {"Value": {"Ref": "MailEvents"}},
        },
    }


def main(argv: list[str] | None = None) -> int:
    return print_template(build, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
