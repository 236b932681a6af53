"""The language a request asks for, read from its Accept-Language header.

Every request needs it; the German message tables (``german``) only an error answer does,
so this stays apart from them and the cold start does not pay for them.
"""

from __future__ import annotations


def language(accept_language: str | None, default: str = "en") -> str:
    """The language, "de" or "en", that the Accept-Language header prefers (q-values respected)."""
    best, best_q = default, 0.0
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().lower()[:2]
        if lang not in ("de", "en"):
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > best_q:
            best, best_q = lang, q
    return best
