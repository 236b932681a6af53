"""CloudFormation resources merged into Chalice's SAM template at deploy time.

The DynamoDB tables are derived from the pynamodb models (one source of truth, TTL on
``expires_at`` everywhere); the PWA bucket and the CloudFront distribution put the PWA and
``/api/*`` on one origin, with the same security headers the API sends.

    python -m infra.template --stage prod > out/resources.json
    chalice package --stage prod --merge-template out/resources.json out/
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # AWS managed policy "CachingDisabled"
NEVER_STALE = ("/sw.js", "/index.html", "/console/index.html", "/manifest.webmanifest", "/i18n/*")


def _key_schema(items: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{"AttributeName": k["AttributeName"], "KeyType": k["KeyType"]} for k in items]


def table_resources(stage: str) -> dict[str, Any]:
    os.environ.setdefault("TABLE_PREFIX", f"buergerservice-{stage}-")
    from chalicelib.platform.aws.db import all_models
    from chalicelib.platform.settings import get_settings

    get_settings.cache_clear()
    resources: dict[str, Any] = {}
    for model in all_models():
        schema = model._get_schema()
        props: dict[str, Any] = {
            "TableName": f"buergerservice-{stage}-{model.table}",
            "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [
                {"AttributeName": a["AttributeName"], "AttributeType": a["AttributeType"]}
                for a in schema["attribute_definitions"]
            ],
            "KeySchema": _key_schema(schema["key_schema"]),
            "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": model.point_in_time_recovery},
            "SSESpecification": {"SSEEnabled": True},
        }
        gsis = schema.get("global_secondary_indexes") or []
        if gsis:
            props["GlobalSecondaryIndexes"] = [
                {
                    "IndexName": g["index_name"],
                    "KeySchema": _key_schema(g["key_schema"]),
                    "Projection": g.get("projection") or {"ProjectionType": "ALL"},
                }
                for g in gsis
            ]
        name = "Table" + "".join(part.title() for part in model.table.replace("-", "_").split("_"))
        resources[name] = {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain", "Properties": props}
    return resources


def site_resources(stage: str) -> dict[str, Any]:
    from chalicelib.platform.headers import SECURITY_HEADERS

    header_items = [
        {"Header": name, "Value": value, "Override": True}
        for name, value in SECURITY_HEADERS.items()
        if name
        not in (
            "Strict-Transport-Security",
            "Content-Security-Policy",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "X-Frame-Options",
        )
    ]
    return {
        "PwaBucket": {
            "Type": "AWS::S3::Bucket",
            "Properties": {
                "PublicAccessBlockConfiguration": {
                    "BlockPublicAcls": True,
                    "BlockPublicPolicy": True,
                    "IgnorePublicAcls": True,
                    "RestrictPublicBuckets": True,
                },
                "BucketEncryption": {
                    "ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
                },
            },
        },
        "PwaOriginAccessControl": {
            "Type": "AWS::CloudFront::OriginAccessControl",
            "Properties": {
                "OriginAccessControlConfig": {
                    "Name": {"Fn::Sub": "${AWS::StackName}-pwa"},
                    "OriginAccessControlOriginType": "s3",
                    "SigningBehavior": "always",
                    "SigningProtocol": "sigv4",
                }
            },
        },
        "SecurityHeaders": {
            "Type": "AWS::CloudFront::ResponseHeadersPolicy",
            "Properties": {
                "ResponseHeadersPolicyConfig": {
                    "Name": {"Fn::Sub": "${AWS::StackName}-security"},
                    "SecurityHeadersConfig": {
                        "ContentSecurityPolicy": {
                            "ContentSecurityPolicy": SECURITY_HEADERS["Content-Security-Policy"],
                            "Override": True,
                        },
                        "StrictTransportSecurity": {
                            "AccessControlMaxAgeSec": 63072000,
                            "IncludeSubdomains": True,
                            "Override": True,
                        },
                        "ContentTypeOptions": {"Override": True},
                        "ReferrerPolicy": {"ReferrerPolicy": "no-referrer", "Override": True},
                        "FrameOptions": {"FrameOption": "DENY", "Override": True},
                    },
                    "CustomHeadersConfig": {"Items": header_items},
                }
            },
        },
        "SpaRewrite": {
            "Type": "AWS::CloudFront::Function",
            "Properties": {
                "Name": {"Fn::Sub": "${AWS::StackName}-spa"},
                "AutoPublish": True,
                "FunctionConfig": {
                    "Comment": "App paths without a file extension get the app shell",
                    "Runtime": "cloudfront-js-2.0",
                },
                "FunctionCode": (
                    "function handler(event) { var r = event.request; var u = r.uri;"
                    " if (u.indexOf('.') === -1) { r.uri = u.indexOf('/console') === 0 ?"
                    " '/console/index.html' : '/index.html'; } return r; }"
                ),
            },
        },
        "Distribution": {
            "Type": "AWS::CloudFront::Distribution",
            "Properties": {
                "DistributionConfig": {
                    "Enabled": True,
                    "HttpVersion": "http2and3",
                    "DefaultRootObject": "index.html",
                    "Origins": [
                        {
                            "Id": "pwa",
                            "DomainName": {"Fn::GetAtt": ["PwaBucket", "RegionalDomainName"]},
                            "S3OriginConfig": {"OriginAccessIdentity": ""},
                            "OriginAccessControlId": {"Fn::GetAtt": ["PwaOriginAccessControl", "Id"]},
                        },
                        {
                            "Id": "api",
                            "DomainName": {"Fn::Sub": "${RestAPI}.execute-api.${AWS::Region}.amazonaws.com"},
                            # API Gateway's stage (named like the Chalice stage) prefixes every path;
                            # the routes themselves start with /api, so /api/x reaches /<stage>/api/x.
                            "OriginPath": f"/{stage}",
                            "CustomOriginConfig": {"OriginProtocolPolicy": "https-only"},
                        },
                    ],
                    "DefaultCacheBehavior": {
                        "TargetOriginId": "pwa",
                        "ViewerProtocolPolicy": "redirect-to-https",
                        "Compress": True,
                        "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",  # Managed-CachingOptimized
                        "ResponseHeadersPolicyId": {"Ref": "SecurityHeaders"},
                        "FunctionAssociations": [
                            {
                                "EventType": "viewer-request",
                                "FunctionARN": {"Fn::GetAtt": ["SpaRewrite", "FunctionARN"]},
                            }
                        ],
                    },
                    "CacheBehaviors": [
                        # The service worker decides when the app shell is fresh; the edge must never
                        # serve these stale, or a new worker would precache old files.
                        *[
                            {
                                "PathPattern": pattern,
                                "TargetOriginId": "pwa",
                                "ViewerProtocolPolicy": "redirect-to-https",
                                "Compress": True,
                                "CachePolicyId": CACHING_DISABLED,
                                "ResponseHeadersPolicyId": {"Ref": "SecurityHeaders"},
                            }
                            for pattern in NEVER_STALE
                        ],
                        {
                            "PathPattern": "/api/*",
                            "TargetOriginId": "api",
                            "ViewerProtocolPolicy": "https-only",
                            "AllowedMethods": ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
                            "CachePolicyId": CACHING_DISABLED,
                            # AllViewerExceptHostHeader: cookies, query and Idempotency-Key reach the API
                            "OriginRequestPolicyId": "b689b0a8-53d0-40ab-baf2-68738e2966ac",
                            "ResponseHeadersPolicyId": {"Ref": "SecurityHeaders"},
                        },
                    ],
                }
            },
        },
        "PwaBucketPolicy": {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {
                "Bucket": {"Ref": "PwaBucket"},
                "PolicyDocument": {
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "cloudfront.amazonaws.com"},
                            "Action": "s3:GetObject",
                            "Resource": {"Fn::Sub": "${PwaBucket.Arn}/*"},
                            "Condition": {
                                "StringEquals": {
                                    "AWS:SourceArn": {
                                        "Fn::Sub": "arn:aws:cloudfront::${AWS::AccountId}:distribution/${Distribution}"
                                    }
                                }
                            },
                        }
                    ]
                },
            },
        },
    }


def build(stage: str) -> dict[str, Any]:
    return {
        "Resources": {**table_resources(stage), **site_resources(stage)},
        "Outputs": {
            "SiteURL": {"Value": {"Fn::Sub": "https://${Distribution.DomainName}"}},
            "PwaBucketName": {"Value": {"Ref": "PwaBucket"}},
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", default="dev", choices=["dev", "prod"])
    args = parser.parse_args(argv)
    json.dump(build(args.stage), sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
