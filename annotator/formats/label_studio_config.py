"""The Label Studio labelling config (XML) for a project's codebook, so that a project
created in Label Studio with it shows and edits what `--format label-studio` exports:

- `<Labels name="label" toName="text">` with one `<Label>` per codebook label (and per
  label the spans use that the codebook lacks; with --label only those), in the
  codebook's colours and with its descriptions as hints, over
  `<Text name="text" value="$text">`;
- shown when a region is selected: per attribute a per-region `<Choices>` (a closed
  list) or `<TextArea>` (free text) named after the attribute, and a per-region
  `<Choices name="concept">` with the project's concepts; a header above each names the
  labels the attribute belongs to.

Label Studio keeps the region's note and annotator in the region's meta, which needs no
tag. Document labels are not part of Label Studio tasks written by this project.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import IO

from annotator.core.errors import InputError
from annotator.core.records import Corpus
from annotator.formats.export_spec import ExportOptions, ExportResult
from annotator.formats.label_studio import CONCEPT, FROM_NAME, TO_NAME

NAME = "label-studio-config"


def config_xml(corpus: Corpus) -> str:
    codebook = corpus.codebook
    labels = list(codebook.labels) if codebook else []
    known = {lab.name for lab in labels}
    used = sorted({s.label for r in corpus.documents for s in (*r.annotations, *r.gold)}
                  - known)
    attributes = list(codebook.attributes) if codebook else []
    for a in attributes:
        if a.name in (FROM_NAME, TO_NAME, CONCEPT):
            raise InputError(f"attribute {a.name!r} has the name Label Studio's config gives "
                             "the " + {FROM_NAME: "labels", TO_NAME: "text",
                                       CONCEPT: "concepts"}[a.name] + "; rename it")
    view = ET.Element("View")
    tags = ET.SubElement(view, "Labels", name=FROM_NAME, toName=TO_NAME)
    for lab in labels:
        tag = ET.SubElement(tags, "Label", value=lab.name)
        if lab.color:
            tag.set("background", lab.color)
        if lab.description:
            tag.set("hint", lab.description)
    for name in used:
        ET.SubElement(tags, "Label", value=name)
    ET.SubElement(view, "Text", name=TO_NAME, value="$" + TO_NAME)
    if attributes or corpus.concepts:
        region = ET.SubElement(view, "View", visibleWhen="region-selected")
        for a in attributes:
            shown = [x for x in a.labels or () if x in known]
            ET.SubElement(region, "Header", size="6", value=a.name + (
                f" ({', '.join(shown)})" if shown else ""))
            if a.values:
                choices = ET.SubElement(region, "Choices", name=a.name, toName=TO_NAME,
                                        perRegion="true", choice="single", showInline="true")
                for v in a.values:
                    ET.SubElement(choices, "Choice", value=v)
            else:
                ET.SubElement(region, "TextArea", name=a.name, toName=TO_NAME,
                              perRegion="true", editable="true", maxSubmissions="1")
        if corpus.concepts:
            ET.SubElement(region, "Header", size="6", value="concept")
            choices = ET.SubElement(region, "Choices", name=CONCEPT, toName=TO_NAME,
                                    perRegion="true", choice="single")
            for c in corpus.concepts:
                choice = ET.SubElement(choices, "Choice", value=c.id)
                if c.name:
                    choice.set("hint", c.name)
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


def select(corpus: Corpus, options: ExportOptions) -> Corpus:
    """The corpus whose codebook has only the labels --label names (and their
    attributes); --layer is refused, since the config is the same for every layer."""
    if options.layer:
        raise InputError("the label-studio-config format writes the project's codebook, "
                         "the same for every layer: leave out --layer")
    codebook, only = corpus.codebook, set(options.labels)
    if codebook is None or not only:
        return corpus
    codebook = replace(codebook, labels=tuple(x for x in codebook.labels if x.name in only),
                       attributes=tuple(a for a in codebook.attributes
                                        if a.labels is None or only & set(a.labels)))
    return Corpus(codebook, corpus.concepts, corpus.documents)


def write(corpus: Corpus, out: IO[str]) -> int:
    out.write(config_xml(corpus))
    return 0


def write_export(corpus: Corpus, path: Path, options: ExportOptions) -> ExportResult:
    xml = config_xml(select(corpus, options))
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(xml)
    n = xml.count("<Label ")
    return ExportResult(written=f"a Label Studio labelling config with {n} label"
                                + ("" if n == 1 else "s"))
