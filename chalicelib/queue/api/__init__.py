"""The queue's HTTP edge: citizens and kiosks, office staff and admins."""
