"""Alembic migrations of the roadmap schema (run by ``store.database``)."""
