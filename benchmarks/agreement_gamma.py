"""γ on 5 annotators × 1,000 units, ours against pygamma-agreement 0.5.9, same data, one run.

    .venv/bin/python benchmarks/agreement_gamma.py [--units 1000] [--samples 30] [--dense]
        [--pygamma /tmp/pygamma/bin/python]

pygamma-agreement lives in a virtual environment of its own (it is not a dependency):

    python3 -m venv /tmp/pygamma && /tmp/pygamma/bin/pip install pygamma-agreement==0.5.9

The data: a "true" sequence of 1,000 units (spans of 5–40 characters, 20–200 apart, 4
labels) that each of 5 annotators keeps (85 %) with both ends moved by N(0, 3) characters,
relabelled 10 % of the time, plus 5 % spans of their own anywhere: spans in a long text as
annotators mark them. ``--dense`` instead lays units of 10 ± 4.5 characters 10 ± 4.3 apart
and keeps every one (the shape of pygamma-agreement's own synthetic test files).

Both compute γ of that one continuum: the observed disorder of the best alignment and the
expected disorder over ``--samples`` random continua of pygamma's default sampler. For
pygamma, ``compute_gamma(fast=True)``: its exact alignment enumerates every tuple of units
(1001⁵ here) and cannot finish; its numba code is compiled on a small continuum before the
clock starts. Ours is exact. Prints both times, the ratio (the budget: ours at least 20×
faster) and the observed disorders, which must agree (pygamma computes in float32, hence
1e-6). Writes benchmarks/out/agreement_gamma.json; exits 1 when a check fails, 2 when
pygamma-agreement is not there.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core.agreement.alignment import Continua, best_alignment_costs  # noqa: E402
from annotator.core.agreement.gamma import expected_disorders, gamma_value  # noqa: E402

RATIO = 20.0
ANNOTATORS = 5

PYGAMMA = r"""
import json, logging, sys, time
import numpy as np
from pathlib import Path
from pyannote.core import Segment
from pygamma_agreement import CombinedCategoricalDissimilarity, Continuum
logging.disable(logging.WARNING)
path, samples = sys.argv[1], int(sys.argv[2])
dissim = CombinedCategoricalDissimilarity()
warm = Continuum()
for a in ("a", "b"):
    warm.add(a, Segment(0, 5), "x"); warm.add(a, Segment(9, 14), "y")
np.random.seed(1)
warm.compute_gamma(dissim, n_samples=2, fast=True)  # numba compiles here
continuum = Continuum.from_csv(Path(path))
np.random.seed(4772)
t = time.perf_counter()
result = continuum.compute_gamma(dissim, n_samples=samples, fast=True)
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "observed_disorder": float(result.observed_disorder),
                  "expected_disorder": float(result.expected_disorder),
                  "gamma": float(result.gamma)}))
"""


def sparse(units: int, seed: int = 7) -> list[tuple[int, int, int, int]]:
    rng = np.random.default_rng(seed)
    length = rng.integers(5, 41, units)
    gap = rng.integers(20, 201, units)
    start = np.cumsum(gap + np.r_[0, length[:-1]])
    end = start + length
    label = rng.integers(0, 4, units)
    out = []
    for a in range(ANNOTATORS):
        keep = rng.random(units) < 0.85
        s = start + np.rint(rng.normal(0, 3, units)).astype(int)
        e = np.maximum(end + np.rint(rng.normal(0, 3, units)).astype(int), s + 1)
        k = np.where(rng.random(units) < 0.1, rng.integers(0, 4, units), label)
        out += [(a, int(x), int(y), int(z)) for x, y, z in zip(s[keep], e[keep], k[keep],
                                                                strict=True)]
        extra = rng.integers(0, int(end.max()), units // 20)
        out += [(a, int(x), int(x + n), int(z)) for x, n, z in
                zip(extra, rng.integers(5, 41, len(extra)), rng.integers(0, 4, len(extra)),
                    strict=True)]
    return sorted(set(out))


def dense(units: int, seed: int = 7) -> list[tuple[int, int, int, int]]:
    rng = np.random.default_rng(seed)
    length = np.maximum(1, np.rint(rng.normal(10, 4.5, units))).astype(int)
    gap = np.maximum(1, np.rint(rng.normal(10, 4.3, units))).astype(int)
    start = np.cumsum(gap + np.r_[0, length[:-1]])
    end = start + length
    label = rng.integers(0, 4, units)
    out = []
    for a in range(ANNOTATORS):
        s = start + np.rint(rng.normal(0, 2, units)).astype(int)
        e = np.maximum(end + np.rint(rng.normal(0, 2, units)).astype(int), s + 1)
        k = np.where(rng.random(units) < 0.4, rng.integers(0, 4, units), label)
        out += [(a, int(x), int(y), int(z)) for x, y, z in zip(s, e, k, strict=True)]
    return sorted(set(out))


def ours(units: list[tuple[int, int, int, int]], samples: int) -> dict:
    arr = np.array(units)
    cont = Continua(np.zeros(len(arr), dtype=np.int64), arr[:, 0], arr[:, 1].astype(float),
                    arr[:, 2].astype(float), arr[:, 3], np.array([ANNOTATORS]))
    t = time.perf_counter()
    observed = float(best_alignment_costs(cont)[0]) / (len(arr) / ANNOTATORS)
    per_draw = expected_disorders(cont, ["benchmark"], samples)[0]
    value = gamma_value(observed, per_draw)
    return {"seconds": time.perf_counter() - t, "observed_disorder": observed,
            "expected_disorder": value.expected, "gamma": value.gamma,
            "ci95": value.ci}


def theirs(units, samples: int, python: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "continuum.csv"
        with open(path, "w", newline="") as f:
            csv.writer(f).writerows((f"annotator{a}", f"label{k}", s, e) for a, s, e, k in units)
        done = subprocess.run([python, "-c", PYGAMMA, str(path), str(samples)],
                              capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000, help="per annotator")
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--dense", action="store_true")
    parser.add_argument("--pygamma", default=os.environ.get("PYGAMMA_PYTHON",
                                                            "/tmp/pygamma/bin/python"))
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).parent / "out" / "agreement_gamma.json")
    args = parser.parse_args(argv)
    if not Path(args.pygamma).exists():
        print(f"no pygamma-agreement at {args.pygamma}: python3 -m venv /tmp/pygamma && "
              "/tmp/pygamma/bin/pip install pygamma-agreement==0.5.9", file=sys.stderr)
        return 2
    units = (dense if args.dense else sparse)(args.units)
    mine = ours(units, args.samples)
    other = theirs(units, args.samples, args.pygamma)
    ratio = other["seconds"] / mine["seconds"]
    same = abs(mine["observed_disorder"] - other["observed_disorder"]) <= 1e-6 * max(
        1.0, mine["observed_disorder"])
    print(f"{ANNOTATORS} annotators × {args.units} units ({len(units)} after edits, "
          f"{'dense' if args.dense else 'sparse'}), {args.samples} random continua")
    print(f"  ours (exact)          {mine['seconds']:9.2f} s   observed "
          f"{mine['observed_disorder']:.9f}  expected {mine['expected_disorder']:.6f}  "
          f"γ {mine['gamma']:.4f}")
    print(f"  pygamma (fast=True)   {other['seconds']:9.2f} s   observed "
          f"{other['observed_disorder']:.9f}  expected {other['expected_disorder']:.6f}  "
          f"γ {other['gamma']:.4f}")
    print(f"  ratio {ratio:.1f}× (budget ≥ {RATIO:.0f}×): {'ok' if ratio >= RATIO else 'SLOW'};"
          f" observed disorder {'the same' if same else 'DIFFERENT'}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "benchmark": "agreement_gamma", "python": platform.python_version(),
        "machine": platform.machine(), "annotators": ANNOTATORS, "units": args.units,
        "dense": args.dense, "samples": args.samples, "ours": mine, "pygamma": other,
        "ratio": ratio, "same_observed_disorder": same}, indent=2) + "\n")
    return 0 if ratio >= RATIO and same else 1


if __name__ == "__main__":
    sys.exit(main())
