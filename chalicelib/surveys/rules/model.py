"""Survey definition dataclasses and the fixed vocabulary they are built from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

QuestionType = Literal["single", "multi", "rating", "nps", "yesno", "text"]
Status = Literal["draft", "published"]
Availability = Literal["open", "not_yet_open", "closed"]
ConditionValue = str | int | bool

QUESTION_TYPES: tuple[QuestionType, ...] = ("single", "multi", "rating", "nps", "yesno", "text")
STATUSES: tuple[Status, ...] = ("draft", "published")
# Types whose options the survey author defines.
CHOICE_TYPES: frozenset[str] = frozenset({"single", "multi"})
# Types a follow-up question may depend on: free text has no values to compare against.
CONDITION_TYPES: frozenset[str] = frozenset({"single", "multi", "rating", "nps", "yesno"})
CHANNELS: tuple[str, ...] = ("online", "qr", "visit", "paper")

SLUG_RE = re.compile(r"[a-z0-9_-]{1,40}")
MAX_QUESTIONS = 40
MIN_OPTIONS = 2
MAX_OPTIONS = 12
TEXT_DEFAULT_MAX_LENGTH = 500
TEXT_MAX_LENGTH = 1000
RATING_VALUES = range(1, 6)
NPS_VALUES = range(0, 11)


@dataclass(frozen=True)
class Text:
    """A text in German (always present) and English (may be empty)."""

    de: str
    en: str = ""

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.de


# Yes/no questions get fixed options so counters and results treat them like a single choice.
YESNO_OPTIONS: dict[bool, tuple[str, Text]] = {
    True: ("yes", Text("Ja", "Yes")),
    False: ("no", Text("Nein", "No")),
}


@dataclass(frozen=True)
class Option:
    id: str
    label: Text


def same_value(a: object, b: object) -> bool:
    """Equality that keeps bool and int apart (True == 1 in Python, but not in an answer)."""
    return type(a) is type(b) and a == b


@dataclass(frozen=True)
class Condition:
    """Show a follow-up only when the answer to an earlier question is one of `values`."""

    question_id: str
    values: list[ConditionValue]

    def matches(self, answer: object) -> bool:
        given = answer if isinstance(answer, list) else [answer]
        return any(same_value(g, v) for g in given for v in self.values)


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    label: Text
    help: Text | None = None
    required: bool = False
    options: list[Option] = field(default_factory=list)
    max_length: int | None = None
    show_if: Condition | None = None

    def choices(self) -> list[Option]:
        """The selectable options of single, multi and yes/no questions (empty for the others)."""
        if self.type == "yesno":
            return [Option(oid, label) for oid, label in YESNO_OPTIONS.values()]
        return list(self.options)

    def values(self) -> range:
        """The allowed numbers of rating and NPS questions (empty for the others)."""
        if self.type == "rating":
            return RATING_VALUES
        if self.type == "nps":
            return NPS_VALUES
        return range(0)

    def text_limit(self) -> int:
        return self.max_length or TEXT_DEFAULT_MAX_LENGTH


@dataclass(frozen=True)
class RaffleConfig:
    prize: Text
    winners: int
    publication_end: date
    # What each winner gets when several are drawn ("ein Einkaufsgutschein über 15 Euro"), for the winner mail.
    prize_each: Text | None = None


@dataclass(frozen=True)
class Survey:
    id: str
    title: Text
    intro: Text
    privacy: Text
    opens: date
    closes: date
    questions: list[Question]
    raffle: RaffleConfig | None = None
    wave: int = 1
    series: str = ""
    status: Status = "draft"
    # When staff ended the survey early (ISO timestamp, UTC); kept apart from the definition.
    ended_at: str | None = None

    def __post_init__(self) -> None:
        if not self.series:
            # A first wave starts its own series; frozen, hence object.__setattr__.
            object.__setattr__(self, "series", self.id)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)
