"""Staff storage: accounts, sessions, audit log, throttles, the town document (the only pynamodb code of staff)."""
