"""Storage: SQLAlchemy over SQLite (one file is a project) or PostgreSQL."""

from annotator.store.project_store import Store, open_store

__all__ = ["Store", "open_store"]
