"""Persistence: database URL -> engine, migrations, backups, transactions, files."""
