"""German texts of the walk-in queue's messages: taking a ticket, the counters, kiosks, configuration."""

from __future__ import annotations

import re

from chalicelib.platform.german_words import Replacement, pattern

EXACT: dict[str, str] = {
    "There is no walk-in queue at this office.": (
        "In diesem Bürgerbüro gibt es keine offene Sprechstunde mit Wartemarken."
    ),
    "There is no walk-in morning at this office today.": (
        "In diesem Bürgerbüro gibt es heute keine offene Sprechstunde."
    ),
    "The walk-in morning has ended for today.": "Die offene Sprechstunde ist für heute beendet.",
    "Issuing is paused for a moment. Please try again shortly.": (
        "Die Ausgabe ist kurz unterbrochen. Bitte versuchen Sie es gleich noch einmal."
    ),
    "All tickets for today have been given out.": "Alle verfügbaren Wartenummern wurden leider schon vergeben.",
    "All tickets for the app have been given out today; the rest are kept for the kiosk at the door.": (
        "Alle Wartemarken für die App sind heute vergeben; die übrigen gibt es nur am Automaten an der Tür."
    ),
    "All tickets of this category have been given out today.": (
        "Alle Wartemarken dieses Anliegens sind heute schon vergeben."
    ),
    "The queue is busy; please try again.": "Die Warteschlange ist gerade ausgelastet; bitte erneut versuchen.",
    "Too many ticket requests from this connection. Please try again later.": (
        "Zu viele Anfragen nach Wartemarken von dieser Verbindung. Bitte versuchen Sie es später erneut."
    ),
    "The ticket was changed just now. Please reload.": "Die Wartemarke wurde gerade geändert. Bitte neu laden.",
    "This ticket is not valid (any more).": "Diese Wartemarke ist nicht (mehr) gültig.",
    "There is no such ticket category.": "Dieses Anliegen gibt es nicht.",
    "The walk-in configuration is invalid.": "Die Einstellungen der offenen Sprechstunde sind ungültig.",
    "must be a time like 07:45": "muss eine Uhrzeit wie 07:45 sein",
    "must be a time range like 08:00-12:30": "muss ein Zeitraum wie 08:00-12:30 sein",
    "must end after it starts": "muss nach dem Beginn enden",
    "must be an object with date, from and to": "muss ein Objekt mit „date“, „from“ und „to“ sein",
    "must be a list of at most 6 categories": "muss eine Liste mit höchstens 6 Anliegen sein",
    "must be one or two capital letters, each used once": (
        "muss aus ein oder zwei Großbuchstaben bestehen, jeder einmal"
    ),
    "must map weekdays to a time range": "muss Wochentagen einen Zeitraum zuordnen",
    "is not a weekday (mon .. sun)": "ist kein Wochentag (mon .. sun)",
    "must not exceed the daily limit": "darf die Tagesgrenze nicht überschreiten",
    "You do not work at this office's walk-in queue.": (
        "Sie arbeiten nicht in der offenen Sprechstunde dieses Bürgerbüros."
    ),
    "There is no such counter at this office.": "Diesen Schalter gibt es in diesem Bürgerbüro nicht.",
    "Many counters are calling at once; please press again.": (
        "Viele Schalter rufen gleichzeitig auf; bitte noch einmal drücken."
    ),
    "The ticket is being changed; please try again.": "Die Wartemarke wird gerade geändert; bitte erneut versuchen.",
    "An appointment in the queue can only be finished.": (
        "Ein Termin in der Warteschlange kann nur abgeschlossen werden."
    ),
    "The ticket is already in this category.": "Die Wartemarke ist schon bei diesem Anliegen.",
    "must be another category": "muss ein anderes Anliegen sein",
    "this office has no categories": "dieses Bürgerbüro hat keine Anliegen",
    "Say where the ticket goes: a counter or a category.": (
        "Bitte angeben, wohin die Wartemarke geht: an einen Schalter oder zu einem Anliegen."
    ),
    "give a counter or a category": "einen Schalter oder ein Anliegen angeben",
    "There is no such kiosk.": "Diesen Automaten gibt es nicht.",
    "This kiosk is not set up (any more). Please ask the staff.": (
        "Dieser Automat ist nicht (mehr) eingerichtet. Bitte wenden Sie sich an das Personal."
    ),
}

_STATUS = {
    "waiting": "wartend",
    "called": "aufgerufen",
    "parked": "zurückgestellt",
    "done": "erledigt",
    "missed": "verpasst",
    "cancelled": "zurückgegeben",
}


def _status(word: str) -> str:
    return _STATUS.get(word, word)


PATTERNS: list[tuple[re.Pattern[str], Replacement]] = [
    (pattern(r"Tickets are given out from (.+)\."), r"Wartemarken gibt es ab \1 Uhr."),
    (
        pattern(
            r"A ticket was taken on this device a few minutes ago\. "
            r"Please wait (.+) minutes before taking another one\."
        ),
        (
            r"Auf diesem Gerät wurde vor wenigen Minuten eine Wartemarke gezogen."
            r" Bitte warten Sie \1 Minuten bis zur nächsten."
        ),
    ),
    (
        pattern(r"Ticket (.+) is no longer active \((.+)\)\."),
        lambda m: f"Die Wartemarke {m[1]} ist nicht mehr aktiv ({_status(m[2])}).",
    ),
    (
        pattern(r"Ticket (.+) cannot be changed this way while it is (.+)\."),
        lambda m: f"Die Wartemarke {m[1]} kann so nicht geändert werden, solange sie {_status(m[2])} ist.",
    ),
    (pattern(r"Ticket (.+) is not at this counter\."), r"Die Wartemarke \1 ist nicht an diesem Schalter."),
    (pattern(r"must be a whole number from (\d+) to (\d+)"), r"muss eine ganze Zahl von \1 bis \2 sein"),
]
