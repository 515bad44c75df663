"""Token-per-line BIO in the CoNLL-2003 manner, one tag column.

Each document opens with `-DOCSTART-<TAB>O` and a blank line, then comment lines: `# id = …`,
`# source = …`, `# layer = …`, one `# left out: …` per span the single tag column cannot
hold (see annotator.formats.bio), and `# decided_by = …` for the gold layer. Then
`token<TAB>tag` lines. Token and tag are separated by a tab, so a token line never
starts like a comment line without one: a comment line starts with "# " and holds no tab.
A blank line separates sentences: wherever the text has a line break between two tokens.
Tokens are the agreement spec's (TOKEN_RE: a word, or one other non-space character);
labels' white space is written as underscores (`B-Word_choice`), since column readers
split on white space.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.model import Corpus
from annotator.formats import bio
from annotator.formats.common import LINE_BREAKS
from annotator.formats.export_spec import ExportOptions, ExportResult, choose_layer

NAME = "conll"
DOCSTART = "-DOCSTART-"
_SPACE = re.compile(r"\s")
_BREAK = re.compile("[" + re.escape("".join(sorted(LINE_BREAKS))) + "]")


def tag_label(label: str) -> str:
    return _SPACE.sub("_", label)


def comment_value(value: str) -> str:
    """One line, no tab: breaks and tabs as escapes."""
    return (value.replace("\\", "\\\\").replace("\t", "\\t")
            .translate({ord(c): f"\\u{ord(c):04x}" for c in LINE_BREAKS}))


def write_export(corpus: Corpus, path: Path, options: ExportOptions) -> ExportResult:
    layer = choose_layer(corpus, options, NAME, several=False)
    result = ExportResult(layer=layer.describe())
    warnings = []
    total_left = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for record in corpus.documents:
            text = record.text
            tagged = bio.tag(text, layer.spans(record))
            fh.write(f"{DOCSTART}\t{bio.OUTSIDE}\n\n")
            fh.write(f"# id = {comment_value(record.id)}\n")
            if record.document.source:
                fh.write(f"# source = {comment_value(record.document.source)}\n")
            fh.write(f"# layer = {layer.describe()}\n")
            if layer.gold:
                reviewers = sorted({s.by for s in tagged.kept})
                if reviewers:
                    fh.write(f"# decided_by = {comment_value(' '.join(reviewers))}\n")
            for span, why in tagged.left_out:
                fh.write(f"# left out: {comment_value(bio.describe(span))} {why}\n")
            prev_end = None
            for start, end, tag in zip(tagged.starts.tolist(), tagged.ends.tolist(),
                                       tagged.tags, strict=True):
                if prev_end is not None and _BREAK.search(text, prev_end, start):
                    fh.write("\n")
                if tag != bio.OUTSIDE:
                    tag = tag[:2] + tag_label(tag[2:])
                fh.write(f"{text[start:end]}\t{tag}\n")
                prev_end = end
            fh.write("\n")
            result.documents += 1
            result.spans += len(tagged.kept)
            if tagged.left_out:
                total_left += len(tagged.left_out)
                warnings.append(bio.left_out_warning(NAME, record.id, tagged.left_out))
    result.warnings = cap(warnings, total_left, NAME)
    return result


def cap(warnings: list[str], total: int, fmt: str, limit: int = 20) -> list[str]:
    if len(warnings) <= limit:
        return warnings
    return warnings[:limit] + [f"{fmt}: … {len(warnings) - limit} more documents; {total} "
                               "spans left out in all (each is named in a comment line)"]
