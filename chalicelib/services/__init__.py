"""Use cases: each public function is one thing a citizen, staff member or job does."""
