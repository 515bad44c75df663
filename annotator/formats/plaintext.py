"""Plain-text articles: the whole file is the text (headline included, so offsets match the
file), the first line is the title, the id is the file name without extension.

Metadata may come from a ``manifest.json`` beside the files (as in seeds/):
``{"event": {"id", "name"}, "documents": [{"file", "title", "author", "source",
"published", "url"}]}``. The event becomes the documents' ``event`` and a concept of
type "event", so that the GUI can show its name.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.batch import ImportBatch, is_iso_date
from annotator.core.errors import InputError
from annotator.core.model import Concept, Document
from annotator.core.records import DocumentRecord
from annotator.formats.common import loads, read_text
from annotator.formats.input_files import file_beside

MANIFEST = "manifest.json"
MANIFEST_FIELDS = ("title", "author", "source", "published", "url")


def read(path: str | Path) -> ImportBatch:
    path = Path(path)
    text = read_text(path, kind="txt")
    first = text.split("\n", 1)[0].strip()
    fields: dict[str, str | None] = {"title": first or None}
    batch = ImportBatch(str(path))
    manifest = read_manifest(path.parent)
    event = None
    if manifest is not None:
        entry, event = manifest.get(path.name), manifest.get(None)
        if entry:
            fields.update({k: v for k, v in entry.items() if v})
    doc = Document(path.stem, text, event=event.id if event else None, **fields)
    batch.add(DocumentRecord(doc), 1)
    if event is not None:
        batch.concepts.append(event)
    return batch


def read_manifest(folder: Path) -> dict | None:
    """{file name: fields} and {None: event concept}, or None without a manifest."""
    path = file_beside(folder, MANIFEST)
    if path is None:
        return None
    file = str(path)
    data = loads(read_text(path, kind="json"), file)
    if not isinstance(data, dict):
        raise InputError("a manifest is a JSON object with a 'documents' list", file, 1)
    out: dict = {}
    event = data.get("event")
    if event is not None:
        if not isinstance(event, dict) or not isinstance(event.get("id"), str) or not event["id"]:
            raise InputError("'event' must be an object with a non-empty string 'id'", file)
        name = event.get("name")
        out[None] = Concept(event["id"], name if isinstance(name, str) else None, "event")
    docs = data.get("documents", [])
    if not isinstance(docs, list):
        raise InputError("'documents' must be a list", file)
    for i, entry in enumerate(docs, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise InputError(f"document {i} of the manifest needs a 'file' name", file)
        fields = {}
        for key in MANIFEST_FIELDS:
            value = entry.get(key)
            if value is not None and not isinstance(value, str):
                raise InputError(f"{entry['file']!r}: {key!r} must be a string or null", file)
            fields[key] = value
        if fields["published"] and not is_iso_date(fields["published"]):
            raise InputError(f"{entry['file']!r}: 'published' {fields['published']!r} is not "
                             "an ISO 8601 date", file)
        out[entry["file"]] = fields
    return out

