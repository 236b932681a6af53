"""The PWA's files as a browser receives them: scripts minified with rJSmin, styles with
rCSSmin, JSON compacted; everything else byte for byte.

The sources stay readable ES modules with their comments and no bundler; what leaves the
server is a quarter smaller. The local server serves ``served(path)``; a deployment uploads
the same bytes, written by ``python -m infra.assets out/pwa`` (then ``aws s3 sync out/pwa/ ...``).
Both ways run the same function, so what the benchmarks and browser tests see is what
citizens get.
"""

from __future__ import annotations

import functools
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PWA = ROOT / "pwa"
MINIFIED = (".js", ".css", ".json", ".webmanifest")


def minify(name: str, text: str) -> str:
    if name.endswith(".js"):
        import rjsmin

        return str(rjsmin.jsmin(text)) + "\n"
    if name.endswith(".css"):
        import rcssmin

        return str(rcssmin.cssmin(text)) + "\n"
    if name.endswith((".json", ".webmanifest")):
        return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
    return text


@functools.lru_cache(maxsize=512)
def _served(path: Path, mtime_ns: int, size: int) -> bytes:
    raw = path.read_bytes()
    if not path.name.endswith(MINIFIED):
        return raw
    return minify(path.name, raw.decode("utf-8")).encode("utf-8")


def served(path: Path) -> bytes:
    """The bytes sent for a file of ``pwa/`` (kept until the file changes)."""
    stat = path.stat()
    return _served(path, stat.st_mtime_ns, stat.st_size)


def build(dest: Path) -> tuple[int, int]:
    """Write every file of ``pwa/`` as served into ``dest``; returns (bytes in, bytes out)."""
    if dest.exists():
        shutil.rmtree(dest)
    before = after = 0
    for source in sorted(PWA.rglob("*")):
        if not source.is_file():
            continue
        target = dest / source.relative_to(PWA)
        target.parent.mkdir(parents=True, exist_ok=True)
        body = served(source)
        target.write_bytes(body)
        before += source.stat().st_size
        after += len(body)
    return before, after


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out/pwa")
    size_in, size_out = build(out)
    print(f"{out}: {size_in:,} bytes of sources served as {size_out:,} bytes")
