"""Booking storage: bookings, taken capacity, waiting list, labelled transactions; its only pynamodb code."""
