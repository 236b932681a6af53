"""Free text as people send it: normalised (NFC, trimmed) and refused when it carries characters
that hide, reorder or break what is shown (controls, bidi overrides, zero-width characters).

Emoji stay, including their joined sequences: U+200D is allowed between emoji, U+200C between
letters (Persian and Indic scripts need it) and tag characters only in a flag sequence.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

NOT_ALLOWED = "contains characters that are not allowed"

ZWNJ, ZWJ, BLACK_FLAG, CANCEL_TAG = "\u200c", "\u200d", "\U0001f3f4", "\U000e007f"
_CONTEXTUAL = re.compile("[\u200c\u200d\U000e0020-\U000e007f]")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# Letters and marks that show nothing: a name made only of them is empty.
_BLANK = frozenset("\u034f\u115f\u1160\u2800\u3164\uffa0")


class TextRefused(ValueError):
    """``where`` locates the refused text inside a structure (``q3``, ``[0].label``)."""

    def __init__(self, message: str = NOT_ALLOWED, where: str = "") -> None:
        super().__init__(message)
        self.where = where


def join_path(prefix: str, where: str) -> str:
    """A field path: ``answers`` + ``q3`` is ``answers.q3``, ``items`` + ``[0]`` is ``items[0]``."""
    if not where:
        return prefix
    return prefix + where if where.startswith("[") or not prefix else f"{prefix}.{where}"


def _emoji_like(ch: str) -> bool:
    cat = unicodedata.category(ch)
    # Cn: emoji newer than this Python's Unicode tables are still unassigned to it.
    return cat in ("So", "Sk") or ch == "\ufe0f" or (cat == "Cn" and 0x1F000 <= ord(ch) <= 0x1FAFF)


def _fits(text: str, i: int) -> bool:
    """Whether the joiner or tag character at ``i`` sits where emoji or scripts need it."""
    ch = text[i]
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if ch == ZWJ:
        return bool(before and after) and _emoji_like(before) and _emoji_like(after)
    if ch == ZWNJ:
        return bool(before and after) and unicodedata.category(before)[0] in "LM" and after.isalpha()
    start = i
    while start > 0 and "\U000e0020" <= text[start - 1] <= CANCEL_TAG:
        start -= 1
    return start > 0 and text[start - 1] == BLACK_FLAG


def _allowed(ch: str, multiline: bool) -> bool:
    if ch in "\n\t":
        return multiline
    return unicodedata.category(ch) not in _REFUSED_CATEGORIES or bool(_CONTEXTUAL.match(ch))


def _visible(ch: str) -> bool:
    return not ch.isspace() and ch not in _BLANK and unicodedata.category(ch) not in _REFUSED_CATEGORIES


def clean_text(value: str, *, multiline: bool = False) -> str:
    """``value`` normalised; "" when nothing visible is left; TextRefused for hidden characters.

    Single-line text (names, subjects) allows no control character at all; multi-line text
    (answers, notes, legal texts) keeps line feeds and tabs, with CR LF and CR made LF.
    """
    text = unicodedata.normalize("NFC", value)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip()
    distinct = set(text)  # a long answer has few distinct characters: check each once
    if not any(_visible(ch) for ch in distinct):
        return ""
    if not all(_allowed(ch, multiline) for ch in distinct):
        raise TextRefused()
    for match in _CONTEXTUAL.finditer(text):
        if not _fits(text, match.start()):
            raise TextRefused()
    return text


def clean_texts(value: Any, where: str = "") -> Any:
    """``value`` (parsed JSON) with every text in it cleaned as multi-line text; keys, being
    ids, are only checked."""
    if isinstance(value, str):
        try:
            return clean_text(value, multiline=True)
        except TextRefused:
            raise TextRefused(NOT_ALLOWED, where) from None
    if isinstance(value, list):
        return [clean_texts(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, dict):
        out = {}
        for key, v in value.items():
            try:
                clean_text(str(key))
            except TextRefused:
                raise TextRefused(NOT_ALLOWED, where) from None
            out[key] = clean_texts(v, join_path(where, str(key)))
        return out
    return value
