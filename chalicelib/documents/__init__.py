"""Document orders: "your document is ready", pickup at the counter, by appointment or from a locker."""
