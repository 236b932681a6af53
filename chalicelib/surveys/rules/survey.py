"""Citizen surveys: definition, answer validation and life cycle (open, closed, next wave)."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from typing import Any

from chalicelib.platform.errors import Conflict, ValidationFailed
from chalicelib.surveys.rules.answers import validate_answers, visible_questions
from chalicelib.surveys.rules.model import (
    CHANNELS,
    QUESTION_TYPES,
    SLUG_RE,
    Availability,
    Condition,
    Option,
    Question,
    QuestionType,
    RaffleConfig,
    Status,
    Survey,
    Text,
)
from chalicelib.surveys.rules.parse import parse_survey

__all__ = [
    "CHANNELS",
    "QUESTION_TYPES",
    "Availability",
    "Condition",
    "Option",
    "Question",
    "QuestionType",
    "RaffleConfig",
    "Status",
    "Survey",
    "Text",
    "availability",
    "can_edit_questions",
    "clone_as_next_wave",
    "ensure_open",
    "parse_survey",
    "survey_to_dict",
    "validate_answers",
    "visible_questions",
]


def availability(survey: Survey, today: date) -> Availability:
    """Whether citizens can answer on `today` (opens and closes are both inclusive).

    A draft is never open: it reports "not_yet_open" whatever its dates say. A survey ended early
    is closed from that moment on (ended_at is only ever set to the moment of ending).
    """
    if survey.status != "published" or today < survey.opens:
        return "not_yet_open"
    if today > survey.closes or survey.ended_at is not None:
        return "closed"
    return "open"


def ensure_open(survey: Survey, today: date) -> None:
    """Raise Conflict ("survey_not_open" or "survey_closed") unless the survey takes answers today."""
    state = availability(survey, today)
    if state == "open":
        return
    details = {"opens": survey.opens.isoformat(), "closes": survey.closes.isoformat()}
    if state == "closed":
        raise Conflict("This survey has closed.", code="survey_closed", details=details)
    raise Conflict("This survey is not open yet.", code="survey_not_open", details=details)


def can_edit_questions(survey: Survey, response_count: int) -> bool:
    """Questions stay editable until a published survey has its first answer.

    Afterwards a change would make stored answers and counters mean something else; the town
    starts a new wave instead.
    """
    return survey.status == "draft" or response_count == 0


def clone_as_next_wave(survey: Survey, new_id: str, opens: date, closes: date) -> Survey:
    """A draft copy as the next wave of the same series, with new dates.

    The raffle's publication period keeps its length after the closing date.
    """
    errors: dict[str, str] = {}
    if not SLUG_RE.fullmatch(new_id):
        errors["id"] = "must be 1-40 characters a-z, 0-9, _ or -"
    elif new_id == survey.id:
        errors["id"] = "must differ from the id of the previous wave"
    if closes < opens:
        errors["closes"] = "must not be before opens"
    if errors:
        raise ValidationFailed("The next wave cannot be created.", fields=errors)
    raffle = survey.raffle
    if raffle is not None:
        raffle = replace(raffle, publication_end=closes + (raffle.publication_end - survey.closes))
    return replace(
        survey,
        id=new_id,
        opens=opens,
        closes=closes,
        questions=copy.deepcopy(survey.questions),
        raffle=raffle,
        wave=survey.wave + 1,
        series=survey.series,
        status="draft",
        ended_at=None,
    )


def survey_to_dict(survey: Survey) -> dict[str, Any]:
    """The dict form parse_survey reads (and the console and demo data use); round-trips exactly."""
    raffle = survey.raffle
    return {
        "id": survey.id,
        "series": survey.series,
        "wave": survey.wave,
        "status": survey.status,
        "title": _text(survey.title),
        "intro": _text(survey.intro),
        "privacy": _text(survey.privacy),
        "opens": survey.opens.isoformat(),
        "closes": survey.closes.isoformat(),
        "raffle": None
        if raffle is None
        else {
            "prize": _text(raffle.prize),
            "winners": raffle.winners,
            "publication_end": raffle.publication_end.isoformat(),
            **({"prize_each": _text(raffle.prize_each)} if raffle.prize_each else {}),
        },
        "questions": [_question_to_dict(q) for q in survey.questions],
    }


def _question_to_dict(q: Question) -> dict[str, Any]:
    return {
        "id": q.id,
        "type": q.type,
        "label": _text(q.label),
        "help": None if q.help is None else _text(q.help),
        "required": q.required,
        "options": [{"id": o.id, "label": _text(o.label)} for o in q.options],
        "max_length": q.max_length,
        "show_if": None
        if q.show_if is None
        else {"question_id": q.show_if.question_id, "values": list(q.show_if.values)},
    }


def _text(text: Text) -> dict[str, str]:
    return {"de": text.de, "en": text.en}
