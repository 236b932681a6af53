"""Walk-in mornings: numbered queue tickets with a daily limit, a counter console, a call display."""
