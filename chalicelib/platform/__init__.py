"""Shared kernel, knows no capability: endpoint helper, errors, schema, settings, logs, OpenAPI, messages."""
