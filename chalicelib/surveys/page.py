"""A citizen's survey page: the published survey, its raffle, and whether a visit link is still good."""

from __future__ import annotations

from typing import Any

from chalicelib.surveys import definitions, visit_links
from chalicelib.surveys.rules.survey import survey_to_dict


def public_view(survey_id: str, visit: str | None) -> dict[str, Any]:
    record = definitions.published(survey_id)
    definitions.ensure_open_with_dates(record.survey, definitions.today())
    data = survey_to_dict(record.survey)
    data.pop("status", None)
    answer: dict[str, Any] = {
        "survey": data,
        "raffle": definitions.raffle_info(record.survey),
        "results_public": record.public_results,
    }
    if visit:
        answer["visit"] = visit_links.check(survey_id, visit)
    return answer
