"""Queue rules: walk-in days, limits and numbering, the call order, ticket life cycle, wait estimates; no I/O."""
