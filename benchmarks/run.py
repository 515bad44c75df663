"""Every speed and memory figure users wait on, each with its floor measured in the same run.

    .venv/bin/python benchmarks/run.py [--size small|medium|large] [--json OUT] [--check]

Builds deterministic synthetic projects in a throwaway folder (synthetic.py), then
measures, as whole processes where users run whole processes (floors.py holds the minimal
programs figures are compared with) and inside a GUI child process for what happens in
the window (gui_child.py, offscreen). Prints one table of medians, ratios and budgets, and
writes JSON (default benchmarks/out/<size>.json). Exits 0 unless a measurement failed;
with --check, also 1 when a figure misses its budget.

Sizes: small is a smoke test (seconds; the timings mean nothing); medium is the issue's
corpus (1,000 documents, 100,000 spans; 1 MB documents with 10,000 spans); large adds the
scale project (10,000 documents, 1,000,000 spans), on which the scale figures are then
measured (at the smaller sizes they are measured on the largest corpus there is).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402
from measure import ROOT, Figure, annotator_command, median, run, table  # noqa: E402

PY = sys.executable
MB = 1024  # the scale budget: 1 GB

SIZES = {
    "small": {"docs": 30, "words": 300, "spans": 20, "big_chars": 60_000, "big_spans": 600,
              "occurrences": 60, "scale": None,
              "runs": {"help": 1, "bulk": 1, "start": 1, "open": 2, "switch": 2, "label": 3,
                       "occurrences": 1, "enter": 2, "review_switch": 2, "decision": 3,
                       "list": 2, "scroll": 3, "html": 1}},
    "medium": {"docs": 1000, "words": 1000, "spans": 100, "big_chars": 1_000_000,
               "big_spans": 10_000, "occurrences": 1000, "scale": None,
               "runs": {"help": 7, "bulk": 5, "start": 9, "open": 7, "switch": 9, "label": 20,
                        "occurrences": 3, "enter": 7, "review_switch": 7, "decision": 10,
                        "list": 5, "scroll": 10, "html": 3}},
}
SIZES["large"] = {**SIZES["medium"], "scale": {"docs": 10_000, "words": 1000, "spans": 100}}


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- the projects


class Bench:
    def __init__(self, size: str, work: Path, profile: Path | None = None):
        self.size = size
        self.profile = profile
        self.profiled = 0
        self.cfg = SIZES[size]
        self.runs = self.cfg["runs"]
        self.work = work
        self.env = dict(os.environ)
        for key, sub in (("ANNOTATOR_DATA_DIR", "data"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_DATA_HOME", "share"), ("XDG_STATE_HOME", "state")):
            self.env[key] = str(work / sub)
        self.env["QT_QPA_PLATFORM"] = "offscreen"
        self.env["PYTHONDONTWRITEBYTECODE"] = "1"
        if profile:
            self.env["BENCH_PROFILE"] = str(profile)
        os.environ.update(self.env)  # the projects are built in this process
        self.ann = annotator_command()
        self.figures: dict[str, Figure] = {}
        self.corpora: dict[str, dict] = {}

    def add(self, figure: Figure) -> Figure:
        self.figures[figure.key] = figure
        return figure

    def build(self) -> None:
        from annotator.services.annotate import add_annotator
        from annotator.services.importing import import_paths
        from annotator.services.project import SEEDS, init_project
        from annotator.services.reading import documents
        from annotator.services.sample_project import open_default_project

        say("building the projects")
        with open_default_project() as sample:
            self.seed_ids = [d.id for d in documents(sample, None)]
            self.sample_db = str(sample.target)
            # the person remembered has worked in it: the start writes nothing
            add_annotator(sample, "annotator1")
        self._remember(self.sample_db, self.seed_ids[2])
        with init_project(self.work / "empty.db"):
            pass
        c = self.cfg
        self.corpus_file = self._corpus("corpus", c["docs"], c["words"], c["spans"])
        self.work_db = self.work / "work.db"
        rng = random.Random(3)
        lines = []
        for k in range(2):
            text, bounds = synthetic.big_document(rng, c["big_chars"],
                                                  c["occurrences"] if k == 0 else 0)
            lines.append({"id": f"work{k}", "title": f"A 1 MB article ({k + 1})", "text": text,
                          "source": synthetic.SOURCES[k],
                          "annotations": synthetic.layer_spans(rng, text, bounds,
                                                               c["big_spans"], "annotator1")})
        for k in range(2):
            text, bounds = synthetic.big_document(rng, c["big_chars"])
            spans, gold = synthetic.review_spans(rng, text, bounds, c["big_spans"])
            lines.append({"id": f"review{k}", "title": f"A 1 MB article to adjudicate ({k + 1})",
                          "text": text, "source": synthetic.SOURCES[k + 2],
                          "annotations": spans, "gold": gold})
        big = synthetic.write_jsonl(self.work / "big.jsonl", lines)
        with init_project(self.work_db) as project:
            import_paths(project, [SEEDS, big])
        self.corpora["big documents"] = {
            "documents": len(lines), "characters": [len(x["text"]) for x in lines],
            "spans": [len(x["annotations"]) for x in lines],
            "phrase": synthetic.PHRASE, "occurrences": c["occurrences"]}

    def _corpus(self, name: str, docs: int, words: int, spans: int) -> Path:
        lines = synthetic.corpus_lines(docs, words, spans, prefix=f"{name[0]}")
        path = synthetic.write_jsonl(self.work / f"{name}.jsonl", lines)
        self.corpora[name] = {
            "documents": docs, "spans": sum(len(x["annotations"]) for x in lines),
            "gold_spans": sum(len(x.get("gold", ())) for x in lines),
            "doc_labels": sum(len(x["doc_labels"]) for x in lines),
            "annotators": len(synthetic.ANNOTATORS), "sources": len(synthetic.SOURCES),
            "megabytes": round(path.stat().st_size / 2**20, 1)}
        return path

    def _remember(self, db: str, doc_id: str) -> None:
        """What `annotator gui` finds on start: who you are and the last document."""
        from annotator.gui.settings import Settings

        settings = Settings()
        settings.set_identity("annotator1", "annotator")
        settings.set_last_document(str(db), doc_id)
        settings.sync()

    # ---------------------------------------------------------------- processes

    def profiled_python(self, name: str) -> list[str]:
        """The interpreter, under cProfile into the profile folder when profiling."""
        if not self.profile:
            return [PY]
        self.profiled += 1
        return [PY, "-m", "cProfile", "-o", str(self.profile / f"{name}-{self.profiled:02d}.prof")]

    def cli(self, *args: str, **kw):
        if self.profile:
            python = self.profiled_python(f"cli-{args[0].lstrip('-')}")
            return run([*python, "-m", "annotator", *args], self.env, **kw)
        return run([*self.ann, *args], self.env, **kw)

    def paired(self, runs: int, floor, real) -> tuple[list, list]:
        """Run a floor and a figure `runs` times each, alternating which goes first so
        that both see the same load."""
        return self.rotated(runs, floor, real)

    @staticmethod
    def rotated(runs: int, *programs) -> tuple[list, ...]:
        """Run each program `runs` times, one of each per round, each round starting with
        the next one, so that all see the same load."""
        results: tuple[list, ...] = tuple([] for _ in programs)
        n = len(programs)
        for k in range(runs):
            for j in range(n):
                i = (j + k) % n
                results[i].append(programs[i]())
        return results

    def figure(self, key: str, what: str, floors: list, reals: list, budget: float,
               floor_what: str, floor_plus: float = 0.0) -> Figure:
        """A process figure against its floor; CPU seconds ride along, since on a busy
        machine they move less than the wall clock."""
        cpu, floor_cpu = [r.cpu for r in reals], [r.cpu for r in floors]
        extra = {"peak_mb": [r.peak_mb for r in reals], "cpu_s": cpu, "floor_cpu_s": floor_cpu,
                 "cpu_ratio": median(cpu) / (median(floor_cpu) + floor_plus)}
        return self.add(Figure(key, what, "s", [r.seconds for r in reals], budget, floor_what,
                               [r.seconds for r in floors], floor_plus=floor_plus,
                               extra=extra))

    def help(self) -> None:
        say("annotator --help")
        floors, reals = self.paired(self.runs["help"],
                                    lambda: run([PY, "-c", "import argparse"], self.env),
                                    lambda: self.cli("--help"))
        self.figure("cli.help", "`annotator --help`", floors, reals, 1.5,
                    '`python -c "import argparse"` + 0.1 s', floor_plus=0.1)

    def bulk(self, name: str, source: Path, runs: int, key: str) -> dict:
        """Import then export a corpus, each run against its floor; returns the project
        and the peak memory of the real commands."""
        say(f"import and export of {name} ({runs} runs)")
        db = self.work / f"{name}.db"
        floor_db = self.work / f"{name}-floor.db"

        def fresh(path: Path) -> None:
            for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                p.unlink(missing_ok=True)

        def real_import():
            fresh(db)
            shutil.copy(self.work / "empty.db", db)
            return self.cli("import", str(db), str(source))

        def floor_import():
            fresh(floor_db)
            return run([PY, str(HERE / "floors.py"), "import", str(source), str(floor_db)],
                       self.env)

        out = self.work / f"{name}-export.jsonl"
        imp_floor, imp = self.paired(runs, floor_import, real_import)
        exp_floor, exp = self.paired(
            runs, lambda: run([PY, str(HERE / "floors.py"), "export", str(floor_db),
                               str(self.work / f"{name}-floor.jsonl")], self.env),
            lambda: self.cli("export", str(db), "--format", "jsonl", "-o", str(out)))
        with open(out, encoding="utf-8") as fh:
            lines = sum(1 for _ in fh)
        docs, spans = self.corpora[name]["documents"], self.corpora[name]["spans"]
        if lines < docs:
            raise SystemExit(f"the export of {name} has {lines} lines for {docs} documents")
        what = f"{docs:,} documents × {spans:,} spans (JSONL)"
        self.figure(f"{key}.import", f"import {what}", imp_floor, imp, 3.0,
                    "json.loads + sqlite3.executemany, one transaction")
        self.figure(f"{key}.export", f"export {what}", exp_floor, exp, 3.0,
                    "sqlite3 select + json.dumps + write")
        return {"db": db, "peaks": {"import": [r.peak_mb for r in imp],
                                    "export": [r.peak_mb for r in exp]}}

    def reports(self, name: str, db: Path, key: str) -> dict:
        """The agreement report (HTML, with the default bootstrap) and the automatic
        adjudication, as commands: time and peak memory."""
        say(f"annotator agreement and adjudicate on {name}")
        r = self.cli("agreement", str(db), "-o", str(self.work / f"{name}-agreement.html"))
        copy = self.work / f"{name}-adjudicated.db"
        shutil.copy(db, copy)
        a = self.cli("adjudicate", str(copy), "--auto", "majority", "--reviewer", "rev")
        if "Accepted" not in a.stdout:
            raise SystemExit(f"adjudicate said: {a.stdout[-500:]}")
        size = self.corpora[name]
        what = f"{size['documents']:,} documents, {size['spans']:,} spans"
        self.add(Figure(f"{key}.agreement", f"`annotator agreement -o x.html` ({what})", "s",
                        [r.seconds], extra={"cpu_s": [r.cpu], "peak_mb": [r.peak_mb]}))
        self.add(Figure(f"{key}.adjudicate", f"`annotator adjudicate --auto majority` "
                        f"({what})", "s", [a.seconds],
                        extra={"cpu_s": [a.cpu], "peak_mb": [a.peak_mb]}))
        return {"agreement": r.peak_mb, "adjudicate": a.peak_mb}

    def start(self) -> None:
        say(f"start and quit ({self.runs['start']} runs)")
        loaded = []
        warm = 1 if self.runs["start"] > 1 else 0  # a first run of each warms the disk cache

        def window(argv: list[str]) -> dict:
            r = run(argv, self.env, marks=("READY", "ATTACHED", "QUIT"), timeout=300)
            if "READY" not in r.marks:
                raise SystemExit(f"the window did not come up: {r.stdout}{r.stderr}")
            said = dict(x.split(" ", 1) for x in r.stdout.splitlines() if " " in x)
            if "LOADED" in said:
                loaded.append(json.loads(said["LOADED"]))
            return {"ready": r.marks["READY"], "quit": r.marks["exit"] - r.marks["QUIT"],
                    "attached": r.marks.get("ATTACHED"), "cpu": float(said["CPU"])}

        bare, app, bare_sql = self.rotated(
            self.runs["start"] + warm,
            lambda: window([PY, str(HERE / "floors.py"), "window"]),
            lambda: window(self.profiled_python("start")
                           + [str(HERE / "gui_child.py"), "start"]),
            lambda: window([PY, str(HERE / "floors.py"), "window-sqlalchemy"]))
        bare, app, bare_sql = bare[warm:], app[warm:], bare_sql[warm:]

        def cpu(floor: list) -> dict:
            out = {"cpu_s": [x["cpu"] for x in app], "floor_cpu_s": [x["cpu"] for x in floor]}
            out["cpu_ratio"] = median(out["cpu_s"]) / median(out["floor_cpu_s"])
            return out

        what = "start to a usable main window (sample project, document painted)"
        self.add(Figure("start.window", what, "s", [x["ready"] for x in app], 2.0,
                        "a bare PySide6 window (QMainWindow + QPlainTextEdit), painted",
                        [x["ready"] for x in bare], extra=cpu(bare)))
        # The same start beside a floor that also imports the database library: the
        # part of the gap that is SQLAlchemy's import, which no change to the app's own
        # start removes short of keeping the store off the path to the first paint.
        self.add(Figure("start.window_sqlalchemy", f"{what}, beside a bare window + "
                        "`import sqlalchemy`", "s", [x["ready"] for x in app], None,
                        "the bare window after `import sqlalchemy`",
                        [x["ready"] for x in bare_sql], extra=cpu(bare_sql)))
        # The window paints from the start's first look; the store opens right after.
        self.add(Figure("start.attached", "start to the store attached (the window takes "
                        "input)", "s", [x["attached"] for x in app], None,
                        "a bare PySide6 window (QMainWindow + QPlainTextEdit), painted",
                        [x["ready"] for x in bare]))
        self.add(Figure("start.quit", "quit (window closed to process ended)", "s",
                        [x["quit"] for x in app], 0.5,
                        extra={"bare_window_quit_s": [x["quit"] for x in bare]}))
        self.add(Figure("start.lazy", "modules loaded at start that the first window does "
                        "not need", "modules", [len(x) for x in loaded], 0,
                        note=", ".join(loaded[-1]), extra={"loaded": loaded[-1]}))

    def child(self, task: str, cfg: dict) -> dict:
        cfg_path = self.work / f"{task}.json"
        out_path = self.work / f"{task}-out.json"
        cfg_path.write_text(json.dumps(cfg), encoding="utf-8")
        r = run([PY, str(HERE / "gui_child.py"), task, str(cfg_path), str(out_path)],
                self.env, timeout=7200)
        got = json.loads(out_path.read_text(encoding="utf-8"))
        got["process_peak_mb"] = r.peak_mb
        return got

    def gui(self, got: dict, key: str, what: str, budget: float | None = None, *,
            name: str | None = None, unit: str = "ms", **kw) -> Figure:
        """A figure measured in a GUI child: wall-clock samples, with the child's CPU
        time for the same actions beside them."""
        name = name or key
        scale = 1000 if unit == "s" else 1
        cpu = got["cpu"].get(name, [])
        extra = {**kw.pop("extra", {}), "cpu_ms": cpu, "cpu_ms_median": median(cpu)}
        return self.add(Figure(key, what, unit, [x / scale for x in got["samples"][name]],
                               budget, extra=extra, **kw))

    def gui_work(self) -> None:
        say("the window on 1 MB documents: workbench, label every occurrence, reviewer mode")
        got = self.child("work", {
            "db": str(self.work_db), "settings": str(self.work / "work-settings.ini"),
            "annotator": "annotator1", "reviewer": "rev", "small_doc": self.seed_ids[0],
            "work_docs": ["work0", "work1"], "occ_doc": "work0",
            "review_docs": ["review0", "review1"], "phrase": synthetic.PHRASE,
            "occurrences": self.cfg["occurrences"], "runs": self.runs})
        c = self.cfg
        doc = f"a {c['big_chars'] / 1e6:g} MB document with {c['big_spans']:,} spans"
        first = got["samples"]["review.enter_first_in_process"][0]
        self.gui(got, "workbench.open", f"workbench: open {doc}, painted", 150)
        self.gui(got, "workbench.label", "workbench: apply a label there (saved, repainted)", 16)
        self.gui(got, "workbench.switch_new", "workbench: switch to such a document not "
                 "shown before in the window, painted", 150)
        self.gui(got, "workbench.switch", "workbench: switch between two such documents "
                 "(back to one shown before), painted", 100)
        self.gui(got, "review.enter", f"reviewer mode: enter on {doc} (from 5 annotators), "
                 "painted", 150, note="a new window each run; the process's first entry "
                 f"(importing the view) took {first:.0f} ms", extra={"first_in_process_ms": first})
        self.gui(got, "review.enter_again", "reviewer mode: enter again (view already built)",
                 150)
        self.gui(got, "review.enter_idle", "  … enter in a window gone idle after its first "
                 "paint (view built), to the first paint showing it, watched from the start")
        self.gui(got, "review.switch_new", "reviewer mode: switch to such a document not "
                 "shown before in the window, painted", 150)
        self.gui(got, "review.switch_new_watched", "  … the same, to the first paint showing "
                 "it, watched from the start")
        self.gui(got, "review.switch", "reviewer mode: switch between two such documents "
                 "(back to one shown before), painted", 150)
        self.gui(got, "review.decision_first", "reviewer mode: the first decision (accept) "
                 "in reviewer mode, painted", 150)
        self.gui(got, "review.decision", "reviewer mode: each decision after it, painted", 150)
        n = got["occurrences.matches"][0]
        self.gui(got, "occurrences.total", f"label every occurrence ({n:,} matches): find + "
                 "apply, painted", 500, extra={"matches": got["occurrences.matches"]})
        self.gui(got, "occurrences.find", "  … find them (the dialog listing them, painted)")
        self.gui(got, "occurrences.apply", "  … apply (saved, the text repainted)")
        self.extra_work = {"forced_repaints": got["forced_repaints"], "rss_mb": got["rss_mb"],
                           "process_peak_mb": got["process_peak_mb"]}

    def gui_corpus(self, name: str, db: Path, agreement_html: bool) -> dict:
        say(f"the window on {name}" + (" and its agreement report" if agreement_html else ""))
        return self.child("corpus", {
            "db": str(db), "settings": str(self.work / f"{name}-settings.ini"),
            "annotator": "annotator1", "reviewer": "rev", "agreement_html": agreement_html,
            "html": str(self.work / f"{name}-app-agreement.html"), "runs": self.runs})

    # ---------------------------------------------------------------- everything

    def measure(self, only: set[str] | None = None) -> None:
        """Every figure, or only the groups named (GROUPS) when measuring one change."""
        def wanted(group: str) -> bool:
            return not only or group in only

        self.build()
        if wanted("help"):
            self.help()
        if only and not only & {"bulk", "reports", "corpus"}:
            if wanted("start"):
                self.start()
            if wanted("work"):
                self.gui_work()
            return
        corpus = self.bulk("corpus", self.corpus_file, self.runs["bulk"], "bulk")
        if not only or only & {"reports", "corpus"}:
            peaks = self.reports("corpus", corpus["db"], "corpus")
        if wanted("start"):
            self.start()
        if wanted("work"):
            self.gui_work()
        if not wanted("corpus"):
            return
        got = self.gui_corpus("corpus", corpus["db"], True)
        size = self.corpora["corpus"]
        self.gui(got, "agreement.app_html", "agreement report saved as HTML from the app "
                 f"({size['spans']:,} spans)", 2.0, unit="s")
        self.add(Figure("agreement.app_compute", "  … computing it in the app first "
                        "(1,000-draw bootstrap)", "s", [got["agreement.app_compute"] / 1000]))
        self.add(Figure("memory.gui_corpus", f"GUI resident memory, the {size['spans']:,}-span "
                        "project open (peak)", "MB", [got["corpus.rss_open_mb"]["peak"]], 300,
                        extra={"now_mb": got["corpus.rss_open_mb"]["now"],
                               "after_agreement_mb": got["corpus.rss_end_mb"]}))
        scale_name = "corpus"
        if self.cfg["scale"]:
            s = self.cfg["scale"]
            say(f"building the scale corpus ({s['docs']:,} documents)")
            source = self._corpus("scale", s["docs"], s["words"], s["spans"])
            scaled = self.bulk("scale", source, 1, "scale")
            peaks = self.reports("scale", scaled["db"], "scale")
            got = self.gui_corpus("scale", scaled["db"], False)
            corpus, scale_name = scaled, "scale"
        self._scale(scale_name, corpus["peaks"], peaks, got)

    def _scale(self, name: str, bulk_peaks: dict, report_peaks: dict, got: dict) -> None:
        size = self.corpora[name]
        at = f"{size['documents']:,} documents, {size['spans']:,} spans"
        note = "" if name == "scale" else "measured on the largest corpus of this size"
        for key, what, value in (
                ("import", "import", max(bulk_peaks["import"])),
                ("export", "export", max(bulk_peaks["export"])),
                ("agreement", "agreement report (HTML)", report_peaks["agreement"]),
                ("adjudicate", "automatic adjudication", report_peaks["adjudicate"])):
            self.add(Figure(f"scale.{key}_rss", f"scale ({at}): {what}, peak memory", "MB",
                            [value], MB, note=note))
        self.gui(got, "scale.list_open", f"scale: the document list read and shown "
                 f"({got['corpus.rows']:,} rows), painted", 300, name="corpus.list_refresh",
                 note=note)
        self.gui(got, "scale.list_scroll", "scale: the document list scrolled, painted", 16,
                 name="corpus.list_scroll", note=note)
        self.add(Figure("scale.window_open", "scale: the project opened in a window "
                        "(list painted, a document open)", "ms", [got["corpus.window_open"]],
                        note=note))
        self.add(Figure("scale.gui_rss", "scale: GUI resident memory with it open (peak)",
                        "MB", [got["corpus.rss_open_mb"]["peak"]], 500, note=note))


# ---------------------------------------------------------------- the machine


def machine() -> dict:
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            model = next((x.split(":", 1)[1].strip() for x in fh
                          if x.startswith("model name")), "")
    except OSError:
        pass
    versions = {}
    for name in ("PySide6", "sqlalchemy", "numpy"):
        try:
            versions[name] = __import__(name).__version__
        except ImportError:
            versions[name] = None
    import sqlite3

    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, **versions, "platform": "offscreen",
            "commit": commit}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=list(SIZES), default="medium")
    parser.add_argument("--json", metavar="OUT", type=Path,
                        help="where to write the figures (default benchmarks/out/SIZE.json)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a figure misses its budget")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway folder")
    parser.add_argument("--profile", metavar="DIR", type=Path,
                        help="also profile (cProfile): each command and each GUI figure's "
                             "actions, into DIR/*.prof; the timings are then inflated")
    parser.add_argument("--only", metavar="GROUPS",
                        help="measure only these groups, comma-separated: "
                             + ", ".join(GROUPS) + " (the projects are built all the same)")
    args = parser.parse_args(argv)
    if args.only and not set(args.only.split(",")) <= set(GROUPS):
        parser.error(f"--only takes {', '.join(GROUPS)}")
    started = time.monotonic()
    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix=f"annotator-bench-{args.size}-"))
    try:
        if args.profile:
            args.profile = args.profile.resolve()
            args.profile.mkdir(parents=True, exist_ok=True)
        bench = Bench(args.size, work, args.profile)
        bench.measure(set(args.only.split(",")) if args.only else None)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            say(f"kept {work}")
    load_after = os.getloadavg()
    figures = list(bench.figures.values())
    print(table(figures))
    if args.profile:
        print(f"\nprofiled into {args.profile}: the timings above are inflated by cProfile")
    info = machine()
    print(f"\n{args.size}: {info['nproc']} CPUs ({info['cpu']}), load average "
          f"{load_before[0]:.1f} before, {load_after[0]:.1f} after; "
          f"{time.monotonic() - started:.0f} s in all")
    report = {"size": args.size, "date": datetime.datetime.now().isoformat(timespec="seconds"),
              "machine": {**info, "load_before": load_before, "load_after": load_after},
              "seconds": round(time.monotonic() - started, 1),
              "corpora": bench.corpora, "gui_work": getattr(bench, "extra_work", {}),
              "figures": {f.key: f.as_json() for f in figures}}
    out = args.json or HERE / "out" / f"{args.size}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written: {out}")
    missed = [f.key for f in figures if f.ok is False]
    return 1 if args.check and missed else 0


# corpus = the window on the corpus, its agreement HTML and the scale figures
GROUPS = ("help", "bulk", "reports", "start", "work", "corpus")

FIGURES = (
    "cli.help", "bulk.import", "bulk.export", "corpus.agreement", "corpus.adjudicate",
    "start.window", "start.window_sqlalchemy", "start.attached", "start.quit", "start.lazy",
    "workbench.open", "workbench.label", "workbench.switch_new", "workbench.switch", "review.enter",
    "review.enter_again", "review.enter_idle", "review.switch_new", "review.switch_new_watched",
    "review.switch",
    "review.decision_first", "review.decision", "occurrences.total", "occurrences.find",
    "occurrences.apply",
    "agreement.app_html", "agreement.app_compute", "memory.gui_corpus", "scale.import_rss",
    "scale.export_rss", "scale.agreement_rss", "scale.adjudicate_rss", "scale.list_open",
    "scale.list_scroll", "scale.window_open", "scale.gui_rss",
)  # every size measures these (large adds scale.import/export/agreement/adjudicate times)


if __name__ == "__main__":
    sys.exit(main())
