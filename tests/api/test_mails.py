"""The e-mails as sent (MIME read back from the embedded SES): one language, text and HTML, short links.

Every link in a mail is followed through the API, so a short link that does not work fails here.
"""

from __future__ import annotations

import re
from email import message_from_string, policy
from email.message import EmailMessage
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

import icalendar

from tests.api import booking_support as support
from tests.api.booking_support import TUESDAY, at, booked
from tests.conftest import Api, body

clock, citizen = support.clock, support.citizen

MAX_LINK = 80
GERMAN = ("Guten Tag", "Termin", "Bitte", "Buchungsnummer", "Anhang", " Sie ")
ENGLISH = ("Hello", "appointment", "Please", "Booking code", "attached", " you")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [value or "" for name, value in attrs if tag == "a" and name == "href"]


def sent(to: str = "erika@example.org") -> list[EmailMessage]:
    """Every message SES accepted for ``to``, newest first, parsed from the raw MIME."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    from chalicelib.platform.settings import get_settings

    backend = ses_backends[DEFAULT_ACCOUNT_ID][get_settings().region]
    parsed = [message_from_string(m.raw_data, policy=policy.default) for m in backend.sent_messages]
    return [m for m in reversed(parsed) if str(m["To"]) == to]  # type: ignore[misc]


def parts(mail: EmailMessage) -> tuple[str, str, dict[str, EmailMessage]]:
    """The text part, the HTML part and the attachments by file name; checks the MIME structure:
    multipart/alternative (text, then HTML), inside multipart/mixed when files are attached."""
    alternative = mail
    if mail.get_content_type() == "multipart/mixed":
        alternative = next(p for p in mail.iter_parts() if p.get_content_type() == "multipart/alternative")  # type: ignore[misc]
    kinds = [p.get_content_type() for p in alternative.iter_parts()]
    assert kinds == ["text/plain", "text/html"]  # the richer part last, as RFC 2046 asks
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    files = {str(a.get_filename()): a for a in mail.iter_attachments()}  # type: ignore[misc]
    return text, html, files


def links(text: str, html: str) -> list[str]:
    reader = _Links()
    reader.feed(html)
    found = re.findall(r"https?://\S+", text)
    assert sorted(set(found)) == sorted(set(reader.hrefs))  # the text part offers every link the HTML has
    return found


def token_of(url: str, path: str) -> str:
    split = urlsplit(url)
    assert split.path == path, url
    return parse_qs(split.query)["token"][0]


def one_language(text: str, html: str, lang: str) -> None:
    other = ENGLISH if lang == "de" else GERMAN
    for word in other:
        assert word not in text and word not in html, f"{word!r} in a {lang} mail:\n{text}"
    assert f'<html lang="{lang}">' in html


def accessible(html: str) -> None:
    assert "<h1" in html and "<h2" in html and "<ul" in html and "<li>" in html
    assert "[ ]" not in html and "<img" not in html and "<style" not in html and "<link" not in html


def test_a_german_booking_mail_is_german_multipart_html_and_text_with_the_calendar_file(citizen: Api) -> None:
    data = booked(citizen)
    [mail] = sent()
    text, html, files = parts(mail)
    one_language(text, html, "de")
    accessible(html)
    assert "Dienstag, 9. Juni 2026, 08:00 Uhr" in text and "- Personalausweis oder Reisepass" in text
    assert "[ ]" not in text and "<li>Personalausweis oder Reisepass</li>" in html
    assert data["booking"]["code"] in text and "Kirchplatz 3, 47877 Willich-Anrath" in text
    event = icalendar.Calendar.from_ical(files[f"termin-{data['booking']['code']}.ics"].get_content())
    assert event.walk("VEVENT")[0]["dtstart"].params["TZID"] == "Europe/Berlin"
    assert files[f"checkin-{data['booking']['code']}.png"].get_content_type() == "image/png"
    found = links(text, html)
    assert len(found) == 2 and all(len(url) < MAX_LINK for url in found), found


def test_an_english_booking_mail_is_english_only(citizen: Api) -> None:
    booked(citizen, language="en")
    [mail] = sent()
    text, html, _ = parts(mail)
    one_language(text, html, "en")
    assert str(mail["Subject"]).startswith("Please confirm") and "Tuesday, 9 June 2026, 08:00" in text
    assert "- ID card or passport" in text


def latest(subject: str, lang: str = "de") -> tuple[str, str, dict[str, EmailMessage]]:
    return latest_to("erika@example.org", subject, lang)


def latest_to(to: str, subject: str, lang: str = "de") -> tuple[str, str, dict[str, EmailMessage]]:
    """The newest mail to ``to``, which must have this subject and only ``lang`` in it."""
    mail = sent(to)[0]
    assert str(mail["Subject"]).startswith(subject), mail["Subject"]
    text, html, files = parts(mail)
    one_language(text, html, lang)
    return text, html, files


def confirm(api: Api, url: str) -> Any:
    return api.post("/api/booking/confirm", {"token": token_of(url, "/termin/bestaetigen")})


def test_the_short_links_confirm_then_a_confirmed_mail_then_cancel_with_a_rebook_link(citizen: Api) -> None:
    booked(citizen)
    text, html, _ = parts(sent()[0])
    confirm_url, manage_url = links(text, html)
    res = confirm(citizen, confirm_url)
    assert res.status_code == 200 and body(res)["booking"]["status"] == "confirmed"

    text, html, files = latest("Termin bestätigt")
    assert "Ihr Termin ist bestätigt" in html
    [ics] = [f for name, f in files.items() if name.endswith(".ics")]
    assert icalendar.Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]["status"] == "CONFIRMED"
    [new_manage] = links(text, html)
    assert len(new_manage) < MAX_LINK and new_manage != manage_url
    assert len(sent()) == 2  # confirming again sends nothing more
    assert confirm(citizen, confirm_url).status_code == 200 and len(sent()) == 2

    view = citizen.get(f"/api/booking/manage?token={token_of(manage_url, '/termin/verwalten')}")
    assert body(view)["booking"]["status"] == "confirmed"  # the first mail's link still works
    res = citizen.post("/api/booking/cancel", {"token": token_of(new_manage, "/termin/verwalten")})
    assert res.status_code == 200 and body(res)["booking"]["status"] == "cancelled"

    text, html, files = latest("Ihr Termin ist abgesagt")
    [rebook] = links(text, html)
    split = urlsplit(rebook)
    assert split.path == "/termin" and parse_qs(split.query) == {"dienst": ["fuehrungszeugnis"], "buero": ["anrath"]}
    assert "Neuen Termin buchen" in html and len(rebook) < MAX_LINK
    calendar = icalendar.Calendar.from_ical(next(iter(files.values())).get_content())
    assert calendar["method"] == "CANCEL"


def test_links_are_short_random_tokens_and_a_guessed_one_is_refused(citizen: Api) -> None:
    booked(citizen)
    text, html, _ = parts(sent()[0])
    confirm_url, manage_url = links(text, html)
    for url, path in ((confirm_url, "/termin/bestaetigen"), (manage_url, "/termin/verwalten")):
        token = token_of(url, path)
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", token)  # 128 random bits, nothing signed
    guessed = "A" * 22
    assert citizen.post("/api/booking/confirm", {"token": guessed}).status_code == 410
    assert citizen.get(f"/api/booking/manage?token={guessed}").status_code == 404


def test_a_signed_confirmation_link_sent_before_the_change_still_confirms(citizen: Api) -> None:
    from chalicelib.booking import common as booking_common

    data = booked(citizen)
    old = booking_common.confirm_token(data["booking"]["code"], 30)
    res = citizen.post("/api/booking/confirm", {"token": old})
    assert res.status_code == 200 and body(res)["booking"]["status"] == "confirmed"


def test_the_reminder_mail_has_one_language_and_a_short_working_link(citizen: Api, clock: Any) -> None:
    from datetime import timedelta

    data = booked(citizen, language="en", start=at(TUESDAY, "10:00"))
    support.confirm_latest(citizen)
    clock.move_to(support.NOW + timedelta(days=7, hours=10))  # Monday 18:00, the evening before
    assert support.run_job("booking-reminders")["email"] == 1
    text, html, _ = latest("Reminder", "en")
    [manage] = links(text, html)
    assert len(manage) < MAX_LINK
    view = body(citizen.get(f"/api/booking/manage?token={token_of(manage, '/termin/verwalten')}"))
    assert view["booking"]["code"] == data["booking"]["code"]


def test_a_waitlist_offer_is_one_language_with_a_short_link_that_takes_it(citizen: Api) -> None:
    wish = {"office": "anrath", "services": ["fuehrungszeugnis"], "name": "Max Muster", "consent": True}
    joined = citizen.post("/api/booking/waitlist", {**wish, "email": "max@example.org", "language": "en"})
    assert joined.status_code == 201
    assert support.run_job("booking-waitlist") == {"offers": 1}  # the earliest free time
    text, html, _ = latest_to("max@example.org", "Earlier appointment available", "en")
    [offer] = links(text, html)
    assert len(offer) < MAX_LINK
    res = citizen.post("/api/booking/waitlist/claim", {"offer": token_of(offer, "/termin/angebot")})
    assert res.status_code in (200, 201), res.body
    assert body(res)["booking"]["start"] == at("2026-06-02", "08:00")
