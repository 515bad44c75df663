"""Counting what the window reads: the real function wrapped, not replaced."""

from __future__ import annotations


def documents_read(monkeypatch, owner, name: str, doc_arg: int) -> list[str]:
    """The documents `owner.name` is called for (argument `doc_arg`), in order; the real
    function still does the reading."""
    reads = []
    real = getattr(owner, name)

    def counted(*args):
        reads.append(args[doc_arg])
        return real(*args)

    monkeypatch.setattr(owner, name, counted)
    return reads
