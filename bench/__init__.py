"""`make bench`: page weights, cold-start import cost and DynamoDB calls per operation."""
