"""Demo survey for the local stack: "Moderner Bürgerservice", open now, with its raffle and sample answers."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Any

DEMO_ID = "buergerservice"
SAMPLE_RESPONSES = 60


def _t(de: str, en: str) -> dict[str, str]:
    return {"de": de, "en": en}


def _options(*pairs: tuple[str, str, str]) -> list[dict[str, Any]]:
    return [{"id": oid, "label": _t(de, en)} for oid, de, en in pairs]


def definition(town_doc: dict[str, Any], today: date) -> dict[str, Any]:
    offices = [(o["id"], o["name"], o["name"]) for o in town_doc.get("offices", [])]
    closes = today + timedelta(days=60)
    return {
        "id": DEMO_ID,
        "series": "buergerservice",
        "wave": 1,
        "status": "draft",
        "title": _t("Moderner Bürgerservice – Ihre Meinung zählt", "Modern citizen service – your opinion counts"),
        "intro": _t(
            "Wie zufrieden sind Sie mit unseren Bürgerbüros? Die Befragung dauert etwa zwei Minuten.",
            "How satisfied are you with our citizen offices? The survey takes about two minutes.",
        ),
        "privacy": _t(
            "Die Befragung ist anonym und freiwillig. Wir speichern Ihre Antworten ohne Namen, E-Mail- oder "
            "IP-Adresse und nur mit dem Datum, nicht mit der Uhrzeit. Für das Gewinnspiel speichern wir Namen und "
            "E-Mail-Adresse getrennt von den Antworten und löschen sie spätestens eine Woche nach Ende der "
            "Veröffentlichung der Gewinnerinnen und Gewinner.",
            "The survey is anonymous and voluntary. We store your answers without your name, e-mail or IP address "
            "and only with the date, not the time. For the prize draw we store name and e-mail address separately "
            "from the answers and delete them at the latest one week after the winners are no longer published.",
        ),
        "opens": (today - timedelta(days=14)).isoformat(),
        "closes": closes.isoformat(),
        "raffle": {
            "prize": _t(
                "10 Einkaufsgutscheine über je 15 Euro für Geschäfte in der Innenstadt",
                "10 shopping vouchers worth 15 euros each for shops in the town centre",
            ),
            "winners": 10,
            "publication_end": (closes + timedelta(days=28)).isoformat(),
        },
        "questions": [
            {
                "id": "contact",
                "type": "single",
                "required": True,
                "label": _t("Wie haben Sie Kontakt mit uns aufgenommen?", "How did you get in touch with us?"),
                "options": _options(
                    ("appointment_online", "Online-Terminbuchung", "Online appointment booking"),
                    ("phone", "Telefonisch", "By phone"),
                    ("walk_in", "Ohne Termin vorbeigekommen", "Walked in without an appointment"),
                    ("other", "Auf anderem Weg", "Another way"),
                ),
            },
            {
                "id": "office",
                "type": "single",
                "label": _t("In welchem Bürgerbüro waren Sie?", "Which citizen office did you visit?"),
                "options": _options(*offices)
                if len(offices) >= 2
                else _options(("main", "Rathaus", "Town hall"), ("other", "Anderes Büro", "Another office")),
            },
            {
                "id": "waiting_time",
                "type": "single",
                "label": _t("Wie lange mussten Sie vor Ort warten?", "How long did you wait at the office?"),
                "options": _options(
                    ("under_5", "Weniger als 5 Minuten", "Less than 5 minutes"),
                    ("5_to_15", "5 bis 15 Minuten", "5 to 15 minutes"),
                    ("over_15", "Mehr als 15 Minuten", "More than 15 minutes"),
                ),
            },
            {
                "id": "friendliness",
                "type": "rating",
                "required": True,
                "label": _t("Wie freundlich wurden Sie behandelt?", "How friendly were our staff?"),
                "help": _t("1 = gar nicht, 5 = sehr freundlich", "1 = not at all, 5 = very friendly"),
            },
            {
                "id": "friendliness_issue",
                "type": "text",
                "max_length": 500,
                "label": _t("Das tut uns leid. Was ist schiefgelaufen?", "We are sorry. What went wrong?"),
                "help": _t("Bitte nennen Sie keine Namen.", "Please do not mention any names."),
                "show_if": {"question_id": "friendliness", "values": [1, 2]},
            },
            {
                "id": "competence",
                "type": "rating",
                "label": _t("Wie kompetent wurden Sie beraten?", "How competent was the advice?"),
                "help": _t("1 = gar nicht, 5 = sehr kompetent", "1 = not at all, 5 = very competent"),
            },
            {
                "id": "resolved",
                "type": "yesno",
                "required": True,
                "label": _t("Wurde Ihr Anliegen vollständig erledigt?", "Was your concern fully resolved?"),
            },
            {
                "id": "not_resolved_reason",
                "type": "multi",
                "label": _t("Woran lag es?", "What was the reason?"),
                "help": _t("Mehrfachauswahl möglich", "Choose all that apply"),
                "options": _options(
                    ("documents_missing", "Es fehlten Unterlagen", "Documents were missing"),
                    ("other_authority", "Eine andere Stelle ist zuständig", "Another authority is responsible"),
                    ("technical_problem", "Technische Probleme", "Technical problems"),
                    ("other", "Sonstiges", "Other"),
                ),
                "show_if": {"question_id": "resolved", "values": [False]},
            },
            {
                "id": "recommend",
                "type": "nps",
                "label": _t(
                    "Wie wahrscheinlich empfehlen Sie unseren Bürgerservice weiter?",
                    "How likely are you to recommend our citizen service?",
                ),
                "help": _t(
                    "0 = sehr unwahrscheinlich, 10 = sehr wahrscheinlich", "0 = very unlikely, 10 = very likely"
                ),
            },
            {
                "id": "online_wishes",
                "type": "multi",
                "label": _t("Was würden Sie gerne online erledigen?", "What would you like to do online?"),
                "options": _options(
                    ("id_card", "Personalausweis beantragen", "Apply for an ID card"),
                    ("change_address", "Wohnsitz ummelden", "Register a change of address"),
                    ("certificate", "Führungszeugnis beantragen", "Apply for a certificate of conduct"),
                ),
            },
            {
                "id": "suggestions",
                "type": "text",
                "max_length": 1000,
                "label": _t("Was können wir besser machen?", "What could we do better?"),
                "help": _t("Bitte keine persönlichen Daten angeben.", "Please do not include personal data."),
            },
        ],
    }


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
    from chalicelib.adapters import response_store
    from chalicelib.domain.results import counter_increments, slices_for
    from chalicelib.domain.survey import validate_answers
    from chalicelib.services import surveys

    today = surveys.today()
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
