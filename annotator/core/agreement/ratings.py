"""Reliability data as integer codes: units × raters, ``MISSING`` where a rater gave no value.

The measures work on codes, never on the values themselves, so any hashable value
(a label combination, a frame name, a number) can be rated.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable, Sequence

import numpy as np

MISSING = -1


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def encode(ratings: Iterable[Sequence[object]]) -> tuple[np.ndarray, list[object]]:
    """Codes for a units × raters table; ``None`` and NaN are missing.

    Returns the int64 code matrix and the categories, sorted when they are mutually
    comparable (first-seen order otherwise); code ``i`` stands for ``categories[i]``.
    """
    rows = [list(row) for row in ratings]
    width = max((len(row) for row in rows), default=0)
    if any(len(row) != width for row in rows):
        raise ValueError("every unit needs one entry per rater (use None for missing)")
    seen: dict[object, None] = {}
    for row in rows:
        for value in row:
            if not _is_missing(value):
                seen.setdefault(value, None)
    categories = list(seen)
    with contextlib.suppress(TypeError):  # mixed types keep first-seen order
        categories.sort()  # type: ignore[call-overload]
    index = {value: i for i, value in enumerate(categories)}
    codes = np.full((len(rows), width), MISSING, dtype=np.int64)
    for u, row in enumerate(rows):
        for r, value in enumerate(row):
            if not _is_missing(value):
                codes[u, r] = index[value]
    return codes, categories


def as_codes(ratings: object) -> np.ndarray:
    """An integer code matrix from codes (returned as they are) or from any values."""
    arr = np.asarray(ratings) if not isinstance(ratings, np.ndarray) else ratings
    if arr.ndim == 2 and arr.dtype.kind in "iu":
        if arr.size and arr.min() < MISSING:
            raise ValueError(f"codes must be >= 0, or {MISSING} for a missing value")
        return arr.astype(np.int64, copy=False)
    return encode(ratings)[0]  # type: ignore[arg-type]


def unit_agreement(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per unit (row): how many values ``m`` and how many ordered pairs of equal values.

    The second is ``Σ_c n_c (n_c − 1)``, the numerator that alpha, Fleiss' kappa and AC1
    share. Rows are sorted so that equal values stand together; a run of length ``n``
    then contributes ``n (n − 1)``.
    """
    n, width = codes.shape
    present = codes >= 0
    m = present.sum(axis=1)
    if width < 2:
        return m, np.zeros(n, dtype=np.int64)
    ordered = np.sort(codes, axis=1)
    run = np.zeros(n, dtype=np.int64)
    pairs = np.zeros(n, dtype=np.int64)
    for j in range(1, width):
        same = (ordered[:, j] == ordered[:, j - 1]) & (ordered[:, j] >= 0)
        run = np.where(same, run + 1, 0)
        pairs += run
    return m, 2 * pairs


def category_totals(
    codes: np.ndarray, weights: np.ndarray, rows: np.ndarray | None = None, size: int = 0
) -> np.ndarray:
    """Σ over the given rows of each row's weight times its count of each category."""
    sub = codes if rows is None else codes[rows]
    w = weights if rows is None else weights[rows]
    r, c = np.nonzero(sub >= 0)
    size = max(size, int(sub.max()) + 1 if sub.size else 0)
    return np.bincount(sub[r, c], weights=w[r].astype(np.float64), minlength=size)
