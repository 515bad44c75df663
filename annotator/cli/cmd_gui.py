"""Open a project in the annotation window. Without DB, opens the project you had open
last; the first time, the sample project in your data folder (created with the sample
corpus and the default framing codebook). File ▸ New project…, Open project… and Open
recent switch projects in the window."""

from __future__ import annotations

import argparse
import os
import sys

from annotator.cli.parsers import command


def register(sub) -> None:
    p = command(sub, "gui", help="open the annotation window", description=__doc__,
                epilog="example: annotator gui putin.db  (or: annotator gui --demo)",
                wrapped=True)
    p.add_argument("db", metavar="DB", nargs="?", help="the project (SQLite file or URL)")
    p.add_argument("--demo", action="store_true",
                   help="open the demo project: the sample corpus annotated by three example "
                        "annotators, partly adjudicated, with concepts linked (made in your "
                        "data folder the first time)")
    # For CI and packagers: open the window, report what it shows, and quit.
    p.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(run=run)


def run(args) -> int:
    import logging

    from annotator.cli.errors import fail
    from annotator.core.gc_pauses import loading_modules
    from annotator.gui.system_check import (
        missing_libraries_message,
        startup_check,
        unopenable_library,
    )

    if args.demo and args.db:
        return fail("give a project or --demo, not both")
    problem, libraries_problem = startup_check()  # ldd runs while the app is imported
    if problem is not None:
        return fail(problem)
    try:
        with loading_modules():
            from annotator.gui.app import run_app
    except ImportError as exc:  # a system library Qt links to
        problem = libraries_problem()
        if problem is not None:
            return fail(problem)
        library = unopenable_library(str(exc))
        if library is None:
            raise
        return fail(missing_libraries_message([library]))
    problem = libraries_problem()
    if problem is not None:
        return fail(problem)
    code = run_app(args.db, demo=args.demo, smoke_test=args.smoke_test)
    # Everything is saved and closed by now; tearing down Qt and collecting the objects of
    # a big project would keep the user waiting for a second or more after the window went.
    # The log's handlers are flushed and closed first: os._exit skips atexit.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
