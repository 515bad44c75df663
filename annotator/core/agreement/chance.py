"""Random continua for γ's expected disorder, drawn as pygamma-agreement's default sampler
(``StatisticalContinuumSampler``) draws them.

From a reference continuum it takes the mean and standard deviation (numpy's, ddof 0) of
the number of units per annotator (annotators without units count), of the gaps (a 0, the
gap between consecutive units of one annotator in start order — negative where they
overlap — and each annotator's first start when above 0) and of the units' lengths, and
the share of each category among the units. A sample gives every annotator
``|trunc(N(mean, sd))|`` units (the first annotator at least one), each starting a
normally drawn gap after the previous one's end, with a length ``|N(mean, sd)|`` (drawn
again while under 10⁻⁶) and a category drawn by the shares.

Each reference continuum has a random stream of its own, seeded from the report's seed and
the continuum's name, so that its samples do not depend on which other continua are
measured (a label's γ is the same with or without the others). The stream gives first
the number of units of every annotator of every sample, then, sample by sample, the
gaps, the lengths (with their redraws) and the categories of its units.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

MIN_LENGTH = 1e-6  # pyannote.core's SEGMENT_PRECISION: shorter units are drawn again


@dataclass(frozen=True)
class Statistics:
    annotators: int
    units_mean: float
    units_sd: float
    gap_mean: float
    gap_sd: float
    length_mean: float
    length_sd: float
    shares: np.ndarray  # per category code 0 … k−1
    categories: np.ndarray  # the category codes the shares are of


def statistics(annotator: np.ndarray, start: np.ndarray, end: np.ndarray,
               category: np.ndarray, annotators: int) -> Statistics:
    """The sampler's statistics of one continuum (``annotator`` in 0 … ``annotators`` − 1)."""
    order = np.lexsort((category, end, start, annotator))
    a, s, e = annotator[order], start[order], end[order]
    same = a[1:] == a[:-1]
    firsts = s[np.r_[True, ~same]]
    gaps = np.concatenate([[0.0], (s[1:] - e[:-1])[same], firsts[firsts > 0]])
    counts = np.bincount(a, minlength=annotators)
    lengths = e - s
    codes, per = np.unique(category, return_counts=True)
    return Statistics(annotators, float(np.mean(counts)), float(np.std(counts)),
                      float(np.mean(gaps)), float(np.std(gaps)), float(np.mean(lengths)),
                      float(np.std(lengths)), per / per.sum(), codes)


def stream(seed: int, name: str) -> np.random.Generator:
    """The random stream of the continuum called ``name``."""
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=16).digest()
    words = np.frombuffer(digest, dtype=np.uint32)
    return np.random.default_rng(np.random.SeedSequence([seed, *(int(w) for w in words)]))


def samples(stats: Statistics, draws: int, rng: np.random.Generator
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``draws`` random continua: per unit its sample (0 … draws − 1), annotator, start,
    end and category, sorted by sample then annotator."""
    count = np.zeros((draws, stats.annotators), dtype=np.int64)
    for d in range(draws):
        drawn = rng.normal(stats.units_mean, stats.units_sd, size=stats.annotators)
        count[d] = np.abs(np.trunc(drawn)).astype(np.int64)
        count[d, 0] = max(1, count[d, 0])
    per_sample = count.sum(axis=1)
    sample = np.repeat(np.arange(draws), per_sample)
    annotator = np.repeat(np.tile(np.arange(stats.annotators), draws), count.ravel())
    parts = []
    for d in range(draws):
        n = int(per_sample[d])
        gap = rng.normal(stats.gap_mean, stats.gap_sd, size=n)
        length = np.abs(rng.normal(stats.length_mean, stats.length_sd, size=n))
        short = length < MIN_LENGTH
        while short.any():
            length[short] = np.abs(rng.normal(stats.length_mean, stats.length_sd,
                                              size=int(short.sum())))
            short = length < MIN_LENGTH
        cats = stats.categories[rng.choice(len(stats.shares), size=n, p=stats.shares)]
        parts.append((gap, length, cats))
    gap = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0)
    length = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0)
    category = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
    # Each annotator's units follow one another: end = Σ (gap + length) so far.
    run = np.cumsum(gap + length)
    group = sample * stats.annotators + annotator
    new = np.r_[True, group[1:] != group[:-1]] if len(group) else np.zeros(0, dtype=bool)
    base = np.r_[0.0, run][:-1][new]
    end = run - np.repeat(base, np.diff(np.r_[np.flatnonzero(new), len(group)]))
    return sample, annotator, end - length, end, category
