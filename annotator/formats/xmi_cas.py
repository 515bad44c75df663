"""The parts of a UIMA CAS XMI file that an import needs, read in one streaming pass.

dkpro-cassis builds every feature structure and two dictionaries with an entry per
character of the text (about 200 bytes of memory per byte of file: a 20 MB file took
3.5 GB), and it moves an offset that falls inside a UTF-16 surrogate pair to another
character instead of refusing it. This reader keeps only the feature structures of the
types asked for, as their XML attributes, with the line they are on; the caller converts
their UTF-16 offsets with `code_points`. Type systems are still read by cassis.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from annotator.core.errors import InputError
from annotator.core.text import Utf16Map

NS_XMI = "{http://www.omg.org/XMI}"
NS_CAS = "{http:///uima/cas.ecore}"
INITIAL_VIEW = "_InitialView"
_ID = re.compile(r"[0-9]{1,18}")


@dataclass
class Structure:
    """One feature structure: its type, the line it starts on, its features as written."""

    type_name: str
    line: int
    xmi_id: int
    features: dict[str, str]


@dataclass
class CasText:
    text: str
    structures: list[Structure]  # the kept ones in the initial view, in file order


def type_name(tag: str) -> str | None:
    """UIMA's XMI namespace convention: {http:///a/b/c.ecore}T is the type a.b.c.T."""
    if not tag.startswith("{http:///") or "ecore}" not in tag:
        return None
    name = tag[len("{http:///"):].replace("ecore}", "").replace("/", ".")
    return name.removeprefix("uima.noNamespace.")


def xml_error(exc, file: str) -> InputError:
    """lxml's message ends with a line break and the position (given as the line here)."""
    problem = (str(exc.msg).strip().splitlines() or ["?"])[0].strip()
    return InputError(f"not well-formed XML: {problem}", file, exc.lineno)


def number(value: str | None, what: str, file: str, line: int) -> int:
    if value is None or not _ID.fullmatch(value.strip()):
        raise InputError(f"{what} must be a whole number (digits 0-9), not "
                         f"{(value or '')[:20]!r}", file, line)
    return int(value)


def read_cas(raw: bytes, file: str, known: Callable[[str], bool],
             keep: Callable[[str], bool]) -> CasText:
    """The initial view's text and its feature structures of the types `keep` accepts.
    A type the type system does not know (`known`) is refused, as cassis does."""
    from lxml import etree

    text: str | None = None
    sofa_id: int | None = None
    views: dict[int, str] = {}
    kept: list[Structure] = []
    depth = 0
    # No DTD, no entities, no network; huge_tree lifts libxml2's 10 MB cap on one text,
    # which the import's own size limit replaces (entity amplification stays refused).
    events = etree.iterparse(io.BytesIO(raw), events=("start", "end"), load_dtd=False,
                             no_network=True, resolve_entities=False, huge_tree=True,
                             remove_comments=True, remove_pis=True)
    try:
        for event, elem in events:
            if event == "start":
                depth += 1
                if depth == 1 and elem.tag != NS_XMI + "XMI":
                    raise InputError(f"not UIMA CAS XMI: the root element is {elem.tag!r}, "
                                     "not xmi:XMI", file, elem.sourceline)
                continue
            depth -= 1
            if depth != 1:
                continue
            line = elem.sourceline
            tag = elem.tag
            if tag == NS_CAS + "Sofa":
                if elem.get("sofaID", INITIAL_VIEW) == INITIAL_VIEW:
                    sofa_id = number(elem.get(NS_XMI + "id"), "a sofa's xmi:id", file, line)
                    text = elem.get("sofaString")
            elif tag == NS_CAS + "View":
                views[number(elem.get("sofa"), "a view's sofa", file, line)] = (
                    elem.get("members") or "")
            elif tag.startswith(NS_XMI) or tag == NS_CAS + "NULL":
                pass
            else:
                name = type_name(tag)
                if name is None:
                    raise InputError(f"element {tag!r} is not a UIMA feature structure",
                                     file, line)
                if not known(name):
                    raise InputError(f"type {name} is not in the type system", file, line)
                if keep(name):
                    features = {k: v for k, v in elem.attrib.items() if not k.startswith("{")}
                    kept.append(Structure(name, line, number(elem.get(NS_XMI + "id"),
                                                             "xmi:id", file, line), features))
            # what has been read is dropped: memory stays what is kept
            elem.clear()
            parent = elem.getparent()
            while elem.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise xml_error(exc, file) from None
    if text is None:
        raise InputError("the CAS has no text (no _InitialView sofa with a sofaString)", file)
    members = {number(m, "a view member", file, 1) for m in views.get(sofa_id, "").split()}
    return CasText(text, [s for s in kept if s.xmi_id in members])


def code_points(offsets: Utf16Map, u16: str | None, what: str, file: str,
                line: int) -> int | None:
    """A UTF-16 offset from the file as a code point offset; None if absent. One that
    falls between the two halves of a surrogate pair names no character boundary and is
    refused (taking it as it stands would move the span)."""
    if u16 is None:
        return None
    pos = number(u16, what, file, line)
    if pos > offsets.length16:
        return offsets.length + 1 + pos - offsets.length16  # out of range: said by the caller
    cp = offsets.to_codepoint(pos)
    if offsets.to_utf16(cp) != pos:
        raise InputError(f"{what} {pos} falls inside a UTF-16 surrogate pair (the middle of "
                         "one character outside the BMP, such as an emoji)", file, line)
    return cp
