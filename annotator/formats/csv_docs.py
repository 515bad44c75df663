"""Documents from a CSV file with a header: a `text` column, and optionally `id`, `title`,
`source`, `url`, `published`, `author`, `event`; any other column goes into `meta`.
Without an `id` column a row's id is the file name and its line number (`file-12`).
"""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter
from pathlib import Path

from annotator.core.batch import ImportBatch, is_iso_date
from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.core.records import DocumentRecord
from annotator.formats.common import read_text

FIELDS = ("title", "source", "url", "published", "author", "event")


def read(path: str | Path) -> ImportBatch:
    path = Path(path)
    file = str(path)
    text = read_text(path, kind="csv")
    csv.field_size_limit(sys.maxsize)  # one cell may hold a whole long article
    # strict: a quote opened and never closed is an error, not a cell that swallows the
    # rest of the file
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    batch = ImportBatch(file)
    line = 0  # the last line of the last row read
    try:
        header = next(reader, None)
        if header is None:
            raise InputError("empty file: a header with a 'text' column is needed", file, 1)
        header = [h.strip() for h in header]
        if "text" not in header:
            raise InputError(f"no 'text' column (columns: {_names(header)})", file, 1)
        dupes = sorted(h for h, n in Counter(header).items() if n > 1)
        if dupes:
            raise InputError(f"column(s) named twice: {_names(dupes)}", file, 1)
        seen: set[str] = set()
        line = reader.line_num
        for row in reader:
            start_line, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise InputError(f"{len(row)} cells where the header has {len(header)}",
                                 file, start_line)
            cells = dict(zip(header, row, strict=True))
            text = cells.pop("text")
            if not text.strip():
                raise InputError("empty 'text'", file, start_line)
            doc_id = cells.pop("id", "").strip() or f"{path.stem}-{start_line}"
            if doc_id in seen:
                raise InputError(f"document id {doc_id!r} appears twice in the file",
                                 file, start_line)
            seen.add(doc_id)
            fields = {k: (cells.pop(k, "").strip() or None) for k in FIELDS}
            if fields["published"] and not is_iso_date(fields["published"]):
                raise InputError(f"'published' {fields['published']!r} is not an ISO 8601 "
                                 "date", file, start_line)
            meta = {k: v for k, v in cells.items() if v != ""}
            batch.add(DocumentRecord(Document(doc_id, text, **fields, meta=meta)), start_line)
    except csv.Error as exc:
        problem = str(exc)
        if "unexpected end of data" in problem:
            raise InputError("not valid CSV: a quoted cell in the row that starts on this "
                             "line is never closed (a missing \")", file, line + 1) from None
        if "expected after" in problem:
            problem += " (a quote inside a quoted cell is written twice: \"\")"
        raise InputError(f"not valid CSV: {problem}", file, reader.line_num) from None
    return batch


def _names(names: list[str], shown: int = 10) -> str:
    more = len(names) - shown
    return ", ".join(map(repr, names[:shown])) + (f" … ({more} more)" if more > 0 else "")
