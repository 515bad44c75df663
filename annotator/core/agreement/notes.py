"""The report's ``notes``: why each null is null, grouped so that the list stays readable."""

from __future__ import annotations

from collections.abc import Sequence

# Beyond this many subjects (pairs, documents) one note names the first ones and counts
# the rest.
_SHOWN = 10


class Notes:
    """Collects notes; ``render`` lists them by scope in ``order`` (then as they came)."""

    def __init__(self, order: Sequence[str] = ()):
        self._rank = {scope: i for i, scope in enumerate(order)}
        self._groups: dict[tuple[str, str], tuple[dict[str, None], dict[str, None]]] = {}
        self._items: list[tuple[str, str, tuple[str, str] | None]] = []

    def null(self, scope: str, measure: str, reason: str, subject: str | None = None) -> None:
        """Record that ``measure`` (of ``subject``, e.g. a pair) in ``scope`` is null."""
        key = (scope, reason)
        if key not in self._groups:
            self._groups[key] = ({}, {})
            self._items.append((scope, "", key))
        measures, subjects = self._groups[key]
        measures.setdefault(measure, None)
        if subject is not None:
            subjects.setdefault(subject, None)

    def add(self, text: str, scope: str = "") -> None:
        """A note that is a plain sentence, listed with ``scope``'s notes."""
        self._items.append((scope, text, None))

    def render(self) -> list[str]:
        last = len(self._rank)
        ranked = sorted(
            enumerate(self._items), key=lambda item: (self._rank.get(item[1][0], last), item[0])
        )
        return [self._text(text, key) for _, (_, text, key) in ranked]

    def _text(self, text: str, key: tuple[str, str] | None) -> str:
        if key is None:
            return text
        scope, reason = key
        measures, subjects = self._groups[key]
        verb = "is" if len(measures) == 1 else "are"
        out = f"{scope}: {', '.join(measures)} {verb} null"
        if subjects:
            listed = list(subjects)
            shown = ", ".join(listed[:_SHOWN])
            if len(listed) > _SHOWN:
                shown += f" and {len(listed) - _SHOWN} more"
            out += f" for {shown}"
        return f"{out}: {reason}"
