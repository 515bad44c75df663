"""Words for the messages people read: counted nouns ("1 span", "2 spans") and file
names as printable text."""

from __future__ import annotations

import os


def count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


def shown_name(name: str) -> str:
    """A file name as text that can be printed and written as UTF-8. Linux allows any
    bytes in a name; Python keeps those that are not UTF-8 as lone surrogates, which no
    UTF-8 output takes: they are shown as ``\\xNN``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that did not come from a name's bytes
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
