"""Result counters per response, summaries computed from them, wave comparison and SVG charts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

import pytest

from chalicelib.platform.errors import ValidationFailed
from chalicelib.surveys.rules.results import (
    COUNTER_NAME_RE,
    compare_waves,
    counter_increments,
    slices_for,
    summarize,
    svg_bar_chart,
)
from chalicelib.surveys.rules.survey import Survey, parse_survey
from tests.unit.fixtures_survey import full_answers, survey_dict

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def survey() -> Survey:
    return parse_survey(survey_dict())


Response = tuple[dict[str, Any], date, str, str | None]


def aggregate(survey: Survey, responses: Sequence[Response]) -> dict[str, Counter[str]]:
    """What the aggregate items hold after the adapter applied every response's increments."""
    items: dict[str, Counter[str]] = {}
    for answers, day, channel, office in responses:
        increments = counter_increments(survey, answers, day, channel, office)
        for name in slices_for(channel, office):
            items.setdefault(name, Counter()).update(increments)
    return items


def response(contact: str, friendliness: int, resolved: bool, recommend: int, **extra: Any) -> dict[str, Any]:
    return {"contact": contact, "friendliness": friendliness, "resolved": resolved, "recommend": recommend, **extra}


NOV20, NOV21, NOV22 = date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)

# Eight responses whose results were worked out by hand (see test_summary_numbers_match_a_hand_count).
WAVE_ONE: list[Response] = [
    (response("phone", 5, True, 10, competence=5, online_wishes=["id_card"]), NOV20, "online", "rathaus"),
    (
        response("walk_in", 4, True, 9, competence=4, online_wishes=["id_card", "change_address"]),
        NOV20,
        "qr",
        "rathaus",
    ),
    (
        response("walk_in", 2, False, 7, friendliness_issue="Zu laut", not_resolved_reason=["documents_missing"]),
        NOV21,
        "visit",
        "nord",
    ),
    (response("phone", 1, False, 3, competence=2), NOV21, "paper", None),
    (response("appointment_online", 5, True, 10), NOV21, "online", None),
    (response("phone", 3, True, 7), NOV22, "online", "nord"),
    (response("phone", 4, True, 8), NOV22, "online", None),
    (response("walk_in", 5, True, 9), NOV22, "online", None),
]


# --- counters ---------------------------------------------------------------------------------------------------


def test_a_full_response_adds_these_counters(survey: Survey) -> None:
    increments = counter_increments(survey, full_answers(), NOV21, "paper", "rathaus")
    assert increments == {
        "n": 1,
        "d_20261121": 1,
        "c_paper": 1,
        "q_contact_n": 1,
        "q_contact_o_walk_in": 1,
        "q_waiting_time_n": 1,
        "q_waiting_time_o_15_to_30": 1,
        "q_friendliness_n": 1,
        "q_friendliness_v_2": 1,
        "q_competence_n": 1,
        "q_competence_v_4": 1,
        "q_resolved_n": 1,
        "q_resolved_o_no": 1,
        "q_not_resolved_reason_n": 1,
        "q_not_resolved_reason_o_documents_missing": 1,
        "q_not_resolved_reason_o_second_visit": 1,
        "q_recommend_n": 1,
        "q_recommend_v_6": 1,
        "q_office_n": 1,
        "q_office_o_rathaus": 1,
        "q_online_wishes_n": 1,
        "q_online_wishes_o_id_card": 1,
        "q_online_wishes_o_change_address": 1,
    }


def test_free_text_is_never_counted(survey: Survey) -> None:
    increments = counter_increments(survey, full_answers(), NOV21, "online", None)
    assert not any("suggestions" in name or "friendliness_issue" in name for name in increments)


def test_a_yes_answer_counts_as_the_option_yes(survey: Survey) -> None:
    increments = counter_increments(survey, response("phone", 5, True, 10), NOV21, "qr", None)
    assert increments["q_resolved_o_yes"] == 1
    assert "q_resolved_o_no" not in increments


def test_unanswered_questions_add_no_counters(survey: Survey) -> None:
    increments = counter_increments(survey, response("phone", 5, True, 10), NOV21, "qr", None)
    assert not any(name.startswith(("q_competence", "q_office", "q_waiting_time")) for name in increments)


def test_every_counter_name_is_a_safe_attribute_name(survey: Survey) -> None:
    data = survey_dict()
    data["questions"][1]["id"] = "waiting-time"
    data["questions"][1]["options"][0]["id"] = "under-5"
    hyphenated = parse_survey(data)
    answers = {**full_answers(), "waiting-time": "under-5"}
    del answers["waiting_time"]
    increments = counter_increments(hyphenated, answers, NOV21, "online", None)
    assert "q_waiting_time_o_under_5" in increments
    assert all(COUNTER_NAME_RE.fullmatch(name) for name in increments)
    assert all(
        COUNTER_NAME_RE.fullmatch(name) for name in counter_increments(survey, full_answers(), NOV21, "qr", None)
    )


def test_invalid_answers_add_no_counters(survey: Survey) -> None:
    with pytest.raises(ValidationFailed) as caught:
        counter_increments(survey, response("phone", 7, True, 10), NOV21, "online", None)
    assert caught.value.fields == {"answers.friendliness": "must be a whole number from 1 to 5"}


def test_the_channel_and_office_must_be_valid(survey: Survey) -> None:
    with pytest.raises(ValidationFailed) as caught:
        counter_increments(survey, full_answers(), NOV21, "fax", "nord#2")
    assert set(caught.value.fields) == {"channel", "office"}


def test_a_response_counts_towards_all_its_channel_and_its_office() -> None:
    assert slices_for("qr", "rathaus") == ["all", "channel#qr", "office#rathaus"]
    assert slices_for("paper", None) == ["all", "channel#paper"]
    with pytest.raises(ValidationFailed):
        slices_for("carrier-pigeon", None)


# --- summaries --------------------------------------------------------------------------------------------------


def question_in(summary: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in summary["questions"] if q["id"] == qid)


def percents(entry: dict[str, Any]) -> dict[str, float]:
    return {row["id"]: row["percent"] for row in entry["distribution"]}


def test_summary_numbers_match_a_hand_count(survey: Survey) -> None:
    summary = summarize(survey, aggregate(survey, WAVE_ONE)["all"], "de")
    assert summary["n"] == 8
    assert summary["days"] == [
        {"date": "2026-11-20", "count": 2},
        {"date": "2026-11-21", "count": 3},
        {"date": "2026-11-22", "count": 3},
    ]
    assert summary["channels"] == {"online": 5, "qr": 1, "visit": 1, "paper": 1}

    friendliness = question_in(summary, "friendliness")
    assert friendliness["answered"] == 8
    # 5+4+2+1+5+3+4+5 = 29; 29/8 = 3.625, rounded half up (float rounding would give 3.62).
    assert friendliness["mean"] == 3.63
    assert [(r["id"], r["count"], r["percent"]) for r in friendliness["distribution"]] == [
        ("1", 1, 12.5), ("2", 1, 12.5), ("3", 1, 12.5), ("4", 2, 25.0), ("5", 3, 37.5),
    ]  # fmt: skip

    competence = question_in(summary, "competence")
    assert (competence["answered"], competence["mean"]) == (3, 3.67)  # (5+4+2)/3

    recommend = question_in(summary, "recommend")
    # Scores 10, 9, 7, 3, 10, 7, 8, 9: promoters 4, passives 3, detractors 1; 50 % - 12.5 % = 37.5 -> 38.
    assert (recommend["promoters"], recommend["passives"], recommend["detractors"]) == (4, 3, 1)
    assert recommend["nps"] == 38

    assert percents(question_in(summary, "contact")) == {
        "appointment_online": 12.5, "phone": 50.0, "email": 0.0, "walk_in": 37.5, "other": 0.0,
    }  # fmt: skip
    assert percents(question_in(summary, "resolved")) == {"yes": 75.0, "no": 25.0}
    assert question_in(summary, "resolved")["distribution"][0]["label"] == "Ja"
    reason = question_in(summary, "not_resolved_reason")
    assert reason["answered"] == 1
    assert reason["follow_up_of"] == "resolved"
    assert percents(reason)["documents_missing"] == 100.0
    # Multiple choice: percent of those who answered, so the column may add up to more than 100.
    assert percents(question_in(summary, "online_wishes")) == {
        "id_card": 100.0, "change_address": 50.0, "certificate": 0.0, "parking_permit": 0.0,
    }  # fmt: skip


def test_office_slices_hold_only_that_offices_responses(survey: Survey) -> None:
    items = aggregate(survey, WAVE_ONE)
    rathaus = summarize(survey, items["office#rathaus"], "de")
    assert rathaus["n"] == 2
    assert question_in(rathaus, "friendliness")["mean"] == 4.5
    assert summarize(survey, items["channel#online"], "de")["n"] == 5


def test_free_text_questions_are_listed_but_not_summarized(survey: Survey) -> None:
    summary = summarize(survey, aggregate(survey, WAVE_ONE)["all"], "en")
    assert [q["id"] for q in summary["free_text"]] == ["friendliness_issue", "suggestions"]
    assert summary["free_text"][1]["label"] == "What could we do better?"
    assert all(q["type"] != "text" for q in summary["questions"])


def test_a_summary_speaks_the_requested_language(survey: Survey) -> None:
    summary = summarize(survey, aggregate(survey, WAVE_ONE)["all"], "en")
    assert summary["title"] == "Modern citizen service – your opinion counts"
    assert question_in(summary, "resolved")["distribution"][1]["label"] == "No"


def test_an_empty_aggregate_summarizes_to_zeros(survey: Survey) -> None:
    summary = summarize(survey, {"pk": 0, "sk": 0}, "de")
    assert summary["n"] == 0
    assert summary["days"] == []
    assert question_in(summary, "friendliness")["mean"] is None
    assert question_in(summary, "recommend")["nps"] is None
    assert set(percents(question_in(summary, "contact")).values()) == {0.0}


# --- waves ------------------------------------------------------------------------------------------------------


def second_wave() -> Survey:
    data = survey_dict()
    data.update(id="buergerservice-2027", wave=2, opens="2027-11-01", closes="2027-11-30")
    data["raffle"]["publication_end"] = "2027-12-31"
    questions = [q for q in data["questions"] if q["id"] != "waiting_time"]
    next(q for q in questions if q["id"] == "competence").update(type="nps", help=None)
    questions.append({"id": "digital", "type": "yesno", "label": {"de": "Haben Sie online gebucht?"}})
    data["questions"] = questions
    return parse_survey(data)


def test_waves_are_compared_per_question(survey: Survey) -> None:
    wave_two = second_wave()
    two = [(response("phone", 5, True, 10), NOV21, "online", None), (response("phone", 5, True, 6), NOV22, "qr", None)]
    summaries = [
        summarize(wave_two, aggregate(wave_two, two)["all"], "de"),
        summarize(survey, aggregate(survey, WAVE_ONE)["all"], "de"),
    ]
    comparison = compare_waves(summaries)
    assert comparison["series"] == "buergerservice"
    assert [(w["wave"], w["n"]) for w in comparison["waves"]] == [(1, 8), (2, 2)]
    by_id = {q["id"]: q for q in comparison["questions"]}
    # Removed, retyped and new questions have nothing to compare with.
    assert "waiting_time" not in by_id and "competence" not in by_id and "digital" not in by_id
    assert list(by_id) == ["contact", "friendliness", "resolved", "not_resolved_reason", "recommend", "office",
                           "online_wishes"]  # fmt: skip
    assert [(w["wave"], w["mean"]) for w in by_id["friendliness"]["waves"]] == [(1, 3.63), (2, 5.0)]
    assert [(w["wave"], w["nps"]) for w in by_id["recommend"]["waves"]] == [(1, 38), (2, 0)]
    assert [w["percent"]["phone"] for w in by_id["contact"]["waves"]] == [50.0, 100.0]
    assert by_id["contact"]["options"][1] == {"id": "phone", "label": "Telefonisch"}


def test_only_waves_of_one_series_can_be_compared(survey: Survey) -> None:
    one = summarize(survey, {}, "de")
    other = {**one, "series": "parken", "wave": 2}
    with pytest.raises(ValidationFailed) as caught:
        compare_waves([one, other])
    assert set(caught.value.fields) == {"series"}
    with pytest.raises(ValidationFailed) as twice:
        compare_waves([one, dict(one)])
    assert set(twice.value.fields) == {"waves"}


# --- charts -----------------------------------------------------------------------------------------------------


def parse_svg(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to prove it is well-formed


def test_a_chart_is_an_accessible_image_with_title_and_description() -> None:
    svg = svg_bar_chart([("Telefonisch", 4, 50.0), ("Ohne Termin", 3, 37.5)], "Kontaktweg")
    root = parse_svg(svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Kontaktweg"
    assert desc is not None and desc.text == "Telefonisch: 4 (50\u202f%); Ohne Termin: 3 (37,5\u202f%)"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Telefonisch" in texts and "4 (50\u202f%)" in texts


def test_bars_scale_with_the_percentage() -> None:
    root = parse_svg(svg_bar_chart([("A", 1, 100.0), ("B", 1, 25.0), ("C", 0, 0.0)], "T", lang="en"))
    filled = [r.get("width") for r in root.iter(f"{SVG}rect") if r.get("fill") != "none"]
    assert filled == ["300.0", "75.0", "0.0"]
    assert "25%" in "".join(t.text or "" for t in root.iter(f"{SVG}text"))


def test_labels_cannot_inject_markup_or_scripts() -> None:
    label = '<script>alert("x")</script> & "Bürger"'
    svg = svg_bar_chart([(label, 1, 100.0)], "<b>Titel</b>")
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse_svg(svg)
    assert not list(root.iter(f"{SVG}script"))
    assert root.find(f"{SVG}title") is not None
    assert label in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]


def test_control_characters_are_dropped_so_the_svg_stays_valid() -> None:
    parse_svg(svg_bar_chart([("Bad\x00label\x1b", 1, 10.0)], "Ti\x07tel"))


def test_long_labels_are_shortened_on_screen_but_kept_for_screen_readers() -> None:
    label = "Eine sehr lange Beschriftung, die nicht in die Spalte passt"
    root = parse_svg(svg_bar_chart([(label, 2, 100.0)], "Titel"))
    shown = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert any(text.endswith("…") and len(text) <= 30 for text in shown)
    assert label in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]


def test_a_chart_without_rows_says_so() -> None:
    root = parse_svg(svg_bar_chart([], "Keine Antworten", lang="en"))
    assert root.find(f"{SVG}desc").text == "No data"  # type: ignore[union-attr]
