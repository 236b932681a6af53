"""Survey result aggregates: the counters one response adds, and how counters become results.

Counter names are DynamoDB attribute names on one aggregate item per (survey, wave, slice):

    n                      responses
    d_<YYYYMMDD>           responses per day (dates only, never times)
    c_<channel>            responses per channel (online, qr, visit, paper)
    q_<qid>_n              responses that answered question <qid>
    q_<qid>_o_<optid>      single, multi and yes/no answers per option (yes/no: options yes and no)
    q_<qid>_v_<value>      rating (1-5) and NPS (0-10) answers per value

Question and option ids are slugs ([a-z0-9_-]); `-` becomes `_`, so every name matches
COUNTER_NAME_RE (lower-case letters, digits, `_`). Expressions should still name them through
ExpressionAttributeNames, as DynamoDB's reserved words are matched case-insensitively. Because
that mapping and the `_o_`/`_v_`/`_n` separators could in theory make two names equal,
parse_survey rejects any survey whose counter names are not unique.
Free text is never counted: it is stored with the response and reviewed by staff.

Storing a response is one transaction: the response item plus, for every slice in slices_for(),
an `ADD` of counter_increments() to that slice's aggregate item. Results then cost one read per
slice, however many responses there are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from chalicelib.platform.errors import ValidationFailed
from chalicelib.surveys.rules.answers import validate_answers
from chalicelib.surveys.rules.chart import day_label, svg_bar_chart
from chalicelib.surveys.rules.model import CHANNELS, YESNO_OPTIONS, Question, Survey

__all__ = [
    "COUNTER_NAME_RE",
    "MAX_INCREMENTS_PER_RESPONSE",
    "compare_waves",
    "counter_increments",
    "day_label",
    "max_increments",
    "question_counter_names",
    "slices_for",
    "summarize",
    "svg_bar_chart",
]

COUNTER_NAME_RE = re.compile(r"n|d_\d{8}|c_[a-z]+|q_[a-z0-9_]+")
# One response becomes one UpdateExpression per slice item, and DynamoDB caps an expression at
# 4 KB; 200 clauses like "#a199 :v199, " take about 2.6 KB.
MAX_INCREMENTS_PER_RESPONSE = 200
_MAX_OFFICE_LENGTH = 100


def _attr(slug: str) -> str:
    return slug.replace("-", "_")


def answered_counter(question_id: str) -> str:
    return f"q_{_attr(question_id)}_n"


def option_counter(question_id: str, option_id: str) -> str:
    return f"q_{_attr(question_id)}_o_{_attr(option_id)}"


def value_counter(question_id: str, value: int) -> str:
    return f"q_{_attr(question_id)}_v_{value}"


def question_counter_names(question: Question) -> list[str]:
    """Every counter a question can ever touch (none for free text)."""
    if question.type == "text":
        return []
    names = [answered_counter(question.id)]
    names += [option_counter(question.id, o.id) for o in question.choices()]
    names += [value_counter(question.id, v) for v in question.values()]
    return names


def max_increments(survey: Survey) -> int:
    """The most counters a single response can add to one slice item."""
    total = 3  # n, the day and the channel
    for q in survey.questions:
        if q.type == "multi":
            total += 1 + len(q.options)
        elif q.type != "text":
            total += 2
    return total


def slices_for(channel: str, office: str | None) -> list[str]:
    """The aggregate slices one response counts towards."""
    _check_origin(channel, office)
    slices = ["all", f"channel#{channel}"]
    if office is not None:
        slices.append(f"office#{office}")
    return slices


def counter_increments(
    survey: Survey, answers: Mapping[str, Any], day: date, channel: str, office: str | None
) -> dict[str, int]:
    """Counter name -> 1 for one response; the same increments go to every slice in slices_for().

    The answers are validated again (validate_answers is idempotent) because a wrong counter can
    never be taken back from an anonymous aggregate. `office` adds no counter: offices are compared
    through their own slice items.
    """
    _check_origin(channel, office)
    clean = validate_answers(survey, dict(answers))
    increments = {"n": 1, f"d_{day:%Y%m%d}": 1, f"c_{channel}": 1}
    for question in survey.questions:
        if question.id not in clean or question.type == "text":
            continue
        value = clean[question.id]
        increments[answered_counter(question.id)] = 1
        if question.type in ("rating", "nps"):
            increments[value_counter(question.id, value)] = 1
        elif question.type == "yesno":
            increments[option_counter(question.id, YESNO_OPTIONS[value][0])] = 1
        else:
            for option_id in value if isinstance(value, list) else [value]:
                increments[option_counter(question.id, option_id)] = 1
    return increments


def _check_origin(channel: str, office: str | None) -> None:
    errors: dict[str, str] = {}
    if channel not in CHANNELS:
        errors["channel"] = "must be one of: " + ", ".join(CHANNELS)
    if office is not None and (
        not isinstance(office, str) or not office.strip() or len(office) > _MAX_OFFICE_LENGTH or "#" in office
    ):
        errors["office"] = "must be an office id"
    if errors:
        raise ValidationFailed("The response origin is invalid.", fields=errors)


def _half_up(numerator: int, denominator: int, digits: int) -> Decimal:
    # Decimal instead of round(): Python rounds half to even, reports expect 12.5 -> 13.
    exact = Decimal(numerator) / Decimal(denominator)
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def _percent(count: int, total: int) -> float:
    return float(_half_up(100 * count, total, 1)) if total else 0.0


def summarize(survey: Survey, counters: Mapping[str, int], lang: str) -> dict[str, Any]:
    """Results of one slice item in `lang`; unknown attributes (keys, metadata) are ignored."""

    def get(name: str) -> int:
        return int(counters.get(name, 0))

    days = sorted(k[2:] for k in counters if k.startswith("d_") and COUNTER_NAME_RE.fullmatch(k))
    questions: list[dict[str, Any]] = []
    free_text: list[dict[str, Any]] = []
    for q in survey.questions:
        if q.type == "text":
            free_text.append({"id": q.id, "label": q.label.get(lang)})
            continue
        answered = get(answered_counter(q.id))
        if q.type in ("rating", "nps"):
            rows = [(str(v), str(v), get(value_counter(q.id, v))) for v in q.values()]
        else:
            rows = [(o.id, o.label.get(lang), get(option_counter(q.id, o.id))) for o in q.choices()]
        entry: dict[str, Any] = {
            "id": q.id,
            "type": q.type,
            "label": q.label.get(lang),
            "follow_up_of": q.show_if.question_id if q.show_if else None,
            "answered": answered,
            "distribution": [
                {"id": oid, "label": label, "count": count, "percent": _percent(count, answered)}
                for oid, label, count in rows
            ],
        }
        if q.type == "rating":
            entry["mean"] = _mean({v: get(value_counter(q.id, v)) for v in q.values()})
        elif q.type == "nps":
            entry.update(_nps({v: get(value_counter(q.id, v)) for v in q.values()}))
        questions.append(entry)
    return {
        "survey_id": survey.id,
        "series": survey.series,
        "wave": survey.wave,
        "title": survey.title.get(lang),
        "n": get("n"),
        "days": [{"date": f"{d[:4]}-{d[4:6]}-{d[6:]}", "count": get(f"d_{d}")} for d in days],
        "channels": {c: get(f"c_{c}") for c in CHANNELS},
        "questions": questions,
        "free_text": free_text,
    }


def _mean(counts: dict[int, int]) -> float | None:
    total = sum(counts.values())
    return float(_half_up(sum(v * c for v, c in counts.items()), total, 2)) if total else None


def _nps(counts: dict[int, int]) -> dict[str, Any]:
    promoters = counts[9] + counts[10]
    passives = counts[7] + counts[8]
    detractors = sum(counts[v] for v in range(7))
    total = promoters + passives + detractors
    score = int(_half_up(100 * (promoters - detractors), total, 0)) if total else None
    return {"nps": score, "promoters": promoters, "passives": passives, "detractors": detractors}


def compare_waves(summaries: list[dict[str, Any]]) -> dict[str, Any]:
    """Summaries of several waves of one series side by side, per question id.

    Only questions asked (with the same type) in at least two waves are compared. Each wave entry
    holds `answered`, `percent` per option id, and `mean` (rating) or `nps` (NPS).
    """
    ordered = sorted(summaries, key=lambda s: int(s["wave"]))
    waves = [int(s["wave"]) for s in ordered]
    errors: dict[str, str] = {}
    if len(set(waves)) != len(waves):
        errors["waves"] = "must not contain a wave twice"
    if len({s["series"] for s in ordered}) > 1:
        errors["series"] = "all waves must belong to the same survey series"
    if errors:
        raise ValidationFailed("These summaries cannot be compared.", fields=errors)
    # The newest wave decides order, label and type, as the committee reads the current wording.
    latest: dict[str, dict[str, Any]] = {}
    for summary in reversed(ordered):
        for q in summary["questions"]:
            latest.setdefault(q["id"], q)
    compared: list[dict[str, Any]] = []
    for qid, newest in latest.items():
        per_wave = []
        for summary in ordered:
            q = next((x for x in summary["questions"] if x["id"] == qid and x["type"] == newest["type"]), None)
            if q is not None:
                per_wave.append(_wave_entry(summary, q))
        if len(per_wave) < 2:
            continue
        compared.append(
            {
                "id": qid,
                "type": newest["type"],
                "label": newest["label"],
                "options": [{"id": d["id"], "label": d["label"]} for d in newest["distribution"]],
                "waves": per_wave,
            }
        )
    return {
        "series": ordered[0]["series"] if ordered else None,
        "waves": [{"wave": s["wave"], "survey_id": s["survey_id"], "n": s["n"]} for s in ordered],
        "questions": compared,
    }


def _wave_entry(summary: dict[str, Any], q: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "wave": summary["wave"],
        "answered": q["answered"],
        "percent": {d["id"]: d["percent"] for d in q["distribution"]},
    }
    for key in ("mean", "nps"):
        if key in q:
            entry[key] = q[key]
    return entry
