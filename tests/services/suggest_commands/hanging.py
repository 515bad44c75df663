"""Prints one good line, then never ends."""
import json
import sys
import time

first = [json.loads(line) for line in sys.stdin][1]
print(json.dumps({"id": first["id"], "annotations": [
    {"start": 0, "end": 1, "label": "Loaded language", "score": 1}]}), flush=True)
while True:
    time.sleep(1)
