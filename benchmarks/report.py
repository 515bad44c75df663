"""A result of run.py as Markdown, for RESULTS.md: the machine and its load, the corpora,
and the table of figures (median, floor, ratio, CPU time, budget).

    .venv/bin/python benchmarks/report.py benchmarks/out/medium.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import HEAD, Figure, cells  # noqa: E402


def figures_of(report: dict) -> list[Figure]:
    out = []
    for key, f in report["figures"].items():
        floor = f.get("floor") or {}
        out.append(Figure(key, f["what"], f["unit"], f["samples"], f["budget"],
                          floor.get("what"), floor.get("samples"), floor.get("plus", 0.0),
                          f.get("note", ""), f.get("extra", {})))
    return out


def markdown(report: dict) -> str:
    m = report["machine"]
    before, after = m["load_before"], m["load_after"]
    lines = [
        f"`run.py --size {report['size']}`, {report['date']}, commit {m['commit']}: "
        f"{m['nproc']} CPUs ({m['cpu']}), Python {m['python']}, PySide6 {m['PySide6']}, "
        f"SQLAlchemy {m['sqlalchemy']}, SQLite {m['sqlite']}, offscreen. Load average "
        f"(1, 5, 15 min) {before[0]:.1f} / {before[1]:.1f} / {before[2]:.1f} before and "
        f"{after[0]:.1f} / {after[1]:.1f} / {after[2]:.1f} after; {report['seconds']:.0f} s "
        "in all.", ""]
    for name, c in report["corpora"].items():
        lines.append(f"- {name}: " + ", ".join(f"{k} {v:,}" if isinstance(v, int) else
                                              f"{k} {v}" for k, v in c.items()))
    lines += ["", "| " + " | ".join(HEAD) + " |", "|---" * len(HEAD) + "|"]
    for f in figures_of(report):
        row = list(cells(f, over="**over**"))
        row[0] = row[0].replace("|", "\\|").strip() + (f" ({f.note})" if f.note else "")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="A result of run.py as Markdown.")
    parser.add_argument("json", type=Path, help="what run.py wrote (--json OUT)")
    args = parser.parse_args(argv)
    report = json.loads(args.json.read_text(encoding="utf-8"))
    print(markdown(report), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
