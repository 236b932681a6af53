#!/usr/bin/env bash
# `make deploy STAGE=prod`: the WAF stack in us-east-1, the app stack, the PWA and the town's data.
# Needs AWS credentials and the AWS CLI v2; infra/README.md explains every variable and the first deploy.
set -euo pipefail
cd "$(dirname "$0")/.."

STAGE=${STAGE:-prod}
TOWN=${TOWN:-towns/willich.toml}
REGION=${AWS_REGION:-${AWS_DEFAULT_REGION:-eu-central-1}}
STACK=buergerservice-$STAGE
PY=.venv/bin/python
OUT=${OUT:-out}  # what make package built
die() { echo "make deploy: $*" >&2; exit 1; }

command -v aws >/dev/null 2>&1 || die "the AWS CLI v2 is not installed (https://docs.aws.amazon.com/cli/)."
aws sts get-caller-identity >/dev/null 2>&1 \
  || die "no AWS credentials in this shell. Sign in first (aws configure sso, or AWS_PROFILE=...); nothing was changed."
[ -n "${ARTIFACT_BUCKET:-}" ] || die "set ARTIFACT_BUCKET to an S3 bucket in $REGION that holds the Lambda zip."
[ -f "$OUT/sam.json" ] && [ -f "$OUT/waf.json" ] || die "run make package first."
# Lambda's python3.10/3.11 run on Amazon Linux 2 (end of support 30 June 2026); AWS blocks creating
# and then updating functions on a deprecated runtime. Such a package is deployed only when asked for.
RUNTIME=$($PY -c "import json, sys; r = json.load(open(sys.argv[1]))['Resources'].values()
print(min({x['Properties'].get('Runtime', '') for x in r if x['Type'] == 'AWS::Serverless::Function'}, default=''))" "$OUT/sam.json")
case "$RUNTIME" in
  python3.1[01])
    [ "${ALLOW_RUNTIME:-}" = "$RUNTIME" ] || die "the package is built for $RUNTIME (Amazon Linux 2), which AWS \
deprecates: build it with Python 3.12 or 3.13 (make clean, then make deploy PYTHON=python3.13), or set \
ALLOW_RUNTIME=$RUNTIME after checking https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html \
(infra/README.md, \"Python runtime\"). Nothing was changed." ;;
esac
aws ssm get-parameter --region "$REGION" --name "/buergerservice/$STAGE/app-secret" >/dev/null 2>&1 \
  || die "SSM parameter /buergerservice/$STAGE/app-secret is missing: create it as infra/README.md shows."

output() {  # output <region> <stack> <key>
  aws cloudformation describe-stacks --region "$1" --stack-name "$2" \
    --query "Stacks[0].Outputs[?OutputKey=='$3'].OutputValue" --output text 2>/dev/null || true
}

echo "1/5 WAF web ACL in us-east-1 (CloudFront's web ACLs live there)"
aws cloudformation deploy --region us-east-1 --stack-name "$STACK-waf" --template-file "$OUT/waf.json" \
  --no-fail-on-empty-changeset
WEB_ACL=$(output us-east-1 "$STACK-waf" WebAclArn)

echo "2/5 Lambda code to s3://$ARTIFACT_BUCKET, then the stack $STACK in $REGION"
aws cloudformation package --region "$REGION" --template-file "$OUT/sam.json" --s3-bucket "$ARTIFACT_BUCKET" \
  --s3-prefix "$STACK" --output-template-file "$OUT/packaged.yaml" >/dev/null
PARAMS=("WebAclArn=$WEB_ACL")
if [ -n "${DOMAIN_NAME:-}" ]; then
  [ -n "${CERTIFICATE_ARN:-}" ] || die "DOMAIN_NAME needs CERTIFICATE_ARN (an ACM certificate in us-east-1)."
  PARAMS+=("DomainName=$DOMAIN_NAME" "CertificateArn=$CERTIFICATE_ARN")
fi
[ -z "${ALARM_EMAIL:-}" ] || PARAMS+=("AlarmEmail=$ALARM_EMAIL")
VAPID_PUBLIC=$(aws ssm get-parameter --region "$REGION" --name "/buergerservice/$STAGE/vapid-public-key" \
  --query Parameter.Value --output text 2>/dev/null || true)
[ -z "$VAPID_PUBLIC" ] || PARAMS+=("VapidPublicKey=$VAPID_PUBLIC")
SITE=$(output "$REGION" "$STACK" SiteURL)
[ -z "$SITE" ] || [ "$SITE" = "None" ] || PARAMS+=("PublicBaseUrl=$SITE")
deploy_stack() {
  aws cloudformation deploy --region "$REGION" --stack-name "$STACK" --template-file "$OUT/packaged.yaml" \
    --capabilities CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides "${PARAMS[@]}" "$@"
}
deploy_stack
NEW_SITE=$(output "$REGION" "$STACK" SiteURL)
if [ "$NEW_SITE" != "$SITE" ] && [ -z "${DOMAIN_NAME:-}" ]; then
  echo "   first deploy on the cloudfront.net name: once more, so that e-mails link to $NEW_SITE"
  PARAMS+=("PublicBaseUrl=$NEW_SITE")
  deploy_stack
fi
SITE=$NEW_SITE

echo "3/5 SES: bounces and complaints of the sender go to the alarm topic"
MAIL_FROM=$($PY -c "import json; print(json.load(open('.chalice/config.json'))['stages']['$STAGE']['environment_variables']['MAIL_FROM'])")
for identity in "$MAIL_FROM" "${MAIL_FROM#*@}"; do
  aws sesv2 put-email-identity-configuration-set-attributes --region "$REGION" --email-identity "$identity" \
    --configuration-set-name "$(output "$REGION" "$STACK" MailConfigurationSet)" >/dev/null 2>&1 && break
done

echo "4/5 the PWA as served, with its cache headers; the edge forgets the old files"
$PY -m infra.publish "$OUT/pwa" "$(output "$REGION" "$STACK" PwaBucketName)" --region "$REGION"
aws cloudfront create-invalidation --distribution-id "$(output "$REGION" "$STACK" DistributionId)" \
  --paths '/*' >/dev/null

echo "5/5 the town's data ($TOWN) and, the first time, the admin"
mkdir -p .local
STAGE=$STAGE TABLE_PREFIX="$STACK-" SECRET_PARAMETER="/buergerservice/$STAGE/app-secret" AWS_REGION=$REGION \
  PUBLIC_BASE_URL=$SITE $PY -m infra.seed "$TOWN" --password-file ".local/first-admin-$STAGE.txt"

echo
echo "Deployed: $SITE"
