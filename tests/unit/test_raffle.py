"""Raffle rules: a secure, fair draw, published names, entry retention and when drawing is allowed."""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

import pytest

from chalicelib.platform.errors import Conflict, ValidationFailed
from chalicelib.surveys.rules import raffle
from chalicelib.surveys.rules.raffle import can_draw, draw, entry_expiry, public_name
from chalicelib.surveys.rules.survey import Survey, parse_survey
from tests.unit.fixtures_survey import survey_dict

T = TypeVar("T")
ENTRIES = [f"entry-{i:03d}" for i in range(50)]


class RecordingRandom(secrets.SystemRandom):
    """The real secure generator, remembering that it was used."""

    instances = 0
    samples = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        type(self).instances += 1

    def sample(self, population: Sequence[T], k: int, *, counts: Any = None) -> list[T]:  # type: ignore[override]
        type(self).samples += 1
        return super().sample(population, k)


@pytest.fixture
def survey() -> Survey:
    return parse_survey(survey_dict())  # closes 2027-01-31, winners published until 2027-02-28


# --- draw -------------------------------------------------------------------------------------------------------


def test_a_draw_picks_the_requested_number_of_distinct_entries() -> None:
    winners = draw(ENTRIES, 10)
    assert len(winners) == 10
    assert len(set(winners)) == 10
    assert set(winners) <= set(ENTRIES)


def test_everyone_wins_when_there_are_fewer_entries_than_prizes() -> None:
    assert sorted(draw(["b", "a", "c"], 10)) == ["a", "b", "c"]


def test_an_entry_listed_twice_can_win_only_once() -> None:
    winners = draw(["a", "a", "a", "b"], 3)
    assert sorted(winners) == ["a", "b"]


def test_a_draw_without_entries_has_no_winners() -> None:
    assert draw([], 5) == []


@pytest.mark.parametrize("winners", [0, -1, True])
def test_a_draw_needs_at_least_one_prize(winners: Any) -> None:
    with pytest.raises(ValidationFailed):
        draw(ENTRIES, winners)


def test_the_secure_system_generator_is_used_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RecordingRandom, "instances", 0)
    monkeypatch.setattr(RecordingRandom, "samples", 0)
    monkeypatch.setattr(raffle.secrets, "SystemRandom", RecordingRandom)
    draw(ENTRIES, 3)
    assert (RecordingRandom.instances, RecordingRandom.samples) == (1, 1)


def test_a_given_generator_is_used_instead() -> None:
    rng = RecordingRandom()
    before = RecordingRandom.samples
    draw(ENTRIES, 3, rng=rng)
    assert RecordingRandom.samples == before + 1


def test_every_entry_has_a_chance_to_win() -> None:
    wins = Counter(w for _ in range(600) for w in draw(["a", "b", "c"], 1))
    # Expected 200 each; the bounds fail by chance far less than once in a million runs.
    assert all(100 < wins[e] < 300 for e in "abc")


# --- names and retention ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("Anna", "Müller", "Anna M."),
        ("  Anna   Lena ", " schmidt", "Anna Lena S."),
        ("Zeynep", "Özdemir", "Zeynep Ö."),
        ("Jan", "", "Jan"),
        ("", "Wagner", "W."),
    ],
)
def test_winners_are_published_with_first_name_and_initial(first: str, last: str, expected: str) -> None:
    assert public_name(first, last) == expected


def test_a_winner_without_any_name_cannot_be_published() -> None:
    with pytest.raises(ValidationFailed):
        public_name(" ", "")


def test_entries_expire_one_week_after_the_publication_ends() -> None:
    assert entry_expiry(date(2027, 2, 28)) == date(2027, 3, 7)


# --- when drawing is allowed ------------------------------------------------------------------------------------


def conflict_code(survey: Survey, today: date, already_drawn: bool = False) -> str:
    with pytest.raises(Conflict) as caught:
        can_draw(survey, today, already_drawn)
    return caught.value.code


def test_the_raffle_is_drawn_after_the_survey_has_closed(survey: Survey) -> None:
    assert conflict_code(survey, date(2027, 1, 31)) == "survey_still_open"
    assert conflict_code(survey, date(2026, 10, 1)) == "survey_still_open"
    can_draw(survey, date(2027, 2, 1), already_drawn=False)
    can_draw(survey, date(2027, 2, 28), already_drawn=False)


def test_the_raffle_is_drawn_only_once(survey: Survey) -> None:
    assert conflict_code(survey, date(2027, 2, 1), already_drawn=True) == "raffle_already_drawn"


def test_the_raffle_is_not_drawn_after_the_publication_period(survey: Survey) -> None:
    assert conflict_code(survey, date(2027, 3, 1)) == "raffle_expired"


def test_surveys_without_raffle_or_still_in_draft_cannot_be_drawn() -> None:
    no_raffle = survey_dict()
    no_raffle["raffle"] = None
    assert conflict_code(parse_survey(no_raffle), date(2027, 2, 1)) == "no_raffle"
    draft = survey_dict()
    draft["status"] = "draft"
    assert conflict_code(parse_survey(draft), date(2027, 2, 1)) == "survey_not_published"


def test_a_refusal_tells_the_relevant_dates(survey: Survey) -> None:
    with pytest.raises(Conflict) as caught:
        can_draw(survey, date(2027, 1, 15), False)
    assert caught.value.details == {"closes": "2027-01-31", "publication_end": "2027-02-28"}
