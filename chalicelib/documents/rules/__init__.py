"""Rules of document orders: states, references, locker codes, delivery lists, notices; no I/O."""
