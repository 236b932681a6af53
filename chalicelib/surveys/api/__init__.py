"""Survey HTTP layer: the staff console and the citizens' public pages."""
