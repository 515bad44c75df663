"""The window (PySide6): the only package that imports Qt."""

# Loaded before PySide6 on purpose: PySide6's import hook reads the source of every module
# imported after it, which costs the start-up a tenth of a second for SQLAlchemy alone.
import annotator.services.project  # noqa: F401
