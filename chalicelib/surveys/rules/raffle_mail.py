"""The raffle winner's e-mail, in the language of the page the entry came from; it names one prize."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.platform import mail_templates as tpl
from chalicelib.platform.day_names import day_text
from chalicelib.surveys.rules.model import RaffleConfig, Text


@dataclass(frozen=True)
class WinnerMail:
    subject: str
    text: str
    html: str


def _pick(text: Text | None, lang: str) -> str:
    if text is None:
        return ""
    return (text.en or text.de) if lang == "en" else text.de


def prize_sentence(raffle: RaffleConfig, lang: str) -> str:
    """What this winner gets. Several winners each get one prize, so the whole prize pool
    ("10 Einkaufsgutscheine über je 15 Euro") is never named as one person's win."""
    each = _pick(raffle.prize_each, lang)
    pool = _pick(raffle.prize, lang)
    if each:
        return f"Your prize: {each}." if lang == "en" else f"Ihr Gewinn: {each}."
    if raffle.winners == 1:
        return f"Your prize: {pool}." if lang == "en" else f"Ihr Gewinn: {pool}."
    if lang == "en":
        return f"You are one of {raffle.winners} winners. The prizes: {pool} – one of them is yours."
    return (
        f"Sie sind eine oder einer von {raffle.winners} Gewinnerinnen und Gewinnern. "
        f"Verlost wurden: {pool} – ein Preis davon ist für Sie."
    )


def winner(first_name: str, last_name: str, survey_title: Text, raffle: RaffleConfig, lang: str) -> WinnerMail:
    lang = "en" if lang == "en" else "de"
    title_text = _pick(survey_title, lang)
    name = f"{first_name} {last_name}".strip()
    until = raffle.publication_end
    if lang == "en":
        subject, title = f"Your prize in the survey “{title_text}”", "Congratulations, you have won!"
        blocks: tuple[tpl.Block, ...] = (
            tpl.Para(f"Hello {name},"),
            tpl.Para(f"thank you for taking part in the survey “{title_text}”. You were drawn in the prize draw."),
            tpl.Para(prize_sentence(raffle, "en")),
            tpl.Heading("What happens next"),
            tpl.Items(
                (
                    "We will contact you about how to receive your prize. You may also simply reply to this e-mail.",
                    f"Your first name and the initial of your last name are on the winners list until "
                    f"{day_text(until, 'en')}; then we delete your details.",
                )
            ),
        )
    else:
        subject, title = f"Gewinn bei der Umfrage „{title_text}“", "Herzlichen Glückwunsch, Sie haben gewonnen!"
        blocks = (
            tpl.Para(f"Guten Tag {name},"),
            tpl.Para(
                f"vielen Dank für Ihre Teilnahme an der Umfrage „{title_text}“. Sie wurden bei der Verlosung gezogen."
            ),
            tpl.Para(prize_sentence(raffle, "de")),
            tpl.Heading("Wie es weitergeht"),
            tpl.Items(
                (
                    "Wir melden uns mit den Einzelheiten zur Übergabe. "
                    "Sie können auch einfach auf diese E-Mail antworten.",
                    f"Ihr Vorname und der erste Buchstabe Ihres Nachnamens stehen bis zum {day_text(until, 'de')} "
                    "auf der Gewinnerliste; danach löschen wir Ihre Angaben.",
                )
            ),
        )
    mail = tpl.Mail(lang, subject, title, blocks)
    return WinnerMail(subject, tpl.text(mail), tpl.html(mail))
