"""Survey definitions with their status, response count, review excerpts and raffle draw record.

Table ``surveys`` (one item per survey; a new wave is a new survey of the same series).
Access patterns:
- GetItem by survey id: public page and submission (cached 60 s per warm instance), staff views.
- Query the ``series-index`` (series, wave): the waves of one series for comparison and report.
- Query the ``status-index`` (status): the published surveys for the citizens' list.
- Scan: only the staff list and the daily raffle clean-up job (one item per survey, tens of items).
- UpdateItem of the definition fields, conditioned on the stored ``revision`` (and on
  ``responses = 0`` when questions change): concurrent edits cannot overwrite each other,
  answered questions cannot change, and counts or the draw record are never written back.
- Inside each response transaction: Update ``ADD responses`` conditioned on ``revision`` and
  ``status = published``, so a cached definition is never used after an edit.
- UpdateItem with ``attribute_not_exists(drawn_at)`` records the raffle draw exactly once.
- UpdateItem of the definition (closing today), ``ended_at`` and ``revision``, conditioned on the
  read ``revision`` and ``attribute_not_exists(ended_at)``: a survey is ended early once, and
  answers read against the old revision are refused by their own transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pynamodb.attributes import BooleanAttribute, MapAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import UpdateError
from pynamodb.expressions.update import Action
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex

from chalicelib.platform.aws.db import BaseModel, TableMeta, ensure_bound, get_live, insert_new
from chalicelib.platform.aws.db import is_condition_failure as _is_condition_failure
from chalicelib.platform.aws.transactions import Transaction


class SeriesIndex(GlobalSecondaryIndex["SurveyModel"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = "series-index"
        projection = AllProjection()

    series = UnicodeAttribute(hash_key=True)
    wave = NumberAttribute(range_key=True)


class StatusIndex(GlobalSecondaryIndex["SurveyModel"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = "status-index"
        projection = AllProjection()

    status = UnicodeAttribute(hash_key=True)


class SurveyModel(BaseModel):
    table = "surveys"

    class Meta(TableMeta):
        pass

    survey_id = UnicodeAttribute(hash_key=True)
    series = UnicodeAttribute()
    wave = NumberAttribute()
    status = UnicodeAttribute()
    definition = UnicodeAttribute()  # survey_to_dict() as JSON
    revision = NumberAttribute(default=1)
    responses = NumberAttribute(default=0)
    public_results = BooleanAttribute(default=False)
    previous_id = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
    updated_by = UnicodeAttribute(null=True)
    # Staff-chosen free-text excerpts for reports: "<response>:<question>" -> redacted text as JSON.
    excerpts: MapAttribute[str, str] = MapAttribute(default=dict)  # type: ignore[no-untyped-call]
    # The draw record: when, by whom, out of how many entries, how many winners. Never names.
    drawn_at = UnicodeAttribute(null=True)
    drawn_by = UnicodeAttribute(null=True)
    draw_entries = NumberAttribute(null=True)
    draw_winners = NumberAttribute(null=True)
    # Set once when staff end the survey early: from then on it takes no answers.
    ended_at = UnicodeAttribute(null=True)

    series_index = SeriesIndex()
    status_index = StatusIndex()

    def definition_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.definition)
        return data

    def excerpt_map(self) -> dict[str, dict[str, str]]:
        raw: Any = self.excerpts
        values = raw.as_dict() if isinstance(raw, MapAttribute) else dict(raw or {})  # type: ignore[no-untyped-call]
        return {str(key): json.loads(value) for key, value in values.items()}


def get(survey_id: str) -> SurveyModel | None:
    return get_live(SurveyModel, survey_id)


def create(item: SurveyModel) -> bool:
    """Insert a new survey; False when the id is taken."""
    return insert_new(item)


def replace(item: SurveyModel, expected_revision: int, *, require_no_responses: bool) -> bool:
    """Store an edited definition unless someone saved in between (or, if asked, an answer arrived).

    An update of the definition fields only: the response count, excerpts and draw record, which
    change without a new revision, are never written back from a stale copy.
    """
    condition = SurveyModel.revision == expected_revision
    if require_no_responses:
        condition = condition & (SurveyModel.responses == 0)
    return _store_definition(item, expected_revision, condition, [SurveyModel.status.set(item.status)])


def end(item: SurveyModel, expected_revision: int, ended_at: str) -> bool:
    """Store the shortened definition and the end moment; False if changed meanwhile or ended already."""
    condition = (SurveyModel.revision == expected_revision) & SurveyModel.ended_at.does_not_exist()
    return _store_definition(item, expected_revision, condition, [SurveyModel.ended_at.set(ended_at)])


def _store_definition(item: SurveyModel, expected_revision: int, condition: Any, extra: list[Action]) -> bool:
    """Write the definition with the next revision (and `extra`) if `condition` holds; False if not."""
    ensure_bound()
    actions: list[Action] = [
        SurveyModel.definition.set(item.definition),
        SurveyModel.revision.set(expected_revision + 1),
        *extra,
    ]
    if item.updated_at and item.updated_by:
        actions += [SurveyModel.updated_at.set(item.updated_at), SurveyModel.updated_by.set(item.updated_by)]
    try:
        SurveyModel(item.survey_id).update(actions=actions, condition=condition)
    except UpdateError as exc:
        if _is_condition_failure(exc):
            return False
        raise
    return True


def list_all() -> list[SurveyModel]:
    """Every survey (staff list, clean-up job): one small item per survey."""
    ensure_bound()
    return list(SurveyModel.scan())


def published_surveys() -> list[SurveyModel]:
    """Every published survey (tens at most): the citizens' list of open surveys."""
    ensure_bound()
    return list(SurveyModel.status_index.query("published"))


def waves(series: str) -> list[SurveyModel]:
    """The surveys of one series, by wave."""
    ensure_bound()
    return list(SurveyModel.series_index.query(series))


def set_public_results(survey_id: str, enabled: bool) -> bool:
    ensure_bound()
    try:
        SurveyModel(survey_id).update(
            actions=[SurveyModel.public_results.set(enabled)], condition=SurveyModel.survey_id.exists()
        )
    except UpdateError as exc:
        if _is_condition_failure(exc):
            return False
        raise
    return True


def record_draw(survey_id: str, at: str, by: str, entries: int, winners: int) -> bool:
    """Write the draw record once; False if the raffle was drawn already."""
    ensure_bound()
    try:
        SurveyModel(survey_id).update(
            actions=[
                SurveyModel.drawn_at.set(at),
                SurveyModel.drawn_by.set(by),
                SurveyModel.draw_entries.set(entries),
                SurveyModel.draw_winners.set(winners),
            ],
            condition=SurveyModel.survey_id.exists() & SurveyModel.drawn_at.does_not_exist(),
        )
    except UpdateError as exc:
        if _is_condition_failure(exc):
            return False
        raise
    return True


# --- pieces of other modules' transactions ------------------------------------


def count_responses(tx: Transaction, survey_id: str, revision: int, count: int) -> None:
    """Count ``count`` new responses, only while the survey is published and unchanged since it was read."""
    tx.update(
        "survey",
        SurveyModel,
        {"survey_id": survey_id},
        "ADD #responses :count",
        condition="#revision = :revision AND #status = :published",
        names={"#responses": "responses", "#revision": "revision", "#status": "status"},
        values={":count": count, ":revision": revision, ":published": "published"},
    )


def check_not_drawn(tx: Transaction, survey_id: str) -> None:
    tx.check(
        "survey",
        SurveyModel,
        {"survey_id": survey_id},
        "attribute_exists(#id) AND attribute_not_exists(#drawn) AND #status = :published",
        names={"#id": "survey_id", "#drawn": "drawn_at", "#status": "status"},
        values={":published": "published"},
    )


def set_excerpt(tx: Transaction, survey_id: str, key: str, excerpt: dict[str, str] | None) -> None:
    """Add, replace (``excerpt``) or remove (None) one report excerpt in the same transaction."""
    names = {"#ex": "excerpts", "#k": key}
    if excerpt is None:
        tx.update("excerpt", SurveyModel, {"survey_id": survey_id}, "REMOVE #ex.#k", names=names)
        return
    tx.update(
        "excerpt",
        SurveyModel,
        {"survey_id": survey_id},
        "SET #ex.#k = :v",
        condition="attribute_exists(#ex)",
        names=names,
        values={":v": json.dumps(excerpt, ensure_ascii=False)},
    )


def iter_with_raffle() -> Iterator[SurveyModel]:
    """Surveys whose definition has a raffle (clean-up job)."""
    for item in list_all():
        if item.definition_dict().get("raffle"):
            yield item
