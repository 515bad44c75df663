"""Which formats the project can read and write, for the command line's options and the
GUI's file dialogs alike.

Read from the formats registry at each call, so that a format added there shows up
everywhere without further changes. Listing them imports no format's module.
"""

from __future__ import annotations

from annotator.formats import registry
from annotator.formats.export_spec import ANNOTATIONS, GOLD, ExportOptions, ExportResult
from annotator.formats.file_format import FileFormat, Holds, Layers, Output

__all__ = ["ANNOTATIONS", "GOLD", "ExportOptions", "ExportResult", "FileFormat", "Holds",
           "Layers", "Output", "export_formats", "import_extensions", "import_formats",
           "writer"]


def export_formats() -> dict[str, str]:
    """Format name -> one-line description, in the registry's order."""
    return {f.name: f.description for f in registry.writers()}


def import_formats() -> list[str]:
    """The names `import --from` takes, in the registry's order."""
    return [f.name for f in registry.readers()]


def import_extensions() -> list[str]:
    """File extensions an import reads (".jsonl", ".txt", …), sorted."""
    return registry.extensions()


def writer(name: str) -> FileFormat:
    """The export format of this name (what it writes, what it holds)."""
    return registry.writer_named(name)
