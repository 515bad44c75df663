"""What the GUI figures run inside a child process (offscreen), driving the real window.

    python benchmarks/gui_child.py start
        `annotator gui` as users start it (the sample project, the identity and last
        document remembered); prints READY once the document is painted, then QUIT as it
        closes the window; the parent times both against the process's start and exit.
    python benchmarks/gui_child.py work CONFIG.json OUT.json
        on the project of 1 MB documents: the workbench (open, label, switch), label every
        occurrence, and reviewer mode (enter, switch, each decision).
    python benchmarks/gui_child.py corpus CONFIG.json OUT.json
        on a corpus project: the window opened on it, its document list (read again,
        scrolled), resident memory with it open, and (optionally) the agreement report
        computed in the app and saved as HTML.

"Painted" means the widget the user looks at received its Paint event after the action
(an event filter on its viewport, installed from here: the app is not changed to be
measured); should no paint be pending, the viewport is repainted on the spot.
"""

from __future__ import annotations

import json
import os
import sys
import time

# the heavy imports stay inside the functions: `start` times the app's own imports


def _rss_mb() -> dict[str, float]:
    """Resident memory now and at its peak so far (VmRSS, VmHWM), in MB."""
    out = {}
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024
    return {"now": out.get("VmRSS", 0.0), "peak": out.get("VmHWM", 0.0)}


# ---------------------------------------------------------------- painted


class Painter:
    """Times actions until a widget has painted their result; keeps each figure's
    samples (wall-clock and this process's CPU milliseconds) under its name. With
    BENCH_PROFILE=DIR in the environment, each figure's actions also run under cProfile,
    dumped to DIR/<figure>.prof (the timings are then inflated)."""

    def __init__(self, app):
        from PySide6.QtCore import QEvent, QObject

        class Watch(QObject):
            seen = False

            def eventFilter(self, obj, event):  # noqa: N802
                if event.type() == QEvent.Type.Paint:
                    self.seen = True
                return False

        self.app = app
        self.watch = Watch()
        self.forced = 0
        self.samples: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}
        self.profile_dir = os.environ.get("BENCH_PROFILE")
        self.profiles: dict = {}

    def settle(self, widget, limit: int = 200) -> None:
        """Deliver pending events until `widget` paints (or nothing more is pending)."""
        self.watch.seen = False
        widget.installEventFilter(self.watch)
        try:
            for _ in range(limit):
                self.app.processEvents()
                if self.watch.seen:
                    return
            self.forced += 1
            widget.repaint()
        finally:
            widget.removeEventFilter(self.watch)

    def ms(self, name: str | None, action, target) -> float:
        """Milliseconds from calling `action` to `target()` (looked up afterwards: the
        action may build it) having painted; kept under `name` unless None."""
        profile = None
        if self.profile_dir and name:
            import cProfile

            profile = self.profiles.setdefault(name, cProfile.Profile())
            profile.enable()
        c0, t0 = time.process_time(), time.perf_counter()
        action()
        self.settle(target())
        wall, cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
        if profile is not None:
            profile.disable()
        if name:
            self.samples.setdefault(name, []).append(wall)
            self.cpu.setdefault(name, []).append(cpu)
        return wall

    def ms_watched(self, name: str, action, target, shown, timeout: float = 300) -> float:
        """Milliseconds from calling `action` to the end of the first Paint event `target`
        receives once `shown()` holds: the paint watched from the start, the event loop
        waiting for events meanwhile (`ms` waits for a paint after the action's result
        is there, looking for it by turns with a sleep between them, and repaints when
        that paint went by before it looked)."""
        from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

        class Watch(QObject):
            seen = False

            def eventFilter(self, obj, event):  # noqa: N802
                if event.type() == QEvent.Type.Paint and shown():
                    self.seen = True
                return False

        watch = Watch()
        target.installEventFilter(watch)
        tick = QTimer()  # wakes the wait now and then: a job's thread ending posts no event
        tick.start(20)
        deadline = time.monotonic() + timeout
        c0, t0 = time.process_time(), time.perf_counter()
        try:
            action()
            while not watch.seen:
                if time.monotonic() > deadline:
                    raise SystemExit("timed out waiting for the paint")
                self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            wall, cpu = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
        finally:
            tick.stop()
            target.removeEventFilter(watch)
        self.samples.setdefault(name, []).append(wall)
        self.cpu.setdefault(name, []).append(cpu)
        return wall

    def drop_last(self, name: str) -> None:
        self.samples[name].pop()
        self.cpu[name].pop()

    def results(self) -> dict:
        if self.profile_dir:
            for name, profile in self.profiles.items():
                profile.dump_stats(os.path.join(self.profile_dir, f"{name}.prof"))
        return {"samples": self.samples, "cpu": self.cpu, "forced_repaints": self.forced}

    def idle(self, until=lambda: True, timeout: float = 600) -> None:
        """Let the event loop run until `until()` holds (background work finished)."""
        deadline = time.monotonic() + timeout
        while not until():
            if time.monotonic() > deadline:
                raise SystemExit("timed out waiting for the GUI")
            self.app.processEvents()
            time.sleep(0.005)
        self.app.processEvents()


def _window(project, settings_path, name: str, role: str, size=(1400, 900)):
    from annotator.gui.app import open_window
    from annotator.gui.settings import Settings

    window = open_window(project, Settings(settings_path))
    window.set_identity(name, role)
    window.resize(*size)
    window.show()
    return window


def _close(painter: Painter, window) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    window.close()
    window.deleteLater()
    # Deleted now, as the app's event loop deletes a window it retires. processEvents()
    # outside any event loop leaves deferred deletions to the first loop run: a write's
    # (writes.call), so the first decision destroyed the windows closed before it, with
    # their 1 MB documents, while its save ran (80-110 ms of it).
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    painter.idle()


# ---------------------------------------------------------------- start


def start() -> int:
    """The real entry point; READY once the remembered document is painted."""
    import importlib

    # `annotator gui` starts ldd before it imports the app and waits for it after, so the
    # app is not imported here first (that made the start wait for ldd in full): the
    # READY check goes in as the app's module is loaded by the command itself.
    sys.meta_path.insert(0, _OnAppLoaded(_watch_for_ready))
    cli = importlib.import_module("annotator.cli")
    return cli.main(["gui"])


class _OnAppLoaded:
    """A finder that lets the import of annotator.gui.app go on as usual, then hands the
    loaded module to `then`."""

    NAME = "annotator.gui.app"

    def __init__(self, then) -> None:
        self.then = then

    def find_spec(self, name, path, target=None):
        if name != self.NAME:
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        loader = spec.loader
        load = loader.exec_module

        def exec_module(module) -> None:
            load(module)
            self.then(module)

        loader.exec_module = exec_module
        return spec


def _watch_for_ready(app_module) -> None:
    """Wrap the module's application() so that the READY check starts with the app."""
    make = app_module.application

    def application():
        app = make()
        _look_for_ready(app)
        return app

    app_module.application = application


def _look_for_ready(app) -> None:
    from PySide6.QtCore import QTimer

    painter = Painter(app)
    # The window may run event loops of its own before app.exec (a write waiting for the
    # database), so the first timer can fire before it exists: look again until it is up.
    give_up = time.perf_counter() + 120

    def ready() -> None:
        wins = [w for w in app.topLevelWidgets()
                if w.objectName() == "main_window" and w.isVisible()]
        if len(wins) != 1 or wins[0].session.doc is None:
            if time.perf_counter() < give_up:
                QTimer.singleShot(5, ready)
                return
            print("NOT-READY", len(wins), flush=True)
            app.exit(3)
            return
        window = wins[0]
        painter.settle(window.text_view.viewport())
        print("READY", window.session.doc.id, flush=True)
        print("CPU", time.process_time(), flush=True)
        loaded = sorted(m for m in LAZY if m in sys.modules)
        print("LOADED", json.dumps(loaded), flush=True)
        # the project's store opened and others' changes heard: the window takes input
        painter.idle(lambda: window.live.watch is not None, timeout=120)
        print("ATTACHED", flush=True)
        print("QUIT", flush=True)
        window.close()

    QTimer.singleShot(0, ready)


# What the first window does not need: each loads when first used.
LAZY = ("matplotlib", "annotator.core.agreement", "annotator.core.adjudication",
        "annotator.services.agreement", "annotator.services.adjudicate",
        "annotator.gui.agreement", "annotator.gui.adjudication", "annotator.reports",
        "annotator.formats.jsonl", "annotator.formats.brat", "annotator.formats.conll",
        "annotator.formats.xmi", "annotator.formats.label_studio", "annotator.formats.doccano",
        "annotator.formats.semeval", "annotator.formats.registry",
        "annotator.services.file_formats", "annotator.gui.identity_dialog",
        "annotator.gui.occurrences_dialog", "annotator.gui.import_export",
        "annotator.gui.concepts.picker", "annotator.gui.find_bar",
        "annotator.gui.guidelines_panel", "annotator.gui.corpus_search", "trafilatura",
        "annotator.services.handout",  # packing and collecting (services.packages at start)
        # the store opens after the first paint (store.first_look read what it shows)
        "sqlalchemy", "annotator.store.tables",
        "hashlib")  # OpenSSL's libcrypto: the settings' keys take the interpreter's SHA-1


# ---------------------------------------------------------------- work: 1 MB documents


def work(cfg: dict) -> dict:
    import random

    from annotator.gui.app import application
    from annotator.services.project import open_project

    app = application()
    painter = Painter(app)
    project = open_project(cfg["db"])
    _workbench(cfg, project, painter)
    matches = _occurrences(cfg, project, painter)
    _reviewing(cfg, project, painter, random.Random(11))
    project.close()
    return {**painter.results(), "occurrences.matches": matches, "rss_mb": _rss_mb()}


def _workbench(cfg: dict, project, painter: Painter) -> None:
    import random

    window = _window(project, cfg["settings"] + ".work", cfg["annotator"], "annotator")
    session, view = window.session, window.text_view
    painter.idle(window.isVisible)
    area = view.viewport
    small, big0, big1 = cfg["small_doc"], cfg["work_docs"][0], cfg["work_docs"][1]
    runs = cfg["runs"]
    for _ in range(runs["open"]):
        session.open(small)
        session.kept.clear()  # a document not shown before in the window: read
        painter.settle(area())
        painter.ms("workbench.open", lambda: session.open(big0), area)
    for _ in range(runs["switch"]):
        other = big1 if session.doc.id == big0 else big0
        session.kept.clear()
        painter.settle(area())
        painter.ms("workbench.switch_new", lambda o=other: session.open(o), area)
    for _ in range(runs["switch"]):
        other = big1 if session.doc.id == big0 else big0
        painter.ms("workbench.switch", lambda o=other: session.open(o), area)
    session.open(big0)
    painter.settle(area())
    rng = random.Random(5)
    labels = [lab.name for lab in project.codebook.labels]
    for _ in range(runs["label"]):
        first, last = view.visible_blocks()
        block = view.document().findBlockByNumber(rng.randint(first, last))
        at = block.position() + rng.randrange(max(1, block.length() - 30))
        view.select_range(at, at + 12)
        painter.settle(area())
        label = rng.choice(labels)
        before = len(session.doc.index)
        painter.ms("workbench.label", lambda lab=label: view.apply_label(lab), area)
        if len(session.doc.index) != before + 1:
            # already labelled so there: no new span, so not this figure's work
            painter.drop_last("workbench.label")
    _close(painter, window)


def _occurrences(cfg: dict, project, painter: Painter) -> list[int]:
    from annotator.gui.occurrences_dialog import OccurrencesDialog

    window = _window(project, cfg["settings"] + ".occ", cfg["annotator"], "annotator")
    session = window.session
    painter.idle(window.isVisible)
    session.open(cfg["occ_doc"])
    painter.settle(window.text_view.viewport())
    counts = []
    # a new label each time, so that every match is still to be labelled
    labels = [lab.name for lab in project.codebook.labels][-cfg["runs"]["occurrences"]:]
    for label in labels:
        holder = {}

        def open_dialog(label=label, holder=holder):
            # what Edit ▸ Label every occurrence does, with the label chosen up front
            dialog = OccurrencesDialog(session, cfg["phrase"], label, False, window)
            window.dialog = dialog
            dialog.open()
            holder["dialog"] = dialog

        t_find = painter.ms("occurrences.find", open_dialog,
                            lambda h=holder: h["dialog"].tree.viewport())
        dialog = holder["dialog"]
        painter.idle(lambda d=dialog: d.job is None)
        chosen = len(dialog.chosen())
        if chosen != len(dialog.matches) or chosen != cfg["occurrences"]:
            raise SystemExit(f"{chosen} of {len(dialog.matches)} matches to label, "
                             f"not {cfg['occurrences']}")
        before = len(session.doc.index)
        t_apply = painter.ms("occurrences.apply", dialog.apply, window.text_view.viewport)
        added = len(session.doc.index) - before
        if added != chosen:
            raise SystemExit(f"label every occurrence added {added} spans, not {chosen}")
        counts.append(chosen)
        painter.samples.setdefault("occurrences.total", []).append(t_find + t_apply)
        painter.cpu.setdefault("occurrences.total", []).append(
            painter.cpu["occurrences.find"][-1] + painter.cpu["occurrences.apply"][-1])
    _close(painter, window)
    return counts


def _then(painter: Painter, action, until) -> None:
    """The action, then the event loop until its result is on screen: the adjudication
    view reads a document off the GUI thread."""
    action()
    painter.idle(until, timeout=300)


def _showing(view, doc_id: str) -> bool:
    return not view.is_loading() and view.current_document() == doc_id


def _reviewing(cfg: dict, project, painter: Painter, rng) -> None:
    runs = cfg["runs"]
    rev0, rev1 = cfg["review_docs"]
    window = None
    for k in range(runs["enter"]):
        window = _window(project, cfg["settings"] + f".rev{k}", cfg["reviewer"], "reviewer")
        session, review = window.session, window.review
        painter.idle(window.isVisible)
        session.open(rev0)
        painter.settle(window.text_view.viewport())
        # the process's first entry also imports the adjudication view's modules
        painter.ms("review.enter" if k else "review.enter_first_in_process",
                   lambda r=review: _then(painter, r.enter, lambda: _showing(r.view, rev0)),
                   lambda r=review: r.view.gold_pane.viewport())
        if not review.active or review.view.current_document() != rev0:
            raise SystemExit("reviewer mode did not come up on the document")
        painter.idle(lambda r=review: not r.busy() and r.summaries is not None)
        review.leave()
        painter.settle(window.text_view.viewport())
        painter.ms("review.enter_again",
                   lambda r=review: _then(painter, r.enter, lambda: _showing(r.view, rev0)),
                   lambda r=review: r.view.gold_pane.viewport())
        painter.idle(lambda r=review: not r.busy())
        # a document this window has not shown yet: read, not taken from those kept
        painter.ms("review.switch_new", lambda s=window.session, r=review: _then(
            painter, lambda: s.open(rev1), lambda: _showing(r.view, rev1)),
            lambda r=review: r.view.gold_pane.viewport())
        painter.idle(lambda r=review: not r.busy())
        if k < runs["enter"] - 1:
            _close(painter, window)
    session, review = window.session, window.review
    view = review.view
    pane = view.gold_pane.viewport
    for _ in range(runs["review_switch"]):
        other = rev1 if session.doc.id == rev0 else rev0
        painter.ms("review.switch", lambda o=other: _then(
            painter, lambda: session.open(o), lambda: _showing(view, o)), pane)
        if view.current_document() != other:
            raise SystemExit("the adjudication view did not follow the document list")
        painter.idle(lambda: not review.busy())
    from annotator.core import adjudication as adj

    for n in range(runs["decision"]):
        row = view.selected_row()
        if row is None or row.candidate is None or row.state != adj.OPEN:
            open_rows = [r for r in view.model.rows if r.candidate is not None
                         and r.state == adj.OPEN]
            view.select_candidate(rng.choice(open_rows).key)
            painter.settle(pane())
        key = view.selected_row().key
        # the session's first decision on its own: a median of the rest would hide it
        painter.ms("review.decision" if n else "review.decision_first", lambda k=key: _then(
            painter, view.actions.accept.trigger,
            lambda: not view.is_loading() and view.adjudication.row(k).state == adj.ACCEPTED),
            pane)
        if view.adjudication.row(key).state != adj.ACCEPTED:
            raise SystemExit("the decision was not recorded")
        painter.idle(lambda: not review.busy())
    _close(painter, window)
    _reviewing_idle(cfg, project, painter)


def _reviewing_idle(cfg: dict, project, painter: Painter) -> None:
    """(info) Entering and a first-visit switch as a user meets them: in a window gone
    idle after its first paint (the store attached, the view built, as the app does then;
    `review.enter` enters in the turn of that paint), each timed to the gold pane's first
    paint showing the document, watched from the start (`Painter.ms_watched`)."""
    rev0, rev1 = cfg["review_docs"]
    for k in range(cfg["runs"]["enter"]):
        window = _window(project, cfg["settings"] + f".idle{k}", cfg["reviewer"], "reviewer")
        review = window.review
        painter.idle(window.isVisible)
        window.session.open(rev0)
        painter.settle(window.text_view.viewport())
        painter.idle(lambda r=review, w=window: r.view is not None and w.live.watch is not None)
        view = review.view
        painter.ms_watched("review.enter_idle", review.enter, view.gold_pane.viewport(),
                           lambda v=view: _showing(v, rev0))
        painter.idle(lambda r=review: not r.busy())
        painter.ms_watched("review.switch_new_watched", lambda w=window: w.session.open(rev1),
                           view.gold_pane.viewport(), lambda v=view: _showing(v, rev1))
        painter.idle(lambda r=review: not r.busy())
        _close(painter, window)


# ---------------------------------------------------------------- corpus


def corpus(cfg: dict) -> dict:
    from annotator.gui.app import application
    from annotator.services.project import open_project

    app = application()
    painter = Painter(app)
    t0 = time.perf_counter()
    project = open_project(cfg["db"])
    holder = {}

    def open_it():
        holder["w"] = _window(project, cfg["settings"] + ".corpus", cfg["annotator"],
                              "annotator")

    painter.ms("corpus.window_open_list_painted", open_it,
               lambda: holder["w"].panel("documents").view.viewport())
    window = holder["w"]
    painter.idle(lambda: window.session.doc is not None)
    painter.settle(window.text_view.viewport())
    out: dict = {"corpus.window_open": (time.perf_counter() - t0) * 1000}
    session = window.session
    listing = window.panel("documents").view
    for _ in range(cfg["runs"]["list"]):
        painter.ms("corpus.list_refresh", session.refresh_documents, listing.viewport)
    bar = listing.verticalScrollBar()
    for k in range(cfg["runs"]["scroll"]):
        target = (k * 7919 * bar.pageStep()) % max(1, bar.maximum())
        painter.ms("corpus.list_scroll", lambda t=target: bar.setValue(t), listing.viewport)
    out["corpus.rows"] = len(session.summaries)
    out["corpus.rss_open_mb"] = _rss_mb()
    if cfg.get("agreement_html"):
        out.update(_agreement(cfg, window, painter))
    out["corpus.rss_end_mb"] = _rss_mb()
    _close(painter, window)
    project.close()
    return {**painter.results(), **out}


def _agreement(cfg: dict, window, painter: Painter) -> dict:
    from pathlib import Path

    window.set_identity(cfg["reviewer"], "reviewer")
    t0 = time.perf_counter()
    if not window.agreement.open():
        raise SystemExit("the agreement window did not open for the reviewer")
    view = window.agreement.view
    painter.idle(lambda: view.report is not None and (view.job is None or not view.job.running))
    computed = (time.perf_counter() - t0) * 1000
    for k in range(cfg["runs"]["html"]):
        path = Path(cfg["html"]).with_suffix(f".{k}.html")
        # the job runs on a worker thread: timed to its end (the file written), not to a
        # paint; CPU time counts every thread of the process
        c0, t0 = time.process_time(), time.perf_counter()
        job = view.save_report(path, "html")
        painter.idle(lambda j=job: not j.running, timeout=3600)
        painter.samples.setdefault("agreement.app_html", []).append(
            (time.perf_counter() - t0) * 1000)
        painter.cpu.setdefault("agreement.app_html", []).append(
            (time.process_time() - c0) * 1000)
        if job.outcome != "done" or not path.exists() or path.stat().st_size < 1000:
            raise SystemExit(f"the agreement report was not saved ({job.outcome})")
    window.agreement.shutdown()
    return {"agreement.app_compute": computed}


def main(argv: list[str]) -> int:
    if argv[0] == "start":
        return start()
    with open(argv[1], encoding="utf-8") as fh:
        cfg = json.load(fh)
    got = {"work": work, "corpus": corpus}[argv[0]](cfg)
    with open(argv[2], "w", encoding="utf-8") as fh:
        json.dump(got, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
