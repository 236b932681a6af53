"""pynamodb settings of the local stack (read through PYNAMODB_CONFIG).

The embedded database answers one request at a time, in the same process as hundreds of request
threads when a test fires a burst (300 tickets at once): a call may wait longer than DynamoDB ever
makes one wait, so the local stack allows it more time and keeps more connections open.
"""

read_timeout_seconds = 120
max_pool_connections = 64
