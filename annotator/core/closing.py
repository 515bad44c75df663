"""Things opened for a while and closed after, in a `with` block or by hand."""

from __future__ import annotations

from typing import Self


class Closable:
    """Closed by ``close()``, and on leaving a ``with`` block: ``with open_project(p) as
    project: …``."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
