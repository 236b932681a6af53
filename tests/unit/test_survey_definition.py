"""Survey definitions: parsing with precise error paths, round trips and the survey life cycle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from chalicelib.platform.errors import Conflict, ValidationFailed
from chalicelib.surveys.rules.survey import (
    Condition,
    Text,
    availability,
    can_edit_questions,
    clone_as_next_wave,
    ensure_open,
    parse_survey,
    survey_to_dict,
)
from tests.unit.fixtures_survey import survey_dict


def errors_of(data: Any) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        parse_survey(data)
    return caught.value.fields


def changed(edit: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    data = survey_dict()
    edit(data)
    return data


def question(qid: str, qtype: str = "rating", **extra: Any) -> dict[str, Any]:
    return {"id": qid, "type": qtype, "label": {"de": f"Frage {qid}", "en": ""}, **extra}


def options(*ids: str) -> list[dict[str, Any]]:
    return [{"id": oid, "label": {"de": oid.title()}} for oid in ids]


# --- parsing the example --------------------------------------------------------------------------------------------


def test_the_example_survey_parses_with_all_its_questions() -> None:
    survey = parse_survey(survey_dict())
    assert survey.id == "buergerservice-2026"
    assert survey.series == "buergerservice"
    assert survey.wave == 1
    assert survey.status == "published"
    assert survey.opens == date(2026, 11, 2)
    assert survey.closes == date(2027, 1, 31)
    assert survey.raffle is not None and survey.raffle.winners == 10
    assert [q.type for q in survey.questions] == [
        "single", "single", "rating", "text", "rating", "yesno", "multi", "nps", "single", "multi", "text",
    ]  # fmt: skip
    follow_up = survey.questions[3]
    assert follow_up.show_if == Condition("friendliness", [1, 2])
    assert survey.questions[6].show_if == Condition("resolved", [False])


def test_a_survey_round_trips_through_its_dict_form() -> None:
    survey = parse_survey(survey_dict())
    again = parse_survey(survey_to_dict(survey))
    assert again == survey
    assert survey_to_dict(again) == survey_to_dict(survey)


def test_optional_fields_get_defaults() -> None:
    data = changed(lambda d: [d.pop(k) for k in ("series", "wave", "status", "raffle")])
    survey = parse_survey(data)
    assert survey.series == survey.id
    assert survey.wave == 1
    assert survey.status == "draft"
    assert survey.raffle is None
    assert survey.questions[1].required is False
    assert survey.questions[1].help is None


def test_text_questions_allow_500_characters_unless_configured() -> None:
    data = changed(lambda d: d["questions"][10].pop("max_length"))
    assert parse_survey(data).questions[10].max_length == 500


def test_english_may_be_empty_and_falls_back_to_german() -> None:
    data = changed(lambda d: d["title"].update(en=""))
    data["questions"][0]["label"].pop("en")
    survey = parse_survey(data)
    assert survey.title.get("en") == survey.title.de
    assert survey.questions[0].label.get("en") == "Wie haben Sie Kontakt mit uns aufgenommen?"
    assert Text("Ja", "Yes").get("en") == "Yes"
    assert Text("Ja", "Yes").get("de") == "Ja"


# --- rejected definitions ---------------------------------------------------------------------------------------


def test_a_definition_that_is_not_an_object_is_rejected() -> None:
    assert errors_of(["not", "a", "survey"]) == {"body": "must be an object"}


def test_german_texts_must_not_be_empty() -> None:
    data = changed(lambda d: d["title"].update(de="  "))
    data["questions"][2]["label"]["de"] = ""
    data["questions"][0]["options"][1]["label"] = {"en": "By phone"}
    errors = errors_of(data)
    assert set(errors) == {"title.de", "questions[2].label.de", "questions[0].options[1].label.de"}


def test_unknown_fields_are_named() -> None:
    data = changed(lambda d: d.update(colour="blue"))
    data["questions"][1]["colour"] = "red"
    assert set(errors_of(data)) == {"colour", "questions[1].colour"}


def test_question_ids_must_be_slugs() -> None:
    data = changed(lambda d: d["questions"][1].update(id="Waiting Time"))
    data["questions"][4]["id"] = "x" * 41
    data["questions"][8]["options"][0]["id"] = "rat.haus"
    errors = errors_of(data)
    assert set(errors) == {"questions[1].id", "questions[4].id", "questions[8].options[0].id"}


def test_question_ids_must_be_unique() -> None:
    data = changed(lambda d: d["questions"][4].update(id="friendliness"))
    assert errors_of(data) == {"questions[4].id": "is already used by questions[2]"}


def test_option_ids_must_be_unique_within_a_question() -> None:
    data = changed(lambda d: d["questions"][1]["options"][2].update(id="under_5"))
    assert errors_of(data) == {"questions[1].options[2].id": "is already used by questions[1].options[0]"}


@pytest.mark.parametrize("count", [0, 1, 13])
def test_choice_questions_need_two_to_twelve_options(count: int) -> None:
    data = changed(lambda d: d["questions"][0].update(options=options(*(f"o{i}" for i in range(count)))))
    assert set(errors_of(data)) == {"questions[0].options"}


def test_twelve_options_are_allowed() -> None:
    data = changed(lambda d: d["questions"][0].update(options=options(*(f"o{i}" for i in range(12)))))
    assert len(parse_survey(data).questions[0].options) == 12


def test_options_belong_to_single_and_multi_questions_only() -> None:
    data = changed(lambda d: d["questions"][2].update(options=options("a", "b")))
    data["questions"][5]["options"] = options("ja", "nein")
    assert set(errors_of(data)) == {"questions[2].options", "questions[5].options"}


def test_max_length_belongs_to_text_questions_and_is_at_most_1000() -> None:
    data = changed(lambda d: d["questions"][2].update(max_length=100))
    data["questions"][10]["max_length"] = 1001
    errors = errors_of(data)
    assert errors == {
        "questions[2].max_length": "is only allowed for text questions",
        "questions[10].max_length": "must be a whole number from 1 to 1000",
    }


def test_unknown_question_types_are_rejected() -> None:
    data = changed(lambda d: d["questions"][2].update(type="slider"))
    assert set(errors_of(data)) == {"questions[2].type"}


def test_a_survey_needs_between_one_and_forty_questions() -> None:
    assert set(errors_of(changed(lambda d: d.update(questions=[])))) == {"questions"}
    many = [question(f"q{i}") for i in range(41)]
    assert errors_of(changed(lambda d: d.update(questions=many))) == {"questions": "must contain at most 40 questions"}
    parse_survey(changed(lambda d: d.update(questions=many[:40])))


def test_opens_must_not_be_after_closes() -> None:
    data = changed(lambda d: d.update(opens="2027-02-01", closes="2027-01-31"))
    assert errors_of(data) == {"closes": "must not be before opens"}


def test_dates_must_be_iso_dates() -> None:
    data = changed(lambda d: d.update(opens="02.11.2026", closes="2027-02-30"))
    assert set(errors_of(data)) == {"opens", "closes"}


def test_the_raffle_publication_must_not_end_before_the_survey_closes() -> None:
    data = changed(lambda d: d["raffle"].update(publication_end="2027-01-30"))
    assert errors_of(data) == {"raffle.publication_end": "must not be before closes"}


def test_the_raffle_needs_at_least_one_prize() -> None:
    data = changed(lambda d: d["raffle"].update(winners=0))
    assert set(errors_of(data)) == {"raffle.winners"}


def test_booleans_are_not_numbers_in_the_definition() -> None:
    data = changed(lambda d: d.update(wave=True))
    data["raffle"]["winners"] = True
    data["questions"][0]["required"] = "yes"
    assert set(errors_of(data)) == {"wave", "raffle.winners", "questions[0].required"}


def test_status_is_draft_or_published() -> None:
    assert set(errors_of(changed(lambda d: d.update(status="archived")))) == {"status"}


def test_several_problems_are_reported_together() -> None:
    data = survey_dict()
    data["id"] = ""
    data["intro"] = "not bilingual"
    data["questions"][1]["options"] = options("only_one")
    data["questions"][3]["show_if"]["question_id"] = "nowhere"
    data["raffle"]["publication_end"] = "soon"
    assert set(errors_of(data)) == {
        "id",
        "intro",
        "questions[1].options",
        "questions[3].show_if.question_id",
        "raffle.publication_end",
    }


# --- conditional follow-ups -------------------------------------------------------------------------------------


def test_a_condition_must_refer_to_an_existing_question() -> None:
    data = changed(lambda d: d["questions"][3]["show_if"].update(question_id="kindness"))
    assert errors_of(data) == {"questions[3].show_if.question_id": "must be the id of an earlier question"}


def test_a_condition_must_refer_to_an_earlier_question() -> None:
    data = changed(lambda d: d["questions"][3]["show_if"].update(question_id="recommend", values=[0]))
    assert errors_of(data) == {"questions[3].show_if.question_id": "must refer to an earlier question"}


def test_a_question_cannot_depend_on_itself() -> None:
    data = changed(lambda d: d["questions"][4].update(show_if={"question_id": "competence", "values": [1]}))
    assert set(errors_of(data)) == {"questions[4].show_if.question_id"}


def test_a_condition_cannot_depend_on_free_text() -> None:
    data = changed(lambda d: d["questions"][4].update(show_if={"question_id": "friendliness_issue", "values": ["x"]}))
    errors = errors_of(data)
    assert set(errors) == {"questions[4].show_if.question_id"}


def test_a_follow_up_cannot_depend_on_another_follow_up() -> None:
    data = changed(
        lambda d: d["questions"][7].update(show_if={"question_id": "not_resolved_reason", "values": ["other"]})
    )
    assert errors_of(data) == {
        "questions[7].show_if.question_id": "must not refer to a follow-up question (only one level is allowed)"
    }


def test_condition_values_must_fit_a_rating() -> None:
    data = changed(lambda d: d["questions"][3]["show_if"].update(values=[0, 2, True, "1"]))
    errors = errors_of(data)
    assert set(errors) == {
        "questions[3].show_if.values[0]",
        "questions[3].show_if.values[2]",
        "questions[3].show_if.values[3]",
    }
    assert errors["questions[3].show_if.values[0]"] == "must be a whole number from 1 to 5"


def test_condition_values_of_a_yes_no_question_are_true_or_false() -> None:
    data = changed(lambda d: d["questions"][6]["show_if"].update(values=["no"]))
    assert errors_of(data) == {"questions[6].show_if.values[0]": "must be true or false"}


def test_condition_values_of_a_choice_are_its_option_ids() -> None:
    data = changed(lambda d: d["questions"][9].update(show_if={"question_id": "contact", "values": ["fax", "phone"]}))
    assert errors_of(data) == {"questions[9].show_if.values[0]": "must be an option id of contact"}
    data["questions"][9]["show_if"]["values"] = ["phone", "walk_in"]
    assert parse_survey(data).questions[9].show_if == Condition("contact", ["phone", "walk_in"])


def test_condition_values_may_be_any_nps_score_but_not_repeated() -> None:
    ok = changed(lambda d: d["questions"][8].update(show_if={"question_id": "recommend", "values": [0, 10]}))
    assert parse_survey(ok).questions[8].show_if == Condition("recommend", [0, 10])
    repeated = changed(lambda d: d["questions"][8].update(show_if={"question_id": "recommend", "values": [3, 3]}))
    assert errors_of(repeated) == {"questions[8].show_if.values": "must not repeat a value"}


def test_a_condition_needs_values() -> None:
    data = changed(lambda d: d["questions"][3]["show_if"].update(values=[]))
    assert errors_of(data) == {"questions[3].show_if.values": "must be a non-empty list"}


# --- counter names ----------------------------------------------------------------------------------------------


def test_ids_whose_counter_names_would_clash_are_rejected() -> None:
    data = changed(lambda d: d["questions"].append(question("waiting-time", "yesno")))
    errors = errors_of(data)
    assert list(errors) == ["questions[11].id"]
    assert "clashes with questions[1]" in errors["questions[11].id"]


def test_a_response_may_not_touch_more_than_two_hundred_counters() -> None:
    many = [question(f"q{i}", "multi", options=options(*(f"o{k}" for k in range(12)))) for i in range(16)]
    assert set(errors_of(changed(lambda d: d.update(questions=many)))) == {"questions"}
    parse_survey(changed(lambda d: d.update(questions=many[:15])))


# --- life cycle -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 1), "not_yet_open"),
        (date(2026, 11, 2), "open"),
        (date(2027, 1, 31), "open"),
        (date(2027, 2, 1), "closed"),
    ],
)
def test_a_published_survey_is_open_from_opens_to_closes_inclusive(today: date, expected: str) -> None:
    assert availability(parse_survey(survey_dict()), today) == expected


def test_a_draft_is_never_open() -> None:
    draft = parse_survey(changed(lambda d: d.update(status="draft")))
    assert availability(draft, date(2026, 12, 1)) == "not_yet_open"


def test_ensure_open_explains_why_a_survey_takes_no_answers() -> None:
    survey = parse_survey(survey_dict())
    ensure_open(survey, date(2026, 12, 1))
    with pytest.raises(Conflict) as early:
        ensure_open(survey, date(2026, 10, 31))
    assert early.value.code == "survey_not_open"
    assert early.value.details == {"opens": "2026-11-02", "closes": "2027-01-31"}
    with pytest.raises(Conflict) as late:
        ensure_open(survey, date(2027, 2, 1))
    assert late.value.code == "survey_closed"
    assert late.value.details == {"opens": "2026-11-02", "closes": "2027-01-31"}


def test_questions_are_frozen_once_a_published_survey_has_answers() -> None:
    published = parse_survey(survey_dict())
    draft = parse_survey(changed(lambda d: d.update(status="draft")))
    assert can_edit_questions(published, 0) is True
    assert can_edit_questions(published, 1) is False
    assert can_edit_questions(draft, 0) is True


def test_the_next_wave_is_a_draft_copy_in_the_same_series() -> None:
    first = parse_survey(survey_dict())
    second = clone_as_next_wave(first, "buergerservice-2027", date(2027, 11, 1), date(2027, 11, 30))
    assert (second.id, second.wave, second.series, second.status) == (
        "buergerservice-2027",
        2,
        "buergerservice",
        "draft",
    )
    assert (second.opens, second.closes) == (date(2027, 11, 1), date(2027, 11, 30))
    assert second.questions == first.questions
    assert second.questions is not first.questions
    assert second.raffle is not None
    assert second.raffle.publication_end == date(2027, 12, 28)  # 28 days after closing, as in wave 1
    assert first.wave == 1 and first.status == "published"
    assert parse_survey(survey_to_dict(second)) == second


def test_the_next_wave_needs_a_new_id_and_sensible_dates() -> None:
    first = parse_survey(survey_dict())
    with pytest.raises(ValidationFailed) as caught:
        clone_as_next_wave(first, first.id, date(2027, 11, 30), date(2027, 11, 1))
    assert set(caught.value.fields) == {"id", "closes"}
    with pytest.raises(ValidationFailed):
        clone_as_next_wave(first, "Neue Welle", date(2027, 11, 1), date(2027, 11, 30))
