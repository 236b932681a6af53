"""Staff survey console (role ``survey``): surveys, waves, QR codes, visit links, paper entry,
results, free-text review, CSV export, committee report and the raffle draw."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.platform.http import Ctx, endpoint
from chalicelib.platform.schema import Anything, Bool, Date, Int, List, Obj, Str

bp = Blueprint(__name__)

SLUG = r"[a-z0-9_-]{1,40}"
_SURVEY_KEYS = ("id", "series", "wave", "status", "title", "intro", "privacy", "opens", "closes", "raffle", "questions")
# The survey itself is checked by parse_survey, which names every bad path (questions[2].options ...).
SURVEY = Obj(fields={k: Anything(required=False, max_len=60_000, nullable=k == "raffle") for k in _SURVEY_KEYS})
CLONE = Obj(fields={"id": Str(pattern=SLUG, max_len=40), "opens": Date(), "closes": Date()})
TOGGLE = Obj(fields={"enabled": Bool()})
VISIT = Obj(
    fields={
        "office": Str(max_len=100),
        "category": Str(max_len=100),
        "valid_days": Int(minimum=1, maximum=30, required=False),
    }
)
PAPER = Obj(
    fields={
        "batch_id": Str(pattern=r"[A-Za-z0-9_-]{8,64}", max_len=64, description="random, e.g. a UUID"),
        "items": List(item=Anything(max_len=20_000), min_items=1, max_items=50),
        "date": Date(required=False),
        "office": Str(max_len=100, required=False),
        "category": Str(max_len=100, required=False),
    }
)
LANG = Str(choices=("de", "en"), required=False)
RESULTS_QUERY = Obj(
    fields={"office": Str(max_len=100, required=False), "channel": Str(max_len=20, required=False), "lang": LANG}
)
LANG_QUERY = Obj(fields={"lang": LANG})
FREE_TEXT_QUERY = Obj(
    fields={
        "status": Str(choices=("pending", "approved", "rejected", "all"), required=False),
        "limit": Str(pattern=r"[1-9][0-9]?|100", max_len=3, required=False),
        "cursor": Str(max_len=200, required=False),
        "lang": LANG,
    }
)
REVIEW = Obj(
    fields={
        "status": Str(choices=("pending", "approved", "rejected")),
        "text": Str(max_len=1000, required=False, multiline=True, description="the redacted text replacing the answer"),
        "excerpt": Bool(required=False),
    }
)
EXPORT_QUERY = Obj(
    fields={
        "free_text": Str(choices=("approved", "all"), required=False),
        "delimiter": Str(choices=("semicolon", "comma"), required=False),
    }
)


def _lang(ctx: Ctx) -> str:
    return str(ctx.query.get("lang") or ctx.lang)


@endpoint(bp, "/api/surveys", role="survey", tag="surveys")
def list_surveys(ctx: Ctx) -> dict[str, Any]:
    """Every survey and wave with status and number of responses."""
    from chalicelib.surveys import definitions as surveys

    return {"surveys": surveys.list_surveys()}


@endpoint(bp, "/api/surveys", ("POST",), role="survey", body=SURVEY, status=201, tag="surveys")
def create_survey(ctx: Ctx) -> dict[str, Any]:
    """Create a survey as a draft."""
    from chalicelib.surveys import definitions as surveys

    return surveys.staff_view(surveys.create(ctx.user.username, ctx.body))


@endpoint(bp, "/api/surveys/{survey_id}", role="survey", tag="surveys")
def get_survey(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """One survey for editing, with its state."""
    from chalicelib.surveys import definitions as surveys

    return surveys.staff_view(surveys.fresh(survey_id))


@endpoint(bp, "/api/surveys/{survey_id}", ("PUT",), role="survey", body=SURVEY, tag="surveys")
def update_survey(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """Replace a survey's definition; questions are locked once answers exist (409 clone_required)."""
    from chalicelib.surveys import definitions as surveys

    return surveys.staff_view(surveys.update(ctx.user.username, survey_id, ctx.body))


@endpoint(bp, "/api/surveys/{survey_id}/publish", ("POST",), role="survey", tag="surveys")
def publish_survey(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """Publish a draft: its public link starts working on the opening date."""
    from chalicelib.surveys import definitions as surveys

    return surveys.staff_view(surveys.publish(ctx.user.username, survey_id))


@endpoint(bp, "/api/surveys/{survey_id}/end", ("POST",), role="survey", tag="surveys")
def end_survey(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """End a running survey now: it closes today and refuses further answers."""
    from chalicelib.surveys import definitions as surveys
    from chalicelib.surveys import end as survey_end

    return surveys.staff_view(survey_end.end_now(ctx.user.username, survey_id))


@endpoint(bp, "/api/surveys/{survey_id}/clone", ("POST",), role="survey", body=CLONE, status=201, tag="surveys")
def clone_survey(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """Copy a survey as the next wave of its series (a draft with new dates)."""
    from chalicelib.surveys import definitions as surveys

    record = surveys.clone(ctx.user.username, survey_id, ctx.body["id"], ctx.body["opens"], ctx.body["closes"])
    return surveys.staff_view(record)


@endpoint(bp, "/api/surveys/{survey_id}/public-results", ("PUT",), role="survey", body=TOGGLE, tag="surveys")
def set_public_results(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """Switch the public results page of a survey on or off."""
    from chalicelib.surveys import definitions as surveys

    return surveys.staff_view(surveys.set_public_results(ctx.user.username, survey_id, ctx.body["enabled"]))


@endpoint(bp, "/api/surveys/{survey_id}/qr.svg", role="survey", tag="surveys")
def qr_svg(ctx: Ctx, survey_id: str) -> Response:
    """QR code of the public link as SVG (print)."""
    from chalicelib.surveys import definitions as surveys

    return Response(body=surveys.qr_code(survey_id, "svg"), headers={"Content-Type": "image/svg+xml"})


@endpoint(bp, "/api/surveys/{survey_id}/qr.png", role="survey", tag="surveys")
def qr_png(ctx: Ctx, survey_id: str) -> Response:
    """QR code of the public link as PNG (download); send Accept: image/png."""
    from chalicelib.surveys import definitions as surveys

    return Response(body=surveys.qr_code(survey_id, "png"), headers={"Content-Type": "image/png"})


@endpoint(bp, "/api/surveys/{survey_id}/visit-links", ("POST",), role="survey", body=VISIT, status=201, tag="surveys")
def create_visit_link(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """A one-time "rate this visit" link and QR code for one office and service category."""
    from chalicelib.surveys import visit_links

    return visit_links.create(survey_id, ctx.body["office"], ctx.body["category"], ctx.body.get("valid_days"))


@endpoint(bp, "/api/surveys/{survey_id}/paper", ("POST",), role="survey", body=PAPER, status=201, tag="surveys")
def enter_paper(ctx: Ctx, survey_id: str) -> Response:
    """Enter a batch of paper questionnaires: all stored, or none with each item's errors."""
    from chalicelib.surveys import responses as survey_responses

    b = ctx.body
    answer, replayed = survey_responses.enter_paper(
        ctx.user.username, survey_id, b["batch_id"], b["items"], b.get("date"), b.get("office"), b.get("category")
    )
    return Response(body=answer, status_code=201, headers={"Idempotent-Replayed": str(replayed).lower()})


@endpoint(bp, "/api/surveys/{survey_id}/results", role="survey", query=RESULTS_QUERY, tag="surveys")
def results(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """Results per question with charts, by day and channel; filter by office or channel."""
    from chalicelib.surveys import results as survey_results

    return survey_results.results(survey_id, ctx.query.get("office"), ctx.query.get("channel"), _lang(ctx))


@endpoint(bp, "/api/surveys/{survey_id}/compare", role="survey", query=LANG_QUERY, tag="surveys")
def compare(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """All published waves of the survey's series side by side."""
    from chalicelib.surveys import results as survey_results

    return survey_results.compare(survey_id, _lang(ctx))


@endpoint(bp, "/api/surveys/{survey_id}/report", role="survey", query=LANG_QUERY, tag="surveys")
def report(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """Data of the printable committee report."""
    from chalicelib.surveys import results as survey_results

    return survey_results.report(survey_id, _lang(ctx))


@endpoint(bp, "/api/surveys/{survey_id}/free-text", role="survey", query=FREE_TEXT_QUERY, tag="surveys")
def free_text(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """Free-text answers for review, a page at a time (default: not yet reviewed)."""
    from chalicelib.surveys import review as survey_review

    q = ctx.query
    return survey_review.free_text(
        survey_id, q.get("status") or "pending", int(q.get("limit") or 25), q.get("cursor"), _lang(ctx)
    )


@endpoint(
    bp,
    "/api/surveys/{survey_id}/free-text/{response_id}/{question_id}",
    ("PATCH",),
    role="survey",
    body=REVIEW,
    tag="surveys",
)
def review_free_text(ctx: Ctx, survey_id: str, response_id: str, question_id: str) -> dict[str, Any]:
    """Approve, reject or redact one free-text answer, and choose it as a report excerpt."""
    from chalicelib.surveys import review as survey_review

    b = ctx.body
    return survey_review.review(
        ctx.user.username,
        survey_id,
        response_id,
        question_id,
        b["status"],
        b.get("text"),
        b.get("excerpt"),
        ctx.lang,
    )


@endpoint(bp, "/api/surveys/{survey_id}/export.csv", role="survey", query=EXPORT_QUERY, tag="surveys")
def export_csv(ctx: Ctx, survey_id: str) -> Response:
    """Anonymous answers as CSV (UTF-8 with BOM, one row per response)."""
    from chalicelib.surveys import review as survey_review

    name, text = survey_review.export_csv(
        ctx.user.username,
        survey_id,
        ctx.query.get("free_text") or "approved",
        ctx.query.get("delimiter") or "semicolon",
    )
    headers: dict[str, str | list[str]] = {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": f'attachment; filename="{name}"',
    }
    return Response(body=text, headers=headers)


@endpoint(bp, "/api/surveys/{survey_id}/raffle", role="survey", tag="surveys")
def raffle_status(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """Raffle state: number of entries, draw record, winners to contact."""
    from chalicelib.surveys import raffle

    return raffle.status(survey_id)


@endpoint(bp, "/api/surveys/{survey_id}/raffle/draw", ("POST",), role="survey", tag="surveys")
def draw_raffle(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """Draw the winners (once, after closing); losers' entries are deleted, winners are e-mailed."""
    from chalicelib.surveys import raffle

    return raffle.draw(ctx.user.username, survey_id)
