"""The report in its JSON form, which is what the spec fixes and most tests check."""

from __future__ import annotations

from annotator.core.agreement import as_json, build_report


def report_json(records, **options) -> dict:
    return as_json(build_report(records, **options))  # type: ignore[return-value]
