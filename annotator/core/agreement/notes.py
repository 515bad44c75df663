"""The report's ``notes``: why each null is null, grouped so that the list stays readable."""

from __future__ import annotations

from dataclasses import dataclass, field

# Beyond this many subjects (pairs, documents) one note names the first ones and counts
# the rest.
_SHOWN = 10


@dataclass
class Notes:
    _groups: dict[tuple[str, str], tuple[dict[str, None], dict[str, None]]] = field(
        default_factory=dict
    )
    _order: list[tuple[str, tuple[str, str] | str]] = field(default_factory=list)

    def null(self, scope: str, measure: str, reason: str, subject: str | None = None) -> None:
        """Record that ``measure`` (of ``subject``, e.g. a pair) in ``scope`` is null."""
        key = (scope, reason)
        if key not in self._groups:
            self._groups[key] = ({}, {})
            self._order.append(("null", key))
        measures, subjects = self._groups[key]
        measures.setdefault(measure, None)
        if subject is not None:
            subjects.setdefault(subject, None)

    def add(self, text: str) -> None:
        self._order.append(("text", text))

    def render(self) -> list[str]:
        out: list[str] = []
        for kind, item in self._order:
            if kind == "text":
                out.append(str(item))
                continue
            scope, reason = item  # type: ignore[misc]
            measures, subjects = self._groups[(scope, reason)]
            names = ", ".join(measures)
            verb = "is" if len(measures) == 1 else "are"
            text = f"{scope}: {names} {verb} null"
            if subjects:
                listed = list(subjects)
                shown = ", ".join(listed[:_SHOWN])
                if len(listed) > _SHOWN:
                    shown += f" and {len(listed) - _SHOWN} more"
                text += f" for {shown}"
            out.append(f"{text}: {reason}")
        return out
