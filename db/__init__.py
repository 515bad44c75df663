"""The Alembic environment and migrations (run through annotator.data and store.migrate)."""
