"""The PWA's private bucket, the access-log bucket and the CloudFront distribution: one origin for the PWA and /api/*.

The distribution answers with the same security headers as the API and the local server
(``chalicelib.platform.headers``), compresses, speaks HTTP/2 and HTTP/3, and sits behind the
AWS WAF web ACL of ``infra/waf.py`` (created in us-east-1, passed in as ``WebAclArn``).
"""

from __future__ import annotations

from typing import Any

from infra.cache import NEVER_STALE

CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # AWS managed cache policy "CachingDisabled"
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"  # AWS managed cache policy "CachingOptimized"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"  # AWS managed origin request policy
TLS_POLICY = "TLSv1.2_2021"
LOG_DAYS = 30  # CloudFront's logs hold IP addresses: kept a month for abuse analysis, then deleted
HEADERS_IN_SECURITY_CONFIG = (
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
)
PRIVATE = {
    "BlockPublicAcls": True,
    "BlockPublicPolicy": True,
    "IgnorePublicAcls": True,
    "RestrictPublicBuckets": True,
}
SSE_S3 = {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}
BUCKET_SKIPS = [
    {"id": "CKV_AWS_144", "comment": "Static files rebuilt from git on every deploy; no cross-region replica needed."},
    {"id": "CKV_AWS_145", "comment": "SSE-S3 (AES256) at rest; public static files and logs need no customer key."},
]


def _security_headers() -> dict[str, Any]:
    from chalicelib.platform.headers import SECURITY_HEADERS

    custom = [
        {"Header": name, "Value": value, "Override": True}
        for name, value in SECURITY_HEADERS.items()
        if name not in HEADERS_IN_SECURITY_CONFIG
    ]
    return {
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
                    "ReferrerPolicy": {"ReferrerPolicy": SECURITY_HEADERS["Referrer-Policy"], "Override": True},
                    "FrameOptions": {"FrameOption": SECURITY_HEADERS["X-Frame-Options"], "Override": True},
                },
                "CustomHeadersConfig": {"Items": custom},
            }
        },
    }


def _tls_only(bucket: str) -> dict[str, Any]:
    return {
        "Sid": "TlsOnly",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [{"Fn::GetAtt": [bucket, "Arn"]}, {"Fn::Sub": f"${{{bucket}.Arn}}/*"}],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def _bucket_policy(
    bucket: str, sid: str, service: str, action: str, resource: Any, condition: dict[str, Any]
) -> dict[str, Any]:
    """One AWS service may ``action`` on ``resource`` under ``condition``; nobody may use plain HTTP."""
    allow = {
        "Sid": sid,
        "Effect": "Allow",
        "Principal": {"Service": service},
        "Action": action,
        "Resource": resource,
        "Condition": {"StringEquals": condition},
    }
    return {
        "Type": "AWS::S3::BucketPolicy",
        "Properties": {
            "Bucket": {"Ref": bucket},
            "PolicyDocument": {"Version": "2012-10-17", "Statement": [allow, _tls_only(bucket)]},
        },
    }


def _buckets() -> dict[str, Any]:
    return {
        "LogBucket": {
            "Type": "AWS::S3::Bucket",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Metadata": {
                "checkov": {
                    "skip": [
                        *BUCKET_SKIPS,
                        {"id": "CKV_AWS_18", "comment": "This is the access-log bucket; logging it into itself loops."},
                        {
                            "id": "CKV_AWS_21",
                            "comment": "Log objects are written once and expire; versions add nothing.",
                        },
                    ]
                }
            },
            "Properties": {
                "PublicAccessBlockConfiguration": PRIVATE,
                "BucketEncryption": SSE_S3,
                # CloudFront's standard logs are delivered with an ACL, so the bucket must accept ACLs.
                "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]},
                "LifecycleConfiguration": {
                    "Rules": [{"Id": "expire-logs", "Status": "Enabled", "ExpirationInDays": LOG_DAYS}]
                },
            },
        },
        # S3 server access logs of the PWA bucket are delivered by the logging service, allowed here
        # before the PWA bucket names this bucket as its log target.
        "LogBucketPolicy": _bucket_policy(
            "LogBucket",
            "S3AccessLogs",
            "logging.s3.amazonaws.com",
            "s3:PutObject",
            {"Fn::Sub": "${LogBucket.Arn}/s3/*"},
            {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
        ),
        "PwaBucket": {
            "Type": "AWS::S3::Bucket",
            "DependsOn": ["LogBucketPolicy"],
            "Metadata": {"checkov": {"skip": BUCKET_SKIPS}},
            "Properties": {
                "PublicAccessBlockConfiguration": PRIVATE,
                "BucketEncryption": SSE_S3,
                "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
                "VersioningConfiguration": {"Status": "Enabled"},
                "LoggingConfiguration": {"DestinationBucketName": {"Ref": "LogBucket"}, "LogFilePrefix": "s3/"},
                "LifecycleConfiguration": {
                    "Rules": [
                        {
                            "Id": "old-versions",
                            "Status": "Enabled",
                            "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
                        }
                    ]
                },
            },
        },
        "PwaBucketPolicy": _bucket_policy(
            "PwaBucket",
            "CloudFrontReads",
            "cloudfront.amazonaws.com",
            "s3:GetObject",
            {"Fn::Sub": "${PwaBucket.Arn}/*"},
            {"AWS:SourceArn": {"Fn::Sub": "arn:aws:cloudfront::${AWS::AccountId}:distribution/${Distribution}"}},
        ),
    }


def _behaviour(pattern: str | None, origin: str, cache_policy: str, **extra: Any) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "TargetOriginId": origin,
        "ViewerProtocolPolicy": "redirect-to-https",
        "Compress": True,
        "CachePolicyId": cache_policy,
        "ResponseHeadersPolicyId": {"Ref": "SecurityHeaders"},
        **extra,
    }
    return {"PathPattern": pattern, **rule} if pattern else rule


def _distribution(stage: str) -> dict[str, Any]:
    spa = [{"EventType": "viewer-request", "FunctionARN": {"Fn::GetAtt": ["SpaRewrite", "FunctionARN"]}}]
    return {
        "Type": "AWS::CloudFront::Distribution",
        "Metadata": {
            # W1030 reads CertificateArn's empty default into the HasDomain branch; the template's
            # rule DomainNeedsCertificate refuses a DomainName without a certificate before any change.
            "cfn-lint": {"config": {"ignore_checks": ["W1030"]}},
            "checkov": {
                "skip": [
                    {
                        "id": "CKV_AWS_174",
                        "comment": "TLSv1.2_2021 whenever the stack has its own domain (DomainName, CertificateArn); "
                        "on the default *.cloudfront.net name AWS fixes the minimum protocol and it cannot be set.",
                    },
                    {
                        "id": "CKV_AWS_310",
                        "comment": "One S3 origin and one API origin; a failover origin group "
                        "would need a second bucket in another region for static files rebuilt from git.",
                    },
                    {"id": "CKV_AWS_305", "comment": "DefaultRootObject is index.html (checked by the template test)."},
                ]
            },
        },
        "Properties": {
            "DistributionConfig": {
                "Enabled": True,
                "Comment": {"Fn::Sub": "${AWS::StackName}: PWA and /api/* on one origin"},
                "HttpVersion": "http2and3",
                "IPV6Enabled": True,
                "DefaultRootObject": "index.html",
                "Aliases": {"Fn::If": ["HasDomain", [{"Ref": "DomainName"}], {"Ref": "AWS::NoValue"}]},
                "ViewerCertificate": {
                    "Fn::If": [
                        "HasDomain",
                        {
                            "AcmCertificateArn": {"Ref": "CertificateArn"},
                            "SslSupportMethod": "sni-only",
                            "MinimumProtocolVersion": TLS_POLICY,
                        },
                        {"CloudFrontDefaultCertificate": True},
                    ]
                },
                "WebACLId": {"Ref": "WebAclArn"},
                "Logging": {
                    "Bucket": {"Fn::GetAtt": ["LogBucket", "RegionalDomainName"]},
                    "Prefix": "cloudfront/",
                    "IncludeCookies": False,
                },
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
                        "CustomOriginConfig": {"OriginProtocolPolicy": "https-only", "OriginSSLProtocols": ["TLSv1.2"]},
                    },
                ],
                "DefaultCacheBehavior": _behaviour(None, "pwa", CACHING_OPTIMIZED, FunctionAssociations=spa),
                "CacheBehaviors": [
                    # The service worker decides when the app shell is fresh; the edge must never
                    # serve these stale, or a new worker would precache old files.
                    *[_behaviour(pattern, "pwa", CACHING_DISABLED) for pattern in NEVER_STALE],
                    _behaviour(
                        "/api/*",
                        "api",
                        CACHING_DISABLED,
                        ViewerProtocolPolicy="https-only",
                        AllowedMethods=["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
                        # cookies, query and Idempotency-Key reach the API; API Gateway compresses its answers
                        OriginRequestPolicyId=ALL_VIEWER_EXCEPT_HOST,
                    ),
                ],
            }
        },
    }


def site_resources(stage: str) -> dict[str, Any]:
    return {
        **_buckets(),
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
        "SecurityHeaders": _security_headers(),
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
        "Distribution": _distribution(stage),
    }
