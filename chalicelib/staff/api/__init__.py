"""Staff HTTP layer: sign-in, administration, public meta endpoints."""
