"""Ending a running survey early: it closes at once, and answers arriving afterwards are refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from chalicelib.platform import audit
from chalicelib.platform.errors import Conflict
from chalicelib.surveys import definitions as surveys
from chalicelib.surveys.rules.survey import availability, ensure_open
from chalicelib.surveys.store import definitions as survey_store


def end_now(actor: str, survey_id: str) -> surveys.SurveyRecord:
    """Close an open survey now: its last day becomes today and it takes no further answers.

    The stored revision rises, so a submission checked against the definition read before the
    end fails its own transaction and is read again, then refused as closed. Ending twice is
    harmless: a survey ended already is returned as it is.
    """
    current = surveys.fresh(survey_id)
    survey = current.survey
    day = surveys.today()
    if survey.ended_at is not None or availability(survey, day) == "closed":
        return current
    if survey.status != "published":
        raise Conflict("Only a published survey can be ended.", code="survey_not_published")
    ensure_open(survey, day)  # a survey that has not started yet is changed by editing its dates
    moment = datetime.now(UTC).isoformat(timespec="seconds")
    shortened = replace(survey, closes=day)
    item = surveys.model_of(shortened, actor, current.previous_id)
    if not survey_store.end(item, current.revision, moment):
        latest = surveys.fresh(survey_id)
        if latest.survey.ended_at is not None:
            return latest
        raise Conflict("The survey was changed meanwhile. Please reload it.", code="edit_conflict")
    surveys.forget(survey_id)
    audit.record(actor, "survey.end", survey_id, closes=day.isoformat(), responses=current.responses)
    return surveys.fresh(survey_id)
