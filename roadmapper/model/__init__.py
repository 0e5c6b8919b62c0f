"""Persistent schema: SQLModel tables (``tables``) and plain enums (``enums``).

This package's ``__init__`` imports nothing, so ``roadmapper.model.enums`` can be
used by the Qt-free, SQL-free ``core`` layer without pulling in SQLModel.
"""
