"""HTTP layer: blueprints that parse requests, call one use case and map results to HTTP."""
