"""Runs every benchmark against one in-process local stack and prints the tables."""

from __future__ import annotations

import sys

from bench import documents_ops, dynamo_calls, imports, pages
from bench import package as lambda_package
from bench.stack import running_stack


def main() -> int:
    failures: list[str] = []
    print("\n## Cold start: import cost (median of fresh interpreters)\n")
    failures += imports.report()
    print("\n## Lambda package: size and cold-start import cost as Lambda loads it\n")
    failures += lambda_package.report()
    with running_stack() as stack:
        print("\n## First-load weight per page (every response but images, gzip -9 each)\n")
        failures += pages.report(stack)
        print("\n## DynamoDB calls per API operation\n")
        failures += dynamo_calls.report(stack)
        print("\n## Marking 1,000 document orders ready from one delivery list (pushes to a loopback fake)\n")
        failures += documents_ops.report(stack)
    print()
    if failures:
        print("Targets missed:\n" + "\n".join(f"- {f}" for f in failures))
        return 1
    print("All targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
