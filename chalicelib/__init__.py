"""Bürgerservice backend: one package per capability (staff, surveys, booking) on a shared kernel (platform)."""
