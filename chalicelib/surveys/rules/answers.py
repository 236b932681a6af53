"""Which questions a respondent is asked, and validation of the answers they send."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from chalicelib.platform.errors import ValidationFailed
from chalicelib.surveys.rules.model import Question, Survey

# Keys of unknown answers are echoed in error paths; a cap keeps hostile keys from bloating the response.
_MAX_KEY_IN_PATH = 60
_ALLOWED_CONTROL = frozenset("\n\r\t")


class _Invalid(Exception):
    pass


def visible_questions(survey: Survey, answers: Mapping[str, Any]) -> list[Question]:
    """The questions asked given `answers`: follow-ups only when their condition is met."""
    # Conditions only point at questions without a condition, so one pass in order suffices.
    return [q for q in survey.questions if q.show_if is None or q.show_if.matches(answers.get(q.show_if.question_id))]


def validate_answers(survey: Survey, answers: object) -> dict[str, Any]:
    """Cleaned answers keyed by question id; raises ValidationFailed naming every bad `answers.<id>`.

    Empty optional answers (None, "", whitespace, []) are dropped. Multi answers come back in the
    order of the question's options, so equal selections are stored identically. Idempotent:
    cleaned answers validate to themselves.
    """
    if not isinstance(answers, dict):
        raise ValidationFailed("The answers must be an object.", fields={"answers": "must be an object"})
    errors: dict[str, str] = {}
    known = {q.id for q in survey.questions}
    for key in answers:
        if key not in known:
            errors[f"answers.{str(key)[:_MAX_KEY_IN_PATH]}"] = "is not a question of this survey"
    cleaned: dict[str, Any] = {}
    for question in survey.questions:
        path = f"answers.{question.id}"
        raw = answers.get(question.id)
        if question.show_if is not None:
            parent = question.show_if.question_id
            if f"answers.{parent}" in errors:
                # Whether the follow-up is asked is unknown; the parent's error says what to fix.
                continue
            if not question.show_if.matches(cleaned.get(parent)):
                if not _is_empty(raw):
                    errors[path] = "is not asked for this answer"
                continue
        if _is_empty(raw):
            if question.required:
                errors[path] = "is required"
            continue
        try:
            cleaned[question.id] = _clean(question, raw)
        except _Invalid as exc:
            errors[path] = str(exc)
    if errors:
        raise ValidationFailed("Some answers are missing or invalid.", fields=errors)
    return cleaned


def _is_empty(raw: object) -> bool:
    return raw is None or raw == [] or (isinstance(raw, str) and not raw.strip())


def _clean(question: Question, raw: object) -> Any:
    if question.type == "single":
        return _option_id(question, raw)
    if question.type == "multi":
        return _option_ids(question, raw)
    if question.type in ("rating", "nps"):
        allowed = question.values()
        # type() rather than isinstance(): bool is a subclass of int, and True is no rating.
        if type(raw) is not int or raw not in allowed:
            raise _Invalid(f"must be a whole number from {allowed.start} to {allowed.stop - 1}")
        return raw
    if question.type == "yesno":
        if not isinstance(raw, bool):
            raise _Invalid("must be true or false")
        return raw
    return _free_text(question, raw)


def _option_id(question: Question, raw: object) -> str:
    if not isinstance(raw, str):
        raise _Invalid("must be the id of one option")
    if raw not in {o.id for o in question.options}:
        raise _Invalid("is not an option of this question")
    return raw


def _option_ids(question: Question, raw: object) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise _Invalid("must be a list of option ids")
    ids = [o.id for o in question.options]
    if any(v not in ids for v in raw):
        raise _Invalid("contains an option that is not part of this question")
    if len(set(raw)) != len(raw):
        raise _Invalid("must not select an option twice")
    return [oid for oid in ids if oid in raw]


def _free_text(question: Question, raw: object) -> str:
    if not isinstance(raw, str):
        raise _Invalid("must be a text")
    value = raw.strip()
    if len(value) > question.text_limit():
        raise _Invalid(f"must be at most {question.text_limit()} characters")
    if any(unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROL for ch in value):
        raise _Invalid("contains invalid control characters")
    return value
