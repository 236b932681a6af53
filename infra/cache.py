"""Cache-Control for each file of the PWA, the same rule in S3 (infra/publish.py) and at the edge (infra/site.py).

The PWA has no build step, so its file names carry no content hash: the service worker's
VERSION versions the precached shell. Browsers therefore revalidate every file (ETag, 304);
the edge keeps scripts, styles and icons for a day and a deploy invalidates it. The entries a
new service worker is judged by (``sw.js``, the HTML shells, the manifest, the messages) are
never cached at the edge. A file that does carry a content hash (``name.0123abcd.js``) is
immutable and cached for a year.
"""

from __future__ import annotations

import re

NEVER_STALE = ("/sw.js", "/index.html", "/offline.html", "/console/index.html", "/manifest.webmanifest", "/i18n/*")
NO_STORE_AT_EDGE = "no-cache"
REVALIDATE = "public, max-age=0, s-maxage=86400, must-revalidate"
IMMUTABLE = "public, max-age=31536000, immutable"
_HASHED = re.compile(r"\.[0-9a-f]{8,}\.[a-z0-9]+$")


def never_stale(key: str) -> bool:
    path = "/" + key.lstrip("/")
    return any(path.startswith(p[:-1]) if p.endswith("*") else path == p for p in NEVER_STALE)


def cache_control(key: str) -> str:
    """The Cache-Control an object of the bucket is stored with (key relative to the bucket's root)."""
    if never_stale(key) or key.endswith(".html"):
        return NO_STORE_AT_EDGE
    if _HASHED.search(key):
        return IMMUTABLE
    return REVALIDATE
