"""Survey rules: plain dataclasses, validation, aggregation, raffle rules and charts; no I/O."""
