"""German texts of the booking messages: citizens booking, confirming, moving; clerks at the desk."""

from __future__ import annotations

import re

from chalicelib.platform.german_words import Replacement, german_date, nested, pattern, plural

EXACT: dict[str, str] = {
    "Send an Idempotency-Key header of 8-128 characters (A-Z, a-z, 0-9, '-', '_', '.', ':'), "
    "the same one for retries.": (
        "Bitte senden Sie einen Idempotency-Key-Header mit 8 bis 128 Zeichen (A-Z, a-z, 0-9, '-', '_', '.', ':'), "
        "bei Wiederholungen denselben."
    ),
    "is required: 8-128 characters (A-Z, a-z, 0-9, '-', '_', '.', ':')": (
        "ist erforderlich: 8 bis 128 Zeichen (A-Z, a-z, 0-9, '-', '_', '.', ':')"
    ),
    "This Idempotency-Key was already used for a different booking. Use a new key for a new booking.": (
        "Dieser Idempotency-Key wurde schon für eine andere Buchung verwendet. "
        "Bitte verwenden Sie für eine neue Buchung einen neuen Schlüssel."
    ),
    "Too many booking attempts from this connection. Please try again later.": (
        "Zu viele Buchungsversuche von dieser Verbindung. Bitte versuchen Sie es später erneut."
    ),
    "This appointment is too long to book online; please call us.": (
        "Dieser Termin ist zu lang für eine Online-Buchung; bitte rufen Sie uns an."
    ),
    "This offer has already been taken.": "Dieses Angebot wurde bereits angenommen.",
    "This offer has expired. You stay on the list for the next one.": (
        "Dieses Angebot ist abgelaufen. Sie bleiben für das nächste auf der Warteliste."
    ),
    "This offer is no longer available.": "Dieses Angebot ist nicht mehr verfügbar.",
    "This confirmation link is not valid (any more).": "Dieser Bestätigungslink ist nicht (mehr) gültig.",
    "This booking was released or cancelled; please book again.": (
        "Dieser Termin wurde freigegeben oder abgesagt; bitte buchen Sie erneut."
    ),
    "The time to confirm has passed; the appointment was released.": (
        "Die Frist zur Bestätigung ist abgelaufen; der Termin wurde freigegeben."
    ),
    "The services of this booking are no longer offered like this; please cancel and book again.": (
        "Die Leistungen dieses Termins werden so nicht mehr angeboten; bitte sagen Sie ihn ab und buchen Sie neu."
    ),
    "is not allowed together with a booking token": "ist zusammen mit einem Buchungslink nicht erlaubt",
    "This appointment is booked at another office.": "Dieser Termin ist in einem anderen Bürgerbüro gebucht.",
    "Name a counter like C1 or a pickup place like P1.": (
        "Bitte nennen Sie einen Schalter wie C1 oder einen Abholplatz wie P1."
    ),
    "unknown": "unbekannt",
    "There is no such block.": "Diese Sperrzeit gibt es nicht.",
    "This date is out of range.": "Dieses Datum liegt außerhalb des zulässigen Bereichs.",
    "is not a plausible date": "ist kein plausibles Datum",
    "contains characters that are not allowed": "enthält unzulässige Zeichen",
    "Some fields contain characters that are not allowed.": "Einige Angaben enthalten unzulässige Zeichen.",
    "The month must look like 2026-06.": "Der Monat muss die Form 2026-06 haben.",
    # the services chosen for one appointment
    "no service chosen": "keine Leistung gewählt",
    "pickup cannot be combined with other services": (
        "eine Abholung kann nicht mit anderen Leistungen kombiniert werden"
    ),
    "collecting a document must be booked separately from other services": (
        "das Abholen eines Dokuments muss getrennt von anderen Leistungen gebucht werden"
    ),
    "too many services": "zu viele Leistungen",
    "service not offered at this office": "Leistung wird in diesem Bürgerbüro nicht angeboten",
    "unknown service": "unbekannte Leistung",
    # the requested start time (field messages; the sentence forms are below)
    "is outside the opening hours": "liegt außerhalb der Öffnungszeiten",
    "falls into the hour skipped or repeated by the daylight-saving change": (
        "fällt in die Stunde, die bei der Zeitumstellung übersprungen oder wiederholt wird"
    ),
    "no counter is staffed for the whole appointment": "für die ganze Dauer des Termins ist kein Schalter besetzt",
    # push subscriptions as the browser sends them
    "endpoint must be a URL": "endpoint muss eine URL sein",
    "endpoint must be an https URL": "endpoint muss eine https-URL sein",
    "endpoint must be an https URL of a public push service": (
        "endpoint muss eine https-URL eines öffentlichen Push-Dienstes sein"
    ),
    "keys are required": "keys sind erforderlich",
    "keys.p256dh must be a P-256 public key (base64url)": (
        "keys.p256dh muss ein öffentlicher P-256-Schlüssel sein (base64url)"
    ),
    "keys.auth must be 16 bytes (base64url)": "keys.auth muss 16 Bytes lang sein (base64url)",
}

_STATUS = {
    "pending": "unbestätigter",
    "confirmed": "bestätigter",
    "checked in": "eingecheckter",
    "no show": "als nicht erschienen vermerkter",
    "done": "erledigter",
    "cancelled": "abgesagter",
    "released": "freigegebener",
}
_WEEKDAYS = {
    "Mondays": "montags",
    "Tuesdays": "dienstags",
    "Wednesdays": "mittwochs",
    "Thursdays": "donnerstags",
    "Fridays": "freitags",
    "Saturdays": "samstags",
    "Sundays": "sonntags",
}


def _status(match: re.Match[str]) -> str:
    adjective = _STATUS.get(match[1])
    if adjective is None:
        return f"Ein Termin im Status „{match[1]}“ kann so nicht geändert werden."
    return f"Ein {adjective} Termin kann so nicht geändert werden."


PATTERNS: list[tuple[re.Pattern[str], Replacement]] = [
    (
        pattern(r"This e-mail address already has (\d+) upcoming appointments?\. Cancel one to book another\."),
        lambda m: (
            f"Für diese E-Mail-Adresse gibt es bereits {plural(m[1], 'anstehenden Termin', 'anstehende Termine')}. "
            "Bitte sagen Sie einen ab, um einen weiteren zu buchen."
        ),
    ),
    (pattern(r"A booking that is (.+) cannot be changed like this\."), _status),
    (pattern(r"unknown office '(.*)'"), r"unbekanntes Bürgerbüro '\1'"),
    (pattern(r"unknown service '(.*)'"), r"unbekannte Leistung '\1'"),
    (pattern(r"'(.*)' \((.*)\) is not offered at this office"), r"'\1' (\2) wird in diesem Bürgerbüro nicht angeboten"),
    (
        pattern(r"at most (\d+) services? per appointment"),
        lambda m: f"höchstens {plural(m[1], 'Leistung', 'Leistungen')} pro Termin",
    ),
    (
        pattern(r"must be booked at least (\d+) minutes in advance"),
        r"muss mindestens \1 Minuten im Voraus gebucht werden",
    ),
    (pattern(r"can be booked at most (\d+) days in advance"), r"kann höchstens \1 Tage im Voraus gebucht werden"),
    (
        pattern(r"the office is closed on (\S+): (.*)"),
        lambda m: f"das Bürgerbüro ist am {german_date(m[1])} geschlossen: {nested(m[2])}",
    ),
    (pattern(r"public holiday \((.*)\)"), r"Feiertag (\1)"),
    (pattern(r"no opening hours on (\w+)"), lambda m: f"{_WEEKDAYS.get(m[1], m[1])} keine Öffnungszeiten"),
    (
        pattern(r"is not a bookable start time \(every (\d+) minutes from opening\)"),
        r"ist keine buchbare Anfangszeit (alle \1 Minuten ab Öffnung)",
    ),
    (
        pattern(r"the appointment would end after the office closes at (.+)"),
        r"der Termin würde nach der Schließung des Bürgerbüros um \1 Uhr enden",
    ),
]

# Field-style refusals of a start time that are also the whole message: (English, German) sentences.
SENTENCES: list[tuple[re.Pattern[str], Replacement, Replacement]] = [
    (
        pattern(r"must be booked at least (\d+) minutes in advance"),
        r"Appointments must be booked at least \1 minutes in advance.",
        r"Termine müssen mindestens \1 Minuten im Voraus gebucht werden.",
    ),
    (
        pattern(r"can be booked at most (\d+) days in advance"),
        r"Appointments can be booked at most \1 days in advance.",
        r"Termine können höchstens \1 Tage im Voraus gebucht werden.",
    ),
    (pattern(r"lies in the past"), "This time lies in the past.", "Diese Zeit liegt in der Vergangenheit."),
    (
        pattern(r"must include a UTC offset"),
        "The start time must include a UTC offset.",
        "Die Anfangszeit muss eine Zeitzone enthalten.",
    ),
    (
        pattern(r"is outside the opening hours"),
        "This time is outside the opening hours.",
        "Diese Zeit liegt außerhalb der Öffnungszeiten.",
    ),
    (
        pattern(r"is not a bookable start time \(every (\d+) minutes from opening\)"),
        r"This is not a bookable start time (every \1 minutes from opening).",
        r"Das ist keine buchbare Anfangszeit (alle \1 Minuten ab Öffnung).",
    ),
    (
        pattern(r"falls into the hour skipped or repeated by the daylight-saving change"),
        "This time falls into the hour skipped or repeated by the daylight-saving change.",
        "Diese Zeit fällt in die Stunde, die bei der Zeitumstellung übersprungen oder wiederholt wird.",
    ),
]
