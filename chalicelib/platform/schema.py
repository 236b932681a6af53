"""Small declarative request schemas: validate JSON bodies and describe them for OpenAPI.

Kept in-house because a validation library (pydantic, jsonschema) would add 50-150 ms
to every cold start for what fits in one short module. Plain classes rather than
dataclasses for the same reason: generating dataclass code costs ~1.5 ms per class.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from chalicelib.platform.errors import ValidationFailed
from chalicelib.platform.text import TextRefused, clean_text, clean_texts, join_path

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL_PATTERN = r"^[^@\s<>(),;:\"\[\]]{1,64}@" + _LABEL + r"(?:\." + _LABEL + r")+$"


class FieldError(Exception):
    """A field's value is refused; ``where`` locates the part inside a list or object."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.where = where


def _text(value: str, multiline: bool) -> str:
    try:
        return clean_text(value, multiline=multiline)
    except TextRefused as exc:
        raise FieldError(str(exc)) from None


class Field:
    def __init__(self, *, required: bool = True, description: str = "", nullable: bool = False) -> None:
        self.required = required
        self.description = description
        self.nullable = nullable

    def check(self, value: Any) -> Any:  # pragma: no cover - overridden
        return value

    def schema(self) -> dict[str, Any]:  # pragma: no cover - overridden
        return {}

    def describe(self) -> dict[str, Any]:
        out = self.schema()
        if self.description:
            out["description"] = self.description
        if self.nullable:
            out["nullable"] = True
        return out


class Str(Field):
    def __init__(
        self,
        *,
        min_len: int = 0,
        max_len: int = 200,
        pattern: str | None = None,
        choices: tuple[str, ...] | None = None,
        strip: bool = True,
        multiline: bool = False,
        **kw: Any,
    ) -> None:
        """``strip`` False takes the text exactly as sent (passwords); otherwise it is normalised
        and refused if it hides characters; ``multiline`` keeps line feeds and tabs."""
        super().__init__(**kw)
        self.min_len = min_len
        self.max_len = max_len
        self.pattern = pattern
        self.choices = choices
        self.strip = strip
        self.multiline = multiline

    def check(self, value: Any) -> Any:
        if not isinstance(value, str):
            raise FieldError("must be a text")
        if self.strip:
            value = _text(value, self.multiline)
        if self.choices is not None and value not in self.choices:
            raise FieldError("must be one of: " + ", ".join(self.choices))
        if not value and (self.required or self.min_len):  # also a text of invisible characters only
            raise FieldError("must not be empty")
        if len(value) < self.min_len:
            raise FieldError(f"must be at least {self.min_len} characters")
        if len(value) > self.max_len:
            raise FieldError(f"must be at most {self.max_len} characters")
        if self.pattern and not re.fullmatch(self.pattern, value):
            raise FieldError("has an invalid format")
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "maxLength": self.max_len}
        if self.min_len:
            out["minLength"] = self.min_len
        if self.pattern:
            out["pattern"] = self.pattern
        if self.choices is not None:
            out["enum"] = list(self.choices)
        return out


class Email(Field):
    def check(self, value: Any) -> Any:
        if not isinstance(value, str):
            raise FieldError("must be a valid e-mail address")
        value = _text(value, multiline=False)
        if len(value) > 254 or not re.match(EMAIL_PATTERN, value):
            raise FieldError("must be a valid e-mail address")
        local, _, domain = value.rpartition("@")
        return f"{local}@{domain.lower()}"

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "email", "maxLength": 254}


class Int(Field):
    def __init__(self, *, minimum: int | None = None, maximum: int | None = None, **kw: Any) -> None:
        super().__init__(**kw)
        self.minimum = minimum
        self.maximum = maximum

    def check(self, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldError("must be a whole number")
        if self.minimum is not None and value < self.minimum:
            raise FieldError(f"must be at least {self.minimum}")
        if self.maximum is not None and value > self.maximum:
            raise FieldError(f"must be at most {self.maximum}")
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


class Bool(Field):
    def check(self, value: Any) -> Any:
        if not isinstance(value, bool):
            raise FieldError("must be true or false")
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Date(Field):
    def check(self, value: Any) -> Any:
        if not isinstance(value, str):
            raise FieldError("must be a date (YYYY-MM-DD)")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise FieldError("must be a date (YYYY-MM-DD)") from None

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}


class DateTime(Field):
    def check(self, value: Any) -> Any:
        if not isinstance(value, str):
            raise FieldError("must be a date and time (ISO 8601)")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise FieldError("must be a date and time (ISO 8601)") from None
        return parsed

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date-time"}


class Anything(Field):
    """A value checked by the use case itself (e.g. survey answers keyed by question); its
    texts are normalised and refused like any other text, as multi-line text."""

    def __init__(self, *, max_len: int = 20_000, **kw: Any) -> None:
        super().__init__(**kw)
        self.max_len = max_len

    def check(self, value: Any) -> Any:
        if len(repr(value)) > self.max_len:
            raise FieldError("is too large")
        try:
            return clean_texts(value)
        except TextRefused as exc:
            raise FieldError(str(exc), exc.where) from None

    def schema(self) -> dict[str, Any]:
        return {}


class List(Field):
    def __init__(
        self, *, item: Field | None = None, min_items: int = 0, max_items: int = 50, unique: bool = False, **kw: Any
    ) -> None:
        super().__init__(**kw)
        self.item = item if item is not None else Str()
        self.min_items = min_items
        self.max_items = max_items
        self.unique = unique

    def check(self, value: Any) -> Any:
        if not isinstance(value, list):
            raise FieldError("must be a list")
        if len(value) < self.min_items:
            low = self.min_items
            raise FieldError("must have at least 1 entry" if low == 1 else f"must have at least {low} entries")
        if len(value) > self.max_items:
            high = self.max_items
            raise FieldError("must have at most 1 entry" if high == 1 else f"must have at most {high} entries")
        out = [self.item.check(v) for v in value]
        if self.unique and len({repr(v) for v in out}) != len(out):
            raise FieldError("must not repeat entries")
        return out

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.describe(), "maxItems": self.max_items}
        if self.min_items:
            out["minItems"] = self.min_items
        return out


class Obj(Field):
    def __init__(self, *, fields: Mapping[str, Field] | None = None, extra: bool = False, **kw: Any) -> None:
        super().__init__(**kw)
        self.fields: Mapping[str, Field] = fields or {}
        self.extra = extra

    def validate(self, data: Any, prefix: str = "") -> dict[str, Any]:
        errors: dict[str, str] = {}
        out = self._collect(data, prefix, errors)
        if errors:
            raise ValidationFailed("Some fields are missing or invalid.", fields=errors)
        return out

    def _collect(self, data: Any, prefix: str, errors: dict[str, str]) -> dict[str, Any]:
        if not isinstance(data, dict):
            errors[prefix.rstrip(".") or "body"] = "must be a JSON object"
            return {}
        out: dict[str, Any] = {}
        if not self.extra:
            for key in data:
                if key not in self.fields:
                    errors[f"{prefix}{key}"] = "is not an allowed field"
        for name, spec in self.fields.items():
            path = f"{prefix}{name}"
            if name not in data or (data[name] is None and not spec.nullable):
                if spec.required:
                    errors[path] = "is required"
                continue
            if data[name] is None:
                out[name] = None
                continue
            try:
                if isinstance(spec, Obj):
                    out[name] = spec._collect(data[name], f"{path}.", errors)
                else:
                    out[name] = spec.check(data[name])
            except FieldError as exc:
                errors[join_path(path, exc.where)] = str(exc)
        return out

    def check(self, value: Any) -> Any:
        return self.validate(value)

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {k: v.describe() for k, v in self.fields.items()},
            "required": [k for k, v in self.fields.items() if v.required],
            "additionalProperties": self.extra,
        }
