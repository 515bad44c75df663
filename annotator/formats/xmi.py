"""UIMA CAS XMI, as dkpro-cassis reads it and INCEpTION imports it.

Export: a folder with `TypeSystem.xml` and one `<id>.xmi` per document. A span is a
`webanno.custom.FramingSpan` (INCEpTION's namespace for custom span layers) with the
string features `label`, `annotator` (or on the gold layer `decided_by` and `sources`),
`concept`, `note`, and one string feature per codebook attribute (named as a Java
identifier; its description `attribute: <name>` keeps the exact name). The document id
and title are in DKPro's `DocumentMetaData` (documentId, documentTitle), which INCEpTION
reads. The text is the sofa string, exact. UIMA counts offsets in UTF-16 code units:
cassis converts from and to our code points, so a text with emoji keeps its spans. XML
1.0 cannot hold some control characters (U+000B, U+000C, U+001C-U+001F, U+FFFE/U+FFFF
…): a document whose text or spans hold one is left out, with a warning.
To import it into INCEpTION, the project needs a span layer `FramingSpan` with those
features (or import it with INCEpTION's "UIMA CAS XMI" format and add the layer).

Import: `.xmi` files, each with a `TypeSystem.xml` (any case) in its folder or a folder
above it, up to the folder being imported; a folder imports every `.xmi` below it. Spans
are the annotations of every `webanno.custom.*` type that has a `label` feature, and
DKPro's NamedEntity (its `value` is the label); their other primitive features are
attributes. The document id is
DocumentMetaData's documentId (else its documentTitle, else the folder an INCEpTION
export put the file in, else the file name). The layer: a span's `annotator` feature,
else the user an INCEpTION project export names the file after
(`annotation/<document>/<user>.xmi`; `curation/<document>/…` is the curator:
"curation"), else --annotator (default "xmi").
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.batch import ImportBatch, check_offsets
from annotator.core.errors import InputError
from annotator.core.model import Corpus, Document, DocumentRecord, Span
from annotator.formats.common import (
    declare_attributes,
    declare_concepts,
    need,
    stem_to_id,
    unique_stems,
)
from annotator.formats.export_spec import ExportOptions, ExportResult, choose_layer

NAME = "xmi"
WRITES_FOLDER = True
ANNOTATED = True
TYPESYSTEM = "TypeSystem.xml"
SPAN_TYPE = "webanno.custom.FramingSpan"
ANNOTATION = "uima.tcas.Annotation"
STRING = "uima.cas.String"
META_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
NE_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
RESERVED = ("label", "annotator", "decided_by", "sources", "concept", "note")
SKIP_FEATURES = {"begin", "end", "sofa"}
ATTR_PREFIX = "attribute: "
# What XML 1.0 can hold.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def feature_name(attribute: str, taken: set[str]) -> str:
    name = re.sub(r"\W", "_", attribute, flags=re.ASCII) or "_"
    if name[0].isdigit() or name in RESERVED:
        name = "attr_" + name
    base, k = name, 2
    while name in taken:
        name, k = f"{base}_{k}", k + 1
    taken.add(name)
    return name


def _meta_type(ts):
    meta = ts.create_type(META_TYPE, supertypeName="uima.tcas.DocumentAnnotation")
    for f in ("documentTitle", "documentId", "documentUri", "collectionId",
              "documentBaseUri"):
        ts.create_feature(meta, f, STRING)
    ts.create_feature(meta, "isLastSegment", "uima.cas.Boolean")
    return meta


def write_export(corpus: Corpus, path: Path, options: ExportOptions) -> ExportResult:
    cassis = need("cassis", "xmi", NAME)
    layer = choose_layer(corpus, options, NAME, several=True)
    stems = unique_stems([r.id for r in corpus.documents])
    names = [a.name for a in corpus.codebook.attributes] if corpus.codebook else []
    names += sorted({k for r in corpus.documents for s in (*r.annotations, *r.gold)
                     for k in s.attributes} - set(names))
    ts = cassis.TypeSystem()
    span_type = ts.create_type(SPAN_TYPE, supertypeName=ANNOTATION,
                               description="A framing annotator span")
    taken = set(RESERVED)
    features = {}
    for f in RESERVED:
        ts.create_feature(span_type, f, STRING)
    for attribute in names:
        features[attribute] = feature_name(attribute, taken)
        ts.create_feature(span_type, features[attribute], STRING,
                          description=ATTR_PREFIX + attribute)
    meta_type = _meta_type(ts)
    path.mkdir()
    ts.to_xml(path / TYPESYSTEM)
    result = ExportResult(layer=layer.describe())
    skipped = []
    for record in corpus.documents:
        spans = layer.spans(record)
        strings = [record.id, record.text, record.document.title or ""]
        strings += [x for s in spans for x in (s.label, s.by, s.note or "", s.concept or "",
                                               *s.attributes.values(), *s.sources)]
        bad = next((m for m in map(_NOT_XML.search, strings) if m), None)
        if bad:
            skipped.append(f"{record.id!r} (U+{ord(bad.group()):04X})")
            continue
        cas = cassis.Cas(typesystem=ts)
        cas.sofa_string = record.text
        cas.add(meta_type(begin=0, end=len(record.text), documentId=record.id,
                          documentTitle=record.document.title, language="x-unspecified"))
        for s in spans:
            fields = {"label": s.label, "concept": s.concept, "note": s.note}
            if s.gold:
                fields["decided_by"] = s.by
                fields["sources"] = " ".join(s.sources) or None
            else:
                fields["annotator"] = s.by
            fields.update({features[k]: v for k, v in s.attributes.items()})
            cas.add(span_type(begin=s.start, end=s.end, **fields))
        cas.to_xmi(path / f"{stems[record.id]}.xmi")
        result.documents += 1
        result.spans += len(spans)
    if skipped:
        result.warnings.append("xmi: left out document(s) holding a character XML 1.0 cannot "
                               "hold: " + ", ".join(skipped[:10])
                               + (" …" if len(skipped) > 10 else ""))
    return result


# ---------------------------------------------------------------- reading

def _is_typesystem(p: Path) -> bool:
    return p.name.lower() == TYPESYSTEM.lower() and p.is_file()


def claims(folder: Path) -> bool:
    """.xmi files in the folder, or an INCEpTION export's annotation/ or curation/ in it."""
    try:
        if any(p.suffix.lower() == ".xmi" and p.is_file() for p in folder.iterdir()):
            return True
        return any((folder / d).is_dir() and any((folder / d).rglob("*.xmi"))
                   for d in ("annotation", "curation"))
    except OSError:
        return False


def _typesystem_for(xmi: Path, root: Path) -> Path:
    """The nearest type system from the file's folder up to the folder being imported."""
    folders = [xmi.parent]
    while folders[-1] != root and folders[-1] != folders[-1].parent:
        folders.append(folders[-1].parent)
    for d in folders:
        try:
            found = next((p for p in sorted(d.iterdir()) if _is_typesystem(p)), None)
        except OSError:
            found = None
        if found is not None:
            return found
    raise InputError(f"no {TYPESYSTEM} in its folder or a folder above it that is being "
                     "imported (a UIMA XMI file needs its type system)", str(xmi))


def read(path: str | Path, annotator: str | None = None) -> list[ImportBatch]:
    need("cassis", "xmi", NAME)
    path = Path(path)
    files = sorted(p for p in path.rglob("*.xmi") if p.is_file()) if path.is_dir() else [path]
    root = path if path.is_dir() else path.parent
    cache: dict[Path, object] = {}
    return [_read_one(f, root, annotator, cache) for f in files]


def _load(loader, source: Path, what: str, **kw):
    from lxml.etree import XMLSyntaxError

    try:
        with open(source, "rb") as fh:
            return loader(fh, **kw)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", str(source)) from None
    except XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML: {exc.msg}", str(source), exc.lineno) from None
    except Exception as exc:  # cassis raises plain exceptions for what it cannot map
        raise InputError(f"not a {what} cassis can read: {type(exc).__name__}: {exc}",
                         str(source)) from None


def _read_one(xmi: Path, root: Path, annotator: str | None, cache: dict) -> ImportBatch:
    import cassis

    ts_path = _typesystem_for(xmi, root)
    if ts_path not in cache:
        cache[ts_path] = _load(cassis.load_typesystem, ts_path, "UIMA type system")
    ts = cache[ts_path]
    cas = _load(cassis.load_cas_from_xmi, xmi, "UIMA CAS XMI file", typesystem=ts)
    file = str(xmi)
    text = cas.sofa_string
    if not isinstance(text, str):
        raise InputError("the CAS has no text (sofa string)", file)
    layout = xmi.parent.parent.name if len(xmi.parents) > 1 else ""
    doc_id, title = None, None
    if ts.contains_type(META_TYPE):
        for meta in cas.select(META_TYPE):
            doc_id = meta.get("documentId") or meta.get("documentTitle")
            title = meta.get("documentTitle")
            break
    if not doc_id:
        doc_id = xmi.parent.name if layout in ("annotation", "curation") else stem_to_id(xmi.stem)
    default = (annotator or NAME) if layout not in ("annotation", "curation") else (
        "curation" if layout == "curation" else xmi.stem)
    spans: dict[tuple, Span] = {}
    for t in ts.get_types():
        label_feature = ("value" if t.name == NE_TYPE else
                         "label" if t.name.startswith("webanno.custom.") else None)
        if (label_feature is None or not ts.subsumes(ANNOTATION, t.name)
                or t.get_feature(label_feature) is None):
            continue
        attr_features = {f.name: (f.description[len(ATTR_PREFIX):]
                                  if (f.description or "").startswith(ATTR_PREFIX) else f.name)
                         for f in t.all_features
                         if f.name not in SKIP_FEATURES and f.name not in RESERVED
                         and f.name != label_feature and ts.is_primitive(f.rangeType)}
        for fs in cas.select(t.name):
            if fs.type.name != t.name:
                continue  # a subtype: read with its own type
            label = fs.get(label_feature)
            if not isinstance(label, str) or not label:
                continue
            problem = check_offsets(len(text), fs.begin, fs.end)
            if problem:
                raise InputError(f"{t.short_name} {label!r}: {problem}", file)
            attrs = {name: _string(fs.get(f)) for f, name in attr_features.items()
                     if fs.get(f) is not None and _string(fs.get(f)) != ""}
            who = _get(fs, "annotator") or default
            span = Span(who, fs.begin, fs.end, label, attrs, _get(fs, "concept"),
                        _get(fs, "note"))
            old = spans.get(span.key)
            if old is not None and old != span:
                raise InputError(f"two {label!r} spans at {fs.begin}-{fs.end} by {who} with "
                                 "different features", file)
            spans[span.key] = span
    batch = ImportBatch(file)
    batch.add(DocumentRecord(Document(str(doc_id), text, title=title or None),
                             tuple(spans.values())), 1)
    declare_concepts(batch)
    declare_attributes(batch)
    return batch


def _get(fs, name: str) -> str | None:
    try:
        value = fs.get(name)
    except (AttributeError, KeyError):
        return None
    return value if isinstance(value, str) and value else None


def _string(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
