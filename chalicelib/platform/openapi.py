"""Builds the OpenAPI 3 document from the registered routes and their declared schemas."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            },
            "required": ["code", "message"],
        }
    },
    "required": ["error"],
}


def build_document(routes: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The document for ``routes`` (a Chalice app's ``routes``), handed in by the endpoint that serves it."""
    from chalicelib.platform.settings import get_settings

    paths: dict[str, Any] = {}
    for path, methods in sorted(routes.items()):
        for method, entry in methods.items():
            meta = getattr(entry.view_function, "__api_meta__", None)
            if meta is None:
                continue
            op: dict[str, Any] = {
                "summary": meta.summary,
                "operationId": f"{method.lower()}_{re.sub(r'[^a-z0-9]+', '_', path.lower()).strip('_')}",
                "tags": [meta.tag],
                "parameters": [
                    {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                    for name in re.findall(r"{(\w+)}", path)
                ],
                "responses": {
                    str(meta.status): {"description": "Success"},
                    "400": {
                        "description": "Invalid input",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                },
            }
            if meta.idempotent:
                op["parameters"].append(
                    {
                        "name": "Idempotency-Key",
                        "in": "header",
                        "required": True,
                        "description": "A random key per intended action (a UUID); repeats get the first answer.",
                        "schema": {"type": "string", "minLength": 8, "maxLength": 128},
                    }
                )
            if meta.query is not None:
                op["parameters"] += [
                    {"name": n, "in": "query", "required": f.required, "schema": f.describe()}
                    for n, f in meta.query.fields.items()
                ]
            if meta.body is not None:
                op["requestBody"] = {
                    "required": True,
                    "content": {"application/json": {"schema": meta.body.describe()}},
                }
            if meta.role is not None:
                op["security"] = [{"cookieAuth": []}, {"bearerAuth": []}]
                op["x-required-role"] = meta.role
                op["responses"]["401"] = {"description": "Not signed in"}
                op["responses"]["403"] = {"description": "Missing role"}
            paths.setdefault(path, {})[method.lower()] = op
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Bürgerservice API",
            "version": get_settings().version,
            "description": "Surveys, appointments, walk-in tickets and document notices for citizen offices.",
        },
        "paths": paths,
        "components": {
            "schemas": {"Error": ERROR_SCHEMA},
            "securitySchemes": {
                "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "bs_access"},
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
            },
        },
    }
