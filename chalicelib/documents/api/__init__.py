"""HTTP edge of document orders: citizens, office staff, locker terminals."""
