"""A suggester as a user would write one: every "sham" or "lifeline" is loaded language."""
import json
import re
import sys

for line in sys.stdin:
    doc = json.loads(line)
    if "id" not in doc:
        continue  # the codebook line
    spans = [{"start": m.start(), "end": m.end(), "label": "Loaded language", "score": 0.9}
             for m in re.finditer(r"\b(sham|lifeline)\b", doc["text"], re.IGNORECASE)]
    print(json.dumps({"id": doc["id"], "annotations": spans}))
