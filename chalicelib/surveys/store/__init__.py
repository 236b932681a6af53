"""Survey storage: definitions, anonymous responses and counters, raffle entries (the only pynamodb code of surveys)."""
