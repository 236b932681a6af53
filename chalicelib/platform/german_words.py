"""Small helpers for the German message tables: plurals, dates, nested translations."""

from __future__ import annotations

import re
from collections.abc import Callable

# A German text: a template with \1 for the match's groups, or a function of the match.
Replacement = str | Callable[[re.Match[str]], str]

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def plural(count: str | int, one: str, many: str) -> str:
    """The count with the noun in the right number: "1 Eintrag", "2 Einträge"."""
    return f"{count} {one if str(count) == '1' else many}"


def german_date(text: str) -> str:
    """ISO dates in ``text`` as Germans write them: 2026-06-04 -> 04.06.2026."""
    return _ISO_DATE.sub(lambda m: f"{m[3]}.{m[2]}.{m[1]}", text)


# The whole table's lookup, handed in by ``german`` when it loads: the tables use ``nested``
# and ``german`` uses the tables, so the lookup is passed down instead of imported up.
_lookups: list[Callable[[str], str | None]] = []


def use_lookup(lookup: Callable[[str], str | None]) -> None:
    _lookups[:] = [lookup]


def nested(text: str) -> str:
    """A part of a message that is a message itself (e.g. the reason for a closed day)."""
    german = _lookups[0](text) if _lookups else None
    return german if german is not None else text


def pattern(regex: str) -> re.Pattern[str]:
    return re.compile(regex)
