"""Prints one good line, then a span past the end of the text."""
import json
import sys

docs = [json.loads(line) for line in sys.stdin][1:]
print(json.dumps({"id": docs[0]["id"], "annotations": [
    {"start": 0, "end": 1, "label": "Loaded language", "score": 1}]}))
print(json.dumps({"id": docs[1]["id"], "annotations": [
    {"start": 0, "end": 10 ** 7, "label": "Loaded language", "score": 1}]}))
