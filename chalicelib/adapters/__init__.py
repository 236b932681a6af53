"""Adapters: DynamoDB models and repositories, mail, push, QR codes, tokens, secrets."""
