"""German texts of the document-order messages: clerks registering and handing out, citizens, terminals."""

from __future__ import annotations

import re

from chalicelib.platform.german_words import Replacement, pattern

EXACT: dict[str, str] = {
    "There is no such action.": "Diese Aktion gibt es nicht.",
    "This order has no locker code (yet).": "Dieser Auftrag hat (noch) keinen Abholcode.",
    "There is no order with this reference, or it has expired.": (
        "Zu dieser Vorgangsnummer gibt es keinen Auftrag, oder er ist abgelaufen."
    ),
    "There is no such document type.": "Diese Dokumentart gibt es nicht.",
    "is not a document type of this town": "ist keine Dokumentart dieser Stadt",
    "The delivery list is empty.": "Die Lieferliste ist leer.",
    "The delivery list changed since its preview; please preview it again.": (
        "Die Lieferliste hat sich seit der Vorschau geändert; bitte zeigen Sie die Vorschau erneut an."
    ),
    "Only a ready order can be reminded of.": "Nur an abholbereite Aufträge kann erinnert werden.",
    "There is no such locker terminal.": "Dieses Abholterminal gibt es nicht.",
    "The citizen did not agree to pickup from the locker.": (
        "Die Bürgerin oder der Bürger hat der Abholung am Terminal nicht zugestimmt."
    ),
    "The order or the compartment changed meanwhile; please try again.": (
        "Der Auftrag oder das Fach hat sich inzwischen geändert; bitte versuchen Sie es erneut."
    ),
    "This order is not waiting for a second person to confirm.": (
        "Dieser Auftrag wartet nicht auf die Bestätigung durch eine zweite Person."
    ),
    "The order changed meanwhile; please look again.": (
        "Der Auftrag hat sich inzwischen geändert; bitte prüfen Sie ihn erneut."
    ),
    "This compartment is not waiting to be closed.": "Dieses Fach wartet nicht darauf, geschlossen zu werden.",
    "Please close the door again.": "Bitte schließen Sie die Tür erneut.",
    "There is no such compartment.": "Dieses Fach gibt es nicht.",
    "is not a compartment here": "ist hier kein Fach",
    "This compartment is empty.": "Dieses Fach ist leer.",
    "This Idempotency-Key was already used for a different order. Use a new key for a new order.": (
        "Dieser Idempotency-Key wurde schon für einen anderen Auftrag verwendet. "
        "Bitte verwenden Sie für einen neuen Auftrag einen neuen Schlüssel."
    ),
    "This document cannot be collected from the locker.": "Dieses Dokument kann nicht am Terminal abgeholt werden.",
    "the locker is not offered for it": "dafür wird das Abholterminal nicht angeboten",
    "Pickup from the locker needs the citizen's consent.": "Die Abholung am Terminal braucht die Einwilligung.",
    "A fingerprint is used only at the locker.": "Ein Fingerabdruck wird nur am Abholterminal verwendet.",
    "only with pickup from the locker": "nur bei Abholung am Terminal",
    "Please try again.": "Bitte versuchen Sie es erneut.",
    "This order is finished; there is nothing more to tell.": (
        "Dieser Auftrag ist abgeschlossen; es gibt nichts mehr mitzuteilen."
    ),
    "This order is in a locker: take it back from the locker first.": (
        "Dieser Auftrag liegt im Abholterminal: Bitte entnehmen Sie ihn zuerst."
    ),
    "A second staff member must confirm the loading (four-eyes principle).": (
        "Eine zweite Mitarbeiterin oder ein zweiter Mitarbeiter muss das Einlegen bestätigen (Vier-Augen-Prinzip)."
    ),
    "Choose a compartment size.": "Bitte wählen Sie eine Fachgröße.",
    "must be small or large": "muss klein oder groß sein",
    "No compartment of this size is free.": "Kein Fach dieser Größe ist frei.",
    "The document types are incomplete.": "Die Dokumentarten sind unvollständig.",
    "needs an id": "braucht eine Kennung",
    "The document rules are incomplete.": "Die Regeln für Dokumente sind unvollständig.",
    "must be a whole number 1-365": "muss eine ganze Zahl von 1 bis 365 sein",
    "must be a whole number 0-168": "muss eine ganze Zahl von 0 bis 168 sein",
    "must be a whole number 0-365": "muss eine ganze Zahl von 0 bis 365 sein",
    "must come before code_days": "muss vor code_days liegen",
    "This is not a valid order reference.": "Das ist keine gültige Vorgangsnummer.",
    "There is no such delivery list (any more).": "Diese Lieferliste gibt es nicht (mehr).",
    "is not a valid order reference": "ist keine gültige Vorgangsnummer",
    "This terminal is not (or no longer) allowed.": "Dieses Terminal ist nicht (mehr) zugelassen.",
    "This code is wrong or already used.": "Dieser Code ist falsch oder wurde schon verwendet.",
    "Too many wrong codes. This terminal takes no codes for a while.": (
        "Zu viele falsche Codes. Dieses Terminal nimmt für eine Weile keine Codes an."
    ),
    "This code has expired. The document is back at the office.": (
        "Dieser Code ist abgelaufen. Das Dokument liegt wieder im Bürgerbüro."
    ),
    "This order also needs the fingerprint match at the terminal.": (
        "Für diesen Auftrag ist zusätzlich der Fingerabdruck am Terminal nötig."
    ),
    "No opened compartment waits for this confirmation.": "Kein geöffnetes Fach wartet auf diese Bestätigung.",
}

_STATES = {
    "applied": "beantragt",
    "in production": "in Herstellung",
    "ready": "abholbereit",
    "in locker": "im Abholterminal",
    "collected": "abgeholt",
    "returned": "zurückgegeben",
    "gone": "gelöscht",
}


def _state(match: re.Match[str]) -> str:
    return f"Ein Auftrag, der {_STATES.get(match[1], match[1])} ist, kann so nicht geändert werden."


PATTERNS: list[tuple[re.Pattern[str], Replacement]] = [
    (pattern(r"An order that is (.+) cannot be changed like this\."), _state),
]
