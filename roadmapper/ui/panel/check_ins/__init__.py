"""Check-ins of a key result: the form that records one and the history table."""
