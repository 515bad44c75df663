"""The formats the choosers offer come from the formats registry (services.file_formats)."""

from annotator.formats import registry
from annotator.services import file_formats


def test_every_registered_writer_and_reader_is_offered():
    formats = file_formats.export_formats()
    assert list(formats) == list(registry.WRITERS) and "jsonl" in formats
    assert all(isinstance(d, str) and d for d in formats.values())
    extensions = file_formats.import_extensions()
    assert extensions == sorted(registry.FILE_READERS) and ".jsonl" in extensions
