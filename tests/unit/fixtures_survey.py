"""A realistic bilingual survey "Moderner Bürgerservice" in the dict form parse_survey reads."""

from __future__ import annotations

import copy
from typing import Any


def _t(de: str, en: str) -> dict[str, str]:
    return {"de": de, "en": en}


def _options(*pairs: tuple[str, str, str]) -> list[dict[str, Any]]:
    return [{"id": oid, "label": _t(de, en)} for oid, de, en in pairs]


BUERGERSERVICE_SURVEY: dict[str, Any] = {
    "id": "buergerservice-2026",
    "series": "buergerservice",
    "wave": 1,
    "status": "published",
    "title": _t("Moderner Bürgerservice – Ihre Meinung zählt", "Modern citizen service – your opinion counts"),
    "intro": _t(
        "Wir möchten unseren Bürgerservice weiter verbessern. Bitte nehmen Sie sich etwa drei Minuten Zeit "
        "und erzählen Sie uns, wie Ihr letzter Besuch im Bürgerbüro verlaufen ist.",
        "We want to keep improving our citizen service. Please take about three minutes to tell us "
        "how your last visit to the citizen office went.",
    ),
    "privacy": _t(
        "Die Befragung ist anonym und freiwillig. Wir speichern Ihre Antworten ohne Namen, E-Mail-Adresse "
        "oder IP-Adresse und nur mit dem Datum, nicht mit der Uhrzeit. Wenn Sie am Gewinnspiel teilnehmen, "
        "speichern wir Ihren Namen und Ihre E-Mail-Adresse getrennt von Ihren Antworten und löschen sie "
        "eine Woche nach Ende der Veröffentlichung der Gewinnerinnen und Gewinner.",
        "The survey is anonymous and voluntary. We store your answers without your name, e-mail address "
        "or IP address, and only with the date, not the time. If you take part in the prize draw, we store "
        "your name and e-mail address separately from your answers and delete them one week after the "
        "winners are no longer published.",
    ),
    "opens": "2026-11-02",
    "closes": "2027-01-31",
    "raffle": {
        "prize": _t(
            "10 Einkaufsgutscheine im Wert von je 25 Euro für Geschäfte in unserer Innenstadt",
            "10 shopping vouchers worth 25 euros each for shops in our town centre",
        ),
        "winners": 10,
        "publication_end": "2027-02-28",
    },
    "questions": [
        {
            "id": "contact",
            "type": "single",
            "label": _t("Wie haben Sie Kontakt mit uns aufgenommen?", "How did you get in touch with us?"),
            "required": True,
            "options": _options(
                ("appointment_online", "Online-Terminbuchung", "Online appointment booking"),
                ("phone", "Telefonisch", "By phone"),
                ("email", "Per E-Mail", "By e-mail"),
                ("walk_in", "Ohne Termin vorbeigekommen", "Walked in without an appointment"),
                ("other", "Auf anderem Weg", "Another way"),
            ),
        },
        {
            "id": "waiting_time",
            "type": "single",
            "label": _t("Wie lange mussten Sie vor Ort warten?", "How long did you have to wait at the office?"),
            "options": _options(
                ("under_5", "Weniger als 5 Minuten", "Less than 5 minutes"),
                ("5_to_15", "5 bis 15 Minuten", "5 to 15 minutes"),
                ("15_to_30", "15 bis 30 Minuten", "15 to 30 minutes"),
                ("over_30", "Mehr als 30 Minuten", "More than 30 minutes"),
            ),
        },
        {
            "id": "friendliness",
            "type": "rating",
            "label": _t("Wie freundlich wurden Sie behandelt?", "How friendly were our staff?"),
            "help": _t("1 = gar nicht freundlich, 5 = sehr freundlich", "1 = not friendly at all, 5 = very friendly"),
            "required": True,
        },
        {
            "id": "friendliness_issue",
            "type": "text",
            "label": _t("Das tut uns leid. Was ist schiefgelaufen?", "We are sorry to hear that. What went wrong?"),
            "help": _t(
                "Bitte nennen Sie keine Namen und keine anderen persönlichen Daten.",
                "Please do not mention names or any other personal data.",
            ),
            "max_length": 1000,
            "show_if": {"question_id": "friendliness", "values": [1, 2]},
        },
        {
            "id": "competence",
            "type": "rating",
            "label": _t("Wie kompetent wurden Sie beraten?", "How competent was the advice you received?"),
            "help": _t("1 = gar nicht kompetent, 5 = sehr kompetent", "1 = not competent at all, 5 = very competent"),
        },
        {
            "id": "resolved",
            "type": "yesno",
            "label": _t("Wurde Ihr Anliegen vollständig erledigt?", "Was your concern fully resolved?"),
            "required": True,
        },
        {
            "id": "not_resolved_reason",
            "type": "multi",
            "label": _t("Woran lag es?", "What was the reason?"),
            "help": _t("Mehrfachauswahl möglich", "You may choose more than one answer"),
            "options": _options(
                ("documents_missing", "Es fehlten Unterlagen", "Documents were missing"),
                ("other_authority", "Eine andere Stelle ist zuständig", "Another authority is responsible"),
                ("technical_problem", "Technische Probleme", "Technical problems"),
                ("second_visit", "Es ist ein weiterer Termin nötig", "Another appointment is needed"),
                ("other", "Sonstiges", "Other"),
            ),
            "show_if": {"question_id": "resolved", "values": [False]},
        },
        {
            "id": "recommend",
            "type": "nps",
            "label": _t(
                "Wie wahrscheinlich ist es, dass Sie unseren Bürgerservice Freunden oder Bekannten weiterempfehlen?",
                "How likely are you to recommend our citizen service to friends or acquaintances?",
            ),
            "help": _t("0 = sehr unwahrscheinlich, 10 = sehr wahrscheinlich", "0 = very unlikely, 10 = very likely"),
        },
        {
            "id": "office",
            "type": "single",
            "label": _t("In welchem Bürgerbüro waren Sie?", "Which citizen office did you visit?"),
            "options": _options(
                ("rathaus", "Bürgerbüro im Rathaus", "Citizen office at the town hall"),
                ("nord", "Bürgerbüro Nord", "Citizen office North"),
                ("mobil", "Mobiler Bürgerservice", "Mobile citizen service"),
            ),
        },
        {
            "id": "online_wishes",
            "type": "multi",
            "label": _t(
                "Welche Anliegen würden Sie gerne online erledigen?",
                "Which services would you like to use online?",
            ),
            "options": _options(
                ("id_card", "Personalausweis beantragen", "Apply for an identity card"),
                ("change_address", "Wohnsitz ummelden", "Register a change of address"),
                ("certificate", "Führungszeugnis beantragen", "Apply for a certificate of good conduct"),
                ("parking_permit", "Bewohnerparkausweis beantragen", "Apply for a resident parking permit"),
            ),
        },
        {
            "id": "suggestions",
            "type": "text",
            "label": _t("Was können wir besser machen?", "What could we do better?"),
            "help": _t(
                "Bitte geben Sie keine persönlichen Daten an.",
                "Please do not include any personal data.",
            ),
            "max_length": 1000,
        },
    ],
}


def survey_dict() -> dict[str, Any]:
    """A fresh copy that a test may change freely."""
    return copy.deepcopy(BUERGERSERVICE_SURVEY)


def full_answers() -> dict[str, Any]:
    """Answers to every question a respondent with a poor friendliness rating is asked."""
    return {
        "contact": "walk_in",
        "waiting_time": "15_to_30",
        "friendliness": 2,
        "friendliness_issue": "Am Schalter wurde ich ungeduldig unterbrochen.",
        "competence": 4,
        "resolved": False,
        "not_resolved_reason": ["documents_missing", "second_visit"],
        "recommend": 6,
        "office": "rathaus",
        "online_wishes": ["id_card", "change_address"],
        "suggestions": "Mehr Termine am Samstag wären schön.",
    }
