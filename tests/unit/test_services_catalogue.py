"""Service catalogue: combining services into one appointment and parsing the catalogue."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.booking.rules.catalogue import (
    Service,
    check_combination,
    combined_duration,
    get_service,
    is_pickup_booking,
    parse_service,
    parse_services,
    select_services,
    strictest_limits,
)
from chalicelib.platform.errors import NotFound, ValidationFailed

BOTH = frozenset({"willich", "anrath"})
ID_CARD = Service(
    "personalausweis",
    "Personalausweis beantragen",
    "Apply for an ID card",
    20,
    offices=BOTH,
    horizon_days=60,
    lead_minutes=120,
)
REGISTRATION = Service("anmeldung", "Wohnsitz anmelden", "Register your address", 15, offices=BOTH)
CERTIFICATE = Service(
    "fuehrungszeugnis",
    "Führungszeugnis",
    "Certificate of good conduct",
    10,
    offices=frozenset({"willich"}),
    horizon_days=30,
    lead_minutes=30,
)
PICKUP = Service("ausweis-abholung", "Ausweis abholen", "Collect an ID card", 5, offices=BOTH, pickup=True)


def service_dict(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "personalausweis",
        "name": {"de": "Personalausweis beantragen", "en": "Apply for an ID card"},
        "duration_minutes": 20,
        "documents": {"de": ["Altes Ausweisdokument", "Biometrisches Passfoto"], "en": ["Old ID", "Photo"]},
        "offices": ["willich", "anrath"],
        "horizon_days": 60,
        "lead_minutes": 120,
        "pickup": False,
    }
    data.update(overrides)
    return data


def test_durations_of_combined_services_add_up() -> None:
    assert combined_duration([ID_CARD, REGISTRATION, CERTIFICATE]) == 45


def test_the_same_service_twice_counts_twice() -> None:
    check_combination("willich", [ID_CARD, ID_CARD])
    assert combined_duration([ID_CARD, ID_CARD]) == 40


def test_services_offered_by_the_office_may_be_combined() -> None:
    check_combination("willich", [ID_CARD, REGISTRATION, CERTIFICATE])


def test_a_service_the_office_does_not_offer_is_named_in_the_error() -> None:
    with pytest.raises(ValidationFailed) as caught:
        check_combination("anrath", [ID_CARD, CERTIFICATE])
    assert "Führungszeugnis" in caught.value.fields["services"]
    assert "fuehrungszeugnis" in caught.value.fields["services"]


def test_pickup_cannot_be_combined_with_other_services() -> None:
    with pytest.raises(ValidationFailed) as caught:
        check_combination("willich", [PICKUP, ID_CARD])
    assert "services" in caught.value.fields


def test_pickup_alone_is_a_pickup_booking() -> None:
    check_combination("willich", [PICKUP])
    assert is_pickup_booking([PICKUP]) is True
    assert is_pickup_booking([ID_CARD, REGISTRATION]) is False


def test_at_most_four_services_fit_into_one_appointment() -> None:
    check_combination("willich", [ID_CARD, REGISTRATION, CERTIFICATE, REGISTRATION])
    with pytest.raises(ValidationFailed) as caught:
        check_combination("willich", [ID_CARD, REGISTRATION, CERTIFICATE, REGISTRATION, ID_CARD])
    assert "at most 4" in caught.value.fields["services"]


def test_a_booking_needs_at_least_one_service() -> None:
    with pytest.raises(ValidationFailed) as caught:
        check_combination("willich", [])
    assert "services" in caught.value.fields


def test_the_strictest_horizon_and_lead_time_of_a_combination_apply() -> None:
    assert strictest_limits([ID_CARD, REGISTRATION, CERTIFICATE]) == (30, 120)
    assert strictest_limits([REGISTRATION]) == (90, 60)


def test_services_are_selected_by_id_in_request_order() -> None:
    catalogue = {s.id: s for s in (ID_CARD, REGISTRATION, PICKUP)}
    assert select_services(catalogue, ["anmeldung", "personalausweis"]) == [REGISTRATION, ID_CARD]
    with pytest.raises(ValidationFailed) as caught:
        select_services(catalogue, ["anmeldung", "reisepass"])
    assert "reisepass" in caught.value.fields["services"]


def test_looking_up_an_unknown_service_is_not_found() -> None:
    with pytest.raises(NotFound):
        get_service({ID_CARD.id: ID_CARD}, "reisepass")
    assert get_service({ID_CARD.id: ID_CARD}, "personalausweis") is ID_CARD


def test_a_complete_service_entry_parses() -> None:
    service = parse_service(service_dict())
    assert service == Service(
        id="personalausweis",
        name_de="Personalausweis beantragen",
        name_en="Apply for an ID card",
        duration_minutes=20,
        documents_de=("Altes Ausweisdokument", "Biometrisches Passfoto"),
        documents_en=("Old ID", "Photo"),
        offices=BOTH,
        horizon_days=60,
        lead_minutes=120,
        pickup=False,
    )


def test_optional_fields_get_defaults_and_english_falls_back_to_german() -> None:
    service = parse_service(
        {"id": "anmeldung", "name": {"de": "Wohnsitz anmelden"}, "duration_minutes": 15, "offices": ["willich"]}
    )
    assert service.name_en == "Wohnsitz anmelden"
    assert (service.horizon_days, service.lead_minutes, service.pickup) == (90, 60, False)
    assert service.documents_de == service.documents_en == ()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id": "Personal Ausweis"}, "service.id"),
        ({"name": "Ausweis"}, "service.name"),
        ({"name": {"en": "ID"}}, "service.name.de"),
        ({"duration_minutes": 0}, "service.duration_minutes"),
        ({"duration_minutes": "20"}, "service.duration_minutes"),
        ({"duration_minutes": 481}, "service.duration_minutes"),
        ({"horizon_days": 0}, "service.horizon_days"),
        ({"lead_minutes": -5}, "service.lead_minutes"),
        ({"offices": "willich"}, "service.offices"),
        ({"pickup": "yes"}, "service.pickup"),
        ({"documents": ["Foto"]}, "service.documents"),
        ({"documents": {"de": ["Foto", ""]}}, "service.documents.de[1]"),
    ],
)
def test_a_malformed_service_names_the_offending_field(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_service(service_dict(**overrides))
    assert field in caught.value.fields


def test_a_catalogue_parses_in_file_order() -> None:
    catalogue = parse_services([service_dict(), service_dict(id="reisepass", pickup=True)])
    assert list(catalogue) == ["personalausweis", "reisepass"]
    assert catalogue["reisepass"].pickup is True


def test_a_catalogue_refuses_duplicate_ids_and_reports_every_entry() -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_services([service_dict(), service_dict(), service_dict(id="x", duration_minutes=0)])
    assert set(caught.value.fields) == {"services[1].id", "services[2].duration_minutes"}


def test_a_catalogue_must_be_a_list() -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_services({"personalausweis": service_dict()}, path="town.services")
    assert caught.value.fields == {"town.services": "must be a list"}
