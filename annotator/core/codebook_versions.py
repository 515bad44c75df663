"""Codebook versions as values: one version's record, and what a report says about the
versions its spans were made under."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CodebookVersion:
    """Version `number`, made `at` (ISO, UTC) by `by` (None: no one named, e.g. the
    version an older project started keeping versions with); `summary` in words and
    `changes` item by item ({"op", "kind", "name", "to", ...})."""

    number: int
    at: str
    by: str | None
    summary: str
    changes: tuple[Mapping[str, Any], ...] = ()

    def blame(self) -> str:
        """"by bob in version 7 at 14:03" (local time)."""
        from datetime import datetime

        when = datetime.fromisoformat(self.at).astimezone().strftime("%H:%M on %d %b")
        who = f"by {self.by} " if self.by else ""
        return f"{who}in version {self.number} ({when})"


def count_versions(versions: Iterable[int | None]) -> dict[str, int]:
    """{version: how many}, by version number, as the agreement report's
    ``codebook_versions`` holds them (keys are strings in JSON; spans whose version is
    not known are left out)."""
    counts = Counter(v for v in versions if v is not None)
    return {str(v): counts[v] for v in sorted(counts)}


def mixed_note(counts: Mapping[str, int]) -> str | None:
    """A report's note when its spans come from more than one codebook version."""
    if len(counts) < 2:
        return None
    parts = ", ".join(f"version {v} ({n} span{'s' if n != 1 else ''})"
                      for v, n in counts.items())
    return (f"the spans were made under more than one codebook version: {parts}; labels "
            "or their rules may have changed in between, so the numbers mix the versions")
