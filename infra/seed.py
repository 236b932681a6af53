"""Load a town's data file into a deployed stage and create its first admin (run once per stage).

    STAGE=prod TABLE_PREFIX=buergerservice-prod- SECRET_PARAMETER=/buergerservice/prod/app-secret \\
        python -m infra.seed towns/willich.toml
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    from infra.local.stack import bootstrap

    info = bootstrap(Path(argv[0]), local=False)
    password = info["admin_password"] or "(unchanged: the admin already existed)"
    print(f"Town {info['town']} loaded. Console user: {info['admin_user']}  password: {password}")
    print("Store this password safely; it is shown only now.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
