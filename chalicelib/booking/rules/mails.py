"""The booking e-mails in the citizen's language only: what each says, as blocks for text and HTML."""

from __future__ import annotations

from datetime import datetime

from chalicelib.booking.rules.calendar import BERLIN
from chalicelib.booking.rules.messages import Facts, Message
from chalicelib.platform import mail_templates as tpl
from chalicelib.platform.day_names import when

_WORDS = {
    "de": {
        "hello": "Guten Tag,",
        "appointment": "Ihr Termin",
        "code": "Buchungsnummer",
        "when": "Wann",
        "where": "Wo",
        "services": "Anliegen",
        "order": "Vorgangsnummer",
        "until": "bis {time} Uhr",
        "bring": "Bitte bringen Sie mit",
        "nothing": "Für dieses Anliegen brauchen Sie keine Unterlagen.",
        "attached": "Im Anhang finden Sie den QR-Code zum Einchecken und eine Kalenderdatei für Ihren Kalender.",
        "manage": "Termin ansehen, verschieben oder absagen",
        "confirm": "Termin bestätigen",
        "rebook": "Neuen Termin buchen",
        "offer": "Früheren Termin übernehmen",
    },
    "en": {
        "hello": "Hello,",
        "appointment": "Your appointment",
        "code": "Booking code",
        "when": "When",
        "where": "Where",
        "services": "Services",
        "order": "Order reference",
        "until": "until {time}",
        "bring": "Please bring",
        "nothing": "You do not need any documents for this.",
        "attached": "Attached are the QR code for check-in and a file for your calendar.",
        "manage": "View, move or cancel the appointment",
        "confirm": "Confirm the appointment",
        "rebook": "Book a new appointment",
        "offer": "Take the earlier appointment",
    },
}


def _lang(language: str) -> str:
    return "en" if language == "en" else "de"


def _w(f: Facts) -> dict[str, str]:
    return _WORDS[_lang(f.language)]


def _details(f: Facts, *, documents: bool = True) -> tuple[tpl.Block, ...]:
    w, lang = _w(f), _lang(f.language)
    end = w["until"].format(time=f"{f.end.astimezone(BERLIN):%H:%M}")
    where = f"{f.office_name}\n{f.office_address}" if f.office_address else f.office_name
    services = f.services_en if lang == "en" else f.services_de
    order = ((w["order"], f.order_reference),) if f.order_reference else ()
    rows = tpl.Rows(
        (
            (w["code"], f.code),
            (w["when"], f"{when(f.start, lang)} ({end})"),
            (w["where"], where),
            (w["services"], ", ".join(services)),
            *order,
        )
    )
    blocks: list[tpl.Block] = [tpl.Heading(w["appointment"]), rows]
    if documents:
        docs = f.documents_en if lang == "en" else f.documents_de
        blocks += [tpl.Heading(w["bring"]), tpl.Items(docs) if docs else tpl.Para(w["nothing"])]
        blocks.append(tpl.Para(w["attached"]))
    return tuple(blocks)


def _message(
    f: Facts, subject: str, title: str, blocks: tuple[tpl.Block, ...], push: tuple[str, str] = ("", "")
) -> Message:
    mail = tpl.Mail(_lang(f.language), subject, title, blocks)
    return Message(subject, tpl.text(mail), push[0], push[1], tpl.html(mail))


def _manage(f: Facts, quiet: bool = True) -> tpl.Button:
    return tpl.Button(_w(f)["manage"], f.manage_url, quiet=quiet)


def confirmation(f: Facts) -> Message:
    """After booking: please confirm (online), or booked (by staff, or already confirmed)."""
    w, en = _w(f), f.language == "en"
    if f.confirm_url:
        subject = f"{'Please confirm: your appointment' if en else 'Bitte bestätigen: Ihr Termin'} {f.code}"
        title = "Please confirm your appointment" if en else "Bitte bestätigen Sie Ihren Termin"
        ask = (
            f"thank you for your booking. Please confirm it within {f.confirm_minutes} minutes, "
            "otherwise the time is released for others."
            if en
            else f"vielen Dank für Ihre Buchung. Bitte bestätigen Sie sie innerhalb von {f.confirm_minutes} Minuten, "
            "sonst wird die Zeit für andere freigegeben."
        )
        head: tuple[tpl.Block, ...] = (tpl.Para(w["hello"]), tpl.Para(ask), tpl.Button(w["confirm"], f.confirm_url))
    else:
        subject = f"{'Your appointment is booked' if en else 'Ihr Termin ist gebucht'} {f.code}"
        title = "Your appointment is booked" if en else "Ihr Termin ist gebucht"
        thanks = "thank you for your booking." if en else "vielen Dank für Ihre Buchung."
        head = (tpl.Para(w["hello"]), tpl.Para(thanks))
    return _message(f, f"{subject} – {f.office_name}", title, (*head, *_details(f), _manage(f)))


def confirmed(f: Facts) -> Message:
    """After the citizen confirmed by the link: the appointment stands."""
    w, en = _w(f), f.language == "en"
    subject = f"{'Appointment confirmed' if en else 'Termin bestätigt'}: {f.code} – {f.office_name}"
    title = "Your appointment is confirmed" if en else "Ihr Termin ist bestätigt"
    said = (
        "thank you: your appointment is confirmed. We look forward to seeing you."
        if en
        else "vielen Dank, Ihr Termin ist bestätigt. Wir freuen uns auf Ihren Besuch."
    )
    return _message(f, subject, title, (tpl.Para(w["hello"]), tpl.Para(said), *_details(f), _manage(f)))


def rebooked(f: Facts) -> Message:
    w, en = _w(f), f.language == "en"
    subject = f"{'Your appointment was moved' if en else 'Ihr Termin wurde verschoben'} – {f.code}"
    title = "Your appointment was moved" if en else "Ihr Termin wurde verschoben"
    said = (
        "your appointment has been moved. The new details:" if en else "Ihr Termin wurde verschoben. Die neuen Angaben:"
    )
    return _message(f, subject, title, (tpl.Para(w["hello"]), tpl.Para(said), *_details(f), _manage(f)))


def cancelled(f: Facts) -> Message:
    """The appointment is cancelled; one link books again with the same service and office."""
    w, en, lang = _w(f), f.language == "en", _lang(f.language)
    subject = f"{'Your appointment is cancelled' if en else 'Ihr Termin ist abgesagt'} – {f.code}"
    title = "Your appointment is cancelled" if en else "Ihr Termin ist abgesagt"
    said = (
        f"your appointment on {when(f.start, lang)} at {f.office_name} (booking code {f.code}) is cancelled. "
        "The time is free for others again."
        if en
        else f"Ihr Termin am {when(f.start, lang)} im {f.office_name} (Buchungsnummer {f.code}) ist abgesagt. "
        "Die Zeit ist für andere wieder frei."
    )
    again = (
        "Would you like a new appointment? The link opens the booking with the same service and office."
        if en
        else "Möchten Sie einen neuen Termin? Der Link öffnet die Buchung mit demselben Anliegen und Ort."
    )
    blocks: list[tpl.Block] = [tpl.Para(w["hello"]), tpl.Para(said)]
    if f.rebook_url:
        blocks += [tpl.Para(again), tpl.Button(w["rebook"], f.rebook_url)]
    return _message(f, subject, title, tuple(blocks))


def reminder(f: Facts) -> Message:
    w, en, lang = _w(f), f.language == "en", _lang(f.language)
    subject = f"{'Reminder: your appointment' if en else 'Erinnerung: Ihr Termin'} – {f.code}"
    title = "Reminder of your appointment" if en else "Erinnerung an Ihren Termin"
    said = "this is a reminder of your appointment." if en else "wir erinnern Sie an Ihren Termin."
    push_title = "Appointment reminder" if en else "Terminerinnerung"
    push_body = f"{when(f.start, lang)}, {f.office_name}. {'Code' if en else 'Buchungsnummer'} {f.code}."
    blocks = (tpl.Para(w["hello"]), tpl.Para(said), *_details(f), _manage(f, quiet=False))
    return _message(f, subject, title, blocks, (push_title, push_body))


def waitlist_offer(
    office_name: str, offered: datetime, claim_url: str, minutes: int, language: str, current: datetime | None
) -> Message:
    lang = _lang(language)
    w = _WORDS[lang]
    if lang == "en":
        instead = f" instead of {when(current, 'en')}" if current else ""
        said = f"an earlier appointment became free at {office_name}: {when(offered, 'en')}{instead}."
        rule = f"The first to accept gets it. This offer is valid for {minutes} minutes."
        keep = "If you do nothing, everything stays as it is."
        subject, title = "Earlier appointment available", "Earlier appointment"
    else:
        instead = f" statt am {when(current, 'de')}" if current else ""
        said = f"im {office_name} ist ein früherer Termin frei geworden: {when(offered, 'de')}{instead}."
        rule = f"Wer zuerst zusagt, bekommt ihn. Dieses Angebot gilt {minutes} Minuten."
        keep = "Wenn Sie nichts tun, bleibt alles, wie es ist."
        subject, title = "Früherer Termin frei", "Früherer Termin"
    blocks = (tpl.Para(w["hello"]), tpl.Para(said), tpl.Para(rule), tpl.Button(w["offer"], claim_url), tpl.Para(keep))
    mail = tpl.Mail(lang, f"{subject} – {office_name}", title, blocks)
    return Message(mail.subject, tpl.text(mail), title, f"{when(offered, lang)}, {office_name}", tpl.html(mail))
