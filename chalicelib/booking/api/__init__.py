"""Booking HTTP layer: citizens' booking pages and the office staff's desk."""
