"""Timing whole processes (with the peak memory of each), medians, and the figures table.

A process is timed from just before it is started to its exit, as a user waits for a
command; its peak resident memory and CPU time come from the kernel's accounting of that
one child (`os.wait4`, in a small launcher), so nothing running beside it is counted.
"""

from __future__ import annotations

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


# Forks and waits for the command, then writes its wall time, peak RSS and CPU time to a
# file. Linux keeps a forking process's peak RSS in its child's, even across exec: forked
# from this small launcher rather than from the benchmark (which holds a corpus in
# memory), a command's peak is its own.
LAUNCHER = """
import os, sys, time
out, argv = sys.argv[1], sys.argv[2:]
t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
t1 = time.monotonic()
with open(out, "w") as fh:
    fh.write(f"{t1 - t0} {ru.ru_maxrss} {ru.ru_utime + ru.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run(argv: list[str], env: dict[str, str], *, marks: tuple[str, ...] = (),
        timeout: float = 3600) -> Run:
    """Run a process to its end: its wall time, peak resident memory and CPU time. Lines
    it prints that start with one of `marks` are timed as they arrive (say, when a window
    is up); such runs are timed from here, without the launcher, and their peak memory is
    not their own."""
    with tempfile.TemporaryDirectory() as tmp:
        seen: dict[str, float] = {}
        lines: list[str] = []
        numbers = Path(tmp) / "usage"
        err_path = Path(tmp) / "stderr"
        full = argv if marks else [sys.executable, "-I", "-S", "-c", LAUNCHER, str(numbers),
                                   *argv]
        with open(err_path, "w+", encoding="utf-8") as err:
            t0 = time.monotonic()
            proc = subprocess.Popen(full, stdout=subprocess.PIPE, stderr=err, env=env,
                                    cwd=str(ROOT), text=True, encoding="utf-8")

            def read() -> None:
                for line in proc.stdout:
                    word = line.rstrip("\n").split(" ", 1)[0]
                    if word in marks and word not in seen:
                        seen[word] = time.monotonic()
                    lines.append(line)

            reader = threading.Thread(target=read, daemon=True)
            reader.start()
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise SystemExit(f"timed out after {timeout:.0f} s: {' '.join(argv)}") from None
            finally:
                t1 = time.monotonic()
                reader.join()
                proc.stdout.close()
            err.seek(0)
            stderr = err.read()
        if proc.returncode != 0:
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{stderr[-3000:]}")
        nan = float("nan")
        seconds, peak_mb, cpu = t1 - t0, nan, nan
        if not marks:
            wall, kb, used = numbers.read_text(encoding="ascii").split()
            seconds, peak_mb, cpu = float(wall), int(kb) / 1024, float(used)
    out = Run(seconds, peak_mb, cpu, "".join(lines), stderr)
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


def _cpu(f: Figure) -> str:
    """The CPU time behind the median (its own ratio where there is a floor)."""
    e = f.extra
    if "cpu_ratio" in e:
        return f"{median(e['cpu_s']):.2f} s ({e['cpu_ratio']:.2f}×)"
    if e.get("cpu_ms"):
        return _num(median(e["cpu_ms"]) / (1000 if f.unit == "s" else 1), f.unit)
    if e.get("cpu_s"):
        return _num(median(e["cpu_s"]), "s")
    return ""


HEAD = ("figure", "median", "floor", "ratio", "CPU", "budget", "ok", "runs")


def cells(f: Figure, over: str = "OVER") -> tuple[str, ...]:
    """A figure's line of the table, as text cells (see HEAD)."""
    if f.budget is None:
        budget = "(info)"
    elif f.floor_samples:
        budget = f"≤ {f.budget:g}×"
    else:
        budget = f"≤ {_num(f.budget, f.unit)}"
    ok = {True: "ok", False: over, None: ""}[f.ok]
    return (f.what, _num(f.median, f.unit), _num(f.floor, f.unit),
            f"{f.ratio:.2f}×" if f.ratio is not None else "", _cpu(f), budget, ok,
            str(len(f.samples)))


def table(figures: list[Figure]) -> str:
    rows = [HEAD] + [cells(f) for f in figures]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEAD))]
    lines = []
    for k, r in enumerate(rows):
        padded = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:],
                                                                        strict=True)]
        lines.append("  ".join(padded).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
