"""Bürgerservice backend: API, use cases, domain rules and adapters."""
