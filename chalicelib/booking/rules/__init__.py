"""Booking rules: opening hours, slots, the service catalogue, life cycle, message texts; no I/O."""
