"""The service worker's cache version follows the precached shell files.

pwa/sw.js records, beside VERSION, a hash of the contents of every file in APP_SHELL
(SHELL_HASH). A unit test fails when the files changed and the hash did not; this script
brings both up to date, so that a new worker precaches the new files and the page offers
"Neu laden":

    make sw-version        (python -m infra.sw_version)
"""

from __future__ import annotations

import datetime
import hashlib
import re
import sys
from pathlib import Path

PWA = Path(__file__).resolve().parents[1] / "pwa"
SW = PWA / "sw.js"
SHELL_URLS = {"SHELL_URL": "/", "OFFLINE_URL": "/offline.html"}


def shell_files(source: str) -> list[Path]:
    """The files behind APP_SHELL's URLs ("/" is index.html)."""
    block = re.search(r"const APP_SHELL = \[(.*?)\];", source, re.S)
    assert block, "sw.js has no APP_SHELL list"
    body = re.sub(r"//.*$", "", block.group(1), flags=re.M)
    urls = re.findall(r"'(/[^']*)'", body) + [SHELL_URLS[n] for n in re.findall(r"\b([A-Z_]+_URL)\b", body)]
    return sorted({PWA / ("index.html" if url == "/" else url.lstrip("/")) for url in urls})


def shell_hash(source: str) -> str:
    digest = hashlib.sha256()
    for path in shell_files(source):
        digest.update(path.relative_to(PWA).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def recorded(source: str) -> tuple[str, str]:
    version = re.search(r"^const VERSION = '([^']+)';", source, re.M)
    hashed = re.search(r"^const SHELL_HASH = '([0-9a-f]*)';", source, re.M)
    assert version and hashed, "sw.js must declare VERSION and SHELL_HASH"
    return version.group(1), hashed.group(1)


def next_version(old: str, today: datetime.date) -> str:
    day = today.isoformat()
    if old.startswith(day + "."):
        return f"{day}.{int(old.rsplit('.', 1)[1]) + 1}"
    return f"{day}.1"


def update(today: datetime.date | None = None) -> bool:
    """Write a new VERSION and SHELL_HASH into sw.js if the shell changed; True if it did."""
    source = SW.read_text(encoding="utf-8")
    version, hashed = recorded(source)
    now = shell_hash(source)
    if now == hashed:
        return False
    new = next_version(version, today or datetime.datetime.now(datetime.UTC).date())
    source = re.sub(r"^const VERSION = '[^']+';", f"const VERSION = '{new}';", source, count=1, flags=re.M)
    source = re.sub(r"^const SHELL_HASH = '[0-9a-f]*';", f"const SHELL_HASH = '{now}';", source, count=1, flags=re.M)
    SW.write_text(source, encoding="utf-8")
    print(f"sw.js: VERSION {version} -> {new}")
    return True


if __name__ == "__main__":
    if not update():
        print("sw.js: the shell files are unchanged")
    sys.exit(0)
