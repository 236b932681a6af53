"""Load a town's data file into a deployed stage and create its first admin (run once per stage; `make deploy` does).

    STAGE=prod TABLE_PREFIX=buergerservice-prod- SECRET_PARAMETER=/buergerservice/prod/app-secret \\
        python -m infra.seed towns/willich.toml --password-file .local/first-admin-prod.txt

The admin's password is a one-time password: the console asks for a new one at the first
sign-in. It is written only to the password file (readable by its owner alone), never to the
output, so it does not end up in a CI log or a terminal recording. Delete the file once used.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def write_secret(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(text + "\n")
    os.chmod(path, 0o600)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("town", type=Path)
    parser.add_argument("--password-file", type=Path, required=True, help="where the one-time password goes (0600)")
    args = parser.parse_args(argv)
    from infra.local.stack import bootstrap

    info = bootstrap(args.town, local=False, must_change=True)
    print(f"Town {info['town']} loaded.")
    if info["admin_password"] is None:
        print(f"Console user {info['admin_user']} already existed; its password is unchanged.")
        return 0
    write_secret(args.password_file, info["admin_password"])
    print(f"Console user: {info['admin_user']}; its one-time password is in {args.password_file} (mode 0600).")
    print("Sign in at /console/, choose a new password, then delete the file.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
