"""The window (PySide6): the only package that imports Qt."""

# Loaded before PySide6 on purpose: PySide6's import hook reads the source of every module
# imported after it. This brings in the core modules the first window needs; SQLAlchemy and
# the store load after the first paint, and do pay that hook (benchmarks/RESULTS.md).
import annotator.services.project  # noqa: F401
