"""SemEval-2020 Task 11 (propaganda techniques): texts as `article<ID>.txt`, spans as
tab-separated `article_id<TAB>technique<TAB>begin<TAB>end` lines (the technique
classification, "TC", files), offsets in code points from the start of the text file.

Export: a folder with `article<ID>.txt` per document (the exact text) and `labels.tsv`;
for the gold layer also `decided_by.tsv`, the same lines with the reviewer in a fifth
column, since the four-column format has no room for it. A document id that a file name
cannot hold gets a name of its own, the id kept in document_ids.json (see
formats.common.id_to_stem).

Import: a folder holding `article<ID>.txt` files and label files (`*.labels` or `*.tsv`),
in the folder itself or one level down (the task's data ships articles and labels in two
sibling folders); or one label file, with its articles beside it or in a sibling folder.
Techniques are taken as written (`Loaded_Language`): import with --add-labels or a
codebook that has them. The spans land in the layer named by --annotator (default
"semeval"), since the format names no annotator.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.batch import ImportBatch
from annotator.core.errors import InputError
from annotator.core.model import Document, Span
from annotator.core.records import Corpus, DocumentRecord
from annotator.core.span_checks import check_offsets
from annotator.formats.common import (
    LINE_BREAKS,
    read_id_map,
    read_text,
    stem_to_id,
    write_id_map,
)
from annotator.formats.export_spec import ExportOptions, ExportResult, choose_layer
from annotator.formats.input_files import files_in

NAME = "semeval"
LABELS_FILE = "labels.tsv"
DECIDED_BY_FILE = "decided_by.tsv"
LABEL_SUFFIXES = (".labels", ".tsv")
ARTICLE = re.compile(r"article(.+)\.txt")
# ASCII digits only: str.isdigit and \d also take Arabic-Indic or fullwidth digits
_NUMBER = re.compile(r"[0-9]+")


# ---------------------------------------------------------------- writing

def write_export(corpus: Corpus, path: Path, options: ExportOptions) -> ExportResult:
    from annotator.formats.common import unique_stems

    layer = choose_layer(corpus, options, NAME, several=False)
    stems = unique_stems([r.id for r in corpus.documents])
    path.mkdir()
    result = ExportResult(layer=layer.describe())
    lines, decided = [], []
    for record in corpus.documents:
        stem = stems[record.id]
        with open(path / f"article{stem}.txt", "w", encoding="utf-8", newline="") as fh:
            fh.write(record.text)
        for s in layer.spans(record):
            if any(c == "\t" or c in LINE_BREAKS for c in s.label):
                raise InputError(f"label {s.label!r} holds a tab or line break, which a "
                                 "tab-separated line cannot")
            lines.append(f"{stem}\t{s.label}\t{s.start}\t{s.end}\n")
            decided.append(f"{stem}\t{s.label}\t{s.start}\t{s.end}\t{s.by}\n")
            result.spans += 1
        result.documents += 1
    with open(path / LABELS_FILE, "w", encoding="utf-8", newline="") as fh:
        fh.writelines(lines)
    write_id_map(path, stems)
    if layer.gold:
        with open(path / DECIDED_BY_FILE, "w", encoding="utf-8", newline="") as fh:
            fh.writelines(decided)
    return result


# ---------------------------------------------------------------- reading

def _is_label_file(name: str) -> bool:
    return name.lower().endswith(LABEL_SUFFIXES) and name != DECIDED_BY_FILE


def _label_files(folder: Path) -> list[Path]:
    """Label files in the folder and one level down (the task's own layout)."""
    return files_in(folder, _is_label_file, depth=1)


def _articles(files: list[Path]) -> dict[str, Path]:
    """article id -> file; where two folders hold the same article, the nearer wins."""
    out: dict[str, Path] = {}
    for p in sorted(files, key=lambda p: (len(p.parts), p)):
        out.setdefault(ARTICLE.fullmatch(p.name).group(1), p)
    return out


def _is_article(name: str) -> bool:
    return ARTICLE.fullmatch(name) is not None


def detect(folder: Path) -> bool:
    """A folder with article<ID>.txt files and at least one label file."""
    try:
        return bool(_label_files(folder)) and bool(files_in(folder, _is_article, depth=1))
    except InputError:
        return False


def read(path: str | Path, annotator: str | None = None) -> list[ImportBatch]:
    path = Path(path)
    who = annotator or NAME
    if path.is_dir():
        label_files = _label_files(path)
        articles = _articles(files_in(path, _is_article, depth=1))
        if not label_files:
            raise InputError("no SemEval label file (*.labels or *.tsv) in this folder or "
                             "one level down", str(path))
    else:
        label_files = [path]
        # beside the label file, or in a sibling folder
        up = path.parent.parent
        siblings = [p for p in files_in(up, _is_article, depth=1) if p.parent != up]
        articles = _articles(siblings) | _articles(files_in(path.parent, _is_article))
    ids = read_id_map(path if path.is_dir() else path.parent)
    texts: dict[str, str] = {}

    def text_of(article_id: str, file: str, line: int) -> str:
        if article_id not in texts:
            p = articles.get(article_id)
            if p is None:
                raise InputError(f"no text for article {article_id!r}: article{article_id}.txt "
                                 "is neither beside the label file nor in a sibling folder",
                                 file, line)
            texts[article_id] = read_text(p, keep_bom=True, kind="txt")
        return texts[article_id]

    batches = []
    labelled: set[str] = set()
    for label_file in label_files:
        file = str(label_file)
        spans: dict[str, dict] = {}
        first_line: dict[str, int] = {}
        source = read_text(label_file, kind="tsv")
        for lineno, line in enumerate(source.split("\n"), start=1):
            line = line.removesuffix("\r")
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) == 3:
                raise InputError("3 fields: a span identification (SI) line; only technique "
                                 "classification (TC) lines, article_id technique begin end, "
                                 "carry labels", file, lineno)
            if len(fields) != 4:
                raise InputError(f"{len(fields)} tab-separated fields where SemEval has 4: "
                                 "article_id, technique, begin, end", file, lineno)
            article_id, technique, begin, end = fields
            if not article_id or not technique:
                raise InputError("an empty article id or technique", file, lineno)
            text = text_of(article_id, file, lineno)
            if not (_NUMBER.fullmatch(begin) and _NUMBER.fullmatch(end)):
                raise InputError(f"begin and end must be whole numbers (digits 0-9), not "
                                 f"{begin[:20]!r} and {end[:20]!r}", file, lineno)
            problem = check_offsets(len(text), _offset(begin), _offset(end))
            if problem:
                raise InputError(f"article {article_id!r}: {problem}", file, lineno)
            span = Span(who, int(begin), int(end), technique)
            spans.setdefault(article_id, {})[span.key] = span
            first_line.setdefault(article_id, lineno)
        batch = ImportBatch(file)
        for article_id, found in spans.items():
            doc = _document(article_id, texts[article_id], ids)
            batch.add(DocumentRecord(doc, tuple(found.values())), first_line[article_id])
            labelled.add(article_id)
        batches.append(batch)
    for article_id, p in articles.items():
        if article_id not in labelled and path.is_dir():
            batch = ImportBatch(str(p))
            text = read_text(p, keep_bom=True, kind="txt")
            batch.add(DocumentRecord(_document(article_id, text, ids)), 1)
            batches.append(batch)
    return batches


def _offset(digits: str) -> int:
    """The number, or one past any text's end when it has more digits than any offset
    can (int() refuses over 4,300 digits)."""
    return int(digits) if len(digits) <= 18 else 10**18


def _document(article_id: str, text: str, ids: dict[str, str]) -> Document:
    title = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    return Document(stem_to_id(article_id, ids), text, title=title or None)
