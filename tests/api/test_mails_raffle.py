"""The raffle winner's e-mail as sent: the entrant's language, text and HTML, one prize named."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Any

import pytest

from tests.api import survey_support
from tests.api.test_mails import one_language, parts, sent
from tests.conftest import Api

clock, surveyor = survey_support.clock, survey_support.surveyor


@pytest.fixture
def drawn(api: Any, clock: Any, surveyor: Api) -> Any:
    """Draw a survey's raffle with the given prize wording and entrants; returns their winner mails."""

    def run(prize_each: dict[str, str] | None, entrants: list[tuple[str, str, str]]) -> list[EmailMessage]:
        raffle = {**survey_support.survey_dict()["raffle"], "winners": 10}
        if prize_each:
            raffle["prize_each"] = prize_each
        sid = survey_support.create(surveyor, id="gewinn", raffle=raffle)
        survey_support.publish(surveyor, sid)
        for first, email, lang in entrants:
            ticket = survey_support.stored(api, sid, survey_support.MINIMAL)["raffle"]["ticket"]
            entry = {"ticket": ticket, "first_name": first, "last_name": "Muster", "email": email, "consent": True}
            res = api.post(f"/api/public/surveys/{sid}/raffle", entry, headers={"accept-language": lang})
            assert res.status_code == 201, res.body
        clock.move_to(survey_support.AFTER_CLOSE)
        assert survey_support.relogin(api).post(f"/api/surveys/{sid}/raffle/draw").status_code == 200
        return [sent(email)[0] for _, email, _ in entrants]

    return run


def test_the_winner_mail_names_the_one_prize_each_winner_gets_in_the_entrants_language(drawn: Any) -> None:
    each = {"de": "ein Einkaufsgutschein über 25 Euro", "en": "a shopping voucher worth 25 euros"}
    entrants = [("<b>Anna</b>", "anna@example.org", "de"), ("Ben", "ben@example.org", "en-GB")]
    german, english = drawn(each, entrants)
    text, html, _ = parts(german)
    assert "Ihr Gewinn: ein Einkaufsgutschein über 25 Euro." in text and "10 Einkaufsgutscheine" not in text
    assert "&lt;b&gt;Anna&lt;/b&gt;" in html and "<b>Anna" not in html  # the name is escaped
    one_language(text, html, "de")
    text, html, _ = parts(english)
    assert "Your prize: a shopping voucher worth 25 euros." in text and "10 shopping vouchers" not in text
    one_language(text, html, "en")


def test_without_a_per_winner_prize_the_mail_says_one_of_the_prizes_is_theirs(drawn: Any) -> None:
    [mail] = drawn(None, [("Anna", "anna@example.org", "de")])
    text, _, files = parts(mail)
    assert files == {}
    assert "eine oder einer von 10 Gewinnerinnen und Gewinnern" in text
    assert "ein Preis davon ist für Sie" in text and "haben Sie gewonnen: 10" not in text
