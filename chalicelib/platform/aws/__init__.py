"""AWS and crypto plumbing: DynamoDB base and transactions, SES, Web Push, tokens, QR codes, keyring, sealing."""
