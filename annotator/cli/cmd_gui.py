"""annotator gui [DB]"""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser(
        "gui", help="open the annotation window",
        description="Open a project in the annotation window. Without DB, opens the sample "
                    "project in your data folder (created the first time, with the sample "
                    "corpus and the default framing codebook).",
        epilog="example: annotator gui putin.db  (or: annotator gui --demo)",
    )
    p.add_argument("db", metavar="DB", nargs="?", help="the project (SQLite file or URL)")
    p.add_argument("--demo", action="store_true",
                   help="open the demo project: the sample corpus annotated by three example "
                        "annotators, partly adjudicated, with concepts linked (made in your "
                        "data folder the first time)")
    p.set_defaults(run=run)


def run(args) -> int:
    from annotator.gui.app import run_app

    if args.demo and args.db:
        from annotator.cli.errors import fail

        return fail("give a project or --demo, not both")
    return run_app(args.db, demo=args.demo)
