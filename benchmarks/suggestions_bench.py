"""Suggestions cost what spans cost: opening a 1 MB document carrying 10,000 suggestions,
against opening the same kind of document carrying 10,000 spans, in the full main window,
offscreen, measured in the same run; and accepting one suggestion there.

    .venv/bin/python benchmarks/suggestions_bench.py

Prints the medians and the ratio (suggestions / spans; the aim is about 1 or less: the
suggestions are indexed like spans and painted only where they show), and writes
benchmarks/out/suggestions.json. Uses throwaway folders only.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(tempfile.mkdtemp(prefix="annotator-suggest-bench-"))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["ANNOTATOR_DATA_DIR"] = str(WORK / "data")
os.environ["XDG_CONFIG_HOME"] = str(WORK / "config")
sys.path.insert(0, str(ROOT))

from benchmarks.gui_bench import big_document, spans_for  # noqa: E402

RUNS = 7
ACCEPTS = 20


def build() -> Path:
    from annotator.services.importing import import_paths
    from annotator.services.project import init_project
    from annotator.services.suggest_sources import import_file

    rng = random.Random(3)
    path = WORK / "big.db"
    project = init_project(path)
    docs = WORK / "docs.jsonl"
    texts = [big_document(rng) for _ in range(2)]
    with open(docs, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "small", "text": "A short article."}) + "\n")
        fh.write(json.dumps({"id": "spans", "text": texts[0], "annotations": [
            {**s, "annotator": "bench"} for s in spans_for(rng, texts[0], 10_000)]}) + "\n")
        fh.write(json.dumps({"id": "suggested", "text": texts[1]}) + "\n")
    import_paths(project, [docs])
    suggested = WORK / "suggested.jsonl"
    with open(suggested, "w", encoding="utf-8") as fh:
        items = [{k: v for k, v in s.items() if k != "annotator"} | {"score": rng.random()}
                 for s in spans_for(rng, texts[1], 10_000)]
        fh.write(json.dumps({"id": "suggested", "annotations": items}) + "\n")
    import_file(project, suggested, "bench model")
    project.close()
    return path


def measure(path: Path) -> dict[str, list[float]]:
    from PySide6.QtWidgets import QApplication

    from annotator.gui.app import application, open_window
    from annotator.gui.settings import Settings
    from annotator.services.project import open_project

    app = application()
    project = open_project(path)
    window = open_window(project, Settings(WORK / "settings.ini"))
    window.set_identity("bench", "annotator")
    window.resize(1400, 900)
    window.show()
    session, view = window.session, window.text_view

    def painted() -> None:
        app.processEvents()
        view.viewport().repaint()

    def timed(action) -> float:
        t0 = time.perf_counter()
        action()
        painted()
        return (time.perf_counter() - t0) * 1000

    out: dict[str, list[float]] = {"spans": [], "suggestions": [], "accept": []}
    for _ in range(RUNS):
        for name, doc in (("spans", "spans"), ("suggestions", "suggested")):
            session.open("small")
            painted()
            out[name].append(timed(lambda d=doc: session.open(d)))
    assert len(window.suggestions) == 10_000 and len(session.doc.index) == 0
    window.suggestions.step(1)
    for _ in range(ACCEPTS):
        out["accept"].append(timed(window.suggestions.accept))
    assert len(session.doc.index) == ACCEPTS
    window.close()
    project.close()
    QApplication.processEvents()
    return out


def main() -> int:
    results = measure(build())
    med = {k: statistics.median(v) for k, v in results.items()}
    ratio = med["suggestions"] / med["spans"]
    print(f"{'open, 10,000 spans':<40} {med['spans']:8.1f} ms")
    print(f"{'open, 10,000 suggestions':<40} {med['suggestions']:8.1f} ms")
    print(f"{'ratio suggestions / spans':<40} {ratio:8.2f}")
    print(f"{'accept one of 10,000 (saved, repainted)':<40} {med['accept']:8.1f} ms")
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "suggestions.json").write_text(json.dumps(
        {"medians_ms": med, "ratio": ratio, "runs": results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
