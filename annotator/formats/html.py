"""News pages: the article's main text and its metadata, via trafilatura.

Scripts, styles, navigation, share widgets and footers are dropped; the id is the file
name without extension. A date is taken only from the page's metadata, never guessed from
text such as a copyright line.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.batch import ImportBatch
from annotator.core.errors import InputError
from annotator.core.model import Document, DocumentRecord
from annotator.formats.common import read_text


def read(path: str | Path) -> ImportBatch:
    path = Path(path)
    html = read_text(path)
    import trafilatura

    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (found.text or "").strip() if found is not None else ""
    if not text:
        raise InputError("no article text found in this page", str(path))
    date = found.date or None
    doc = Document(path.stem, text, title=found.title or None, source=found.sitename or None,
                   url=found.url or None, published=date, author=found.author or None)
    batch = ImportBatch(str(path))
    batch.add(DocumentRecord(doc), 1)
    return batch
