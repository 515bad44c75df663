"""Token-per-line BIO in the CoNLL-2003 layout, as spaCy's converter (`spacy convert -c ner`)
and the CoNLL evaluation script (conlleval) read it.

Four columns separated by one space, `token _ _ tag`: the token, no part-of-speech and no
chunk tag (`_`), then the BIO tag. conlleval needs every line to have as many fields (and
reads the last two as the tags it compares, so a predicted column pasted after ours lines
up); spaCy takes the first column as the words, the last as the tags. Each document opens
with the line spaCy splits documents at, `-DOCSTART- -X- O O`, and a blank line; a blank
line separates sentences, wherever the text has a line break between two tokens. Tokens
are the agreement spec's (TOKEN_RE: a word, or one other non-space character), so a token
never holds white space; labels' white space is written as underscores (`B-Word_choice`).
A document without tokens is only its `-DOCSTART-` line (spaCy then skips it).

Neither tool reads comment lines, so by default the file has none, and documents follow
in the project's order. With `comments` (`annotator export --comments`) each document's
`-DOCSTART-` line is followed by `# id = …`, `# source = …`, `# layer = …`,
`# decided_by = …` (gold layer) and one `# left out: …` line per span the single tag
column cannot hold (see annotator.formats.bio); a comment line is `# key = value` or
`# left out: …`, while the token `#` is the line `# _ _ tag`.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.records import Corpus
from annotator.formats import bio
from annotator.formats.common import LINE_BREAKS
from annotator.formats.export_spec import ExportOptions, ExportResult, choose_layer

NAME = "conll"
DOCSTART = "-DOCSTART- -X- O O"
NO_VALUE = "_"
_SPACE = re.compile(r"\s")
_BREAK = re.compile("[" + re.escape("".join(sorted(LINE_BREAKS))) + "]")


def tag_label(label: str) -> str:
    return _SPACE.sub("_", label)


def comment_value(value: str) -> str:
    """One line: breaks and tabs as escapes."""
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
            fh.write(f"{DOCSTART}\n\n")
            if options.comments:
                fh.write("".join(f"# {line}\n" for line in _comments(record, layer, tagged)))
            prev_end = None
            for start, end, tag in zip(tagged.starts.tolist(), tagged.ends.tolist(),
                                       tagged.tags, strict=True):
                if prev_end is not None and _BREAK.search(text, prev_end, start):
                    fh.write("\n")
                if tag != bio.OUTSIDE:
                    tag = tag[:2] + tag_label(tag[2:])
                fh.write(f"{text[start:end]} {NO_VALUE} {NO_VALUE} {tag}\n")
                prev_end = end
            if prev_end is not None:
                fh.write("\n")
            result.documents += 1
            result.spans += len(tagged.kept)
            if tagged.left_out:
                total_left += len(tagged.left_out)
                warnings.append(bio.left_out_warning(NAME, record.id, tagged.left_out))
    result.warnings = cap(warnings, total_left, NAME, options.comments)
    return result


def _comments(record, layer, tagged: bio.Tagged) -> list[str]:
    out = [f"id = {comment_value(record.id)}"]
    if record.document.source:
        out.append(f"source = {comment_value(record.document.source)}")
    out.append(f"layer = {layer.describe()}")
    if layer.gold:
        reviewers = sorted({s.by for s in tagged.kept})
        if reviewers:
            out.append(f"decided_by = {comment_value(' '.join(reviewers))}")
    out += [f"left out: {comment_value(bio.describe(span))} {why}"
            for span, why in tagged.left_out]
    return out


def cap(warnings: list[str], total: int, fmt: str, comments: bool = False,
        limit: int = 20) -> list[str]:
    if len(warnings) <= limit:
        return warnings
    where = " (each is named in a comment line)" if comments else ""
    return warnings[:limit] + [f"{fmt}: … {len(warnings) - limit} more documents; {total} "
                               f"spans left out in all{where}"]
