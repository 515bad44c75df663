"""The agreement report as JSON: ``null`` wherever a number is undefined, never NaN."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import IO

import numpy as np


def plain(value: object) -> object:
    """The report with numpy numbers made Python numbers and NaN/infinity made None."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return number if math.isfinite(number) else None
    return value


def agreement_json(report: dict, *, indent: int | None = 2) -> str:
    """The report as JSON text (numbers unrounded: the shortest repr that reads back)."""
    return json.dumps(plain(report), indent=indent, ensure_ascii=False, allow_nan=False) + "\n"


def write_agreement_json(report: dict, target: str | Path | IO[str]) -> None:
    """Write the report to a path or an open text file (UTF-8)."""
    text = agreement_json(report)
    if isinstance(target, str | Path):
        Path(target).write_text(text, encoding="utf-8")
    else:
        target.write(text)
