"""German texts of the survey messages: definitions, answers, paper batches, results, raffle."""

from __future__ import annotations

import re

from chalicelib.platform.german_words import Replacement, german_date, pattern, plural

EXACT: dict[str, str] = {
    # definitions and waves
    "must be 1-40 characters a-z, 0-9, _ or -": "muss aus 1 bis 40 Kleinbuchstaben a-z, Ziffern, _ oder - bestehen",
    "must differ from the id of the previous wave": "muss sich von der Kennung der vorigen Welle unterscheiden",
    "must not be before opens": "darf nicht vor dem Beginn der Umfrage liegen",
    "must not be before closes": "darf nicht vor dem Ende der Umfrage liegen",
    "The next wave cannot be created.": "Die nächste Welle kann nicht angelegt werden.",
    "must be a non-empty German text": "muss ein nicht leerer deutscher Text sein",
    "must be draft or published": "muss „draft“ oder „published“ sein",
    "must be a non-empty list": "muss eine nicht leere Liste sein",
    "is only allowed for single and multi questions": "ist nur bei Einfach- und Mehrfachauswahl erlaubt",
    "is only allowed for text questions": "ist nur bei Freitextfragen erlaubt",
    "must be the id of an earlier question": "muss die Kennung einer früheren Frage sein",
    "must refer to an earlier question": "muss sich auf eine frühere Frage beziehen",
    "must not refer to a follow-up question (only one level is allowed)": (
        "darf sich nicht auf eine Folgefrage beziehen (nur eine Ebene ist erlaubt)"
    ),
    "must refer to a choice, rating, NPS or yes/no question": (
        "muss sich auf eine Auswahl-, Bewertungs-, NPS- oder Ja/Nein-Frage beziehen"
    ),
    "must not repeat a value": "darf keinen Wert doppelt enthalten",
    "is already used": "wird bereits verwendet",
    "A new survey starts as a draft.": "Eine neue Umfrage beginnt als Entwurf.",
    "must be draft; publish with the publish action": "muss „draft“ sein; veröffentlichen Sie mit „Veröffentlichen“",
    "cannot be changed": "kann nicht geändert werden",
    "cannot be changed here; publish with the publish action": (
        "kann hier nicht geändert werden; veröffentlichen Sie mit „Veröffentlichen“"
    ),
    "Some fields cannot be changed.": "Einige Angaben können nicht geändert werden.",
    "This survey has answers; its questions cannot change. Start a new wave instead.": (
        "Diese Umfrage hat bereits Antworten; ihre Fragen können sich nicht mehr ändern. "
        "Bitte beginnen Sie stattdessen eine neue Welle."
    ),
    "The raffle cannot change once people have answered.": (
        "Die Verlosung kann nicht mehr geändert werden, sobald Antworten vorliegen."
    ),
    # answers
    "is not a question of this survey": "ist keine Frage dieser Umfrage",
    "must be the id of one option": "muss die Kennung einer Antwortmöglichkeit sein",
    "is not an option of this question": "ist keine Antwortmöglichkeit dieser Frage",
    "must be a list of option ids": "muss eine Liste von Kennungen der Antwortmöglichkeiten sein",
    "contains an option that is not part of this question": (
        "enthält eine Antwortmöglichkeit, die nicht zu dieser Frage gehört"
    ),
    "must not select an option twice": "darf keine Antwortmöglichkeit doppelt wählen",
    "contains invalid control characters": "enthält unzulässige Steuerzeichen",
    "Send a random Idempotency-Key header of 16-128 characters (A-Z, a-z, 0-9, '-', '_'), e.g. a UUID, "
    "with every submission.": (
        "Bitte senden Sie mit jeder Einsendung einen zufälligen Idempotency-Key-Header mit 16 bis 128 Zeichen "
        "(A-Z, a-z, 0-9, '-', '_'), z. B. eine UUID."
    ),
    "is required: 16-128 characters (A-Z, a-z, 0-9, '-', '_')": (
        "ist erforderlich: 16 bis 128 Zeichen (A-Z, a-z, 0-9, '-', '_')"
    ),
    "was used for another request": "wurde für eine andere Anfrage verwendet",
    "The date must lie within the survey period and not in the future.": (
        "Das Datum muss im Zeitraum der Umfrage liegen und darf nicht in der Zukunft liegen."
    ),
    'must be an object with only "answers"': 'muss ein Objekt nur mit "answers" sein',
    # results and review
    "must be an office id": "muss die Kennung eines Bürgerbüros sein",
    "The response origin is invalid.": "Die Herkunft der Antworten ist ungültig.",
    "must not contain a wave twice": "darf keine Welle doppelt enthalten",
    "all waves must belong to the same survey series": "alle Wellen müssen zur selben Umfragereihe gehören",
    "These summaries cannot be compared.": "Diese Auswertungen lassen sich nicht vergleichen.",
    "Filter by office or by channel, not both.": (
        "Bitte filtern Sie nach Bürgerbüro oder nach Kanal, nicht nach beidem."
    ),
    "cannot be combined with office": "kann nicht mit dem Bürgerbüro kombiniert werden",
    "Unknown channel.": "Unbekannter Kanal.",
    "The page cursor is invalid.": "Die Seitenmarke ist ungültig.",
    "is not a cursor of this list": "ist keine Seitenmarke dieser Liste",
    "The text is invalid.": "Der Text ist ungültig.",
    "needs status approved": "braucht den Status „freigegeben“",
    "This answer was changed meanwhile. Please reload.": (
        "Diese Antwort wurde inzwischen geändert. Bitte laden Sie neu."
    ),
    # raffle
    "The number of winners is invalid.": "Die Zahl der Gewinner ist ungültig.",
    "A winner needs a name.": "Ein Gewinner braucht einen Namen.",
    "A draft survey has no raffle entries.": "Eine Umfrage im Entwurf hat keine Teilnahmen an der Verlosung.",
    "The name is invalid.": "Der Name ist ungültig.",
    "contains invalid characters": "enthält unzulässige Zeichen",
    "This e-mail address has already been entered in this raffle.": (
        "Diese E-Mail-Adresse nimmt bereits an dieser Verlosung teil."
    ),
}

PATTERNS: list[tuple[re.Pattern[str], Replacement]] = [
    (
        pattern(r"one response may update at most (\d+) result counters; use fewer multiple-choice options"),
        r"eine Antwort darf höchstens \1 Ergebniszähler ändern; bitte weniger Mehrfachauswahl-Optionen verwenden",
    ),
    (
        pattern(r"must contain at most (\d+) questions?"),
        lambda m: f"darf höchstens {plural(m[1], 'Frage', 'Fragen')} enthalten",
    ),
    (pattern(r"is already used by (.+)"), r"wird bereits von \1 verwendet"),
    (pattern(r"must be a list of (\d+) to (\d+) options"), r"muss eine Liste mit \1 bis \2 Antwortmöglichkeiten sein"),
    (pattern(r"must be an option id of (.+)"), r"muss die Kennung einer Antwortmöglichkeit von \1 sein"),
    (
        pattern(r"clashes with (.+) in the result counter (.+) \('-' counts as '_'\); choose other ids"),
        r"kollidiert mit \1 im Ergebniszähler \2 ('-' zählt als '_'); bitte andere Kennungen wählen",
    ),
    (
        pattern(r"This (.+) was already used for a different request\."),
        r"Dieser Wert von „\1“ wurde schon für eine andere Anfrage verwendet.",
    ),
    (
        pattern(r"must be from (\S+) to (\S+), not later than today"),
        lambda m: f"muss zwischen {german_date(m[1])} und {german_date(m[2])} liegen, spätestens heute",
    ),
    (pattern(r"Wave (\d+) of this series exists already\."), r"Welle \1 dieser Reihe gibt es bereits."),
]
