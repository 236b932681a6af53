"""The queue's tables: one document per office and day, kept anonymous statistics, kiosk devices."""
