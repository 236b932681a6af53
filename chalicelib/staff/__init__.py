"""Staff: sign-in, accounts, roles, audit log, town settings, the admin console's API."""
