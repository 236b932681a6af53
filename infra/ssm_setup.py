"""Create a stage's secrets in SSM once: the application secret and the Web Push (VAPID) key pair.

    python -m infra.ssm_setup --stage prod [--region eu-central-1]

Secrets go straight from this process into SecureString parameters and are never printed; an
existing parameter is left alone (rotating the application secret signs everyone out, and a new
VAPID key invalidates every push subscription).
"""

from __future__ import annotations

import argparse
import secrets
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--stage", default="prod", choices=["dev", "prod"])
    parser.add_argument("--region", default=None)
    args = parser.parse_args(argv)
    import boto3

    from infra.local.stack import _vapid_keys

    ssm = boto3.client("ssm", region_name=args.region)
    base = f"/buergerservice/{args.stage}"
    vapid = _vapid_keys()
    wanted = [
        (f"{base}/app-secret", secrets.token_urlsafe(48), "SecureString"),
        (f"{base}/vapid-private-key", vapid["VAPID_PRIVATE_KEY"], "SecureString"),
        (f"{base}/vapid-public-key", vapid["VAPID_PUBLIC_KEY"], "String"),
    ]
    existing = {p["Name"] for p in ssm.get_parameters(Names=[n for n, _, _ in wanted])["Parameters"]}
    if {f"{base}/vapid-private-key", f"{base}/vapid-public-key"} & existing:
        existing |= {n for n, _, _ in wanted if "vapid" in n}  # a key pair is made together or not at all
    for name, value, kind in wanted:
        if name in existing:
            print(f"{name}: exists, left as it is")
            continue
        ssm.put_parameter(Name=name, Value=value, Type=kind)
        print(f"{name}: created ({kind})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
