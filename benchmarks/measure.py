"""Timing whole processes (with the peak memory of each), medians, and the figures table.

A process is timed from just before it is started to its exit, as a user waits for a
command; its peak resident memory comes from the kernel's accounting of that one child
(`os.wait4`), so nothing running beside it is counted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu: float  # user + system seconds of the process (and of any it waited for)
    stdout: str
    stderr: str
    marks: dict[str, float] = field(default_factory=dict)  # "NAME <monotonic>" lines seen


def annotator_command() -> list[str]:
    """The console script users run, or the same entry point through the interpreter."""
    script = Path(sys.executable).with_name("annotator")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "annotator"]


def run(argv: list[str], env: dict[str, str], *, marks: tuple[str, ...] = (),
        timeout: float = 3600) -> Run:
    """Run a process to its end. Lines it prints that start with one of `marks` are timed
    as they arrive (say, when a window is up, before the process ends)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        seen: dict[str, float] = {}
        lines: list[str] = []
        t0 = time.monotonic()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, env=env,
                                cwd=str(ROOT), text=True, encoding="utf-8")

        def read() -> None:
            for line in proc.stdout:
                word = line.rstrip("\n").split(" ", 1)[0]
                if word in marks and word not in seen:
                    seen[word] = time.monotonic()
                lines.append(line)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        # wait4 gives this child's own rusage (its peak RSS), which wait() does not
        _pid, status, usage = os.wait4(proc.pid, 0)
        t1 = time.monotonic()
        killer.cancel()
        reader.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        err.seek(0)
        stderr = err.read()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{stderr[-3000:]}")
    out = Run(t1 - t0, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime,
              "".join(lines), stderr)
    out.marks = {k: v - t0 for k, v in seen.items()}
    out.marks["exit"] = t1 - t0
    return out


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Figure:
    """One line of the table. With a floor, the budget is a ratio to the floor's median
    (plus `floor_plus`, in the figure's unit); without one, an absolute budget."""

    key: str
    what: str
    unit: str  # "s", "ms", "MB", "modules"
    samples: list[float]
    budget: float | None = None
    floor_what: str | None = None
    floor_samples: list[float] | None = None
    floor_plus: float = 0.0
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def median(self) -> float:
        return median(self.samples)

    @property
    def floor(self) -> float | None:
        if not self.floor_samples:
            return None
        return median(self.floor_samples) + self.floor_plus

    @property
    def ratio(self) -> float | None:
        floor = self.floor
        return self.median / floor if floor else None

    @property
    def ok(self) -> bool | None:
        if self.budget is None:
            return None
        value = self.ratio if self.floor_samples else self.median
        return value is not None and value <= self.budget

    def as_json(self) -> dict:
        out = {"what": self.what, "unit": self.unit, "median": self.median,
               "runs": len(self.samples), "samples": self.samples,
               "budget": self.budget,
               "budget_is": None if self.budget is None else
               ("ratio" if self.floor_samples else self.unit),
               "ok": self.ok}
        if self.floor_samples:
            out["floor"] = {"what": self.floor_what, "median": median(self.floor_samples),
                            "plus": self.floor_plus, "samples": self.floor_samples}
            out["ratio"] = self.ratio
        if self.note:
            out["note"] = self.note
        if self.extra:
            out["extra"] = self.extra
        return out


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g}"


def table(figures: list[Figure]) -> str:
    head = ("figure", "median", "floor", "ratio", "budget", "ok", "runs")
    rows = [head]
    for f in figures:
        if f.budget is None:
            budget = "(info)"
        elif f.floor_samples:
            budget = f"≤ {f.budget:g}×"
        else:
            budget = f"≤ {_num(f.budget, f.unit)}"
        ok = {True: "ok", False: "OVER", None: ""}[f.ok]
        rows.append((f.what, _num(f.median, f.unit), _num(f.floor, f.unit),
                     f"{f.ratio:.2f}×" if f.ratio is not None else "", budget, ok,
                     str(len(f.samples))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = []
    for k, r in enumerate(rows):
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:],
                                                                       strict=True)]
        lines.append("  ".join(cells).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
