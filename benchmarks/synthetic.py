"""Deterministic synthetic projects shaped like the issues' figures.

- `corpus_lines`: many articles from several outlets and events, five annotators whose
  spans mostly agree (with boundary and label noise, and overlapping spans of their own),
  document labels, statuses, and gold for some documents from a reviewer.
- `big_document` / `layer_spans` / `review_spans`: articles of about 1 MB carrying 10,000
  spans, for the views that must stay instant on them.

The words mix ASCII with accented Latin, Cyrillic, CJK and characters outside the BMP
(which Qt counts as two UTF-16 units), so offsets are exercised as users' texts do.
Everything is drawn from a seeded `random.Random`: the same arguments give the same bytes.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ANNOTATORS = tuple(f"annotator{k + 1}" for k in range(5))
REVIEWER = "rev"
SOURCES = ("Reuters", "Xinhua", "RT", "BBC", "Le Monde", "Der Spiegel", "NHK")
EVENTS = ("putin-china-2024", "g20-rio-2024", "un-vote-2024")
WORDS = (
    "the", "president", "election", "sham", "vote", "regime", "government", "china",
    "russia", "war", "sanctions", "lifeline", "crushing", "summit", "partnership",
    "western", "isolation", "pressure", "according", "to", "critics", "say", "analysts",
    "beijing", "moscow", "visit", "state", "trip", "support", "economy", "naïve",
    "Zürich", "Москва", "Кремль", "北京", "伙伴关系", "𝕏", "😀", "🇺🇦", "façade", "coöperation",
)  # fmt: skip
BIAS = ("Word choice", "Loaded language", "Informational bias", "Attribution")
FRAMES = ("Economic", "Political", "Security and defense", "External regulation and reputation",
          "Public opinion", "Morality")
LABELS = BIAS + FRAMES
TONES = ("negative", "neutral", "positive")
POLARITY = ("negative", "neutral", "positive")
# a phrase that occurs only where it is put (neither word is in WORDS)
PHRASE = "sham référendum"


def _text(rng: random.Random, words: int, paragraph: int = 25
          ) -> tuple[str, list[tuple[int, int]]]:
    """Words in sentences and paragraphs; returns the text and each word's (start, end)."""
    parts, bounds, pos = [], [], 0
    for i in range(words):
        w = rng.choice(WORDS)
        parts.append(w)
        bounds.append((pos, pos + len(w)))
        pos += len(w)
        sep = ".\n\n" if i % paragraph == paragraph - 1 else ", " if i % 9 == 8 else " "
        parts.append(sep)
        pos += len(sep)
    return "".join(parts), bounds


def _span(name: str, start: int, end: int, label: str, rng: random.Random) -> dict:
    span = {"annotator": name, "start": start, "end": end, "label": label}
    if label in BIAS and rng.random() < 0.5:
        span["attributes"] = {"polarity": rng.choice(POLARITY)}
    return span


def _mark(rng: random.Random, bounds: list[tuple[int, int]], places: list[int],
          names: tuple[str, ...], keep: float = 0.85) -> list[dict]:
    """Every annotator marks most of the shared places (sometimes a word longer or with
    another label), adds a few of their own, and now and then a wider frame span over a
    place they marked (overlapping their own span)."""
    out = []
    last = len(bounds) - 1
    for name in names:
        seen: set[tuple[int, int, str]] = set()

        def add(i: int, j: int, label: str, name=name, seen=seen) -> None:
            key = (bounds[i][0], bounds[min(j, last)][1], label)
            if key not in seen:
                seen.add(key)
                out.append(_span(name, *key, rng))

        for p in places:
            if rng.random() > keep:
                continue
            i = p + (rng.random() < 0.15)
            j = i + p % 3
            label = LABELS[p % len(LABELS)] if rng.random() > 0.1 else rng.choice(LABELS)
            add(i, j, label)
            if rng.random() < 0.2:
                add(max(0, i - 2), j + 3, rng.choice(FRAMES))
        for _ in range(2):
            i = rng.randrange(last)
            add(i, i + rng.randrange(3), rng.choice(LABELS))
    return out


def _gold(rng: random.Random, spans: list[dict], names: tuple[str, ...]) -> list[dict]:
    """The reviewer accepted what a majority marked."""
    votes: dict[tuple[int, int, str], list[str]] = {}
    for s in spans:
        votes.setdefault((s["start"], s["end"], s["label"]), []).append(s["annotator"])
    gold = []
    for (start, end, label), who in sorted(votes.items()):
        if len(who) * 2 > len(names):
            gold.append({"decided_by": REVIEWER, "start": start, "end": end, "label": label,
                         "sources": sorted(who)})
    return gold


def corpus_lines(documents: int, words: int = 1000, spans_per_doc: int = 100,
                 seed: int = 7, prefix: str = "doc") -> list[dict]:
    """Interchange document dicts: about `spans_per_doc` spans a document from the five
    annotators; every tenth document has gold from the reviewer."""
    rng = random.Random(seed)
    names = ANNOTATORS
    per = max(1, round(spans_per_doc / len(names) / 1.14))  # extras and wider frames
    out = []
    for d in range(documents):
        text, bounds = _text(rng, words)
        places = [rng.randrange(0, len(bounds) - 6) for _ in range(per)]
        spans = _mark(rng, bounds, places, names)
        line = {"id": f"{prefix}{d:05d}", "title": f"Article {d} {rng.choice(WORDS)}",
                "text": text, "source": SOURCES[d % len(SOURCES)],
                "event": EVENTS[d % len(EVENTS)], "annotations": spans}
        labels, status = [], {}
        for name in names:
            fate = rng.random()
            if fate < 0.03:
                continue  # never opened it
            status[name] = "done" if fate > 0.15 else "in_progress"
            labels.append({"annotator": name, "name": "primary_frame",
                           "value": rng.choice(FRAMES)})
            labels.append({"annotator": name, "name": "tone", "value": rng.choice(TONES)})
        line["doc_labels"] = labels
        line["status"] = status
        if d % 10 == 0:
            line["gold"] = _gold(rng, spans, names)
            line["gold_doc_labels"] = [{"decided_by": REVIEWER, "name": "tone",
                                        "value": rng.choice(TONES)}]
        out.append(line)
    return out


def write_jsonl(path: Path, lines) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    return path


# ---------------------------------------------------------------- big documents


def big_document(rng: random.Random, size: int, phrase_times: int = 0
                 ) -> tuple[str, list[tuple[int, int]]]:
    """About `size` characters of paragraphs (of 60 to 140 words); `PHRASE` stands in it
    exactly `phrase_times` times, spread evenly. Returns the text and its words' bounds
    (the phrase's words left out)."""
    words_needed = max(1, size // 7)
    every = words_needed // phrase_times if phrase_times else 0
    parts, bounds, pos, placed, n = [], [], 0, 0, 0
    while pos < size or placed < phrase_times:
        length = rng.randint(60, 140)
        for k in range(length):
            if every and placed < phrase_times and n % every == every // 2:
                parts.append(PHRASE + " ")
                pos += len(PHRASE) + 1
                placed += 1
            w = rng.choice(WORDS)
            parts.append(w)
            bounds.append((pos, pos + len(w)))
            pos += len(w)
            sep = ".\n\n" if k == length - 1 else " "
            parts.append(sep)
            pos += len(sep)
            n += 1
    return "".join(parts), bounds


def _same_paragraph(text: str, bounds, i: int, j: int) -> bool:
    return "\n" not in text[bounds[i][0]:bounds[j][1]]


def layer_spans(rng: random.Random, text: str, bounds, n: int, name: str) -> list[dict]:
    """n distinct spans of one annotator, a word to a few words long; some overlap."""
    out: dict[tuple, dict] = {}
    while len(out) < n:
        i = rng.randrange(len(bounds) - 8)
        j = i + rng.randint(0, 5)
        if not _same_paragraph(text, bounds, i, j) or PHRASE in text[bounds[i][0]:bounds[j][1]]:
            continue
        label = rng.choice(LABELS)
        key = (bounds[i][0], bounds[j][1], label)
        out.setdefault(key, _span(name, *key, rng))
    return list(out.values())


def review_spans(rng: random.Random, text: str, bounds, n: int) -> tuple[list[dict], list[dict]]:
    """About n spans from the five annotators over shared places (unanimous, majority and
    disputed candidates), and gold for a tenth of the places (some already decided)."""
    places = []
    per = max(1, round(n / len(ANNOTATORS) / 1.02))
    while len(places) < per:
        p = rng.randrange(len(bounds) - 8)
        if _same_paragraph(text, bounds, p, p + 7):
            places.append(p)
    spans = _mark(rng, bounds, places, ANNOTATORS)
    gold = _gold(rng, spans, ANNOTATORS)
    return spans, gold[::10]
