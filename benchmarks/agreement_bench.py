"""Benchmark of the agreement report on synthetic data.

5 annotators × 1,000 documents × 1,000 words (about 100,000 spans) by default; times the
full report without bootstrap and with the 1,000-draw bootstrap, prints a table and
writes benchmarks/out/agreement.json.

    .venv/bin/python benchmarks/agreement_bench.py [--docs N] [--words N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core.agreement import (  # noqa: E402
    AgreementReport,
    build_report,
    most_disagreed_spans,
)
from annotator.core.model import DONE, IN_PROGRESS, Document, DocumentRecord, Span  # noqa: E402

LABELS = (
    "Attribution", "Economic", "Exaggeration", "Loaded language", "Moral", "Name calling",
    "Political", "Security", "Slogan", "Word choice",
)  # fmt: skip


def synthetic_records(
    annotators: int = 5,
    documents: int = 1000,
    words: int = 1000,
    spans_per_doc: int = 20,
    seed: int = 7,
) -> list[DocumentRecord]:
    """Documents of random words; per document ``spans_per_doc`` "true" spans that each
    annotator keeps (80 %), moves by a word (15 %) or relabels (10 %), plus a few spans of
    their own. 3 % of (annotator, document) pairs are left out entirely and 2 % are done
    with no span, so missing data and "nothing here" both occur."""
    rng = np.random.default_rng(seed)
    vocab = [
        "".join(rng.choice(list("abcdefghijklmnopqrstuvwxyz"), size=n))
        for n in rng.integers(1, 11, size=4000)
    ]
    names = [f"annotator{i + 1}" for i in range(annotators)]
    records = []
    for d in range(documents):
        picked = rng.integers(0, len(vocab), size=words)
        tokens = [vocab[i] for i in picked]
        marks = rng.random(words)
        tokens = [
            t + ("," if r < 0.06 else "." if r < 0.1 else "")
            for t, r in zip(tokens, marks, strict=True)
        ]
        lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=words)
        starts = np.r_[0, np.cumsum(lengths + 1)[:-1]]
        ends = starts + lengths
        text = " ".join(tokens)
        first = rng.integers(0, words - 6, size=spans_per_doc)
        size = rng.integers(1, 6, size=spans_per_doc)
        true_labels = rng.integers(0, len(LABELS), size=spans_per_doc)
        spans: list[Span] = []
        status: dict[str, str] = {}
        for name in names:
            fate = rng.random()
            if fate < 0.03:
                continue
            if fate < 0.05:
                status[name] = DONE
                continue
            status[name] = DONE if rng.random() < 0.9 else IN_PROGRESS
            for f, s, lab in zip(first, size, true_labels, strict=True):
                if rng.random() > 0.8:
                    continue
                lo, hi = int(f), int(f + s)
                if rng.random() < 0.15:
                    hi = max(lo + 1, hi + int(rng.choice([-1, 1])))
                label = LABELS[lab] if rng.random() > 0.1 else LABELS[rng.integers(len(LABELS))]
                spans.append(Span(name, int(starts[lo]), int(ends[hi - 1]), label))
            for _ in range(int(rng.integers(2, 7))):
                lo = int(rng.integers(0, words - 4))
                hi = lo + int(rng.integers(1, 4))
                label = LABELS[rng.integers(len(LABELS))]
                spans.append(Span(name, int(starts[lo]), int(ends[hi - 1]), label))
        records.append(DocumentRecord(Document(f"doc{d:05d}", text), tuple(spans), status=status))
    return records


def _time(fn, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotators", type=int, default=5)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).parent / "out" / "agreement.json"
    )
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    records = synthetic_records(args.annotators, args.docs, args.words)
    made = time.perf_counter() - t0
    n_spans = sum(len(r.annotations) for r in records)

    plain, report = _time(lambda: build_report(records, bootstrap=0), args.repeat)
    boot, report_b = _time(lambda: build_report(records, bootstrap=args.draws), args.repeat)
    assert isinstance(report, AgreementReport) and isinstance(report_b, AgreementReport)
    spans_time, _ = _time(lambda: most_disagreed_spans(records), args.repeat)
    rows = [
        ("synthetic data (not timed in the report)", made),
        ("report, no bootstrap", plain),
        (f"report, {args.draws}-draw bootstrap", boot),
        ("bootstrap alone (difference)", boot - plain),
        ("most disagreed spans (for the HTML)", spans_time),
    ]
    print(
        f"{args.annotators} annotators × {args.docs} documents × {args.words} words: "
        f"{report.tokens:,} tokens, {n_spans:,} spans, {len(report.labels)} labels; "
        f"best of {args.repeat}"
    )
    width = max(len(r[0]) for r in rows)
    for name, seconds in rows:
        print(f"  {name:<{width}}  {seconds:8.3f} s")
    print(
        f"  overall alpha {report.overall.krippendorff_alpha:.4f}, "
        f"ci95 {report_b.overall.krippendorff_alpha_ci95}"
    )

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "benchmark": "agreement",
                "python": platform.python_version(),
                "machine": platform.machine(),
                "annotators": args.annotators,
                "documents": args.docs,
                "words": args.words,
                "tokens": report.tokens,
                "spans": n_spans,
                "draws": args.draws,
                "repeat": args.repeat,
                "seconds": {
                    "report_no_bootstrap": plain,
                    "report_with_bootstrap": boot,
                    "bootstrap": boot - plain,
                },
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
