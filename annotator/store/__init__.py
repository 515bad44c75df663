"""Storage: SQLAlchemy over SQLite (one file is a project) or PostgreSQL.

Import what you need from its modules (`annotator.store.project_store.open_store`): this
file imports nothing, since every module here imports its siblings through it.
"""
