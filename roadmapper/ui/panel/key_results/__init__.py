"""One outcome's key results: the table, its cell editors and one key result in detail."""
