"""annotator gui [DB]"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "gui", help="open the annotation window",
        description="Open a project in the annotation window. Without DB, opens the sample "
                    "project in your data folder (created the first time, with the sample "
                    "corpus and the default framing codebook).",
        epilog="example: annotator gui putin.db",
    )
    p.add_argument("db", metavar="DB", nargs="?", help="the project (SQLite file or URL)")
    p.set_defaults(run=run)


def run(args) -> int:
    from annotator.gui.app import run_app

    return run_app(args.db)
