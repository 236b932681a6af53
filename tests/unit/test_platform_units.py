"""Platform building blocks: request schemas, log scrubbing, tokens, password rules and hashing."""

from __future__ import annotations

import json
import logging
import time

import pytest

from chalicelib.platform.errors import ValidationFailed
from chalicelib.platform.logs import JsonFormatter, scrub
from chalicelib.platform.schema import Bool, Date, Email, Int, List, Obj, Str
from chalicelib.staff.rules import password_problem

SCHEMA = Obj(
    fields={
        "name": Str(max_len=5),
        "email": Email(),
        "age": Int(minimum=0, maximum=130, required=False),
        "agree": Bool(),
        "day": Date(required=False),
        "tags": List(item=Str(choices=("a", "b")), max_items=2, unique=True, required=False),
        "address": Obj(fields={"city": Str()}, required=False),
    }
)


def test_a_valid_body_is_returned_cleaned() -> None:
    out = SCHEMA.validate({"name": " Ann ", "email": "Ann@Example.ORG", "agree": True, "day": "2026-11-21"})
    assert out["name"] == "Ann" and out["email"] == "Ann@example.org" and str(out["day"]) == "2026-11-21"


def test_every_bad_field_is_named_at_once() -> None:
    with pytest.raises(ValidationFailed) as caught:
        SCHEMA.validate(
            {
                "name": "too long",
                "email": "not-an-address",
                "age": True,
                "agree": "yes",
                "day": "21.11.",
                "tags": ["a", "a"],
                "address": {"city": ""},
                "extra": 1,
            }
        )
    assert caught.value.fields == {
        "name": "must be at most 5 characters",
        "email": "must be a valid e-mail address",
        "age": "must be a whole number",
        "agree": "must be true or false",
        "day": "must be a date (YYYY-MM-DD)",
        "tags": "must not repeat entries",
        "address.city": "must not be empty",
        "extra": "is not an allowed field",
    }


@pytest.mark.parametrize("address", ["a@b", "a b@example.org", "a@-example.org", "@example.org", "a@example"])
def test_implausible_email_addresses_are_refused(address: str) -> None:
    with pytest.raises(ValidationFailed):
        Obj(fields={"e": Email()}).validate({"e": address})


def test_schemas_describe_themselves_for_openapi() -> None:
    desc = SCHEMA.describe()
    assert desc["additionalProperties"] is False
    assert set(desc["required"]) == {"name", "email", "agree"}
    assert desc["properties"]["tags"]["items"]["enum"] == ["a", "b"]


def test_log_lines_never_carry_emails_or_ip_addresses() -> None:
    assert scrub("mail anna.m@example.org from 192.168.10.4 and 2001:db8:0:0:1:0:0:1") == (
        "mail [email] from [ip] and [ip]"
    )
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "signup by %s", ("bob@example.org",), None)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "signup by [email]" and line["level"] == "INFO"


def test_exceptions_are_logged_by_type_only() -> None:
    try:
        raise ValueError("secret user input anna@example.org")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    line = JsonFormatter().format(record)
    assert "ValueError" in line and "secret user input" not in line


def test_tokens_are_unguessable_and_stored_only_as_digests() -> None:
    from chalicelib.platform.aws.tokens import digest, random_token, short_code

    tokens = {random_token() for _ in range(1000)}
    assert len(tokens) == 1000 and all(len(t) >= 32 for t in tokens)
    assert len(digest("x")) == 64 and digest("x") != "x"
    code = short_code()
    assert len(code.replace("-", "")) == 8 and not set(code) & set("01ILO")  # more in test_booking_codes.py


def test_signed_tokens_check_purpose_audience_and_expiry(settings_env: None) -> None:
    import time_machine

    from chalicelib.platform.aws.tokens import sign, verify

    token = sign({"sub": "x"}, purpose="a", ttl_seconds=60, audience="aud")
    assert verify(token, purpose="a", audience="aud")["sub"] == "x"
    assert verify(token, purpose="b", audience="aud") is None
    assert verify(token, purpose="a", audience="other") is None
    with time_machine.travel(time.time() + 120):
        assert verify(token, purpose="a", audience="aud") is None


def test_passwords_are_hashed_with_scrypt_and_verified() -> None:
    from chalicelib.platform.aws.passwords import DUMMY_HASH, hash_password, verify_password

    stored = hash_password("a long passphrase")
    assert stored.startswith("scrypt$") and "a long passphrase" not in stored
    assert verify_password("a long passphrase", stored)
    assert not verify_password("a long passphrasE", stored)
    assert not verify_password("anything", DUMMY_HASH)
    assert not verify_password("anything", "garbage")


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", "must be at least 12 characters"),
        ("anna-is-my-password", "must not contain the user name"),
        ("aaaaaaaaaaaaaa", "is too easy to guess"),
        ("a fine long passphrase", None),
    ],
)
def test_password_rules(password: str, problem: str | None) -> None:
    assert password_problem(password, "anna") == problem
