"""The agreement report as JSON: ``null`` wherever a number is undefined, never NaN."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from annotator.core.agreement import AgreementReport, as_json


def agreement_json(report: AgreementReport, *, indent: int | None = 2) -> str:
    """The report as JSON text (numbers unrounded: the shortest repr that reads back)."""
    return json.dumps(as_json(report), indent=indent, ensure_ascii=False,
                      allow_nan=False) + "\n"


def write_agreement_json(report: AgreementReport, target: str | Path | IO[str]) -> None:
    """Write the report to a path or an open text file (UTF-8)."""
    text = agreement_json(report)
    if isinstance(target, str | Path):
        Path(target).write_text(text, encoding="utf-8")
    else:
        target.write(text)
