"""News pages: the article's main text and its metadata, via trafilatura.

Scripts, styles, navigation, share widgets and footers are dropped; the id is the file
name without extension. A date is taken only from the page's metadata, never guessed from
text such as a copyright line.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.batch import ImportBatch
from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.core.records import DocumentRecord
from annotator.formats.common import line_of, read_text
from annotator.formats.input_files import LIMITS_ENV, limit

# a start tag; trafilatura's time grows with the number of elements (about 0.1 ms each)
_TAG = re.compile(r"<[A-Za-z]")


def read(path: str | Path) -> ImportBatch:
    path = Path(path)
    html = read_text(path, kind="html")
    check_tags(html, str(path))
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


def check_tags(html: str, file: str) -> None:
    """Refuses a page of more elements than the html-tags limit (a news page has a few
    thousand): extraction time is bounded by it, not only by the file's size."""
    cap = int(limit("html-tags"))
    if html.count("<") <= cap:  # fast: a bound on the number of tags
        return
    for n, match in enumerate(_TAG.finditer(html), start=1):
        if n > cap:
            raise InputError(f"more than {cap:,} HTML tags (a news page has a few thousand; "
                             f"raise the limit with {LIMITS_ENV}=html-tags=N)", file,
                             line_of(html, match.start()))
