"""The floors: minimal programs doing the same work as a figure, run as whole processes in
the same run, so that a figure is a ratio that holds however busy the machine is.

    python benchmarks/floors.py import FILE.jsonl DB   json.loads + sqlite3.executemany,
                                                       one transaction
    python benchmarks/floors.py export DB OUT.jsonl    sqlite3 select + json.dumps + write
    python benchmarks/floors.py window                 a bare PySide6 window, shown and
                                                       painted; prints READY, then QUIT
                                                       when it starts to close
    python benchmarks/floors.py window-sqlalchemy      the same after `import sqlalchemy`:
                                                       how much of the start the database
                                                       library takes, whatever the app does

Only the standard library (PySide6 for the window, SQLAlchemy for the second window's
reference): nothing of the annotator.
"""

from __future__ import annotations

import json
import sqlite3
import sys

SCHEMA = """
PRAGMA journal_mode=WAL;
CREATE TABLE documents (pk INTEGER PRIMARY KEY, id TEXT UNIQUE, title TEXT, source TEXT,
                        event TEXT, text TEXT);
CREATE TABLE spans (doc INTEGER, annotator TEXT, start INTEGER, "end" INTEGER, label TEXT,
                    attributes TEXT);
CREATE TABLE doc_labels (doc INTEGER, annotator TEXT, name TEXT, value TEXT);
CREATE TABLE statuses (doc INTEGER, annotator TEXT, status TEXT);
CREATE TABLE gold (doc INTEGER, decided_by TEXT, start INTEGER, "end" INTEGER, label TEXT,
                   sources TEXT);
"""


def _attrs(value) -> str | None:
    return json.dumps(value, ensure_ascii=False) if value else None


def import_floor(src: str, db: str) -> None:
    docs, spans, labels, statuses, gold = [], [], [], [], []
    with open(src, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if "id" not in d:
                continue  # the codebook and concepts lines
            pk = len(docs) + 1
            docs.append((pk, d["id"], d.get("title"), d.get("source"), d.get("event"),
                         d["text"]))
            spans += [(pk, s["annotator"], s["start"], s["end"], s["label"],
                       _attrs(s.get("attributes"))) for s in d.get("annotations", ())]
            labels += [(pk, x["annotator"], x["name"], x["value"])
                       for x in d.get("doc_labels", ())]
            statuses += [(pk, a, v) for a, v in d.get("status", {}).items()]
            gold += [(pk, g["decided_by"], g["start"], g["end"], g["label"],
                      _attrs(g.get("sources"))) for g in d.get("gold", ())]
    con = sqlite3.connect(db)
    con.executescript(SCHEMA)
    with con:  # one transaction
        con.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)", docs)
        con.executemany("INSERT INTO spans VALUES (?, ?, ?, ?, ?, ?)", spans)
        con.executemany("INSERT INTO doc_labels VALUES (?, ?, ?, ?)", labels)
        con.executemany("INSERT INTO statuses VALUES (?, ?, ?)", statuses)
        con.executemany("INSERT INTO gold VALUES (?, ?, ?, ?, ?, ?)", gold)
    con.close()


def _by_doc(con: sqlite3.Connection, query: str) -> dict[int, list]:
    out: dict[int, list] = {}
    for row in con.execute(query):
        out.setdefault(row[0], []).append(row[1:])
    return out


def export_floor(db: str, out_path: str) -> None:
    con = sqlite3.connect(db)
    spans = _by_doc(con, 'SELECT doc, annotator, start, "end", label, attributes FROM spans '
                         'ORDER BY doc, start, "end", label, annotator')
    labels = _by_doc(con, "SELECT doc, annotator, name, value FROM doc_labels "
                          "ORDER BY doc, annotator, name")
    statuses = _by_doc(con, "SELECT doc, annotator, status FROM statuses ORDER BY doc, annotator")
    gold = _by_doc(con, 'SELECT doc, decided_by, start, "end", label, sources FROM gold '
                        'ORDER BY doc, start, "end", label')
    with open(out_path, "w", encoding="utf-8") as fh:
        for pk, doc_id, title, source, event, text in con.execute(
                "SELECT pk, id, title, source, event, text FROM documents ORDER BY pk"):
            line = {"id": doc_id, "title": title, "source": source, "event": event,
                    "text": text}
            line["annotations"] = [
                {"annotator": a, "start": s, "end": e, "label": lab,
                 **({"attributes": json.loads(at)} if at else {})}
                for a, s, e, lab, at in spans.get(pk, ())]
            line["doc_labels"] = [{"annotator": a, "name": n, "value": v}
                                  for a, n, v in labels.get(pk, ())]
            line["status"] = dict(statuses.get(pk, ()))
            if pk in gold:
                line["gold"] = [{"decided_by": a, "start": s, "end": e, "label": lab,
                                 **({"sources": json.loads(src)} if src else {})}
                                for a, s, e, lab, src in gold[pk]]
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    con.close()


def bare_window(with_sqlalchemy: bool = False) -> None:
    """A main window with a text view, from a fresh process to painted on screen; with
    SQLAlchemy imported first, as the app did before its first window painted from the
    first look (kept for comparison with earlier tables)."""
    import time

    if with_sqlalchemy:
        import sqlalchemy  # noqa: F401

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    view = QPlainTextEdit("A bare window.")
    window.setCentralWidget(view)
    window.resize(1400, 900)

    class Painted(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, ready)
            return False

    def ready() -> None:
        print("READY", flush=True)
        print("CPU", time.process_time(), flush=True)
        print("QUIT", time.monotonic(), flush=True)
        window.close()

    watch = Painted()
    view.viewport().installEventFilter(watch)
    window.show()
    app.exec()


def main(argv: list[str]) -> int:
    what = argv[0]
    if what == "import":
        import_floor(argv[1], argv[2])
    elif what == "export":
        export_floor(argv[1], argv[2])
    elif what == "window":
        bare_window()
    elif what == "window-sqlalchemy":
        bare_window(with_sqlalchemy=True)
    else:
        raise SystemExit(f"unknown floor {what!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
