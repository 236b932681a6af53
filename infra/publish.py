"""Upload the PWA as served (out/pwa) to the stage's bucket, each file with its Content-Type and Cache-Control.

Files the new service worker is judged by (``sw.js``, the HTML shells, the manifest, the
messages) go last, so that a worker never precaches a file that is not uploaded yet. Old files
stay: a page still open from before may ask for them.

    python -m infra.publish out/pwa <bucket> [--region eu-central-1]
"""

from __future__ import annotations

import argparse
import mimetypes
import sys
from pathlib import Path

from infra.cache import cache_control, never_stale

TEXT = ("text/", "application/javascript", "application/json", "application/manifest+json", "image/svg+xml")
mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")


def content_type(key: str) -> str:
    kind = mimetypes.guess_type(key)[0] or "application/octet-stream"
    return kind + "; charset=utf-8" if kind.startswith(TEXT) else kind


def upload_order(root: Path) -> list[str]:
    keys = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    return sorted(keys, key=lambda k: (never_stale(k) or k.endswith(".html"), k == "sw.js", k))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("bucket")
    parser.add_argument("--region", default=None)
    args = parser.parse_args(argv)
    import boto3

    s3 = boto3.client("s3", region_name=args.region)
    keys = upload_order(args.source)
    for key in keys:
        s3.put_object(
            Bucket=args.bucket,
            Key=key,
            Body=(args.source / key).read_bytes(),
            ContentType=content_type(key),
            CacheControl=cache_control(key),
        )
    print(f"{len(keys)} files to s3://{args.bucket}/ (sw.js last)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
