"""German versions of the API's error messages, chosen when a client asks for German.

Use cases raise English messages (stable for logs and tests); the HTTP layer translates the
message and every field message here when the request's Accept-Language starts with "de".
A message missing from the table is sent in English rather than not at all.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from chalicelib.platform import (
    day_names,
    german_booking,
    german_documents,
    german_queue,
    german_settings,
    german_surveys,
)
from chalicelib.platform.german_words import Replacement, plural, use_lookup

log = logging.getLogger("buergerservice.api")

EXACT: dict[str, str] = {
    # request and schema level
    "Some fields are missing or invalid.": "Einige Angaben fehlen oder sind ungültig.",
    "The request body is not valid JSON.": "Die Anfrage ist kein gültiges JSON.",
    "is required": "ist ein Pflichtfeld",
    "is not valid JSON": "ist kein gültiges JSON",
    "is not an allowed field": "ist kein zulässiges Feld",
    "must be a text": "muss ein Text sein",
    "must not be empty": "darf nicht leer sein",
    "has an invalid format": "hat ein ungültiges Format",
    "must be a valid e-mail address": "muss eine gültige E-Mail-Adresse sein",
    "must be a whole number": "muss eine ganze Zahl sein",
    "must be true or false": "muss ja oder nein sein",
    "must be true": "muss bestätigt werden",
    "must be a date (YYYY-MM-DD)": "muss ein Datum sein (JJJJ-MM-TT)",
    "must be a date and time (ISO 8601)": "muss Datum und Uhrzeit sein (ISO 8601)",
    "must be a list": "muss eine Liste sein",
    "must not repeat entries": "darf keine Einträge doppelt enthalten",
    "must be a JSON object": "muss ein JSON-Objekt sein",
    "must be an object": "muss ein Objekt sein",
    "is too large": "ist zu groß",
    "must be YYYY-MM": "muss die Form JJJJ-MM haben",
    "must include a UTC offset": "muss eine Zeitzone enthalten",
    "The request body is nested too deeply.": "Die Anfrage ist zu tief verschachtelt.",
    "This request did not come from the platform's own pages and was refused.": (
        "Diese Anfrage kam nicht von den Seiten der Plattform und wurde abgelehnt."
    ),
    # answers the framework or the middleware builds (405, 415, 400, 500)
    "This method is not allowed here.": "Diese Methode ist hier nicht erlaubt.",
    "Send the request body as application/json.": "Bitte senden Sie den Inhalt der Anfrage als application/json.",
    "The request could not be understood.": "Die Anfrage konnte nicht verstanden werden.",
    "Something went wrong on our side. Please try again.": (
        "Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es erneut."
    ),
    # sign-in and staff
    "Please sign in.": "Bitte melden Sie sich an.",
    "Please change your one-time password first.": "Bitte ändern Sie zuerst Ihr Einmal-Passwort.",
    "User name or password is wrong.": "Benutzername oder Passwort ist falsch.",
    "Your session has ended. Please sign in again.": "Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.",
    "This account is disabled. Please contact your administrator.": "Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Administration.",
    "Your account does not have the permission for this.": "Ihr Konto hat dafür keine Berechtigung.",
    "Too many failed sign-ins. Please wait before trying again.": "Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie, bevor Sie es erneut versuchen.",
    "The current password is wrong.": "Das aktuelle Passwort ist falsch.",
    "Please enter your current password.": "Bitte geben Sie Ihr aktuelles Passwort ein.",
    "The new password is not acceptable.": "Das neue Passwort ist nicht geeignet.",
    "is wrong": "ist falsch",
    "is too easy to guess": "ist zu leicht zu erraten",
    "must not contain the user name": "darf den Benutzernamen nicht enthalten",
    "must differ from the current password": "muss sich vom aktuellen Passwort unterscheiden",
    "A user with this name already exists.": "Es gibt bereits ein Konto mit diesem Namen.",
    "is already taken": "ist bereits vergeben",
    "There is no user with this name.": "Es gibt kein Konto mit diesem Namen.",
    "You cannot disable yourself or remove your own admin role.": "Sie können sich nicht selbst sperren oder Ihre eigene Administrationsrolle entfernen.",
    "Month must look like 2026-11.": "Der Monat muss die Form 2026-11 haben.",
    "There is no job with this name.": "Es gibt keinen Auftrag mit diesem Namen.",
    "The town document is incomplete.": "Die Angaben zur Stadt sind unvollständig.",
    "Every legal page needs a German and an English text.": "Jede Rechtsseite braucht einen deutschen und einen englischen Text.",
    "This installation has no town configured yet.": "Für diese Installation ist noch keine Stadt eingerichtet.",
    "The outbox exists only in the local development stack.": "Den Postausgang gibt es nur in der lokalen Entwicklungsumgebung.",
    # surveys and raffle
    "There is no survey with this id.": "Diese Umfrage gibt es nicht.",
    "This survey is not open yet.": "Diese Umfrage hat noch nicht begonnen.",
    "This survey has closed.": "Diese Umfrage ist beendet.",
    "Some answers are missing or invalid.": "Einige Antworten fehlen oder sind ungültig.",
    "The answers must be an object.": "Die Antworten müssen ein Objekt sein.",
    "The answers could not be stored. Please try again.": "Die Antworten konnten nicht gespeichert werden. Bitte versuchen Sie es erneut.",
    "is not asked for this answer": "wird bei dieser Antwort nicht gefragt",
    "This visit link is not valid.": "Dieser Besuchslink ist ungültig.",
    "This visit link has already been used or has expired.": "Dieser Besuchslink wurde schon verwendet oder ist abgelaufen.",
    "Please agree to the stated purpose.": "Bitte stimmen Sie dem genannten Zweck zu.",
    "This raffle ticket is not valid (any more).": "Dieses Los ist nicht (mehr) gültig.",
    "This raffle is over.": "Diese Verlosung ist beendet.",
    "This survey has no raffle.": "Zu dieser Umfrage gibt es keine Verlosung.",
    "is already entered": "nimmt bereits teil",
    "The results of this survey are not public.": "Die Ergebnisse dieser Umfrage sind nicht öffentlich.",
    "The raffle has already been drawn.": "Die Gewinner wurden bereits gezogen.",
    "The raffle is drawn after the survey has closed.": "Die Ziehung findet nach dem Ende der Umfrage statt.",
    "The publication period of the raffle is over.": "Der Veröffentlichungszeitraum der Verlosung ist vorbei.",
    "The survey definition is invalid.": "Die Umfrage ist nicht gültig aufgebaut.",
    "A survey with this id exists already.": "Eine Umfrage mit dieser Kennung gibt es bereits.",
    "Publish the survey before entering answers.": "Bitte veröffentlichen Sie die Umfrage vor der Eingabe.",
    "Publish the survey before handing out visit links.": "Bitte veröffentlichen Sie die Umfrage, bevor Sie Besuchslinks ausgeben.",
    "Only a published survey can be ended.": "Nur eine veröffentlichte Umfrage kann beendet werden.",
    "Some answer sets are invalid; nothing was stored.": "Einige Fragebögen sind fehlerhaft; es wurde nichts gespeichert.",
    "The survey was changed meanwhile. Please reload it.": "Die Umfrage wurde inzwischen geändert. Bitte laden Sie sie neu.",
    "The survey was changed meanwhile. Please try again.": "Die Umfrage wurde inzwischen geändert. Bitte versuchen Sie es erneut.",
    "The survey was changed just now. Please reload the page.": "Die Umfrage wurde gerade geändert. Bitte laden Sie die Seite neu.",
    "Only approved answers can be excerpts.": "Nur freigegebene Antworten können zitiert werden.",
    "There is no such free-text answer.": "Diese Freitext-Antwort gibt es nicht.",
    "Unknown office or service category.": "Unbekanntes Bürgerbüro oder unbekannter Leistungsbereich.",
    "is not an office of this town": "ist kein Bürgerbüro dieser Stadt",
    "is not a service category of this town": "ist kein Leistungsbereich dieser Stadt",
    "lies in the past": "liegt in der Vergangenheit",
    # booking
    "Choose at least one service.": "Bitte wählen Sie mindestens eine Leistung.",
    "choose at least one service": "bitte mindestens eine Leistung wählen",
    "Please agree to the processing of your data.": "Bitte stimmen Sie der Verarbeitung Ihrer Daten zu.",
    "There is no such office.": "Dieses Bürgerbüro gibt es nicht.",
    "There is no such booking.": "Diesen Termin gibt es nicht.",
    "There is no booking with this code.": "Zu diesem Code gibt es keinen Termin.",
    "This is not a booking code.": "Das ist kein Buchungscode.",
    "is not a booking code": "ist kein Buchungscode",
    "is not a booking code: 8 characters from 3-9, F, K, R, U and X, like 7KXR-94FU": (
        "ist kein Buchungscode: 8 Zeichen aus 3–9, F, K, R, U und X, zum Beispiel 7KXR-94FU"
    ),
    "The same request is still being processed. Please try again in a moment.": (
        "Dieselbe Anfrage wird gerade noch bearbeitet. Bitte versuchen Sie es gleich noch einmal."
    ),
    "This booking is no longer active.": "Dieser Termin ist nicht mehr aktiv.",
    "This booking cannot be moved any more.": "Dieser Termin kann nicht mehr verschoben werden.",
    "The booking is being changed; please try again.": "Der Termin wird gerade geändert; bitte erneut versuchen.",
    "This link is not valid (any more). Please use the link from your latest e-mail.": "Dieser Link ist nicht (mehr) gültig. Bitte nutzen Sie den Link aus Ihrer neuesten E-Mail.",
    "this time is no longer available": "Diese Zeit ist nicht mehr frei.",
    "The day lies in the past.": "Der Tag liegt in der Vergangenheit.",
    "The end must be after the start.": "Das Ende muss nach dem Beginn liegen.",
    "must be after from": "muss nach dem Beginn liegen",
    "Times must be multiples of 5 minutes.": "Zeiten müssen auf 5 Minuten genau sein.",
    "must be a multiple of 5": "muss ein Vielfaches von 5 sein",
    "The appointment has already begun.": "Der Termin hat bereits begonnen.",
    "The appointment has not begun yet.": "Der Termin hat noch nicht begonnen.",
    "This appointment is on another day.": "Dieser Termin ist an einem anderen Tag.",
    "Only changes made today can be undone.": "Nur Änderungen von heute können rückgängig gemacht werden.",
    "There is nothing to undo for this booking.": "Bei diesem Termin gibt es nichts rückgängig zu machen.",
    "The last change of this booking was a different one.": "Die letzte Änderung dieses Termins war eine andere.",
    "Send either a booking token or office, services and e-mail.": "Bitte senden Sie entweder einen Buchungslink oder Bürgerbüro, Leistungen und E-Mail-Adresse.",
    "Push notifications are not configured here.": "Push-Benachrichtigungen sind hier nicht eingerichtet.",
    "The push subscription is not usable.": "Das Push-Abonnement ist nicht verwendbar.",
    "too long for one online appointment": "zu lang für einen Online-Termin",
    "office closed": "Bürgerbüro geschlossen",
}

PATTERNS: list[tuple[re.Pattern[str], Replacement]] = [
    (re.compile(r"must be at most (\d+) characters"), r"darf höchstens \1 Zeichen lang sein"),
    (re.compile(r"must be at least (\d+) characters"), r"muss mindestens \1 Zeichen lang sein"),
    (re.compile(r"must be at most (-?\d+)"), r"darf höchstens \1 sein"),
    (re.compile(r"must be at least (-?\d+)"), r"muss mindestens \1 sein"),
    (
        re.compile(r"must have at most (\d+) entr(?:y|ies)"),
        lambda m: f"darf höchstens {plural(m[1], 'Eintrag', 'Einträge')} haben",
    ),
    (
        re.compile(r"must have at least (\d+) entr(?:y|ies)"),
        lambda m: f"muss mindestens {plural(m[1], 'Eintrag', 'Einträge')} haben",
    ),
    (re.compile(r"must be one of: (.*)"), r"muss eines davon sein: \1"),
    (re.compile(r"must be 1 to (\d+) characters"), r"muss 1 bis \1 Zeichen lang sein"),
    (re.compile(r"must not nest deeper than (\d+) levels"), r"darf höchstens \1 Ebenen tief verschachtelt sein"),
    (re.compile(r"The request body is larger than (\d+) KB\."), r"Die Anfrage ist größer als \1 KB."),
    (re.compile(r"The office is closed on this day: (.*)\."), r"Das Bürgerbüro ist an diesem Tag geschlossen: \1."),
    (
        re.compile(r"has reached the limit of (\d+) upcoming appointments?"),
        lambda m: f"hat bereits {plural(m[1], 'anstehenden Termin', 'anstehende Termine')} (Höchstzahl erreicht)",
    ),
    (re.compile(r"At most (\d+) extra pickup places per day\."), r"Höchstens \1 zusätzliche Abholplätze pro Tag."),
    (
        re.compile(rf"This appointment is on ({day_names.ENGLISH_DAY}), not today\."),
        lambda m: f"Dieser Termin ist am {day_names.english_to_german(m[1])}, nicht heute.",
    ),
]


# Each area keeps its own table; a key there must not repeat one above (a test checks).
AREAS = (german_booking, german_documents, german_queue, german_settings, german_surveys)
for _area in AREAS:
    EXACT.update(_area.EXACT)
    PATTERNS.extend(_area.PATTERNS)
SENTENCES = german_booking.SENTENCES


def _apply(match: re.Match[str], replacement: Replacement) -> str:
    return replacement(match) if callable(replacement) else match.expand(replacement)


def translated(message: str) -> str | None:
    """The German text for an English message or field message; None if there is none."""
    if message in EXACT:
        return EXACT[message]
    for pattern, replacement in PATTERNS:
        match = pattern.fullmatch(message)
        if match:
            return _apply(match, replacement)
    return None


use_lookup(translated)


def to_german(message: str) -> str:
    german = translated(message)
    if german is None:
        log.warning("no German text for an API message", extra={"english": message[:200]})
        return message
    return german


def as_sentence(text: str) -> str:
    """A message shown on its own: upper-case start, closing punctuation."""
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def sentence(message: str, lang: str) -> str:
    """The top-level message in ``lang``; a field-style fragment becomes a whole sentence."""
    for pattern, english, german in SENTENCES:
        match = pattern.fullmatch(message)
        if match:
            return _apply(match, german if lang == "de" else english)
    return as_sentence(to_german(message) if lang == "de" else message)


def localize(message: str, fields: Mapping[str, str], lang: str) -> tuple[str, dict[str, str]]:
    """The message as a sentence and the field messages, in German when ``lang`` is "de"."""
    field_texts = {k: to_german(v) for k, v in fields.items()} if lang == "de" else dict(fields)
    return sentence(message, lang), field_texts
