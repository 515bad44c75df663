"""Hostile and very large inputs through `annotator import`, each in a child process with
bounded memory and time: the time, the peak memory (max RSS) and the outcome, and for
inputs given at two sizes the ratio of their times and memory (about 2 when the import is
linear in its input).

Run: .venv/bin/python benchmarks/hostile_inputs.py [--quick] [--only NAME]
Prints a table and writes benchmarks/out/hostile.json; exits 1 when a ratio shows worse
than linear growth (time ratio over 3 for twice the input) or a hostile input was not
refused. To measure another checkout's importer, run it with PYTHONPATH=that/checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
MEMORY_LIMIT = 8 * 1024**3  # address space of the child: the machine must survive a regression
TIMEOUT = 600.0

TYPESYSTEM = """<?xml version="1.0" encoding="UTF-8"?>
<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier"><types>
<typeDescription><name>webanno.custom.FramingSpan</name>
<supertypeName>uima.tcas.Annotation</supertypeName><features>
<featureDescription><name>label</name><rangeTypeName>uima.cas.String</rangeTypeName>
</featureDescription></features></typeDescription></types></typeSystemDescription>
"""
SENTENCE = "Putin won a sham election, observers said. "


def csv_header(tmp: Path, n: int) -> list[str]:
    path = tmp / "wide.csv"
    path.write_text(",".join(["text", *(f"c{i}" for i in range(n))]) + "\n"
                    + "A text." + "," * n + "\n", encoding="utf-8")
    return [str(path)]


def csv_rows(tmp: Path, mb: int) -> list[str]:
    path = tmp / "rows.csv"
    row = f'"{SENTENCE * 20}",Outlet\n'
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("text,source\n")
        fh.write(row * (mb * 1024 * 1024 // len(row)))
    return [str(path)]


def html_text(tmp: Path, mb: int) -> list[str]:
    path = tmp / "long.html"
    para = f"<p>{SENTENCE * 40}</p>\n"
    path.write_text("<html><body><article>" + para * (mb * 1024 * 1024 // len(para))
                    + "</article></body></html>", encoding="utf-8")
    return [str(path)]


def html_tags(tmp: Path, n: int) -> list[str]:
    path = tmp / "tags.html"
    path.write_text("<html><body>" + "<b></b>" * n + "</body></html>", encoding="utf-8")
    return [str(path)]


def html_text_tags(tmp: Path, n: int) -> list[str]:
    path = tmp / "paragraphs.html"
    path.write_text("<html><body><article>" + f"<p>{SENTENCE}</p>\n" * n
                    + "</article></body></html>", encoding="utf-8")
    return [str(path)]


def xmi_text(tmp: Path, mb: int) -> list[str]:
    folder = tmp / "xmi"
    folder.mkdir()
    (folder / "TypeSystem.xml").write_text(TYPESYSTEM, encoding="utf-8")
    text = SENTENCE * (mb * 1024 * 1024 // len(SENTENCE))
    (folder / "a.xmi").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" '
        'xmlns:cas="http:///uima/cas.ecore" xmi:version="2.0"><cas:NULL xmi:id="0"/>'
        f'<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="{text}"/>'
        '<cas:View sofa="1" members=""/></xmi:XMI>\n', encoding="utf-8")
    return [str(folder)]


def xmi_spans(tmp: Path, n: int) -> list[str]:
    folder = tmp / "xmi"
    folder.mkdir()
    (folder / "TypeSystem.xml").write_text(TYPESYSTEM, encoding="utf-8")
    step = len(SENTENCE)
    with open(folder / "a.xmi", "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<xmi:XMI '
                 'xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" '
                 'xmlns:custom="http:///webanno/custom.ecore" xmi:version="2.0">'
                 '<cas:NULL xmi:id="0"/>\n')
        for i in range(n):
            fh.write(f'<custom:FramingSpan xmi:id="{i + 2}" sofa="1" begin="{i * step + 6}" '
                     f'end="{i * step + 9}" label="Word choice"/>\n')
        fh.write(f'<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" '
                 f'sofaString="{SENTENCE * n}"/>\n<cas:View sofa="1" members="'
                 + " ".join(str(i + 2) for i in range(n)) + '"/></xmi:XMI>\n')
    return [str(folder)]


def jsonl_spans(tmp: Path, n: int) -> list[str]:
    path = tmp / "spans.jsonl"
    text = SENTENCE * n
    spans = [{"annotator": f"a{i % 5}", "start": (i // 5) * len(SENTENCE) + 6,
              "end": (i // 5) * len(SENTENCE) + 9 + i % 5, "label": "Word choice"}
             for i in range(5 * n)]
    path.write_text(json.dumps({"id": "big", "text": text, "annotations": spans}) + "\n",
                    encoding="utf-8")
    return [str(path)]


def jsonl_texts(tmp: Path, mb: int) -> list[str]:
    path = tmp / "texts.jsonl"
    body = SENTENCE * 100
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(mb * 1024 * 1024 // (len(body) + 30)):
            fh.write(json.dumps({"id": f"d{i}", "text": body}) + "\n")
    return [str(path)]


def label_studio_tasks(tmp: Path, n: int) -> list[str]:
    path = tmp / "tasks.json"
    task = {"data": {"text": SENTENCE}, "annotations": [{"result": [
        {"id": "r1", "type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 6, "end": 9, "labels": ["Word choice"]}}]}]}
    path.write_text("[\n" + ",\n".join(json.dumps({**task, "id": i}) for i in range(n))
                    + "\n]\n", encoding="utf-8")
    return [str(path)]


def fifo(tmp: Path, _: int) -> list[str]:
    os.mkfifo(tmp / "pipe.txt")
    return [str(tmp / "pipe.txt")]


def dev_zero_link(tmp: Path, _: int) -> list[str]:
    (tmp / "zero.jsonl").symlink_to("/dev/zero")
    return [str(tmp / "zero.jsonl")]


def dev_zero_from(tmp: Path, _: int) -> list[str]:
    return ["/dev/zero", "--from", "jsonl"]


# name -> (make, sizes, unit, refused: True when the import must be refused)
CASES = {
    "csv header (columns)": (csv_header, (100_000, 200_000), "columns", False),
    "csv rows (MB)": (csv_rows, (50, 100), "MB", False),
    "html text (MB)": (html_text, (1, 2), "MB", False),
    "html tag-only page (tags)": (html_tags, (40_000, 1_000_000), "tags", None),
    "html near the tag limit": (html_text_tags, (45_000,), "tags", False),
    "xmi text (MB)": (xmi_text, (10, 20), "MB", False),
    "xmi spans": (xmi_spans, (50_000, 100_000), "spans", False),
    "jsonl one document, spans": (jsonl_spans, (40_000, 80_000), "spans", False),
    "jsonl documents (MB)": (jsonl_texts, (50, 100), "MB", False),
    "label-studio tasks": (label_studio_tasks, (20_000, 40_000), "tasks", False),
    "FIFO": (fifo, (0,), "", True),
    "/dev/zero behind a link": (dev_zero_link, (0,), "", True),
    "--from jsonl /dev/zero": (dev_zero_from, (0,), "", True),
}
QUICK = {"csv rows (MB)": (5, 10), "xmi text (MB)": (2, 4), "jsonl documents (MB)": (5, 10),
         "xmi spans": (10_000, 20_000), "jsonl one document, spans": (10_000, 20_000),
         "label-studio tasks": (5_000, 10_000), "csv header (columns)": (20_000, 40_000),
         }


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_import(db: Path, args: list[str], env: dict) -> dict:
    """One `annotator import` in a child: wall time, its own CPU time and max RSS."""
    code = ("import resource, subprocess, sys, time\n"
            "t = time.perf_counter()\n"
            "p = subprocess.run([sys.executable, '-m', 'annotator', 'import', *sys.argv[1:]],"
            " capture_output=True, text=True, errors='replace')\n"
            "t = time.perf_counter() - t\n"
            "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "import json; print(json.dumps({'seconds': t, 'cpu': r.ru_utime + r.ru_stime,"
            " 'max_rss_mb': r.ru_maxrss / 1024, 'status': p.returncode,"
            " 'message': (p.stderr.strip().splitlines() or p.stdout.strip().splitlines()"
            " or [''])[-1][:200]}))\n")
    try:
        done = subprocess.run([sys.executable, "-c", code, str(db), *args], env=env,
                              capture_output=True, text=True, timeout=TIMEOUT,
                              preexec_fn=_bounded, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return {"seconds": TIMEOUT, "status": "timeout", "message": f"over {TIMEOUT:.0f} s"}
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"status": "crashed", "message": done.stderr.strip()[-200:]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--only", help="run the cases whose name holds this")
    args = parser.parse_args()
    results: dict[str, list[dict]] = {}
    bad = []
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "ANNOTATOR_DATA_DIR": f"{home}/data",
               "XDG_CONFIG_HOME": f"{home}/config", "XDG_STATE_HOME": f"{home}/state",
               # the very large inputs are over the default limits on purpose
               "ANNOTATOR_INPUT_LIMITS": "csv=4096,jsonl=4096,json=4096,xmi=4096,html=100"}
        template = Path(home) / "template.db"
        subprocess.run([sys.executable, "-m", "annotator", "init", str(template)], env=env,
                       check=True, capture_output=True)
        print(f"{'case':28} {'size':>10} {'file MB':>8} {'s':>7} {'CPU s':>7} {'RSS MB':>7}"
              "  outcome")
        for name, (make, sizes, unit, refused) in CASES.items():
            if args.only and args.only not in name:
                continue
            if args.quick and name in QUICK:
                sizes = QUICK[name]
            rows = []
            for size in sizes:
                with tempfile.TemporaryDirectory() as tmp:
                    tmp = Path(tmp)
                    given = make(tmp, size)
                    path = Path(given[0])
                    mb = (sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
                          if path.is_dir() else path.stat().st_size if path.is_file() else 0)
                    db = tmp / "p.db"
                    shutil.copy(template, db)
                    row = {"size": size, "unit": unit, "file_mb": mb / 1024**2,
                           **run_import(db, given, env)}
                rows.append(row)
                print(f"{name:28} {size:>10,} {row['file_mb']:>8.1f} "
                      f"{row.get('seconds', 0):>7.2f} {row.get('cpu', 0):>7.2f} "
                      f"{row.get('max_rss_mb', 0):>7.0f}  {row['status']}: "
                      f"{row['message'][:80]}")
                if refused is True and row["status"] != 2:
                    bad.append(f"{name}: not refused")
                if refused is False and row["status"] != 0:
                    bad.append(f"{name} {size}: {row['message']}")
            if len(rows) == 2 and refused is False and all(r["status"] == 0 for r in rows):
                ratio = rows[1]["cpu"] / max(rows[0]["cpu"], 1e-9)
                print(f"{'':28} twice the input: {ratio:.2f}× the CPU time")
                if ratio > 3:
                    bad.append(f"{name}: {ratio:.1f}× the time for twice the input")
            results[name] = rows
    OUT.mkdir(exist_ok=True)
    (OUT / "hostile.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    for line in bad:
        print("NOT OK:", line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
