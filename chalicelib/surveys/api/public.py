"""Citizens' survey endpoints: the survey, submitting answers, the raffle, winners and public results."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.platform.errors import ValidationFailed
from chalicelib.platform.http import Ctx, endpoint
from chalicelib.platform.schema import Anything, Bool, Email, Obj, Str

bp = Blueprint(__name__)

SURVEY_QUERY = Obj(fields={"visit": Str(max_len=200, required=False, description="token of a visit link")})
RESPONSE = Obj(
    fields={
        "answers": Anything(max_len=60_000, description="question id -> answer"),
        "visit": Str(max_len=200, required=False, description="token of a visit link (?besuch=)"),
    }
)
SOURCE_QUERY = Obj(fields={"source": Str(choices=("link", "qr"), required=False)})
ENTRY = Obj(
    fields={
        "ticket": Str(max_len=100, description="the ticket from the submission answer"),
        "first_name": Str(max_len=80),
        "last_name": Str(max_len=80),
        "email": Email(),
        "consent": Bool(description="must be true"),
    }
)
LANG_QUERY = Obj(fields={"lang": Str(choices=("de", "en"), required=False)})


@endpoint(bp, "/api/public/surveys", tag="public-surveys")
def open_surveys(ctx: Ctx) -> dict[str, Any]:
    """The surveys citizens can answer today."""
    from chalicelib.surveys import definitions as surveys

    return {"surveys": surveys.open_surveys()}


@endpoint(bp, "/api/public/surveys/{survey_id}", query=SURVEY_QUERY, tag="public-surveys")
def get_survey(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """A published survey to answer; 409 with its dates when it is not open."""
    from chalicelib.surveys import page

    return page.public_view(survey_id, ctx.query.get("visit"))


@endpoint(
    bp,
    "/api/public/surveys/{survey_id}/responses",
    ("POST",),
    body=RESPONSE,
    query=SOURCE_QUERY,
    status=201,
    personal=True,
    tag="public-surveys",
    idempotent=True,
)
def submit(ctx: Ctx, survey_id: str) -> Response:
    """Submit answers once per Idempotency-Key header; a retry returns the first answer unchanged."""
    from chalicelib.surveys import responses as survey_responses

    answer, replayed = survey_responses.submit(
        survey_id, ctx.body["answers"], ctx.idempotency_key, ctx.body.get("visit"), ctx.query.get("source")
    )
    return Response(body=answer, status_code=201, headers={"Idempotent-Replayed": str(replayed).lower()})


@endpoint(
    bp,
    "/api/public/surveys/{survey_id}/raffle",
    ("POST",),
    body=ENTRY,
    status=201,
    personal=True,
    tag="public-surveys",
)
def enter_raffle(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """Enter the raffle with the ticket from the submission; states when the entry is deleted."""
    from chalicelib.surveys import raffle

    b = ctx.body
    if b["consent"] is not True:
        raise ValidationFailed("Please agree to the stated purpose.", fields={"consent": "must be true"})
    return raffle.enter(survey_id, b["ticket"], b["first_name"], b["last_name"], b["email"], ctx.lang)


@endpoint(bp, "/api/public/surveys/{survey_id}/winners", tag="public-surveys")
def winners(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """The raffle's winners as first name and initial, until the publication period ends."""
    from chalicelib.surveys import raffle

    return raffle.winners(survey_id)


@endpoint(bp, "/api/public/surveys/{survey_id}/results", query=LANG_QUERY, tag="public-surveys")
def public_results(ctx: Ctx, survey_id: str) -> dict[str, Any]:
    """The survey's results, if the town publishes them."""
    from chalicelib.surveys import results as survey_results

    return survey_results.public_results(survey_id, str(ctx.query.get("lang") or ctx.lang))
