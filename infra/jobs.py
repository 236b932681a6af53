"""`make jobs`: run every scheduled job once, against the running local stack's database.

The local server writes its endpoints to .local/runtime.json; with DYNAMODB_ENDPOINT set
(and APP_SECRET / credentials in the environment) the jobs run against that instead.
"""

from __future__ import annotations

import json
import os
import sys

from infra.local.stack import LOCAL_DIR, configure_environment


def main() -> int:
    runtime = LOCAL_DIR / "runtime.json"
    if "DYNAMODB_ENDPOINT" not in os.environ:
        if not runtime.exists():
            print(
                "No local stack is running (start it with `make run`), and DYNAMODB_ENDPOINT is not set.",
                file=sys.stderr,
            )
            return 1
        info = json.loads(runtime.read_text())
        configure_environment(info["dynamodb"], info["ses"], info["base_url"])
    import app  # noqa: F401 - registers every capability's jobs
    from chalicelib.platform import jobs

    for job in jobs.catalogue():
        result = jobs.run(job["name"])
        print(f"{job['name']:<32} {json.dumps(result, default=str)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
