"""Write reference.json: what pygamma-agreement 0.5.9 computes on the continua the γ tests
use. pygamma-agreement is not a test dependency (it brings numba, cvxpy, pandas and
pyannote, and takes tens of seconds to compile), so its answers are stored; to make them
again, in a separate virtual environment:

    python3 -m venv /tmp/pygamma && /tmp/pygamma/bin/pip install pygamma-agreement==0.5.9
    /tmp/pygamma/bin/python tests/core/agreement/pygamma/make_reference.py

Cases: the continuum of pygamma-agreement's quickstart (its documentation), the example
files of its own tests (MIT licence; their units are copied into the cases), and random
continua drawn here with numpy (fixed seeds). For each: the units, pygamma's observed
disorder and its best alignment (unitary alignments as lists of units, None for an
annotator's empty unit); for some, ``compute_gamma`` with the default sampler after
``np.random.seed``: γ, the expected disorder and every random continuum's disorder.
pygamma-agreement computes dissimilarities in float32, so its disorders differ from exact
ones in the seventh digit; the tests compare against its alignment, rescored exactly.
"""

from __future__ import annotations

import csv
import json
import logging
import sys
import urllib.request
from pathlib import Path

import numpy as np
from pyannote.core import Segment
from pygamma_agreement import CombinedCategoricalDissimilarity, Continuum

OUT = Path(__file__).with_name("reference.json")
RAW = "https://raw.githubusercontent.com/bootphon/pygamma-agreement/44587ef/tests/data/"
EXAMPLES = ("AlexPaulSuzan.csv", "annotation_paul_suzann_alex.csv", "example_figure10.csv",
            "example_figure19.csv", "null_disorder.csv", "3by100.csv")
QUICKSTART = [
    ("Annotator1", 2.5, 4.3, "Maureen"), ("Annotator1", 4.6, 7.4, "Marvin"),
    ("Annotator1", 8.2, 11.4, "Marvin"), ("Annotator1", 13.5, 16.0, "Robin"),
    ("Annotator2", 2.3, 4.5, "Maureen"), ("Annotator2", 4.3, 7.2, "Marvin"),
    ("Annotator2", 7.9, 11.2, "Robin"), ("Annotator2", 13.0, 16.1, "Maureen"),
    ("Annotator3", 2.5, 4.3, "Maureen"), ("Annotator3", 4.6, 11.5, "Marvin"),
    ("Annotator3", 13.1, 17.1, "Robin"),
]
GAMMA_SAMPLES = 60


def example(name: str, folder: Path | None) -> list[tuple]:
    if folder is not None:
        text = (folder / name).read_text()
    else:
        text = urllib.request.urlopen(RAW + name).read().decode()
    return [(r[0], float(r[2]), float(r[3]), r[1]) for r in csv.reader(text.splitlines())]


def random_units(rng: np.random.Generator) -> list[tuple]:
    annotators = int(rng.integers(2, 5))
    per = int(rng.integers(2, 8 if annotators > 3 else 12))
    truth = np.cumsum(rng.integers(0, 15, per))
    length = rng.integers(1, 12, per)
    units = []
    for a in range(annotators):
        for s, n in zip(truth, length, strict=True):
            if rng.random() < 0.2:
                continue
            start = int(s + rng.integers(-3, 4))
            end = max(start + 1, int(s + n + rng.integers(-3, 4)))
            units.append((f"a{a}", float(start), float(end), f"c{int(rng.integers(0, 3))}"))
    return units or [("a0", 0.0, 1.0, "c0"), ("a1", 0.0, 2.0, "c0")]


def continuum(units: list[tuple]) -> Continuum:
    c = Continuum()
    for annotator, start, end, category in units:
        c.add(annotator, Segment(start, end), category)
    return c


def solve(units: list[tuple], gamma_seed: int | None) -> dict:
    c = continuum(units)
    dissim = CombinedCategoricalDissimilarity()
    best = c.get_best_alignment(dissim)
    out = {
        "units": [list(u) for u in units],
        "annotators": list(c.annotators),
        "observed_disorder": float(best.disorder),
        "alignment": [[None if unit is None else
                       [annotator, unit.segment.start, unit.segment.end, unit.annotation]
                       for annotator, unit in ua.n_tuple] for ua in best.unitary_alignments],
    }
    if gamma_seed is not None:
        np.random.seed(gamma_seed)
        result = c.compute_gamma(dissim, n_samples=GAMMA_SAMPLES)
        out["gamma"] = {"seed": gamma_seed, "gamma": float(result.gamma),
                        "observed_disorder": float(result.observed_disorder),
                        "expected_disorder": float(result.expected_disorder),
                        "chance_disorders": [float(a.disorder)
                                             for a in result.chance_alignments]}
    return out


def main() -> None:
    logging.disable(logging.WARNING)
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else None  # a checkout's tests/data
    cases = {"quickstart": solve(QUICKSTART, 4772)}
    for name in EXAMPLES:
        cases[name] = solve(example(name, folder), 4772 if name != "3by100.csv" else None)
    rng = np.random.default_rng(20260)
    for k in range(40):
        cases[f"random-{k}"] = solve(random_units(rng), 1000 + k if k < 6 else None)
    OUT.write_text(json.dumps({"pygamma_agreement": "0.5.9", "cases": cases}, indent=1) + "\n")
    print(f"wrote {OUT} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
