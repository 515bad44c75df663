"""One of the writers of test_concurrent_writers, run as its own process:
    python concurrent_writer.py ROLE TARGET GO_FILE [FILE]
It waits until GO_FILE exists (so that all writers start together), does its work and
prints what it did as JSON."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    role, target, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    from annotator.services import adjudicate, annotate
    from annotator.services.importing import import_paths
    from annotator.services.project import open_project

    project = open_project(target)
    while not go.exists():
        time.sleep(0.01)
    out: dict = {}
    if role == "import":
        summary = import_paths(project, [sys.argv[4]], add_labels=True)
        out = {"spans": summary.added["spans"], "documents": summary.added["documents"]}
    elif role == "edit":
        docs = json.loads(sys.argv[4])
        added = 0
        for i in range(40):
            doc = docs[i % len(docs)]
            if annotate.add_span(project, "carol", doc, i, i + 3, "Word choice"):
                added += 1
            if i % 10 == 9:  # undo and redo in between
                annotate.undo(project, "carol")
                annotate.redo(project, "carol")
        annotate.set_status(project, "carol", docs[0], "done")
        out = {"spans": added}
    elif role == "adjudicate":
        accepted = 0
        for _ in range(4):
            accepted += adjudicate.auto(project, "dana", "unanimous").accepted
        out = {"accepted": accepted}
    project.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
