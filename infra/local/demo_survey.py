"""Demo survey for the local stack: "Moderner Bürgerservice", open now, with its raffle and sample answers."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

DEMO_ID = "buergerservice"
SAMPLE_RESPONSES = 60


TOWNS = Path(__file__).resolve().parents[2] / "towns"


def survey_file(town_doc: dict[str, Any]) -> Path:
    """A town's demo survey lives beside its data file: towns/<town id>-survey.json."""
    return TOWNS / f"{town_doc['town']['id']}-survey.json"


def definition(town_doc: dict[str, Any], today: date) -> dict[str, Any]:
    """The survey from the town's data file, open from two weeks ago for two months."""
    data: dict[str, Any] = json.loads(survey_file(town_doc).read_text(encoding="utf-8"))
    data.pop("_comment", None)
    closes = today + timedelta(days=60)
    data.update(status="draft", opens=(today - timedelta(days=14)).isoformat(), closes=closes.isoformat())
    if data.get("raffle"):
        data["raffle"]["publication_end"] = (closes + timedelta(days=28)).isoformat()
    offices = [{"id": o["id"], "label": {"de": o["name"], "en": o["name"]}} for o in town_doc.get("offices", [])]
    for question in data["questions"]:
        if question.get("options") == "offices":
            question["options"] = offices
    return data


_SUGGESTIONS = (
    "Mehr Termine am Samstagvormittag wären schön.",
    "Die Online-Terminbuchung war sehr einfach.",
    "Bitte mehr Sitzplätze im Wartebereich.",
    "Schnell und freundlich, vielen Dank!",
)


def _answers(rng: random.Random, office_ids: list[str]) -> dict[str, Any]:
    friendliness = rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 3, 8, 10])[0]
    resolved = rng.random() < 0.8
    answers: dict[str, Any] = {
        "contact": rng.choice(["appointment_online", "appointment_online", "phone", "walk_in", "other"]),
        "office": rng.choice(office_ids),
        "waiting_time": rng.choice(["under_5", "5_to_15", "5_to_15", "over_15"]),
        "friendliness": friendliness,
        "competence": rng.choices([2, 3, 4, 5], weights=[1, 3, 8, 8])[0],
        "resolved": resolved,
        "recommend": rng.choices(range(11), weights=[1, 1, 1, 1, 1, 2, 3, 5, 8, 9, 8])[0],
        "online_wishes": rng.sample(["id_card", "change_address", "certificate"], rng.randint(0, 2)),
    }
    if friendliness <= 2:
        answers["friendliness_issue"] = "Ich wurde am Schalter ungeduldig unterbrochen."
    if not resolved:
        answers["not_resolved_reason"] = [rng.choice(["documents_missing", "other_authority", "technical_problem"])]
    if rng.random() < 0.3:
        answers["suggestions"] = rng.choice(_SUGGESTIONS)
    return {k: v for k, v in answers.items() if v != []}


def seed_survey(town_doc: dict[str, Any]) -> dict[str, Any]:
    """Publish the demo survey with sample answers from the last two weeks (deterministic)."""
    from chalicelib.surveys import definitions as surveys
    from chalicelib.surveys.rules.results import counter_increments, slices_for
    from chalicelib.surveys.rules.survey import validate_answers
    from chalicelib.surveys.store import responses as response_store

    today = surveys.today()
    if not survey_file(town_doc).exists():
        return {"survey": None, "seeded": 0}
    try:
        record = surveys.create("demo", definition(town_doc, today))
    except Exception:  # noqa: BLE001 - an external database may have it already
        return {"survey": DEMO_ID, "url": surveys.public_url(DEMO_ID), "seeded": 0}
    record = surveys.publish("demo", DEMO_ID)
    survey = record.survey
    office_ids = [o.id for o in next(q for q in survey.questions if q.id == "office").options]
    offices = [str(o["id"]) for o in town_doc.get("offices", [])] or [None]
    category = next((str(c["id"]) for c in town_doc.get("service_categories", [])), None)
    rng = random.Random(2026)
    groups: dict[tuple[str, str | None], list[tuple[dict[str, Any], date]]] = {}
    for _ in range(SAMPLE_RESPONSES):
        channel = rng.choice(["online", "online", "qr", "paper", "visit"])
        office = rng.choice(offices) if channel in ("paper", "visit") else None
        day = today - timedelta(days=rng.randint(0, 13))
        groups.setdefault((channel, office), []).append((validate_answers(survey, _answers(rng, office_ids)), day))
    for (channel, office), items in groups.items():
        totals: dict[str, int] = {}
        models = []
        for answers, day in items:
            for name, amount in counter_increments(survey, answers, day, channel, office).items():
                totals[name] = totals.get(name, 0) + amount
            texts = sum(1 for q in survey.questions if q.type == "text" and q.id in answers)
            models.append(
                response_store.ResponseModel(
                    record.part,
                    response_store.new_response_id(),
                    survey_id=survey.id,
                    wave=survey.wave,
                    channel=channel,
                    office=office,
                    category=category if channel == "visit" else None,
                    day=day.isoformat(),
                    answers=json.dumps(answers, ensure_ascii=False, sort_keys=True),
                    has_text=texts > 0,
                    pending_texts=texts,
                )
            )
        response_store.seed(models, totals, slices_for(channel, office), survey_id=survey.id)
    surveys.forget(DEMO_ID)
    return {"survey": DEMO_ID, "url": surveys.public_url(DEMO_ID), "seeded": SAMPLE_RESPONSES}
