"""Survey results from the aggregate counters only: a fixed number of reads however many answered.

Results page: the survey item and one slice item. Wave comparison and committee report: the survey,
one index query for the series, one BatchGetItem for the waves' counters.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from chalicelib.platform.errors import NotFound, ValidationFailed
from chalicelib.surveys import definitions as surveys
from chalicelib.surveys.definitions import SurveyRecord
from chalicelib.surveys.rules.results import compare_waves, day_label, summarize, svg_bar_chart
from chalicelib.surveys.rules.survey import CHANNELS
from chalicelib.surveys.store import definitions as survey_store
from chalicelib.surveys.store import responses as response_store

_CHANNEL_LABELS = {
    "de": {"online": "Online", "qr": "QR-Code", "visit": "Nach dem Besuch", "paper": "Papier"},
    "en": {"online": "Online", "qr": "QR code", "visit": "After a visit", "paper": "Paper"},
}


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def _summary(record: SurveyRecord, counters: dict[str, Any], lang: str) -> dict[str, Any]:
    summary = summarize(record.survey, counters, lang)
    for q in summary["questions"]:
        rows = [(d["label"], d["count"], d["percent"]) for d in q["distribution"]]
        q["chart_svg"] = svg_bar_chart(rows, q["label"], lang=lang)
    n = summary["n"]
    labels = _CHANNEL_LABELS["en" if lang == "en" else "de"]
    channel_rows = [(labels[c], count, _percent(count, n)) for c, count in summary["channels"].items()]
    # People read the days as they write them ("30.11.2026", "30 Nov 2026"), not as ISO dates.
    day_rows = [
        (day_label(date.fromisoformat(d["date"]), lang), d["count"], _percent(d["count"], n)) for d in summary["days"]
    ]
    title = {"de": ("Antworten nach Weg", "Antworten pro Tag"), "en": ("Responses by channel", "Responses per day")}
    channel_title, day_title = title["en" if lang == "en" else "de"]
    summary["charts"] = {
        "channels": svg_bar_chart(channel_rows, channel_title, lang=lang),
        "days": svg_bar_chart(day_rows, day_title, lang=lang),
    }
    return summary


def _excerpts(record: SurveyRecord, lang: str) -> list[dict[str, Any]]:
    order = {q.id: i for i, q in enumerate(record.survey.questions)}
    out = []
    for key in sorted(record.excerpts, key=lambda k: (order.get(record.excerpts[k]["question"], 99), k)):
        excerpt = record.excerpts[key]
        question = record.survey.question(excerpt["question"])
        if question is not None:
            out.append({"question": question.id, "label": question.label.get(lang), "text": excerpt["text"]})
    return out


def _slice(office: str | None, channel: str | None) -> str:
    if office and channel:
        raise ValidationFailed(
            "Filter by office or by channel, not both.", fields={"channel": "cannot be combined with office"}
        )
    if channel:
        if channel not in CHANNELS:
            raise ValidationFailed("Unknown channel.", fields={"channel": "must be one of: " + ", ".join(CHANNELS)})
        return f"channel#{channel}"
    if office:
        from chalicelib.surveys import visit_links

        visit_links.check_origin(office, None)
        return f"office#{office}"
    return "all"


def results(survey_id: str, office: str | None, channel: str | None, lang: str) -> dict[str, Any]:
    """Staff results of one survey (one wave), optionally of one office or one channel."""
    record = surveys.fresh(survey_id)
    slice_name = _slice(office, channel)
    summary = _summary(record, response_store.counters(record.part, slice_name), lang)
    summary["filter"] = {"office": office, "channel": channel}
    summary["excerpts"] = _excerpts(record, lang)
    return summary


def _published_waves(series: str) -> list[SurveyRecord]:
    records = [surveys.record_of(item) for item in survey_store.waves(series)]
    return sorted((r for r in records if r.survey.status == "published"), key=lambda r: r.survey.wave)


def compare(survey_id: str, lang: str) -> dict[str, Any]:
    """Every published wave of the survey's series side by side."""
    record = surveys.fresh(survey_id)
    waves = _published_waves(record.survey.series)
    counters = response_store.counters_of_parts([w.part for w in waves])
    return compare_waves([summarize(w.survey, counters[w.part], lang) for w in waves])


def report(survey_id: str, lang: str) -> dict[str, Any]:
    """What the printable committee report shows: per question summary, chart and the previous wave."""
    record = surveys.fresh(survey_id)
    earlier = [w for w in _published_waves(record.survey.series) if w.survey.wave < record.survey.wave]
    previous = earlier[-1] if earlier else None
    parts = [record.part] + ([previous.part] if previous else [])
    counters = response_store.counters_of_parts(parts)
    current = _summary(record, counters[record.part], lang)
    before = summarize(previous.survey, counters[previous.part], lang) if previous else None
    by_question: dict[str, Any] = {}
    if before is not None:
        for q in compare_waves([before, summarize(record.survey, counters[record.part], lang)])["questions"]:
            by_question[q["id"]] = next((w for w in q["waves"] if w["wave"] == before["wave"]), None)
    for q in current["questions"]:
        q["previous"] = by_question.get(q["id"])
    survey = record.survey
    return {
        **current,
        "period": {"opens": survey.opens.isoformat(), "closes": survey.closes.isoformat()},
        "previous_wave": None
        if before is None
        else {"survey_id": before["survey_id"], "wave": before["wave"], "n": before["n"], "title": before["title"]},
        "excerpts": _excerpts(record, lang),
        "generated_on": surveys.today().isoformat(),
    }


def public_results(survey_id: str, lang: str) -> dict[str, Any]:
    """The results citizens may see, if staff switched them on: all answers, approved excerpts only."""
    record = surveys.published(survey_id)
    if not record.public_results:
        raise NotFound("The results of this survey are not public.", code="results_not_public")
    summary = _summary(record, response_store.counters(record.part, "all"), lang)
    summary["excerpts"] = _excerpts(record, lang)
    return summary
