"""A synthetic corpus shaped like the issues' figures: several annotators, many documents,
about 1,000 words each, spans placed on word boundaries with partial agreement."""

from __future__ import annotations

import random

WORDS = ["the", "president", "election", "sham", "vote", "regime", "government", "china",
         "russia", "war", "sanctions", "lifeline", "crushing", "summit", "partnership",
         "western", "isolation", "pressure", "according", "to", "critics", "say", "analysts",
         "beijing", "moscow", "visit", "state", "trip", "support", "economy"]
LABELS = ["Word choice", "Loaded language", "Informational bias", "Attribution", "Economic",
          "Political", "Security and defense", "External regulation and reputation"]


def document_text(rng: random.Random, words: int) -> tuple[str, list[tuple[int, int]]]:
    parts, bounds, pos = [], [], 0
    for i in range(words):
        w = rng.choice(WORDS)
        parts.append(w)
        bounds.append((pos, pos + len(w)))
        pos += len(w)
        sep = ".\n" if i % 25 == 24 else " "
        parts.append(sep)
        pos += len(sep)
    return "".join(parts), bounds


def corpus_lines(documents: int, words: int, annotators: int, spans_per_doc: int,
                 seed: int = 7) -> list[dict]:
    """Interchange document dicts; each annotator marks ~spans_per_doc/annotators spans,
    most of them shared with the others (with some boundary and label noise)."""
    rng = random.Random(seed)
    names = [f"annotator{k + 1}" for k in range(annotators)]
    out = []
    per = max(1, spans_per_doc // annotators)
    for d in range(documents):
        text, bounds = document_text(rng, words)
        anns = []
        places = [rng.randrange(0, len(bounds) - 4) for _ in range(per)]
        for name in names:
            seen = set()
            for p in places:
                i = p + (rng.random() < 0.15)
                j = min(len(bounds) - 1, i + rng.randrange(0, 3))
                label = LABELS[p % len(LABELS)] if rng.random() > 0.1 else rng.choice(LABELS)
                key = (bounds[i][0], bounds[j][1], label)
                if key in seen:
                    continue
                seen.add(key)
                anns.append({"annotator": name, "start": key[0], "end": key[1],
                             "label": label})
        out.append({"id": f"doc{d:05d}", "text": text, "source": f"outlet{d % 7}",
                    "annotations": anns, "status": {n: "done" for n in names}})
    return out
