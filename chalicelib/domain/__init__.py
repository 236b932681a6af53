"""Plain dataclasses and rules; no I/O and no imports from other layers."""
