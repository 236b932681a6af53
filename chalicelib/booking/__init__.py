"""Appointment booking: catalogue, free times, booking, managing by link, waiting list, the office desk."""
