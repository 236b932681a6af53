"""Staff review of free-text answers (approve, reject, redact, choose excerpts) and the CSV export.

Redaction overwrites the stored text: a name typed into a comment should not survive in the
database once a reviewer has removed it. Only approved (and, where needed, redacted) text appears
in reports and public results; the CSV export carries approved text unless staff ask for all.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import re
import unicodedata
from typing import Any

from chalicelib.platform import audit
from chalicelib.platform.errors import Conflict, NotFound, ValidationFailed
from chalicelib.surveys import definitions as surveys
from chalicelib.surveys.rules.survey import Question
from chalicelib.surveys.store import responses as response_store

STATUSES = ("pending", "approved", "rejected")
_RID = re.compile(r"[0-9a-f]{32}")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _encode_cursor(key: dict[str, Any] | None) -> str | None:
    if not key:
        return None
    return base64.urlsafe_b64encode(json.dumps(key["rid"]["S"]).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str | None, part: str) -> dict[str, Any] | None:
    if not cursor:
        return None
    try:
        rid = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error):
        rid = None
    if not isinstance(rid, str) or not _RID.fullmatch(rid):
        raise ValidationFailed("The page cursor is invalid.", fields={"cursor": "is not a cursor of this list"})
    return {"part": {"S": part}, "rid": {"S": rid}}


def _text_entry(q: Question, text: str, review: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "question": q.id,
        "label": q.label.get(lang),
        "text": text,
        "status": review.get("status", "pending"),
        "redacted": bool(review.get("redacted")),
        "excerpt": bool(review.get("excerpt")),
    }


def _view(response: response_store.ResponseModel, questions: list[Question], lang: str, status: str) -> dict[str, Any]:
    answers, review = response.answer_dict(), response.review_dict()
    texts = [
        _text_entry(q, answers[q.id], review.get(q.id, {}), lang)
        for q in questions
        if q.id in answers and status in ("all", review.get(q.id, {}).get("status", "pending"))
    ]
    return {
        "response_id": response.rid,
        "date": response.day,
        "channel": response.channel,
        "office": response.office,
        "category": response.category,
        "texts": texts,
    }


def free_text(survey_id: str, status: str, limit: int, cursor: str | None, lang: str) -> dict[str, Any]:
    """One page of responses with free text. A page may hold fewer than ``limit`` items; go on
    while ``next`` is not null."""
    record = surveys.fresh(survey_id)
    questions = [q for q in record.survey.questions if q.type == "text"]
    start = _decode_cursor(cursor, record.part)
    items, last = response_store.text_page(record.part, pending_only=status == "pending", limit=limit, start=start)
    views = [_view(r, questions, lang, status) for r in items]
    return {"items": [v for v in views if v["texts"]], "next": _encode_cursor(last)}


def _clean_text(q: Question, text: str) -> str:
    value = text.strip()
    if not value or len(value) > q.text_limit():
        raise ValidationFailed("The text is invalid.", fields={"text": f"must be 1 to {q.text_limit()} characters"})
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in value):
        raise ValidationFailed("The text is invalid.", fields={"text": "contains invalid control characters"})
    return value


def review(
    actor: str,
    survey_id: str,
    response_id: str,
    question_id: str,
    status: str,
    text: str | None,
    excerpt: bool | None,
    lang: str,
) -> dict[str, Any]:
    """Approve, reject or reset one free-text answer; optionally redact it and choose it as an excerpt."""
    record = surveys.fresh(survey_id)
    question = record.survey.question(question_id)
    response = response_store.get_response(record.part, response_id) if _RID.fullmatch(response_id) else None
    answers = response.answer_dict() if response else {}
    if response is None or question is None or question.type != "text" or question_id not in answers:
        raise NotFound("There is no such free-text answer.", code="answer_not_found")
    if excerpt and status != "approved":
        raise ValidationFailed("Only approved answers can be excerpts.", fields={"excerpt": "needs status approved"})
    old_answers = response.answers
    entry = dict(response.review_dict().get(question_id, {}))
    if text is not None:
        cleaned = _clean_text(question, text)
        entry["redacted"] = bool(entry.get("redacted")) or cleaned != answers[question_id]
        answers[question_id] = cleaned
    entry["status"] = status
    entry["excerpt"] = bool(excerpt) if excerpt is not None else bool(entry.get("excerpt")) and status == "approved"
    reviews = response.review_dict()
    reviews[question_id] = entry
    response.answers = json.dumps(answers, ensure_ascii=False, sort_keys=True)
    response.review = json.dumps(reviews, ensure_ascii=False, sort_keys=True)
    response.pending_texts = sum(
        1
        for q in record.survey.questions
        if q.type == "text" and q.id in answers and reviews.get(q.id, {}).get("status", "pending") == "pending"
    )
    excerpt_value = {"question": question_id, "text": answers[question_id]} if entry["excerpt"] else None
    key = f"{response_id}:{question_id}"
    if not response_store.save_review(response, old_answers, survey_id, key, excerpt_value):
        raise Conflict("This answer was changed meanwhile. Please reload.", code="edit_conflict")
    audit.record(
        actor,
        "survey.review",
        survey_id,
        question=question_id,
        status=status,
        redacted=bool(entry.get("redacted")),
        excerpt=entry["excerpt"],
    )
    return _text_entry(question, answers[question_id], entry, lang)


# --- CSV export --------------------------------------------------------------------------


def _cell(question: Question, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    text = str(value)
    # A cell starting like a formula would be executed by spreadsheet programs.
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_csv(actor: str, survey_id: str, free_text: str, delimiter: str) -> tuple[str, str]:
    """(file name, CSV text): one row per response with date, channel, office, category and answers.

    UTF-8 with a byte order mark so Excel detects the encoding; rows ordered by date only.
    """
    record = surveys.fresh(survey_id)
    questions = record.survey.questions
    rows = []
    for response in response_store.all_responses(record.part):
        answers, reviews = response.answer_dict(), response.review_dict()
        row = [response.day, response.channel, response.office or "", response.category or ""]
        for q in questions:
            value = answers.get(q.id)
            status = reviews.get(q.id, {}).get("status", "pending")
            if q.type == "text" and free_text != "all" and status != "approved":
                value = None
            row.append(_cell(q, value))
        rows.append(row)
    rows.sort(key=lambda r: r[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if delimiter == "semicolon" else ",", lineterminator="\r\n")
    writer.writerow(["date", "channel", "office", "category", *(q.id for q in questions)])
    writer.writerows(rows)
    audit.record(actor, "survey.export", survey_id, rows=len(rows), free_text=free_text)
    return f"{survey_id}-antworten.csv", "\ufeff" + buffer.getvalue()
