"""Survey administration (create, edit, publish, next wave, QR codes, visit links) and the public page."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib.platform import audit
from chalicelib.platform.errors import Conflict, NotFound, ValidationFailed
from chalicelib.platform.settings import get_settings
from chalicelib.surveys.rules.raffle import entry_expiry
from chalicelib.surveys.rules.survey import (
    SLUG_RE,
    Survey,
    availability,
    can_edit_questions,
    clone_as_next_wave,
    ensure_open,
    parse_survey,
    survey_to_dict,
)
from chalicelib.surveys.store import definitions as survey_store
from chalicelib.surveys.store import responses as response_store

BERLIN = ZoneInfo("Europe/Berlin")
CACHE_SECONDS = 60.0
_OPEN_LIST: dict[str, tuple[float, list[dict[str, Any]]]] = {}
_CACHE: dict[str, tuple[float, SurveyRecord]] = {}


@dataclass(frozen=True)
class SurveyRecord:
    survey: Survey
    revision: int
    responses: int
    public_results: bool
    previous_id: str | None
    draw: dict[str, Any] | None
    excerpts: dict[str, dict[str, str]]

    @property
    def part(self) -> str:
        return response_store.partition(self.survey.id, self.survey.wave)


def today() -> date:
    """The town's calendar day: surveys open and close on local dates."""
    return datetime.now(BERLIN).date()


def survey_of(item: survey_store.SurveyModel) -> Survey:
    """The stored definition, with the moment it was ended early (kept apart from the definition)."""
    return replace(parse_survey(item.definition_dict()), ended_at=item.ended_at)


def record_of(item: survey_store.SurveyModel) -> SurveyRecord:
    draw = None
    if item.drawn_at:
        draw = {
            "drawn_at": item.drawn_at,
            "drawn_by": item.drawn_by,
            "entries": int(item.draw_entries or 0),
            "winners": int(item.draw_winners or 0),
        }
    return SurveyRecord(
        survey=survey_of(item),
        revision=int(item.revision),
        responses=int(item.responses or 0),
        public_results=bool(item.public_results),
        previous_id=item.previous_id,
        draw=draw,
        excerpts=item.excerpt_map(),
    )


def _not_found() -> NotFound:
    return NotFound("There is no survey with this id.", code="survey_not_found")


def _stored(survey_id: str) -> survey_store.SurveyModel:
    item = survey_store.get(survey_id) if SLUG_RE.fullmatch(survey_id) else None
    if item is None:
        raise _not_found()
    return item


def fresh(survey_id: str) -> SurveyRecord:
    """The survey as stored now (staff views and changes)."""
    return record_of(_stored(survey_id))


def published(survey_id: str, *, cached: bool = True) -> SurveyRecord:
    """A published survey for citizens; drafts do not exist for them. Cached a minute per instance."""
    hit = _CACHE.get(survey_id) if cached else None
    if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
        return hit[1]
    record = fresh(survey_id)
    if record.survey.status != "published":
        raise _not_found()
    _CACHE[survey_id] = (time.monotonic(), record)
    return record


def is_cached(survey_id: str) -> bool:
    hit = _CACHE.get(survey_id)
    return bool(hit and time.monotonic() - hit[0] < CACHE_SECONDS)


def forget(survey_id: str) -> None:
    _CACHE.pop(survey_id, None)
    _OPEN_LIST.clear()


def public_url(survey_id: str) -> str:
    return f"{get_settings().public_base_url}/umfrage/{survey_id}"


def ensure_open_with_dates(survey: Survey, day: date) -> None:
    """ensure_open, with the title added so a closed survey's page can still say which survey it is
    (and whether it has a raffle, whose winners list that page links)."""
    try:
        ensure_open(survey, day)
    except Conflict as exc:
        exc.details["title"] = {"de": survey.title.de, "en": survey.title.en}
        exc.details["raffle"] = survey.raffle is not None
        raise


def raffle_info(survey: Survey) -> dict[str, Any] | None:
    raffle = survey.raffle
    if raffle is None:
        return None
    return {
        "prize": {"de": raffle.prize.de, "en": raffle.prize.en},
        "winners": raffle.winners,
        "publication_end": raffle.publication_end.isoformat(),
        "deletion_date": entry_expiry(raffle.publication_end).isoformat(),
    }


# --- staff ---------------------------------------------------------------------


def staff_view(record: SurveyRecord) -> dict[str, Any]:
    survey = record.survey
    return {
        "survey": survey_to_dict(survey),
        "revision": record.revision,
        "responses": record.responses,
        "availability": availability(survey, today()),
        "questions_editable": can_edit_questions(survey, record.responses),
        "public_results": record.public_results,
        "public_url": public_url(survey.id),
        "qr_url": qr_url(survey.id),
        "previous_id": record.previous_id,
        "draw": record.draw,
        "ended_at": survey.ended_at,
    }


def list_surveys() -> list[dict[str, Any]]:
    records = [record_of(item) for item in survey_store.list_all()]
    records.sort(key=lambda r: (r.survey.opens, r.survey.id), reverse=True)
    return [
        {
            "id": r.survey.id,
            "series": r.survey.series,
            "wave": r.survey.wave,
            "status": r.survey.status,
            "title": {"de": r.survey.title.de, "en": r.survey.title.en},
            "opens": r.survey.opens.isoformat(),
            "closes": r.survey.closes.isoformat(),
            "availability": availability(r.survey, today()),
            "responses": r.responses,
            "drawn": r.draw is not None,
            "ended_at": r.survey.ended_at,
        }
        for r in records
    ]


def model_of(survey: Survey, actor: str, previous_id: str | None = None) -> survey_store.SurveyModel:
    return survey_store.SurveyModel(
        survey.id,
        series=survey.series,
        wave=survey.wave,
        status=survey.status,
        definition=json.dumps(survey_to_dict(survey), ensure_ascii=False),
        previous_id=previous_id,
        updated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        updated_by=actor,
        excerpts={},
    )


def _ensure_new_wave(survey: Survey) -> None:
    if any(int(w.wave) == survey.wave for w in survey_store.waves(survey.series)):
        raise Conflict(
            f"Wave {survey.wave} of this series exists already.", fields={"wave": "is already used"}, code="wave_exists"
        )


def _insert(survey: Survey, actor: str, previous_id: str | None) -> SurveyRecord:
    _ensure_new_wave(survey)
    if not survey_store.create(model_of(survey, actor, previous_id)):
        raise Conflict("A survey with this id exists already.", fields={"id": "is already taken"}, code="id_taken")
    return fresh(survey.id)


def create(actor: str, data: dict[str, Any]) -> SurveyRecord:
    survey = parse_survey(data)
    if survey.status != "draft":
        raise ValidationFailed(
            "A new survey starts as a draft.", fields={"status": "must be draft; publish with the publish action"}
        )
    record = _insert(survey, actor, None)
    audit.record(actor, "survey.create", survey.id)
    return record


def update(actor: str, survey_id: str, data: dict[str, Any]) -> SurveyRecord:
    current = fresh(survey_id)
    new = parse_survey({"status": current.survey.status, **data})
    fixed = {"id": survey_id, "series": current.survey.series, "wave": current.survey.wave}
    errors = {k: "cannot be changed" for k, v in fixed.items() if getattr(new, k) != v}
    if new.status != current.survey.status:
        errors["status"] = "cannot be changed here; publish with the publish action"
    if errors:
        raise ValidationFailed("Some fields cannot be changed.", fields=errors)
    old, changed = survey_to_dict(current.survey), survey_to_dict(new)
    questions_changed = old["questions"] != changed["questions"]
    if questions_changed and not can_edit_questions(current.survey, current.responses):
        raise Conflict(
            "This survey has answers; its questions cannot change. Start a new wave instead.", code="clone_required"
        )
    if old["raffle"] != changed["raffle"] and current.survey.status == "published" and current.responses:
        raise Conflict("The raffle cannot change once people have answered.", code="raffle_locked")
    item = model_of(new, actor, current.previous_id)
    locked = questions_changed and current.survey.status == "published"
    if not survey_store.replace(item, current.revision, require_no_responses=locked):
        raise Conflict("The survey was changed meanwhile. Please reload it.", code="edit_conflict")
    forget(survey_id)
    audit.record(actor, "survey.update", survey_id, questions_changed=questions_changed)
    return fresh(survey_id)


def publish(actor: str, survey_id: str) -> SurveyRecord:
    current = fresh(survey_id)
    if current.survey.status == "published":
        return current
    data = survey_to_dict(current.survey)
    data["status"] = "published"
    item = model_of(parse_survey(data), actor, current.previous_id)
    if not survey_store.replace(item, current.revision, require_no_responses=False):
        raise Conflict("The survey was changed meanwhile. Please reload it.", code="edit_conflict")
    forget(survey_id)
    audit.record(actor, "survey.publish", survey_id)
    return fresh(survey_id)


def clone(actor: str, survey_id: str, new_id: str, opens: date, closes: date) -> SurveyRecord:
    current = fresh(survey_id)
    survey = clone_as_next_wave(current.survey, new_id, opens, closes)
    # Copying an older wave continues the series after its newest wave.
    newest = max((int(w.wave) for w in survey_store.waves(survey.series)), default=current.survey.wave)
    survey = replace(survey, wave=newest + 1)
    record = _insert(survey, actor, survey_id)
    audit.record(actor, "survey.clone", new_id, previous=survey_id, wave=survey.wave)
    return record


def set_public_results(actor: str, survey_id: str, enabled: bool) -> SurveyRecord:
    fresh(survey_id)
    if not survey_store.set_public_results(survey_id, enabled):
        raise _not_found()
    forget(survey_id)
    audit.record(actor, "survey.public_results", survey_id, enabled=enabled)
    return fresh(survey_id)


def qr_url(survey_id: str) -> str:
    """The link in the printed QR code: marked so that scans count as channel "qr"."""
    return f"{public_url(survey_id)}?quelle=qr"


def qr_code(survey_id: str, fmt: str) -> str | bytes:
    from chalicelib.platform.aws import qr

    fresh(survey_id)
    url = qr_url(survey_id)
    return qr.qr_png(url) if fmt == "png" else qr.qr_svg(url)


# --- citizens --------------------------------------------------------------------


def open_surveys() -> list[dict[str, Any]]:
    """The published surveys open today, newest closing last; cached a minute per warm instance."""
    hit = _OPEN_LIST.get("open")
    if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
        return hit[1]
    day = today()
    found = []
    for model in survey_store.published_surveys():
        survey = survey_of(model)
        if availability(survey, day) == "open":
            found.append(
                {
                    "id": survey.id,
                    "title": {"de": survey.title.de, "en": survey.title.en},
                    "closes": survey.closes.isoformat(),
                    "wave": survey.wave,
                }
            )
    found.sort(key=lambda s: (s["closes"], s["id"]))
    _OPEN_LIST["open"] = (time.monotonic(), found)
    return found
