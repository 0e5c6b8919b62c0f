"""The outcome tree, its buttons and the outcome dialog."""
