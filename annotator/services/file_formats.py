"""Which formats the project can read and write, for choosers (the GUI's file dialogs).

Read from the formats registry at each call, so that a format added there shows up
everywhere without further changes.
"""

from __future__ import annotations

from annotator.formats import registry
from annotator.formats.export_spec import ANNOTATIONS, GOLD, ExportOptions, ExportResult

__all__ = ["ANNOTATIONS", "GOLD", "ExportOptions", "ExportResult", "export_formats",
           "import_extensions"]


def export_formats() -> dict[str, str]:
    """Format name -> one-line description, in the registry's order."""
    return {name: description for name, (_module, description) in registry.WRITERS.items()}


def import_extensions() -> list[str]:
    """File extensions an import reads (".jsonl", ".txt", …), sorted."""
    return sorted(registry.FILE_READERS)
