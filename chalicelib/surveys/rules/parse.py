"""Survey definitions from JSON-like dicts, reporting every problem with its exact path."""

from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.platform.errors import ValidationFailed
from chalicelib.surveys.rules.model import (
    CHOICE_TYPES,
    CONDITION_TYPES,
    MAX_OPTIONS,
    MAX_QUESTIONS,
    MIN_OPTIONS,
    QUESTION_TYPES,
    SLUG_RE,
    STATUSES,
    TEXT_DEFAULT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Condition,
    ConditionValue,
    Option,
    Question,
    QuestionType,
    RaffleConfig,
    Survey,
    Text,
    same_value,
)
from chalicelib.surveys.rules.results import MAX_INCREMENTS_PER_RESPONSE, max_increments, question_counter_names

_SURVEY_KEYS = {"id", "series", "wave", "status", "title", "intro", "privacy", "opens", "closes", "raffle", "questions"}
_QUESTION_KEYS = {"id", "type", "label", "help", "required", "options", "max_length", "show_if"}
_LIMITS = {"title": 200, "intro": 2000, "privacy": 5000, "label": 300, "help": 1000, "prize": 300, "prize_each": 200}


class _Reader:
    """Reads fields leniently and records errors, so one call reports every problem at once."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def fail(self, path: str, message: str) -> None:
        self.errors.setdefault(path, message)

    def failed_under(self, prefix: str) -> bool:
        return any(p == prefix or p.startswith((prefix + ".", prefix + "[")) for p in self.errors)

    def obj(self, data: object, path: str, allowed: set[str]) -> dict[str, Any] | None:
        if not isinstance(data, dict):
            self.fail(path or "body", "must be an object")
            return None
        for key in data:
            if key not in allowed:
                self.fail(_join(path, str(key)), "is not an allowed field")
        return data

    def slug(self, data: dict[str, Any], key: str, path: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not SLUG_RE.fullmatch(value):
            self.fail(_join(path, key), "must be 1-40 characters a-z, 0-9, _ or -")
            return ""
        return value

    def text(self, data: dict[str, Any], key: str, path: str, *, optional: bool = False) -> Text | None:
        here, raw = _join(path, key), data.get(key)
        if raw is None and optional:
            return None
        limit = _LIMITS[key]
        value = self.obj(raw, here, {"de", "en"})
        if value is None:
            return Text("")
        de, en = value.get("de"), value.get("en", "")
        if not isinstance(de, str) or not de.strip():
            self.fail(f"{here}.de", "must be a non-empty German text")
        elif len(de.strip()) > limit:
            self.fail(f"{here}.de", f"must be at most {limit} characters")
        if en is None:
            en = ""  # English is optional; readers see the German text instead.
        if not isinstance(en, str):
            self.fail(f"{here}.en", "must be a text")
        elif len(en.strip()) > limit:
            self.fail(f"{here}.en", f"must be at most {limit} characters")
        return Text(de.strip() if isinstance(de, str) else "", en.strip() if isinstance(en, str) else "")

    def integer(self, data: dict[str, Any], key: str, path: str, low: int, high: int, default: int) -> int:
        value = data.get(key, default)
        if type(value) is not int or not low <= value <= high:
            self.fail(_join(path, key), f"must be a whole number from {low} to {high}")
            return default
        return value

    def day(self, data: dict[str, Any], key: str, path: str) -> date:
        value = data.get(key)
        try:
            if isinstance(value, str) and len(value) == 10:
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.fail(_join(path, key), "must be a date (YYYY-MM-DD)")
        return date.min


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def parse_survey(data: object) -> Survey:
    """A Survey from its dict form; raises ValidationFailed with one entry per bad path."""
    r = _Reader()
    d = r.obj(data, "", _SURVEY_KEYS)
    if d is None:
        raise ValidationFailed("The survey definition is invalid.", fields=r.errors)
    survey_id = r.slug(d, "id", "")
    series = r.slug(d, "series", "") if d.get("series") is not None else survey_id
    status = d.get("status", "draft")
    if status not in STATUSES:
        r.fail("status", "must be draft or published")
        status = "draft"
    opens, closes = r.day(d, "opens", ""), r.day(d, "closes", "")
    if "opens" not in r.errors and "closes" not in r.errors and closes < opens:
        r.fail("closes", "must not be before opens")
    survey = Survey(
        id=survey_id,
        title=r.text(d, "title", "") or Text(""),
        intro=r.text(d, "intro", "") or Text(""),
        privacy=r.text(d, "privacy", "") or Text(""),
        opens=opens,
        closes=closes,
        questions=_questions(r, d.get("questions")),
        raffle=_raffle(r, d.get("raffle"), closes if "closes" not in r.errors else None),
        wave=r.integer(d, "wave", "", 1, 1000, 1),
        series=series,
        status=status,
    )
    if not r.failed_under("questions") and max_increments(survey) > MAX_INCREMENTS_PER_RESPONSE:
        r.fail(
            "questions",
            f"one response may update at most {MAX_INCREMENTS_PER_RESPONSE} result counters; "
            "use fewer multiple-choice options",
        )
    if r.errors:
        raise ValidationFailed("The survey definition is invalid.", fields=r.errors)
    return survey


def _raffle(r: _Reader, raw: object, closes: date | None) -> RaffleConfig | None:
    if raw is None:
        return None
    d = r.obj(raw, "raffle", {"prize", "winners", "publication_end", "prize_each"})
    if d is None:
        return None
    prize = r.text(d, "prize", "raffle") or Text("")
    winners = r.integer(d, "winners", "raffle", 1, 1000, 1)
    end = r.day(d, "publication_end", "raffle")
    if closes is not None and "raffle.publication_end" not in r.errors and end < closes:
        r.fail("raffle.publication_end", "must not be before closes")
    each_raw = d.get("prize_each")
    if isinstance(each_raw, dict) and not any(isinstance(v, str) and v.strip() for v in each_raw.values()):
        each_raw = None  # the editor's empty field: no per-winner wording
    each = r.text({"prize_each": each_raw}, "prize_each", "raffle", optional=True)
    return RaffleConfig(prize, winners, end, each if each and each.de else None)


def _questions(r: _Reader, raw: object) -> list[Question]:
    if not isinstance(raw, list) or not raw:
        r.fail("questions", "must be a non-empty list")
        return []
    if len(raw) > MAX_QUESTIONS:
        r.fail("questions", f"must contain at most {MAX_QUESTIONS} questions")
        return []
    at: dict[int, Question] = {}
    index_of: dict[str, int] = {}
    for i, item in enumerate(raw):
        question = _question(r, item, f"questions[{i}]")
        if question is None:
            continue
        at[i] = question
        if question.id in index_of:
            r.fail(f"questions[{i}].id", f"is already used by questions[{index_of[question.id]}]")
        elif question.id:
            index_of[question.id] = i
    for i, item in enumerate(raw):
        if isinstance(item, dict) and item.get("show_if") is not None:
            _check_condition(r, i, item["show_if"], at, index_of)
    _check_counter_names(r, at, index_of)
    return list(at.values())


def _question(r: _Reader, raw: object, path: str) -> Question | None:
    d = r.obj(raw, path, _QUESTION_KEYS)
    if d is None:
        return None
    qid = r.slug(d, "id", path)
    qtype: QuestionType = "text"
    if d.get("type") in QUESTION_TYPES:
        qtype = d["type"]
    else:
        r.fail(f"{path}.type", "must be one of: " + ", ".join(QUESTION_TYPES))
    required = d.get("required", False)
    if not isinstance(required, bool):
        r.fail(f"{path}.required", "must be true or false")
        required = False
    options: list[Option] = []
    if qtype in CHOICE_TYPES:
        options = _options(r, d.get("options"), f"{path}.options")
    elif d.get("options") not in (None, []):
        r.fail(f"{path}.options", "is only allowed for single and multi questions")
    max_length = None
    if qtype == "text":
        max_length = r.integer(d, "max_length", path, 1, TEXT_MAX_LENGTH, TEXT_DEFAULT_MAX_LENGTH)
    elif d.get("max_length") is not None:
        r.fail(f"{path}.max_length", "is only allowed for text questions")
    # Checked later against the earlier questions; kept even when malformed so that a follow-up
    # pointing at this question is still recognised as nested.
    condition = d.get("show_if")
    show_if = None
    if isinstance(condition, dict):
        values = condition.get("values")
        show_if = Condition(str(condition.get("question_id", "")), list(values) if isinstance(values, list) else [])
    return Question(
        id=qid,
        type=qtype,
        label=r.text(d, "label", path) or Text(""),
        help=r.text(d, "help", path, optional=True),
        required=required,
        options=options,
        max_length=max_length,
        show_if=show_if,
    )


def _options(r: _Reader, raw: object, path: str) -> list[Option]:
    if not isinstance(raw, list) or not MIN_OPTIONS <= len(raw) <= MAX_OPTIONS:
        r.fail(path, f"must be a list of {MIN_OPTIONS} to {MAX_OPTIONS} options")
        return []
    options: list[Option] = []
    seen: dict[str, int] = {}
    for k, item in enumerate(raw):
        here = f"{path}[{k}]"
        d = r.obj(item, here, {"id", "label"})
        if d is None:
            continue
        oid = r.slug(d, "id", here)
        if oid in seen:
            r.fail(f"{here}.id", f"is already used by {path}[{seen[oid]}]")
        elif oid:
            seen[oid] = k
        options.append(Option(oid, r.text(d, "label", here) or Text("")))
    return options


def _check_condition(r: _Reader, i: int, raw: object, at: dict[int, Question], index_of: dict[str, int]) -> None:
    path = f"questions[{i}].show_if"
    d = r.obj(raw, path, {"question_id", "values"})
    if d is None:
        return
    parent_id = d.get("question_id")
    j = index_of.get(parent_id) if isinstance(parent_id, str) else None
    parent = at.get(j) if j is not None else None
    if j is None or parent is None:
        r.fail(f"{path}.question_id", "must be the id of an earlier question")
    elif j >= i:
        r.fail(f"{path}.question_id", "must refer to an earlier question")
    elif parent.show_if is not None:
        r.fail(f"{path}.question_id", "must not refer to a follow-up question (only one level is allowed)")
    elif parent.type not in CONDITION_TYPES and f"questions[{j}].type" not in r.errors:
        r.fail(f"{path}.question_id", "must refer to a choice, rating, NPS or yes/no question")
    values = d.get("values")
    if not isinstance(values, list) or not values:
        r.fail(f"{path}.values", "must be a non-empty list")
        return
    if parent is None or f"{path}.question_id" in r.errors or r.failed_under(f"questions[{j}]"):
        return  # The values cannot be judged without a valid earlier question.
    allowed: list[ConditionValue] = [True, False] if parent.type == "yesno" else [o.id for o in parent.choices()]
    allowed += list(parent.values())
    bad = [k for k, v in enumerate(values) if not any(same_value(v, a) for a in allowed)]
    for k in bad:
        r.fail(f"{path}.values[{k}]", _value_hint(parent))
    if not bad and len({(type(v), v) for v in values}) != len(values):
        r.fail(f"{path}.values", "must not repeat a value")


def _value_hint(parent: Question) -> str:
    if parent.type == "yesno":
        return "must be true or false"
    if parent.type in ("rating", "nps"):
        return f"must be a whole number from {parent.values().start} to {parent.values().stop - 1}"
    return f"must be an option id of {parent.id}"


def _check_counter_names(r: _Reader, at: dict[int, Question], index_of: dict[str, int]) -> None:
    owner: dict[str, str] = {}
    for i, question in at.items():
        if r.failed_under(f"questions[{i}]"):
            continue
        for name in question_counter_names(question):
            if name in owner and owner[name] != question.id:
                r.fail(
                    f"questions[{i}].id",
                    f"clashes with questions[{index_of[owner[name]]}] in the result "
                    f"counter {name} ('-' counts as '_'); choose other ids",
                )
            owner.setdefault(name, question.id)
