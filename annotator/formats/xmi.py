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

import io
import re
from pathlib import Path

from annotator.core.batch import ImportBatch
from annotator.core.errors import InputError
from annotator.core.model import Document, Span
from annotator.core.records import Corpus, DocumentRecord
from annotator.core.span_checks import check_offsets
from annotator.core.text import Utf16Map
from annotator.formats.common import (
    declare_attributes,
    declare_concepts,
    need,
    read_bytes,
    stem_to_id,
    unique_stems,
)
from annotator.formats.export_spec import ExportOptions, ExportResult, choose_layer
from annotator.formats.input_files import files_in
from annotator.formats.xmi_cas import code_points, read_cas, xml_error

NAME = "xmi"
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

def _is_xmi(name: str) -> bool:
    return name.lower().endswith(".xmi")


def _is_typesystem(name: str) -> bool:
    return name.lower() == TYPESYSTEM.lower()


def detect(folder: Path) -> bool:
    """.xmi files in the folder, or an INCEpTION export's annotation/ or curation/ in it."""
    try:
        if files_in(folder, _is_xmi):
            return True
        return any(p.relative_to(folder).parts[0] in ("annotation", "curation")
                   for p in files_in(folder, _is_xmi, depth=None))
    except InputError:
        return False


def _typesystem_for(xmi: Path, root: Path) -> Path:
    """The nearest type system from the file's folder up to the folder being imported."""
    folders = [xmi.parent]
    while folders[-1] != root and folders[-1] != folders[-1].parent:
        folders.append(folders[-1].parent)
    for d in folders:
        found = files_in(d, _is_typesystem, root=root)
        if found:
            return found[0]
    raise InputError(f"no {TYPESYSTEM} in its folder or a folder above it that is being "
                     "imported (a UIMA XMI file needs its type system)", str(xmi))


def read(path: str | Path, annotator: str | None = None) -> list[ImportBatch]:
    need("cassis", "xmi", NAME)
    path = Path(path)
    files = files_in(path, _is_xmi, depth=None) if path.is_dir() else [path]
    root = path if path.is_dir() else path.parent
    cache: dict[Path, object] = {}
    return [_read_one(f, root, annotator, cache) for f in files]


def _typesystem(path: Path):
    import cassis
    from lxml.etree import XMLSyntaxError

    raw = read_bytes(path, "xmi")
    try:
        return cassis.load_typesystem(io.BytesIO(raw))
    except XMLSyntaxError as exc:
        raise xml_error(exc, str(path)) from None
    except Exception as exc:  # cassis raises plain exceptions for what it cannot map
        raise InputError(f"not a UIMA type system cassis can read: {type(exc).__name__}: "
                         f"{exc}", str(path)) from None


class _SpanType:
    """How a span type of the type system reads: its label feature and its attributes
    (feature -> (attribute name, UIMA range type))."""

    def __init__(self, ts, t, label_feature: str):
        self.label = label_feature
        self.features = {f.name for f in t.all_features}
        self.attributes = {
            f.name: (f.description[len(ATTR_PREFIX):]
                     if (f.description or "").startswith(ATTR_PREFIX) else f.name,
                     f.rangeType.name)
            for f in t.all_features
            if f.name not in SKIP_FEATURES and f.name not in RESERVED
            and f.name != label_feature and ts.is_primitive(f.rangeType)}
        self.strings = {f.name for f in t.all_features if f.rangeType.name == STRING}


def _span_types(ts) -> dict[str, _SpanType]:
    """Spans are the annotations of every webanno.custom.* type that has a string `label`
    feature, and NamedEntity (its `value` is the label)."""
    out = {}
    for t in ts.get_types():
        label_feature = ("value" if t.name == NE_TYPE else
                         "label" if t.name.startswith("webanno.custom.") else None)
        feature = t.get_feature(label_feature) if label_feature else None
        if (feature is not None and feature.rangeType.name == STRING
                and ts.subsumes(ANNOTATION, t.name)):
            out[t.name] = _SpanType(ts, t, label_feature)
    return out


_INTEGERS = {"uima.cas.Integer", "uima.cas.Long", "uima.cas.Short", "uima.cas.Byte"}
_FLOATS = {"uima.cas.Float", "uima.cas.Double"}


def _value(raw: str, range_type: str, feature: str, file: str, line: int) -> str:
    """An attribute's value as text, written the way cassis's reading gave it before."""
    if range_type == "uima.cas.Boolean":
        if raw not in ("true", "false"):
            raise InputError(f"feature {feature!r}: {raw[:20]!r} is not true or false",
                             file, line)
        return raw
    if range_type in _INTEGERS:
        if not re.fullmatch(r"-?[0-9]{1,19}", raw.strip()):
            raise InputError(f"feature {feature!r}: {raw[:20]!r} is not a whole number",
                             file, line)
        return str(int(raw))
    if range_type in _FLOATS:
        try:
            return str(float(raw))
        except ValueError:
            raise InputError(f"feature {feature!r}: {raw[:20]!r} is not a number",
                             file, line) from None
    return raw


def _read_one(xmi: Path, root: Path, annotator: str | None, cache: dict) -> ImportBatch:
    ts_path = _typesystem_for(xmi, root)
    if ts_path not in cache:
        ts = _typesystem(ts_path)
        cache[ts_path] = (ts, _span_types(ts))
    ts, span_types = cache[ts_path]
    file = str(xmi)
    cas = read_cas(read_bytes(xmi, "xmi"), file, ts.contains_type,
                   lambda name: name in span_types or name == META_TYPE)
    text = cas.text
    offsets = Utf16Map(text)
    layout = xmi.parent.parent.name if len(xmi.parents) > 1 else ""
    doc_id, title = None, None
    for fs in cas.structures:
        if fs.type_name == META_TYPE:
            doc_id = fs.features.get("documentId") or fs.features.get("documentTitle")
            title = fs.features.get("documentTitle")
            break
    if not doc_id:
        doc_id = xmi.parent.name if layout in ("annotation", "curation") else stem_to_id(xmi.stem)
    default = (annotator or NAME) if layout not in ("annotation", "curation") else (
        "curation" if layout == "curation" else xmi.stem)
    spans: dict[tuple, Span] = {}
    for fs in cas.structures:
        kind = span_types.get(fs.type_name)
        if kind is None:
            continue
        values, line = fs.features, fs.line
        unknown = next((k for k in values if k not in kind.features), None)
        if unknown is not None:
            raise InputError(f"{fs.type_name} has no feature {unknown!r} in the type system",
                             file, line)
        label = values.get(kind.label)
        if not label:
            continue
        begin = code_points(offsets, values.get("begin"), "begin", file, line)
        end = code_points(offsets, values.get("end"), "end", file, line)
        problem = check_offsets(len(text), begin, end)
        if problem:
            raise InputError(f"{fs.type_name.rpartition('.')[2]} {label!r}: {problem}",
                             file, line)
        attrs = {name: _value(values[f], range_type, f, file, line)
                 for f, (name, range_type) in kind.attributes.items()
                 if values.get(f, "") != ""}
        who = _get(values, kind, "annotator") or default
        span = Span(who, begin, end, label, attrs, _get(values, kind, "concept"),
                    _get(values, kind, "note"))
        old = spans.get(span.key)
        if old is not None and old != span:
            raise InputError(f"two {label!r} spans at {begin}-{end} by {who!r} with "
                             "different features", file, line)
        spans[span.key] = span
    batch = ImportBatch(file)
    batch.add(DocumentRecord(Document(str(doc_id), text, title=title or None),
                             tuple(spans.values())), 1)
    declare_concepts(batch)
    declare_attributes(batch)
    return batch


def _get(values: dict[str, str], kind: _SpanType, name: str) -> str | None:
    """A reserved string feature (annotator, concept, note), if the type has it."""
    return (values.get(name) or None) if name in kind.strings else None
