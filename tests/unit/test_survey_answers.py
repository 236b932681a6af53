"""Which questions are asked, and validation of the answers a citizen sends."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.platform.errors import ValidationFailed
from chalicelib.surveys.rules.survey import Survey, parse_survey, validate_answers, visible_questions
from tests.unit.fixtures_survey import full_answers, survey_dict


@pytest.fixture
def survey() -> Survey:
    return parse_survey(survey_dict())


def errors_of(survey: Survey, answers: Any) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        validate_answers(survey, answers)
    return caught.value.fields


def minimal(**extra: Any) -> dict[str, Any]:
    """Only the required questions, answered so that no follow-up is asked."""
    return {"contact": "phone", "friendliness": 5, "resolved": True, **extra}


# --- accepted answers -------------------------------------------------------------------------------------------


def test_a_full_response_is_accepted_unchanged(survey: Survey) -> None:
    assert validate_answers(survey, full_answers()) == full_answers()


def test_only_the_required_questions_are_needed(survey: Survey) -> None:
    assert validate_answers(survey, minimal()) == minimal()


def test_empty_optional_answers_are_dropped(survey: Survey) -> None:
    answers = minimal(waiting_time=None, competence=None, office="", online_wishes=[], suggestions="   \n ")
    assert validate_answers(survey, answers) == minimal()


def test_free_text_is_trimmed_and_may_span_lines(survey: Survey) -> None:
    cleaned = validate_answers(survey, minimal(suggestions="  Mehr Termine.\nUnd Parkplätze.\t "))
    assert cleaned["suggestions"] == "Mehr Termine.\nUnd Parkplätze."


def test_multiple_choices_are_stored_in_option_order(survey: Survey) -> None:
    cleaned = validate_answers(survey, minimal(online_wishes=["parking_permit", "id_card"]))
    assert cleaned["online_wishes"] == ["id_card", "parking_permit"]


def test_nps_accepts_zero_and_ten(survey: Survey) -> None:
    assert validate_answers(survey, minimal(recommend=0))["recommend"] == 0
    assert validate_answers(survey, minimal(recommend=10))["recommend"] == 10


def test_validating_cleaned_answers_changes_nothing(survey: Survey) -> None:
    once = validate_answers(survey, {**full_answers(), "suggestions": "  Danke!  "})
    assert validate_answers(survey, once) == once


# --- follow-ups -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rating", [1, 2])
def test_the_follow_up_is_asked_after_a_poor_friendliness_rating(survey: Survey, rating: int) -> None:
    ids = [q.id for q in visible_questions(survey, {"friendliness": rating, "resolved": True})]
    assert "friendliness_issue" in ids
    cleaned = validate_answers(survey, minimal(friendliness=rating, friendliness_issue="Niemand hat mich begrüßt."))
    assert cleaned["friendliness_issue"] == "Niemand hat mich begrüßt."


@pytest.mark.parametrize("rating", [3, 4, 5])
def test_the_follow_up_is_not_asked_after_a_good_rating(survey: Survey, rating: int) -> None:
    ids = [q.id for q in visible_questions(survey, {"friendliness": rating})]
    assert "friendliness_issue" not in ids


def test_an_answer_to_a_follow_up_that_was_not_asked_is_rejected(survey: Survey) -> None:
    errors = errors_of(survey, minimal(friendliness=4, friendliness_issue="Alles gut"))
    assert errors == {"answers.friendliness_issue": "is not asked for this answer"}


def test_the_reason_question_is_asked_only_when_the_concern_was_not_resolved(survey: Survey) -> None:
    assert "not_resolved_reason" in [q.id for q in visible_questions(survey, {"resolved": False})]
    assert "not_resolved_reason" not in [q.id for q in visible_questions(survey, {"resolved": True})]
    assert "not_resolved_reason" not in [q.id for q in visible_questions(survey, {})]
    errors = errors_of(survey, minimal(not_resolved_reason=["other"]))
    assert errors == {"answers.not_resolved_reason": "is not asked for this answer"}


def test_visibility_does_not_treat_true_as_the_rating_one(survey: Survey) -> None:
    assert "friendliness_issue" not in [q.id for q in visible_questions(survey, {"friendliness": True})]


def test_a_required_follow_up_is_required_only_when_it_is_asked() -> None:
    data = survey_dict()
    data["questions"][3]["required"] = True
    survey = parse_survey(data)
    assert validate_answers(survey, minimal(friendliness=4)) == minimal(friendliness=4)
    assert errors_of(survey, minimal(friendliness=1)) == {"answers.friendliness_issue": "is required"}


def test_a_follow_up_is_not_judged_while_its_question_is_invalid(survey: Survey) -> None:
    errors = errors_of(survey, minimal(friendliness=9, friendliness_issue="Unfreundlich"))
    assert errors == {"answers.friendliness": "must be a whole number from 1 to 5"}


# --- rejected answers -------------------------------------------------------------------------------------------


def test_answers_must_be_an_object(survey: Survey) -> None:
    assert errors_of(survey, ["phone"]) == {"answers": "must be an object"}


def test_required_answers_are_named_when_missing(survey: Survey) -> None:
    errors = errors_of(survey, {"contact": "  "})
    assert errors == {
        "answers.contact": "is required",
        "answers.friendliness": "is required",
        "answers.resolved": "is required",
    }


def test_unknown_questions_are_named(survey: Survey) -> None:
    errors = errors_of(survey, minimal(colour="blau"))
    assert errors == {"answers.colour": "is not a question of this survey"}


def test_unknown_options_are_rejected(survey: Survey) -> None:
    errors = errors_of(survey, minimal(contact="fax", online_wishes=["id_card", "dog_licence"]))
    assert set(errors) == {"answers.contact", "answers.online_wishes"}


def test_a_single_choice_is_one_option_id(survey: Survey) -> None:
    errors = errors_of(survey, minimal(contact=["phone"], office=1))
    assert errors == {
        "answers.contact": "must be the id of one option",
        "answers.office": "must be the id of one option",
    }


def test_a_multiple_choice_is_a_list_without_repeats(survey: Survey) -> None:
    assert errors_of(survey, minimal(online_wishes="id_card")) == {
        "answers.online_wishes": "must be a list of option ids"
    }
    assert errors_of(survey, minimal(online_wishes=["id_card", "id_card"])) == {
        "answers.online_wishes": "must not select an option twice"
    }
    assert set(errors_of(survey, minimal(online_wishes=["id_card", 3]))) == {"answers.online_wishes"}


@pytest.mark.parametrize("value", [0, 6, -1, 3.0, "3", True, False, None])
def test_a_rating_is_a_whole_number_from_one_to_five(survey: Survey, value: Any) -> None:
    answers = minimal(competence=value)
    if value is None:
        assert "competence" not in validate_answers(survey, answers)
        return
    assert errors_of(survey, answers) == {"answers.competence": "must be a whole number from 1 to 5"}


@pytest.mark.parametrize("value", [11, -1, 7.5, "10", True])
def test_an_nps_is_a_whole_number_from_zero_to_ten(survey: Survey, value: Any) -> None:
    assert errors_of(survey, minimal(recommend=value)) == {"answers.recommend": "must be a whole number from 0 to 10"}


@pytest.mark.parametrize("value", [1, 0, "yes", "true", "ja"])
def test_yes_no_answers_are_booleans(survey: Survey, value: Any) -> None:
    assert errors_of(survey, minimal(resolved=value)) == {"answers.resolved": "must be true or false"}


def test_free_text_has_a_maximum_length(survey: Survey) -> None:
    assert validate_answers(survey, minimal(suggestions="x" * 1000))["suggestions"] == "x" * 1000
    assert errors_of(survey, minimal(suggestions="x" * 1001)) == {
        "answers.suggestions": "must be at most 1000 characters"
    }


def test_free_text_must_be_a_string_without_control_characters(survey: Survey) -> None:
    assert errors_of(survey, minimal(suggestions=["Mehr", "Termine"])) == {"answers.suggestions": "must be a text"}
    assert errors_of(survey, minimal(suggestions="Mehr\x00Termine")) == {
        "answers.suggestions": "contains invalid control characters"
    }


def test_every_bad_answer_is_reported_together(survey: Survey) -> None:
    answers = {
        "contact": "fax",
        "friendliness": True,
        "competence": 6,
        "resolved": "no",
        "recommend": 11,
        "online_wishes": ["id_card", "id_card"],
        "suggestions": 42,
        "mood": "gut",
    }
    assert set(errors_of(survey, answers)) == {
        "answers.contact",
        "answers.friendliness",
        "answers.competence",
        "answers.resolved",
        "answers.recommend",
        "answers.online_wishes",
        "answers.suggestions",
        "answers.mood",
    }


def test_hostile_unknown_keys_are_shortened_in_error_paths(survey: Survey) -> None:
    errors = errors_of(survey, minimal(**{"x" * 500: 1}))
    assert list(errors) == ["answers." + "x" * 60]
