"""The only code of document orders that touches pynamodb."""
