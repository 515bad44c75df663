"""Prints one good line, then fails."""
import json
import sys

first = [json.loads(line) for line in sys.stdin][1]
print(json.dumps({"id": first["id"], "annotations": [
    {"start": 0, "end": 1, "label": "Loaded language", "score": 1}]}), flush=True)
sys.exit("model weights not found")
