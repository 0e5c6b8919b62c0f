"""One outcome's key results: compact rows, the form that edits one, one in detail."""
