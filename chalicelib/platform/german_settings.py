"""German texts of the settings messages: opening hours, the service catalogue, booking rules."""

from __future__ import annotations

import re

from chalicelib.platform.german_words import Replacement, nested, pattern

EXACT: dict[str, str] = {
    # opening hours, counters and closures
    "opening hours": "Öffnungszeiten",
    "must be a time HH:MM": "muss eine Uhrzeit HH:MM sein",
    "must be after the start": "muss nach dem Beginn liegen",
    "must be an object with weekday keys mon..sun": "muss ein Objekt mit den Wochentagen mon..sun als Schlüsseln sein",
    "unknown weekday, use mon, tue, wed, thu, fri, sat, sun": (
        "unbekannter Wochentag, erlaubt sind mon, tue, wed, thu, fri, sat, sun"
    ),
    "must be a range HH:MM-HH:MM": "muss ein Zeitraum HH:MM-HH:MM sein",
    'must be an object {"from": "HH:MM", "to": "HH:MM", "count": n}': (
        'muss ein Objekt {"from": "HH:MM", "to": "HH:MM", "count": n} sein'
    ),
    "must be a date YYYY-MM-DD": "muss ein Datum JJJJ-MM-TT sein",
    'must be an object {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD", "reason": "..."}': (
        'muss ein Objekt {"from": "JJJJ-MM-TT", "to": "JJJJ-MM-TT", "reason": "..."} sein'
    ),
    "must not be before from": "darf nicht vor dem Beginn liegen",
    # booking rules
    "invalid booking settings": "Ungültige Buchungseinstellungen.",
    "is not a known booking setting": "ist keine bekannte Buchungseinstellung",
    # the service catalogue
    "must be a list of at most 30 texts": "muss eine Liste mit höchstens 30 Texten sein",
    "must be 1-64 characters a-z, 0-9, '-', '_'": "muss aus 1 bis 64 Zeichen a-z, 0-9, '-', '_' bestehen",
    'must be an object {"de": "...", "en": "..."}': 'muss ein Objekt {"de": "...", "en": "..."} sein',
    'must be an object {"de": [...], "en": [...]}': 'muss ein Objekt {"de": [...], "en": [...]} sein',
    "must be a list of office ids": "muss eine Liste von Kennungen der Bürgerbüros sein",
    "invalid service": "Ungültige Leistung.",
    "invalid services": "Ungültige Leistungen.",
    # visit links and the town document
    "Office and category ids must not contain dots.": (
        "Die Kennungen von Bürgerbüro und Leistungsbereich dürfen keine Punkte enthalten."
    ),
    "contains a dot": "enthält einen Punkt",
}


def _invalid(match: re.Match[str]) -> str:
    return f"Ungültige Angaben: {nested(match[1])}."


PATTERNS: list[tuple[re.Pattern[str], Replacement]] = [
    (pattern(r"must be a multiple of (\d+) minutes"), r"muss ein Vielfaches von \1 Minuten sein"),
    (
        pattern(r"must be a multiple of (\d+) from (\d+) to (\d+)"),
        r"muss ein Vielfaches von \1 zwischen \2 und \3 sein",
    ),
    (pattern(r"ranges overlap \((.+)-(.+) and (.+)\)"), r"Zeiträume überschneiden sich (\1-\2 und \3)"),
    (pattern(r"must be a whole number from (-?\d+) to (-?\d+)"), r"muss eine ganze Zahl von \1 bis \2 sein"),
    (pattern(r"must be a text of 1 to (\d+) characters"), r"muss ein Text mit 1 bis \1 Zeichen sein"),
    (pattern(r"duplicate id '(.*)'"), r"doppelte Kennung '\1'"),
    (pattern(r"invalid (.+)"), _invalid),
]
